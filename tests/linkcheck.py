"""A link checker for a built site served under a sub-path (`/reportsite/`, as a GitHub Pages project site is).

Two passes over one local HTTP server that serves the site only under the sub-path (any other path is 404):
npm linkinator crawls from the site's front page (links, images, scripts, stylesheets, over HTTP), and every
`href`, `src` and `srcset` of every HTML file, and every URL our scripts read (a chart's `data-spec`), is
resolved as a browser would — a link that leaves the
sub-path, names no file, or whose `#fragment` is no element id on its target page is broken.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import ROOT, soup

LINKINATOR = ROOT / "node_modules" / ".bin" / "linkinator"
PREFIX = "/reportsite/"
ATTRIBUTES = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("iframe", "src"))
SCRIPT_URLS = ("data-spec", "data-narrow-spec")  # charts.js fetches these, relative to the page


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def served(site: Path, port: int) -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:port/reportsite/ (and nothing else); yield that base URL."""

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            if not path.startswith(PREFIX):
                return str(site / "\0missing")  # outside the sub-path: 404
            return super().translate_path("/" + path.removeprefix(PREFIX))

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


def crawl(base: str) -> tuple[list[str], int]:
    """linkinator from `base`, other hosts skipped: (broken links, links checked)."""
    host = re.escape(base[: base.index(PREFIX)])
    result = subprocess.run(
        [str(LINKINATOR), base, "--recurse", "--skip", rf"^(?!{host}/)", "--format", "json", "--concurrency", "20"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    report = json.loads(result.stdout)
    broken = [f"{link['url']} ← {link.get('parent')} ({link['status']})" for link in report["links"]
              if link["state"] == "BROKEN"]  # fmt: skip
    return broken, len(report["links"])


def _targets(tag: object, attribute: str) -> list[str]:
    value = tag.get(attribute)  # type: ignore[attr-defined]
    if attribute == "srcset" and value:
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value] if value else []


def resolve_all(site: Path, base: str) -> tuple[list[str], int]:
    """Every internal link of every HTML file resolved from its URL under `base`: (broken ones, links checked)."""
    origin = base[: base.index(PREFIX)]
    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            doc = soup(page)
            ids[page] = {t["id"] for t in doc.find_all(id=True)} | {
                t["name"] for t in doc.find_all("a", attrs={"name": True})
            }
        return ids[page]

    broken: list[str] = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        url = base + (relative.removesuffix("index.html") if relative.endswith("index.html") else relative)
        doc = soup(page)
        found = [
            (name, attr, t) for name, attr in ATTRIBUTES for tag in doc.find_all(name) for t in _targets(tag, attr)
        ]
        found += [("source", "srcset", t) for tag in doc.find_all("source") for t in _targets(tag, "srcset")]
        found += [(tag.name, attr, tag[attr]) for attr in SCRIPT_URLS for tag in doc.find_all(attrs={attr: True})]
        for name, attr, target in found:
            absolute = urljoin(url, target)
            parts = urlsplit(absolute)
            if parts.scheme not in {"http", "https"} or f"{parts.scheme}://{parts.netloc}" != origin:
                continue  # another site, mailto:, javascript:, data:
            checked += 1
            where = f"{relative}: <{name} {attr}={target!r}>"
            if not parts.path.startswith(PREFIX):
                broken.append(f"{where} leaves {PREFIX}")
                continue
            file = site / unquote(parts.path.removeprefix(PREFIX))
            if parts.path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{where}: no file {file.relative_to(site)}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and fragment != "__search" and file.suffix == ".html" and fragment not in ids_of(file):
                broken.append(f"{where}: no id {fragment!r} in {file.relative_to(site)}")
    return broken, checked
