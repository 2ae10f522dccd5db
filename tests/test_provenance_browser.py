"""In a real browser: following a source link highlights the quoted words, also after instant navigation."""

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import CHROMIUM
from generator.rules.numbers import strip_ws

BUILT_FOR = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian chromium (apt-get install chromium)"),
]


class _DeployedHere(http.server.SimpleHTTPRequestHandler):
    """Serves the site as if it had been built for this server's address.

    Material navigates instantly only to URLs listed in sitemap.xml, which holds `site_url`; the
    site is built for the default address, so the sitemap is served with this server's origin.
    """

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.split("?")[0] != "/sitemap.xml":
            return super().do_GET()
        here = f"http://127.0.0.1:{self.server.server_address[1]}/"
        body = (Path(self.directory) / "sitemap.xml").read_text(encoding="utf-8").replace(BUILT_FOR, here).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="module")
def server(real_site: Path) -> Iterator[str]:
    handler = functools.partial(_DeployedHere, directory=str(real_site / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


MARKED = "Array.from(document.querySelectorAll('mark.rs-hl')).map(m => m.textContent).join('')"
IN_VIEW = """() => { const m = document.querySelector('mark.rs-hl'); if (!m) return false;
  const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }"""


def _quote_of(href: str) -> str:
    from urllib.parse import parse_qs, urlparse

    return strip_ws(parse_qs(urlparse(href).query)["quote"][0])


def test_opening_a_source_link_highlights_the_quote(browser, server: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "indicators/tourism-revenue/")
    href = page.locator("a.rs-src--value").first.get_attribute("href")
    page.goto(href)
    page.wait_for_selector("mark.rs-hl")
    assert page.evaluate(MARKED) == _quote_of(href)
    paragraph = href.rsplit("#", 1)[1]
    assert page.evaluate(f"document.getElementById('{paragraph}').classList.contains('rs-para--source')")
    assert page.evaluate(f"document.querySelectorAll('mark.rs-hl').length > 0 && "
                         f"Array.from(document.querySelectorAll('mark.rs-hl')).every(m => m.closest('#{paragraph}'))")  # fmt: skip
    page.wait_for_function(IN_VIEW)
    page.close()


def test_highlight_follows_instant_navigation(browser, server: str):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "indicators/gdp/")
    page.wait_for_load_state("networkidle")  # Material has fetched the sitemap: instant navigation is on
    page.evaluate("window.__same_document = true")
    links = page.locator(".rs-observations a.rs-src--value")
    first, last = links.first.get_attribute("href"), links.last.get_attribute("href")
    assert "/shenzhen-2024/c1/" in first and "/futian-2024/c2/" in last
    links.first.click()
    page.wait_for_url(lambda url: "/shenzhen-2024/c1/" in url and "quote=" in url)
    page.wait_for_selector("mark.rs-hl")
    assert page.evaluate("window.__same_document") is True  # no page load: Material swapped the content
    assert page.evaluate(MARKED) == _quote_of(first)
    paragraph = first.rsplit("#", 1)[1]
    assert page.evaluate(f"Array.from(document.querySelectorAll('mark.rs-hl')).every(m => m.closest('#{paragraph}'))")
    page.wait_for_function(IN_VIEW)
    page.go_back()
    page.wait_for_url("**/indicators/gdp/")
    page.wait_for_selector(".rs-observations a.rs-src--value")  # the indicator page's content is back
    assert page.evaluate("document.querySelectorAll('mark.rs-hl').length") == 0
    page.locator(".rs-observations a.rs-src--value").last.click()
    page.wait_for_url(lambda url: "/futian-2024/c2/" in url and "quote=" in url)
    page.wait_for_selector("mark.rs-hl")
    assert page.evaluate("window.__same_document") is True
    assert page.evaluate(MARKED) == _quote_of(last)
    assert errors == []
    page.close()
