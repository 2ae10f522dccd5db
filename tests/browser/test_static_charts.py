"""What a reader sees before touching anything: every static chart readable at phone and desktop width
(text ≥ 10 CSS px, no label cut or shortened), the live chart the same size as the static one. The same chart
texts are measured at every width from 320 to 1440 px in the sweeps of test_widths.py (one page load each)."""

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
    "embed": "embed/tracker-growth/",
}
# One page of each chart type: bars by category (home), target dumbbells (tracker), bars by period (an
# indicator of one year), and — from the next-year test fixture — levels and growth rates over the years.
CHART_TYPES = {
    "bars": ("real", ""),
    "dumbbell": ("real", "targets/"),
    "period-bars": ("real", "indicators/gdp/"),
    "time": ("next-year", "indicators/gdp/"),
}


def each_static_chart(body: str) -> str:
    """A page script: each static chart's SVG drawn inline at the size and position its <img> has on the page
    (the file the <picture> chose), `body` run on it (with img, box, svg, frame, scale) and its result kept,
    with the file's name as `src`."""
    return (
        """async () => {
  const out = [];
  for (const img of document.querySelectorAll('img.rs-chart__static')) {
    const box = img.getBoundingClientRect();
    const holder = document.createElement('div');
    holder.style.cssText = `position:absolute;left:${box.left + scrollX}px;top:${box.top + scrollY}px;width:${box.width}px`;
    holder.innerHTML = await (await fetch(img.currentSrc)).text();
    document.body.appendChild(holder);
    const svg = holder.querySelector('svg');
    svg.style.width = box.width + 'px';
    svg.style.height = 'auto';
    const frame = svg.getBoundingClientRect();
    const scale = frame.width / svg.viewBox.baseVal.width;
    const result = (() => {
"""
        + body
        + """
    })();
    out.push({src: img.currentSrc.split('/').pop(), ...result});
    holder.remove();
  }
  return out;
}"""
    )


# Each static chart's texts measured as rendered: font size in CSS px, and whether it lies inside the
# image (a label cut at the edge lies partly outside) or was shortened with "…".
MEASURE = each_static_chart(
    """    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
    const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    const cut = texts.filter(t => {
      const r = t.getBoundingClientRect();
      return r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1;
    }).map(t => t.textContent);
    const shortened = texts.filter(t => t.textContent.includes('…')).map(t => t.textContent);
    return {width: box.width, height: box.height, smallest: Math.min(...sizes), cut, shortened};"""
)


def measure(page) -> list[dict]:
    return page.evaluate(MEASURE)


# Each static chart's texts as drawn (inline, at the size of its <img>): the box of every line of text, its
# height cut to the font size (a text's box also holds the font's ascent and descent, which overlap a
# neighbour's without the letters touching), and the SVG's own box.
BOXES = each_static_chart(
    """    const lines = [];
    for (const text of svg.querySelectorAll('text')) {
      const parts = text.querySelectorAll('tspan').length ? [...text.querySelectorAll('tspan')] : [text];
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      for (const part of parts) {
        if (!part.textContent.trim()) continue;
        const r = part.getBoundingClientRect();
        const inset = Math.max(0, (r.height - size) / 2);
        lines.push({text: part.textContent, left: r.left, right: r.right, top: r.top + inset, bottom: r.bottom - inset});
      }
    }
    // the data's marks: points along every line (every 2 px) and the box of every point symbol
    const points = [];
    for (const path of svg.querySelectorAll('.mark-line.role-mark path')) {
      const ctm = path.getScreenCTM(), length = path.getTotalLength();
      for (let at = 0; at <= length; at += 2 / scale) {
        const p = path.getPointAtLength(at).matrixTransform(ctm);
        points.push({x: p.x, y: p.y});
      }
    }
    const symbols = [...svg.querySelectorAll('.mark-symbol.role-mark path')].map(p => {
      const r = p.getBoundingClientRect();
      return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
    });
    return {frame: {left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom}, lines, points, symbols};"""
)


def overlaps(lines: list[dict], slack: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of text lines whose boxes overlap by more than `slack` px both ways."""
    found = []
    for i, a in enumerate(lines):
        for b in lines[i + 1 :]:
            wide = min(a["right"], b["right"]) - max(a["left"], b["left"])
            tall = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if wide > slack and tall > slack:
                found.append((a["text"], b["text"]))
    return found


def under_marks(chart: dict, slack: float = 1) -> list[str]:
    """Text lines a data line runs through or a point symbol covers (by more than `slack` px)."""
    found = []
    for t in chart["lines"]:
        inside = [
            p for p in chart["points"]
            if t["left"] + slack < p["x"] < t["right"] - slack and t["top"] + slack < p["y"] < t["bottom"] - slack
        ]  # fmt: skip
        covered = [
            s for s in chart["symbols"]
            if min(t["right"], s["right"]) - max(t["left"], s["left"]) > slack
            and min(t["bottom"], s["bottom"]) - max(t["top"], s["top"]) > slack
        ]  # fmt: skip
        if inside or covered:
            found.append(t["text"])
    return found


def outside(chart: dict, slack: float = 1) -> list[str]:
    f = chart["frame"]
    return [
        t["text"]
        for t in chart["lines"]
        if t["left"] < f["left"] - slack or t["right"] > f["right"] + slack or t["top"] < f["top"] - slack
        or t["bottom"] > f["bottom"] + slack
    ]  # fmt: skip


# Every static chart shows the file its <picture> picks for the viewport now (the first <source> whose media
# matches, else the <img>'s own), loaded.
_CHOSEN = """() => [...document.querySelectorAll('img.rs-chart__static')].every(img => {
  const source = [...(img.closest('picture')?.querySelectorAll('source') ?? [])].find(s => matchMedia(s.media).matches);
  const file = source ? source.getAttribute('srcset').trim().split(/[\\s,]+/)[0] : img.getAttribute('src');
  return img.complete && img.naturalWidth > 0 && img.currentSrc === new URL(file, document.baseURI).href;
})"""


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
@pytest.mark.parametrize("kind", ["dumbbell", "time"])
def test_live_chart_keeps_the_static_size(visit, next_year_url: str, kind: str, width: int):
    viewport = MOBILE if width == MOBILE["width"] else DESKTOP
    site, path = CHART_TYPES[kind]
    seen = visit(path, viewport=viewport, base=next_year_url if site == "next-year" else None)
    page = seen.page
    sizes = "() => [...document.querySelectorAll('.rs-chart__view')].map(v => v.getBoundingClientRect().height)"
    before = page.evaluate(sizes)
    assert wait_for_charts(page) == len(before)
    after = page.evaluate(sizes)
    for static, live in zip(before, after, strict=True):
        assert abs(static - live) <= 2, (before, after)
    page.locator(".rs-chart").first.screenshot(path=str(screenshot_dir() / f"live-chart-{kind}-{width}.png"))
    assert seen.problems() == []


@pytest.mark.parametrize("width", [MOBILE["width"], DESKTOP["width"]])
@pytest.mark.parametrize("kind", CHART_TYPES)
def test_static_labels_neither_overlap_nor_leave_the_chart(visit, next_year_url: str, kind: str, width: int):
    site, path = CHART_TYPES[kind]
    viewport = MOBILE if width == MOBILE["width"] else DESKTOP
    seen = visit(path, viewport=viewport, base=next_year_url if site == "next-year" else None)
    page = seen.page
    charts = page.evaluate(BOXES)
    assert charts, "no chart on the page"
    for chart in charts:
        assert overlaps(chart["lines"]) == [], chart["src"]
        assert outside(chart) == [], chart["src"]
        assert under_marks(chart) == [], chart["src"]  # no label under a line or a point
    for n, figure in enumerate(page.locator(".rs-chart").all()):
        figure.screenshot(path=str(screenshot_dir() / f"labels-{kind}-{n}-{width}.png"))
    assert seen.problems() == []
