"""Every page type loads in a real browser without an error and without leaving the local server;
an indicator's source link lands on its paragraph."""

from __future__ import annotations

import pytest

from conftest import wait_until_settled

from .conftest import MOBILE, PAGE_TYPES, needs_chromium, wait_for_charts

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_loads_offline_without_errors(visit, kind: str):
    seen = visit(PAGE_TYPES[kind])
    wait_for_charts(seen.page)
    assert seen.page.locator("h1").first.inner_text().strip()
    assert (seen.page.get_attribute("html", "lang") or "").startswith("zh")
    assert seen.problems() == []


@pytest.mark.parametrize("where", [".rs-card__source a", ".rs-quote__cite a"])  # top and bottom of the page
def test_source_link_lands_on_its_paragraph(visit, where: str):
    seen = visit(PAGE_TYPES["indicator"])
    page = seen.page
    link = page.locator(where).first
    href = link.get_attribute("href") or ""
    paragraph_id = href.split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**#{paragraph_id}")
    target = page.locator(f"[id='{paragraph_id}']")
    target.wait_for(state="visible")
    assert page.evaluate("location.hash") == f"#{paragraph_id}"
    # The paragraph is on screen, below the fixed header (scroll-margin-top), not hidden under it.
    box = target.bounding_box()
    header = page.locator(".md-header").bounding_box()
    viewport = page.viewport_size
    assert box is not None and header is not None and viewport is not None
    assert header["y"] + header["height"] <= box["y"] + 2 < viewport["height"], (box, header)
    # TODO(lead, issue-4a): when the quote highlight lands, assert here that the quoted words inside
    # `target` are highlighted (e.g. a <mark> whose text equals the card's quote) and visible.
    # Note: after instant navigation (history.pushState) `:target` is not reliably set, so the
    # highlight cannot rest on the `.rs-para:target` CSS alone.
    assert seen.problems() == []


def test_link_to_a_late_paragraph_lands_on_it_on_a_phone(visit):
    """A link straight to a chapter's last paragraph, opened fresh on a phone, shows it below the header, and
    it stays there once the page has settled (the sticky header never covers it)."""
    chapter = PAGE_TYPES["chapter"]
    seen = visit(chapter, viewport=MOBILE)
    ids = seen.page.eval_on_selector_all(".rs-para", "ps => ps.map(p => p.id)")
    assert len(ids) > 5
    page = visit(f"{chapter}#{ids[-1]}", viewport=MOBILE).page
    wait_until_settled(page)
    box = page.locator(f"[id='{ids[-1]}']").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box is not None and header is not None
    assert header["y"] + header["height"] <= box["y"] + 2 < MOBILE["height"], (box, header)
    assert seen.problems() == []
