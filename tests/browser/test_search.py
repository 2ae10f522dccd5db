"""Chinese search as a reader uses it, in the real browser: Material's dialog fed by the site's own index.

The index (generator/output/searchindex.py) is made from the model and fetched in small files per query by
the query code (assets/javascripts/search/query.js) inside our worker (workers/reportsite-search.js). Each
held-out query (tests/search_queries.py) must put the expected page among the first five results; results
answer (an indicator's latest value, a chapter's sentence with the words marked); pasted and IME input
search at once; the keyboard and the highlighting after a click work; nothing is fetched before search.
"""

from __future__ import annotations

import time

import pytest
from search_queries import SEARCHES

from .conftest import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]

_RESULTS = "[...document.querySelectorAll('.md-search-result__item > a')].slice(0, 5).map(a => a.href)"


def top_five(page, query: str, timeout: float = 10.0) -> list[str]:
    """Enter a query into Material's search box and return the first five result links once stable.

    The previous query's results are taken off the page first, and the query goes in whole (as a paste or an IME
    does; a key press after it, which Material listens to), so the first results shown are this query's.
    """
    page.evaluate(_CLEAR)
    box = page.locator("input.md-search__input")
    box.fill(query)
    page.keyboard.press("End")  # Material listens to keyup; typing CJK sends none
    deadline = time.monotonic() + timeout
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').textContent.trim() !== '' && "
        "document.querySelector('input.md-search__input').value === q",
        arg=query,
    )
    previous: list[str] | None = None
    stable = 0
    while time.monotonic() < deadline and stable < 2:  # and they stay (the worker answered once)
        page.wait_for_timeout(100)
        current = page.evaluate(_RESULTS)
        stable = stable + 1 if current == previous else 0
        previous = current
    return previous or []


# The results shown so far and their count line, off the page: what shows up next is the next query's.
_CLEAR = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  if (meta) meta.textContent = '';
  document.querySelector('.md-search-result__list')?.replaceChildren();
}"""


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
    assert "workers/reportsite-search.js?replaces=search." in worker


_INDEX_LOADS = "performance.getEntriesByType('resource').filter(e => e.name.includes('search_index.json')).length"
_SEARCH_FILES = "performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/search/'))"


def _results(page) -> list[dict[str, str]]:
    return page.evaluate(
        """[...document.querySelectorAll('.md-search-result__item')].map(item => ({
             href: item.querySelector('a').href, title: item.querySelector('h1').innerText,
             text: item.innerText, html: item.innerHTML}))"""
    )


def test_results_answer_with_the_value_and_the_marked_sentence(search_page):
    """An indicator shows its latest values as printed (region, year, value); a chapter the sentence with the
    words marked; no list of missing terms, no internal tokens, no stray ¶."""
    page, errors = search_page
    top_five(page, "地区生产总值")
    first = _results(page)[0]
    assert first["href"].split("?")[0].endswith("/indicators/gdp/")
    assert "地区生产总值" in first["title"] and "深圳市 2023年 3.46万亿元" in first["text"]
    top_five(page, "3.46万亿元")
    chapter = next(r for r in _results(page) if "/reports/" in r["href"])
    assert "<mark>3.46万亿元</mark>" in chapter["html"]
    assert "#c" in chapter["html"]  # the sentence links to its paragraph
    for query in ("专精特新", "社会消费品零售总额", "市区对比"):
        top_five(page, query)
        for result in _results(page):
            assert "缺少" not in result["text"] and "¶" not in result["text"] and "\u200b" not in result["text"]
    assert page.locator(".md-search-result__terms").count() == 0
    assert errors == []


def _wait_results(page, contains: str) -> None:
    page.wait_for_function(
        "t => [...document.querySelectorAll('.md-search-result__item a')].some(a => a.href.includes(t))",
        arg=contains,
        timeout=10000,
    )


def test_a_pasted_query_and_an_ime_commit_search_at_once(search_page):
    """Material reads the field on keyup: a paste (an input event alone) and an input method's commit searched
    only after the next key press."""
    page, _ = search_page
    box = page.locator("input.md-search__input")
    box.fill("")
    box.fill("567.1公里")  # what a paste does: one input event, no key
    _wait_results(page, "/indicators/metro-length/")
    box.fill("")
    page.keyboard.insert_text("低空经济")  # an IME commit: text inserted, no key events
    _wait_results(page, "/indicators/low-altitude-economy-output/")


def test_the_keyboard_opens_a_result_and_the_page_marks_the_words(visit):
    """Material's keys: / opens search, arrows move through the results, Enter opens one; the page it opens
    marks the query's words (search.highlight, ?h=)."""
    seen = visit("")
    page = seen.page
    page.keyboard.press("/")
    page.wait_for_function(
        "() => !document.querySelector('.md-search-result__meta').textContent.includes('初始化')", timeout=30000
    )
    page.keyboard.type("专精特新")
    page.keyboard.press("End")
    _wait_results(page, "/indicators/")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.href")
    assert "/indicators/" in focused and "h=" in focused
    page.keyboard.press("Enter")
    page.wait_for_url("**/indicators/**")
    page.wait_for_function("() => document.querySelectorAll('mark[data-md-highlight]').length > 0", timeout=10000)
    assert "专精特新" in page.locator("mark[data-md-highlight]").first.inner_text()
    assert seen.problems() == []


def test_search_index_is_fetched_only_when_the_reader_opens_search(visit, site_url: str):
    """Search is not in the critical path: no request until the reader reaches for search; then search
    works, with suggestions, and keeps working after instant navigation (the worker keeps what it fetched)."""
    seen = visit("reports/shenzhen-2024/c1/")
    page = seen.page
    requested: list[str] = []  # the worker's requests too (not in the page's performance entries)
    page.context.on("request", lambda request: requested.append(request.url))
    page.mouse.wheel(0, 400)  # reading, not searching
    page.wait_for_load_state("networkidle")
    assert page.evaluate(_SEARCH_FILES) == [] and [u for u in requested if "/search/" in u] == []
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
    fetched = [url for url in requested if "/search/" in url and not url.endswith("search_index.json")]
    assert sum(url.endswith("/search/index.json") for url in fetched) == 1  # our manifest, once per visit
    assert len(fetched) == len(set(fetched))  # each file of the index fetched once
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
