"""Sharing and printing: a chart embedded in another site's page, and pages printed to PDF."""

from __future__ import annotations

import functools
import http.server
import io
import re
import threading
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import needs_chromium, screenshot_dir
from .test_static_charts import MEASURE

pytestmark = [pytest.mark.browser, needs_chromium]


class _Host(http.server.BaseHTTPRequestHandler):
    """Another site (another port, so another origin) whose article embeds a chart with our <iframe> code."""

    body = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def host() -> Iterator[tuple[str, type[_Host]]]:
    handler = type("Host", (_Host,), {})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", handler
    httpd.shutdown()
    httpd.server_close()


def _embed_code(browser: Any, site_url: str, page_path: str) -> str:
    page = browser.new_page()
    try:
        page.goto(site_url + page_path)
        return page.locator("textarea.rs-chart__embed-code").first.input_value()
    finally:
        page.close()


@pytest.mark.parametrize("chart_page", ["", "indicators/gdp/", "targets/"])
def test_embedded_chart_renders_on_another_origin_at_320px(browser, site_url: str, host, chart_page: str):
    host_url, handler = host
    code = _embed_code(browser, site_url, chart_page)
    assert code.startswith("<iframe src=") and "/embed/" in code
    # The build's site_url is not this test server's: point the code at the served copy of the same page.
    src = code.split('src="', 1)[1].split('"', 1)[0]
    served = site_url + src.split("/embed/", 1)[1].join(["embed/", ""])
    code = code.replace(src, served).replace('width="100%"', 'width="320"')
    handler.body = (
        f'<!doctype html><html lang="zh"><body style="margin:0"><p>一篇文章。</p>{code}</body></html>'.encode()
    )
    context = browser.new_context(viewport={"width": 320, "height": 800})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith((site_url, host_url)) else r.abort())
    try:
        page = context.new_page()
        page.goto(host_url)
        frame = page.frame_locator("iframe")
        frame.locator("img.rs-chart__static").wait_for()
        inner = next(f for f in page.frames if f.url.startswith(served))
        inner.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 100)")
        assert inner.locator("figcaption").inner_text().strip()
        assert "来源：" in inner.locator(".rs-embed__source").inner_text()
        back = inner.locator(".rs-embed__source a").get_attribute("href") or ""
        assert back.startswith("http") and "/embed/" not in back
        for chart in inner.evaluate(MEASURE):  # readable at 320 px: the phone layout, text ≥ 10 px, nothing cut
            assert chart["smallest"] >= 10 and chart["cut"] == [] and "narrow" in chart["src"], chart
        assert inner.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        # nothing but the page itself: no header, navigation or search
        assert inner.locator("header, nav, .md-search, form").count() == 0
        # the live chart loads inside the frame too, from our site only
        inner.evaluate("document.querySelector('.rs-chart').dispatchEvent(new PointerEvent('pointerenter'))")
        inner.wait_for_function("document.querySelector('.rs-chart__view').dataset.rendered === 'yes'", timeout=20000)
        page.screenshot(
            path=str(screenshot_dir() / f"embed-{chart_page.strip('/').replace('/', '-') or 'home'}-320.png")
        )
        assert [u for u in requests if not u.startswith((site_url, host_url))] == []
    finally:
        context.close()


def _pdf_text(pdf: bytes) -> str:
    """The PDF's text without spaces, NFKC-normalised (Kangxi radicals ⼀ → 一)."""
    from pypdf import PdfReader

    text = "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    return unicodedata.normalize("NFKC", text)


def _found(expected: str, text: str) -> bool:
    """`expected` in the PDF text. Chromium's PDF maps some Noto CJK glyphs to the CJK Radicals Supplement
    (民 as ⺠, 页 as ⻚: one glyph serves both code points), so there such a radical matches an ideograph, in
    at most a third of the characters (a run of radicals must not match any short word)."""
    expected = unicodedata.normalize("NFKC", expected)
    pattern = "".join(
        f"[{re.escape(ch)}\u2e80-\u2eff]" if "\u4e00" <= ch <= "\u9fff" else re.escape(ch) for ch in expected
    )
    for match in re.finditer(pattern, text):
        if 3 * sum(a != b for a, b in zip(match.group(), expected, strict=True)) <= len(expected):
            return True
    return False


# Words only the site's chrome shows (header, tabs, search, chart buttons), never a page's own text.
CHROME = ("搜索", "图表数据表", "嵌入此图", "Vega-Lite", "PNG图", "回到页面顶部", "切换到深色模式")


@pytest.mark.parametrize("path", ["reports/shenzhen-2024/c1/", "indicators/gdp/", "targets/"])
def test_printed_page_has_the_text_and_none_of_the_navigation(visit, path: str):
    seen = visit(path)
    page = seen.page
    tabs = [t.strip() for t in page.locator(".md-tabs__link").all_inner_texts()]
    article = "".join(page.locator("article").inner_text().split())
    first = "".join(page.locator("article .rs-para, article .rs-card, article td").first.inner_text().split())
    pdf = page.pdf(format="A4", print_background=True)
    (screenshot_dir() / f"print-{path.strip('/').replace('/', '-')}.pdf").write_bytes(pdf)
    text = _pdf_text(pdf)
    assert _found(first[:30], text), first
    for word in [*CHROME, *(t for t in tabs if t and t not in article)]:
        assert not _found(word, text), word
    site_name = page.evaluate("document.querySelector('.md-header__topic').innerText.trim()")
    assert not _found(site_name, text)
    if "/c" in path:
        assert _found("".join(page.locator("article .rs-para").nth(3).inner_text().split())[:40].rstrip("¶"), text)
    else:  # each value's citation is printed as text beside it
        assert "第" in text and "段" in text
    assert seen.problems() == []


def test_printed_indicator_page_keeps_headings_with_their_text_frames_tables_and_prints_addresses(visit):
    """On paper: no heading is the last line of a page (it goes over with what follows it); every table is
    printed as a table, outside any scroll box (a scroll box prints as one block whose frame runs empty to the
    page's end); each 查看原文 link is followed by its address, which paper cannot follow otherwise."""
    from pypdf import PdfReader

    seen = visit("indicators/gdp/")
    page = seen.page
    headings = [h.rstrip("¶").strip() for h in page.locator("article :is(h2, h3)").all_inner_texts()]
    addresses = page.evaluate("[...document.querySelectorAll('.rs-quote__cite a.rs-src')].map(a => a.dataset.printUrl)")
    assert headings and addresses and all(addresses)
    page.emulate_media(media="print")
    framed = page.evaluate(
        """() => [...document.querySelectorAll('article table')].map(t => {
          const boxes = [];
          for (let a = t.parentElement; a && a.tagName !== 'ARTICLE'; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') boxes.push(a.className);
          }
          const rows = t.querySelectorAll('tr');
          const last = rows[rows.length - 1].getBoundingClientRect().bottom;
          return {display: getComputedStyle(t).display, boxes, gap: t.getBoundingClientRect().bottom - last};
        }).filter((t, i, all) => true)"""
    )
    for table in framed:
        assert table["boxes"] == [] and table["display"] == "table" and table["gap"] <= 2, table
    pdf = page.pdf(format="A4", print_background=True)
    (screenshot_dir() / "print-indicator-gdp-sources.pdf").write_bytes(pdf)
    pages = [unicodedata.normalize("NFKC", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    for n, text in enumerate(pages[:-1]):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        last = lines[-1] if lines else ""
        assert not any(h and _found(h, "".join(last.split())) and len(last) <= len(h) + 2 for h in headings), (n, last)
    text = "".join("".join(p.split()) for p in pages)
    for address in addresses:
        assert address in text, address
    assert seen.problems() == []
