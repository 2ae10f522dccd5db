"""Chinese search as a reader types it, in the real browser, against the real index.

Material 9.8.1 alone misses 地区生产总值 (its last word is dropped), 3.46万亿元 and 567.1公里
(number glued to its unit) and 万元GDP能耗; our worker (site_templates/assets/javascripts/workers/
reportsite-search.js) fixes the query before Material sees it. Each query must put the expected
page among the first five results.
"""

from __future__ import annotations

import time

import pytest
from search_queries import SEARCHES

from .conftest import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

_RESULTS = "[...document.querySelectorAll('.md-search-result__item > a')].slice(0, 5).map(a => a.href)"


def top_five(page, query: str, timeout: float = 10.0) -> list[str]:
    """Type a query into Material's search box and return the first five result links once stable."""
    box = page.locator("input.md-search__input")
    box.fill("")
    page.keyboard.type(query)
    page.keyboard.press("End")  # Material listens to keyup; typing CJK sends none
    deadline = time.monotonic() + timeout
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').textContent.trim() !== '' && "
        "document.querySelector('input.md-search__input').value === q",
        arg=query,
    )
    previous: list[str] | None = None
    stable = 0
    while time.monotonic() < deadline and stable < 3:  # results settle after the worker answers
        page.wait_for_timeout(150)
        current = page.evaluate(_RESULTS)
        stable = stable + 1 if current == previous else 0
        previous = current
    return previous or []


@pytest.fixture(scope="module")
def search_page(browser, site_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site_url)
    page.click("input.md-search__input")
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').textContent.includes('初始化')", timeout=30000
    )
    yield page, errors
    context.close()


def test_search_table_hits_in_the_first_five(search_page, site_url: str):
    page, errors = search_page
    misses = []
    for query, what, expected in SEARCHES:
        links = [link.removeprefix(site_url) for link in top_five(page, query)]
        if not any(link.startswith(expected) for link in links):
            misses.append(f"{query}（{what}）: 期望 {expected}，前五条为 {links}")
    hits = len(SEARCHES) - len(misses)
    print(f"search hit rate: {hits}/{len(SEARCHES)}")
    assert len(SEARCHES) >= 20
    assert misses == []
    assert errors == []


def test_search_uses_our_worker(search_page):
    page, _ = search_page
    worker = page.evaluate("JSON.parse(document.getElementById('__config').textContent).search")
    assert "workers/reportsite-search.js?material=search." in worker


_INDEX_LOADS = "performance.getEntriesByType('resource').filter(e => e.name.includes('search_index.json')).length"


def test_search_index_is_fetched_only_when_the_reader_opens_search(visit, site_url: str):
    """The index (~110 KB gzipped) is not in the critical path: no request until the reader reaches for
    search; then search works, with suggestions, and keeps working after instant navigation."""
    seen = visit("reports/shenzhen-2024/c1/")
    page = seen.page
    page.mouse.wheel(0, 400)  # reading, not searching
    page.wait_for_load_state("networkidle")
    assert page.evaluate(_INDEX_LOADS) == 0
    page.click("input.md-search__input")  # the search field (on a desktop it is in the header)
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').textContent.includes('初始化')", timeout=30000
    )
    assert page.evaluate(_INDEX_LOADS) == 1
    links = top_five(page, "3.46万亿元")
    assert any("/indicators/gdp/?" in link for link in links), links  # ?h=: search.highlight
    page.keyboard.press("Escape")
    page.evaluate("window.__noReload = true")
    page.locator("a[href$='indicators/']").first.click()  # instant navigation keeps the loaded index
    page.wait_for_url("**/indicators/")
    page.click("input.md-search__input")  # the search field (on a desktop it is in the header)
    assert any("/indicators/cpi/" in link for link in top_five(page, "居民消费价格"))
    assert page.evaluate("window.__noReload") is True and page.evaluate(_INDEX_LOADS) == 1
    # suggestions (search.suggest): the rest of a word being typed
    box = page.locator("input.md-search__input")
    box.fill("")
    page.keyboard.type("地区生")
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('.md-search__suggest').textContent.trim() !== ''")
    assert seen.problems() == []


def test_a_search_link_with_q_loads_the_index(visit):
    seen = visit("?q=GDP")
    seen.page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=30000)
    assert seen.problems() == []
