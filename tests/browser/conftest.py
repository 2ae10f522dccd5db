"""Real-browser fixtures: the real built site served on 127.0.0.1 (free port), one Chromium per session.

Every page is opened through `visit`, which records console errors, failed local requests and any
request to another host (those are aborted: the site must work offline).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}

# One page of each type the site has (paths under the site root); search results are opened in the
# search dialog of the home page (see test_search.py and test_a11y.py).
PAGE_TYPES = {
    "home": "",
    "report": "reports/shenzhen-2024/",
    "chapter": "reports/shenzhen-2024/c1/",
    "indicator": "indicators/gdp/",
    "indicators": "indicators/",
    "about": "about/",
}
CHART_PAGES = {name: PAGE_TYPES[name] for name in ("home", "chapter", "indicator")}

needs_chromium = pytest.mark.skipif(
    shutil.which(CHROMIUM) is None, reason="needs Debian chromium (apt-get install chromium)"
)


class _Site(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; its sitemap is answered with this server's address instead of
    `site_url`, as on the real host (Material's instant navigation only follows links that are in
    the sitemap, and the sitemap's port must match)."""

    site_url = ""
    served_url = ""

    def do_GET(self) -> None:
        if self.path.split("?")[0] != "/sitemap.xml":
            super().do_GET()
            return
        body = (
            Path(self.directory, "sitemap.xml").read_bytes().replace(self.site_url.encode(), self.served_url.encode())
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def _serve(project: Path) -> Iterator[str]:
    import re

    site = project / "site"
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    handler = type("Handler", (_Site,), {"site_url": canonical.group(1) if canonical else "\0"})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    handler.served_url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield handler.served_url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def site_url(real_site: Path) -> Iterator[str]:
    yield from _serve(real_site)


@pytest.fixture(scope="session")
def next_year_url(next_year_site: Path) -> Iterator[str]:
    """The site with the next-year test fixture (tests/fixtures/next-year), served like the real one: time charts."""
    yield from _serve(next_year_site)


@pytest.fixture(scope="session")
def regions_url(regions_project: Path) -> Iterator[str]:
    """The ten-district project (tests/conftest.py `regions_project`: a synthetic project built for the tests and
    never published, once per run, shared with tests/test_bench.py), served."""
    yield from _serve(regions_project)


@dataclass
class Visit:
    """A page in its own browser context, with what went wrong while it was open."""

    page: Any
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return self.errors + [f"请求了外部地址：{url}" for url in self.foreign]


@pytest.fixture
def visit(browser: Any, site_url: str) -> Iterator[Callable[..., Visit]]:
    """`visit(path, viewport=..., base=..., **context_options)` opens a page of the served site (or of the
    site served at `base`, e.g. `next_year_url`)."""
    contexts: list[Any] = []

    def open_page(
        path: str = "", viewport: dict[str, int] | None = None, base: str | None = None, **options: Any
    ) -> Visit:
        root = base or site_url
        context = browser.new_context(viewport=viewport or DESKTOP, **options)
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)

        def route(r: Any) -> None:
            if r.request.url.startswith(root) or r.request.url.startswith("data:"):
                r.continue_()
            else:
                seen.foreign.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.on("console", lambda m: seen.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.errors.append(f"pageerror: {e}"))
        page.on(
            "response",
            lambda r: seen.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
        )
        if path is not None:
            page.goto(root + path)
            page.wait_for_load_state("networkidle")
        return seen

    yield open_page
    for context in contexts:
        context.close()


WAKE_CHARTS = """() => document.querySelectorAll('.rs-chart').forEach(f => {
  f.scrollIntoView();
  f.dispatchEvent(new PointerEvent('pointerenter'));
})"""


def wait_for_charts(page: Any, timeout: float = 20000) -> int:
    """Reach for every chart as a reader would (Vega loads when the pointer, a touch or focus reaches a
    chart) and wait until all are drawn; returns how many there are."""
    page.evaluate(WAKE_CHARTS)
    handle = page.wait_for_function(
        """() => {
          const views = [...document.querySelectorAll('.rs-chart__view')];
          const done = views.filter(v => v.dataset.rendered === 'yes' && v.querySelector('.rs-chart__live svg'));
          return done.length === views.length ? views.length + 1 : 0;
        }""",
        timeout=timeout,
    )
    return int(handle.json_value()) - 1


def screenshot_dir() -> Path:
    """Where screenshots go: $SCREENSHOT_DIR, by default build/screenshots (uploaded by CI)."""
    root = Path(__file__).resolve().parents[2]
    folder = Path(os.environ.get("SCREENSHOT_DIR") or root / "build" / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
