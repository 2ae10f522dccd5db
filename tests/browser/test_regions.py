"""One city and ten districts (bench/synthetic.py, a synthetic project built for the tests, never published):
the comparison pages read on a phone — no table wider than the screen — and the district chooser takes the
reader to the city beside the district they picked."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import DESKTOP, MOBILE, needs_chromium, screenshot_dir

pytestmark = [pytest.mark.browser, needs_chromium]

_WIDE = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('.md-content *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .slice(0, 5).map(el => el.tagName + '.' + el.className);
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["phone", "desktop"])
def test_compare_pages_fit_and_the_chooser_leads_to_the_district(browser: Any, regions_url: str, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(regions_url + "compare/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate(_WIDE)["wide"] == []  # the ranked tables fit, also at 390 px
    name = "phone" if viewport == MOBILE else "desktop"
    page.screenshot(path=str(screenshot_dir() / f"regions-compare-{name}.png"), full_page=True)
    chip = page.locator("nav.rs-chooser a.rs-chip", has_text="南山区")
    title = page.title()
    chip.click()
    page.wait_for_url("**/compare/nanshan-*/")
    page.wait_for_function("t => document.title !== t", arg=title)  # instant navigation: the URL changes first
    assert page.locator("h1").inner_text().rstrip("¶") == "深圳市与南山区"
    assert page.locator("nav.rs-chooser [aria-current=page]").inner_text() == "南山区"
    sizes = page.evaluate(_WIDE)
    assert sizes["wide"] == [] and sizes["scroll"] <= sizes["client"], sizes  # the tables stack on a phone
    page.screenshot(path=str(screenshot_dir() / f"regions-compare-district-{name}.png"), full_page=True)
    assert errors == []
    context.close()
