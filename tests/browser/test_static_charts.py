"""What a reader sees before touching anything: every static chart readable at phone and desktop width
(text ≥ 10 CSS px, no label cut or shortened), the live chart the same size as the static one."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, MOBILE, needs_chromium, screenshot_dir, wait_for_charts

pytestmark = [pytest.mark.browser, needs_chromium]

# Every page type that shows a chart.
CHART_PAGE_TYPES = {
    "home": "",
    "report": "reports/shenzhen-2024/",
    "chapter": "reports/shenzhen-2024/c1/",
    "indicator": "indicators/gdp/",
    "tracker": "targets/",
}

# Each static chart's SVG drawn inline at the size and position its <img> has on the page (the file the
# <picture> chose), then each text measured as rendered: font size in CSS px, and whether it lies inside the
# image (a label cut at the edge lies partly outside) or was shortened with "…".
MEASURE = """async () => {
  const out = [];
  for (const img of document.querySelectorAll('img.rs-chart__static')) {
    const box = img.getBoundingClientRect();
    const text = await (await fetch(img.currentSrc)).text();
    const holder = document.createElement('div');
    holder.style.cssText = `position:absolute;left:${box.left + scrollX}px;top:${box.top + scrollY}px;width:${box.width}px`;
    holder.innerHTML = text;
    document.body.appendChild(holder);
    const svg = holder.querySelector('svg');
    svg.style.width = box.width + 'px';
    svg.style.height = 'auto';
    const frame = svg.getBoundingClientRect();
    const scale = frame.width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
    const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    const cut = texts.filter(t => {
      const r = t.getBoundingClientRect();
      return r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1;
    }).map(t => t.textContent);
    const shortened = texts.filter(t => t.textContent.includes('…')).map(t => t.textContent);
    out.push({src: img.currentSrc.split('/').pop(), width: box.width, height: box.height,
              smallest: Math.min(...sizes), cut, shortened});
    holder.remove();
  }
  return out;
}"""


def measure(page) -> list[dict]:
    return page.evaluate(MEASURE)


@pytest.mark.parametrize("width", [MOBILE["width"], DESKTOP["width"]])
@pytest.mark.parametrize("kind", CHART_PAGE_TYPES)
def test_static_charts_are_readable_without_touching(visit, kind: str, width: int):
    viewport = MOBILE if width == MOBILE["width"] else DESKTOP
    seen = visit(CHART_PAGE_TYPES[kind], viewport=viewport)
    page = seen.page
    charts = measure(page)
    assert charts, "no chart on the page"
    for chart in charts:
        assert chart["smallest"] >= 10, chart
        assert chart["cut"] == [] and chart["shortened"] == [], chart
        assert ("narrow" in chart["src"]) == (width == MOBILE["width"]), chart
    page.locator(".rs-chart").first.screenshot(path=str(screenshot_dir() / f"static-chart-{kind}-{width}.png"))
    assert seen.problems() == []


@pytest.mark.parametrize("width", [MOBILE["width"], DESKTOP["width"]])
def test_live_chart_keeps_the_static_size(visit, width: int):
    viewport = MOBILE if width == MOBILE["width"] else DESKTOP
    seen = visit(CHART_PAGE_TYPES["tracker"], viewport=viewport)
    page = seen.page
    sizes = "() => [...document.querySelectorAll('.rs-chart__view')].map(v => v.getBoundingClientRect().height)"
    before = page.evaluate(sizes)
    assert wait_for_charts(page) == len(before)
    after = page.evaluate(sizes)
    for static, live in zip(before, after, strict=True):
        assert abs(static - live) <= 2, (before, after)
    page.locator(".rs-chart").first.screenshot(path=str(screenshot_dir() / f"live-chart-tracker-{width}.png"))
    assert seen.problems() == []
