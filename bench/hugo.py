"""The same generated pages built by Hugo (Debian's `hugo`), as the practical lower bound of a static site.

A minimal Hugo site is made from build/docs: every Markdown page (index.md becomes _index.md), every
other file as a static file, one trivial layout. No theme, no search index, no navigation: it is the
cost of turning these pages into HTML, nothing more.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from common import median, run

LAYOUT = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
"""
CONFIG = """baseURL = "http://127.0.0.1/"
languageCode = "zh-cn"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
[markup.goldmark.parser.attribute]
title = true
"""


def make_site(docs: Path, target: Path) -> int:
    """Write the Hugo site; return the number of Markdown pages it holds."""
    pages = 0
    for path in sorted(docs.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(docs)
        if path.suffix == ".md":
            name = "_index.md" if path.name == "index.md" else path.name
            dest = target / "content" / relative.parent / name
            pages += 1
        else:
            dest = target / "static" / relative
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)
    for kind in ("single", "list"):
        (target / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
        (target / "layouts" / "_default" / f"{kind}.html").write_text(LAYOUT, encoding="utf-8")
    (target / "layouts" / "index.html").write_text(LAYOUT, encoding="utf-8")
    (target / "config.toml").write_text(CONFIG, encoding="utf-8")
    return pages


def measure(project: Path, bare_mkdocs_s: float, runs: int = 3) -> dict[str, Any]:
    """Median Hugo build time of the real generated pages, and MkDocs' bare time as a multiple of it."""
    hugo = shutil.which("hugo")
    if hugo is None:
        return {"hugo_s": None, "hugo_note": "hugo not installed (apt-get install hugo)"}
    site = project.parent / "hugo-site"
    pages = make_site(project / "build" / "docs", site)
    command = [hugo, "--quiet", "-s", str(site), "-d", str(site / "public")]
    times = [run(command, site).seconds for _ in range(runs)]
    return {
        "hugo_s": round(median(times), 3),
        "hugo_runs": [round(s, 3) for s in times],
        "hugo_pages": pages,
        "hugo_html": len(list((site / "public").rglob("*.html"))),
        "bare_mkdocs_over_hugo": round(bare_mkdocs_s / median(times), 1),
    }
