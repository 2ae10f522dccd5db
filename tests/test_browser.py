"""Smoke test in a real browser (Debian chromium via playwright): a chart renders, Chinese search works."""

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian chromium (apt-get install chromium)"),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(real_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(real_site / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


def test_indicator_chart_renders_interactively(browser, server: str):
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "indicators/gdp/")
    page.wait_for_selector(".rs-chart__live svg .mark-rect path", timeout=15000)
    assert page.locator(".rs-chart__static").first.is_hidden()
    assert page.locator(".rs-chart__live svg").first.get_attribute("aria-label")
    assert errors == []
    page.close()


def test_chart_survives_instant_navigation(browser, server: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server)
    page.wait_for_selector(".rs-chart__live svg", timeout=15000)
    page.click("a[href$='indicators/gdp/']")
    page.wait_for_url("**/indicators/gdp/")
    page.wait_for_selector(".rs-chart__live svg .mark-rect path", timeout=15000)
    assert page.evaluate("document.querySelectorAll('script[src$=\"vega.min.js\"]').length") == 1
    page.close()


SEARCHES = [
    ("固定资产投资", "indicators/fixed-asset-investment/"),
    ("地区生产总值", "indicators/gdp/"),
    ("社会消费品零售总额", "indicators/retail-sales/"),
    ("GDP", "indicators/gdp/"),
    ("规模以上工业增加值", "indicators/industrial-value-added/"),
    ("河套", "indicators/hetao-"),
    ("低空经济", "indicators/low-altitude-economy-output/"),
    ("3.46", "indicators/gdp/"),
]


@pytest.mark.parametrize(("query", "expected"), SEARCHES)
def test_chinese_search_finds_the_page(browser, server: str, query: str, expected: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server)
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.keyboard.press("End")  # Material listens to keyup; typing CJK sends none
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = [a.get_attribute("href") or "" for a in page.locator(".md-search-result__item > a").all()[:5]]
    assert any(expected in href for href in links), links
    page.close()
