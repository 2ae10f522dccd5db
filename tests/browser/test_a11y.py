"""Accessibility with axe-core (npm, injected into the page): no serious or critical violation on any
page type, in light and dark colour schemes, with the search results open, and on a phone."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from conftest import wait_until_settled

from .conftest import MOBILE, PAGE_TYPES, needs_chromium, wait_for_charts

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
    pytest.mark.skipif(not AXE.is_file(), reason="needs npm axe-core (npm ci)"),
]


@functools.cache
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def serious_violations(page) -> list[str]:
    """axe's serious and critical findings, each as 'rule: selector — summary'."""
    page.add_script_tag(content=axe_source())
    violations = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' — ' + (n.failureSummary || '')"
        ".split('\\n').slice(0, 2).join(' '))).flat())"
    )
    return list(violations)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_axe_violation(visit, kind: str, scheme: str):
    seen = visit(PAGE_TYPES[kind], color_scheme=scheme)
    wait_for_charts(seen.page)
    assert serious_violations(seen.page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_axe_violation_in_search_results(visit, scheme: str):
    page = visit("", color_scheme=scheme).page
    page.click("input.md-search__input")
    page.keyboard.type("地区生产总值")
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    # Results fade in: check colours once they stop changing (mid-fade text is lighter than it ends).
    wait_until_settled(page)
    assert serious_violations(page) == []


@pytest.mark.parametrize("kind", ["home", "indicator"])
def test_no_serious_axe_violation_on_a_phone(visit, kind: str):
    seen = visit(PAGE_TYPES[kind], viewport=MOBILE, is_mobile=True, has_touch=True)
    wait_for_charts(seen.page)
    assert serious_violations(seen.page) == []
