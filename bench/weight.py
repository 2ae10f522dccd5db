"""What a reader downloads, per page type: HTML, gzip-transferred bytes, and the JavaScript each page loads.

Transferred = gzip -6 of the HTML plus every same-site script, stylesheet and image the page references
(what a server with compression sends on a first visit with an empty cache). Vega's bundle is counted
on pages with a chart, where charts.js loads it; the search index is fetched when the reader searches.
"""

from __future__ import annotations

import gzip
import re
import statistics
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from bs4 import BeautifulSoup

TYPES = {
    "home": re.compile(r"^index\.html$"),
    "report": re.compile(r"^reports/[^/]+/index\.html$"),
    "chapter": re.compile(r"^reports/[^/]+/c\d+/index\.html$"),
    "indicator": re.compile(r"^indicators/(?!index\.html)[^/]+/index\.html$"),
    "theme": re.compile(r"^themes/[^/]+/index\.html$"),
    "indicators index": re.compile(r"^indicators/index\.html$"),
}
VEGA = "assets/javascripts/vega.min.js"


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def page_weight(site: Path, page: Path) -> dict[str, Any]:
    html = page.read_bytes()
    doc = BeautifulSoup(html, "html.parser")
    refs = [t["src"] for t in doc.find_all(["script", "img"], src=True)]
    refs += [t["href"] for t in doc.find_all("link", href=True) if "stylesheet" in (t.get("rel") or [])]
    files = []
    for ref in refs:
        if urlparse(ref).netloc:
            continue
        target = (page.parent / urlparse(ref).path).resolve()
        if target.is_file():
            files.append(target)
    if doc.select(".rs-chart"):
        files.append((site / VEGA).resolve())
    scripts = [f for f in files if f.suffix == ".js"]
    return {
        "html": len(html),
        "html_gz": _gz(html),
        "transferred_gz": _gz(html) + sum(_gz(f.read_bytes()) for f in set(files)),
        "js": sum(f.stat().st_size for f in set(scripts)),
        "js_gz": sum(_gz(f.read_bytes()) for f in set(scripts)),
        "vega": (site / VEGA).resolve() in files,
    }


def measure(site: Path) -> dict[str, Any]:
    """Median and largest weights per page type, and the search index raw and gzipped."""
    by_type: dict[str, list[dict[str, Any]]] = {name: [] for name in TYPES}
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        for name, pattern in TYPES.items():
            if pattern.match(relative):
                by_type[name].append(page_weight(site, page))
    out: dict[str, Any] = {}
    for name, weights in by_type.items():
        if not weights:
            continue
        out[name] = {
            "pages": len(weights),
            **{f"median_{k}": int(statistics.median(w[k] for w in weights)) for k in ("html", "html_gz", "transferred_gz", "js", "js_gz")},
            "max_html": max(w["html"] for w in weights),
            "with_vega": sum(w["vega"] for w in weights),
        }  # fmt: skip
    files = [p.read_bytes() for p in sorted((site / "search").rglob("*.json"))]  # all of it; a query fetches a few
    out["search index"] = {"files": len(files), "bytes": sum(map(len, files)), "gz": sum(_gz(f) for f in files)}
    return out
