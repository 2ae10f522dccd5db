"""Charts in a real browser: drawn by Vega with tooltips, named for screen readers, kept across
instant navigation, and shown as the static SVG when JavaScript is off."""

from __future__ import annotations

import pytest

from conftest import wait_until_settled

from .conftest import CHART_PAGES, MOBILE, needs_chromium, wait_for_charts

pytestmark = [pytest.mark.browser, needs_chromium]

_VEGA_LOADS = "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/vega.min.js')).length"


@pytest.mark.parametrize("kind", CHART_PAGES)
def test_chart_renders_with_tooltip_and_accessible_name(visit, kind: str):
    seen = visit(CHART_PAGES[kind])
    page = seen.page
    assert wait_for_charts(page) >= 1
    figure = page.locator(".rs-chart").first
    live = figure.locator(".rs-chart__live svg")
    marks = ".mark-rect path, .mark-symbol path"  # bars, or the points of a chart over the years
    assert live.locator(marks).count() >= 2  # marks drawn, not an empty frame
    assert figure.locator("img.rs-chart__static").is_hidden()
    # Accessible: one image named like the static SVG's alt, with the data as a table beside it.
    assert live.get_attribute("role") == "img"
    name = live.get_attribute("aria-label") or ""
    assert len(name) > 10 and name == figure.locator("img.rs-chart__static").get_attribute("alt")
    assert figure.locator("details table tbody tr").count() >= 2
    # Tooltip (vega-tooltip, from the spec's tooltip encodings) on hovering the widest bar.
    bars = live.locator(marks)
    boxes = [bars.nth(i).bounding_box() for i in range(bars.count())]
    widest = max(range(len(boxes)), key=lambda i: (boxes[i] or {}).get("width", 0) * (boxes[i] or {}).get("height", 0))
    bars.nth(widest).evaluate("el => el.scrollIntoView({block: 'center'})")  # not under the fixed header
    tooltip = page.locator("#vg-tooltip-element.visible")
    for _ in range(3):  # the first move can land while the page still settles after scrolling
        box = bars.nth(widest).bounding_box()
        assert box is not None
        page.mouse.move(0, 0)
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
        try:
            tooltip.wait_for(state="visible", timeout=2000)
            break
        except Exception:
            continue
    tooltip.wait_for(state="visible", timeout=1000)
    text = tooltip.inner_text()
    assert any(ch.isdigit() for ch in text) and "出处" in text, text
    # in words: never the data's field names
    assert not any(name in text for name in ("标签", "类别", "说明", "颜色", "形状", "系列")), text
    assert seen.problems() == []


def test_charts_survive_instant_navigation(visit):
    seen = visit(CHART_PAGES["home"])
    page = seen.page
    wait_for_charts(page)
    page.evaluate("window.__noReload = true")  # lost if the browser loads a page the ordinary way
    route = [("a[href$='indicators/gdp/']", "**/indicators/gdp/"), (".rs-card__source a", "**/c1/**")]
    for selector, url in route:
        title = page.title()
        page.locator(selector).first.click()
        page.wait_for_url(url)
        page.wait_for_function("t => document.title !== t", arg=title)  # the new content is in place
        assert wait_for_charts(page) >= 1, page.url
        assert page.evaluate("window.__noReload") is True, "not an instant navigation"
    title = page.title()
    page.go_back()
    page.wait_for_url("**/indicators/gdp/")
    page.wait_for_function("t => document.title !== t", arg=title)
    assert wait_for_charts(page) >= 1
    assert page.evaluate(_VEGA_LOADS) == 1  # fetched once for the whole visit
    assert seen.problems() == []


@pytest.mark.parametrize("kind", CHART_PAGES)
def test_without_javascript_the_static_svg_is_shown(visit, kind: str):
    seen = visit(CHART_PAGES[kind], java_script_enabled=False)
    page = seen.page
    images = page.locator("img.rs-chart__static")
    assert images.count() >= 1
    for i in range(images.count()):
        image = images.nth(i)
        image.scroll_into_view_if_needed()
        assert image.is_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth > 100")
    assert page.locator(".rs-chart__live").count() == 0
    assert seen.problems() == []


def test_vega_is_loaded_only_when_a_reader_reaches_for_a_chart(visit):
    seen = visit(CHART_PAGES["chapter"], viewport=MOBILE)
    page = seen.page
    page.locator("img.rs-chart__static").first.scroll_into_view_if_needed()  # read, not touched: still static
    wait_until_settled(page)  # scroll and visibility handlers have run: a load they started would show now
    assert page.locator("script[src$='vega.min.js']").count() == 0
    assert page.evaluate(_VEGA_LOADS) == 0
    assert page.locator("img.rs-chart__static").first.is_visible()
    assert wait_for_charts(page) >= 1
    assert page.evaluate(_VEGA_LOADS) == 1
    assert seen.problems() == []


def test_vega_is_loaded_only_where_there_are_charts(visit):
    seen = visit("about/")
    assert seen.page.locator(".rs-chart__view").count() == 0
    assert seen.page.evaluate("typeof window.vegaEmbed") == "undefined"
    assert seen.page.evaluate("performance.getEntriesByType('resource').some(e => e.name.includes('vega'))") is False


def test_chart_png_button_downloads_a_png(browser, site_url: str):
    """The PNG button appears once the chart is live and saves an image drawn from it (no PNG on the server)."""
    page = browser.new_page(accept_downloads=True)
    try:
        page.goto(site_url + "indicators/gdp/")
        page.locator(".rs-chart").first.hover()  # Vega loads when the pointer reaches a chart
        button = page.get_by_role("button", name="PNG 图").first
        button.wait_for(state="visible", timeout=20000)
        with page.expect_download() as download:
            button.click()
        assert download.value.suggested_filename == "gdp-level.png"
        with open(download.value.path(), "rb") as handle:
            assert handle.read(8) == b"\x89PNG\r\n\x1a\n"
    finally:
        page.close()
