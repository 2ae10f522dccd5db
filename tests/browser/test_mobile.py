"""Phone-sized reading (390×844): the navigation drawer works, no page scrolls sideways; and
screenshots of every page type at desktop and phone size for CI's artifacts (and for a human)."""

from __future__ import annotations

import pytest

from conftest import wait_until_settled

from .conftest import DESKTOP, MOBILE, PAGE_TYPES, needs_chromium, screenshot_dir, wait_for_charts

pytestmark = [pytest.mark.browser, needs_chromium]

PHONE = {"viewport": MOBILE, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}

_OVERFLOW = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('.md-content *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .filter(el => !el.closest('.md-typeset__scrollwrap, .rs-chart__view, pre, .md-typeset__table'))
    .slice(0, 5).map(el => el.tagName + '.' + el.className);
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_page_scrolls_sideways_on_a_phone(visit, kind: str):
    seen = visit(PAGE_TYPES[kind], **PHONE)
    wait_for_charts(seen.page)
    sizes = seen.page.evaluate(_OVERFLOW)
    assert sizes["scroll"] <= sizes["client"], sizes
    seen.page.screenshot(path=str(screenshot_dir() / f"mobile-{kind}.png"), full_page=True)
    assert seen.problems() == []


def test_navigation_drawer_on_a_phone(visit):
    seen = visit(PAGE_TYPES["home"], **PHONE)
    page = seen.page
    drawer = page.locator("nav.md-nav--primary")
    assert not drawer.is_visible() or drawer.bounding_box()["x"] < 0  # off screen until opened
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    wait_until_settled(page)  # the drawer has slid in
    box = drawer.bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] > 200
    page.screenshot(path=str(screenshot_dir() / "mobile-drawer.png"))
    link = drawer.locator("a.md-nav__link[href$='about/']").first
    link.scroll_into_view_if_needed()
    title = page.title()
    link.click()
    page.wait_for_url("**/about/")
    page.wait_for_function("t => document.title !== t", arg=title)  # instant navigation: the URL changes first
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    assert "关于" in page.locator("h1").first.inner_text()
    assert seen.problems() == []


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_desktop_screenshot(visit, kind: str):
    seen = visit(PAGE_TYPES[kind], viewport=DESKTOP)
    wait_for_charts(seen.page)
    seen.page.screenshot(path=str(screenshot_dir() / f"desktop-{kind}.png"), full_page=True)
    sizes = seen.page.evaluate(_OVERFLOW)
    assert sizes["scroll"] <= sizes["client"], sizes
