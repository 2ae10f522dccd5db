"""The site's URL scheme, in one place: where each page lives and how pages link to each other.

Pages are named by their Markdown path under the docs folder (`indicators/gdp.md`); MkDocs serves
`a/b.md` at `a/b/`. Python builds every path here, and templates get this module as `urls`; links
between pages are relative, so the site works offline and under any base URL (a GitHub Pages project
site's `/reportsite/`).

The one link policy: every link the generator writes is made by `relative_url`, and it knows how the engine
reads an `href` in a page's raw HTML. MkDocs and ProperDocs leave it as written, so it is relative to the
page's URL (`PAGE`: from `a/b.md`, served at `a/b/`). Zensical rewrites it as relative to the Markdown
source's folder (`SOURCE`: from `a/`). What no engine rewrites is read by the browser: always `PAGE` — files
the engine copies as they are (embed pages, redirects), HTML added after the engine (the preview banner), and
URLs our scripts read from `data-*` attributes (a chart's `data-spec`: `script_url` in the templates).
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote as _quote

HOME = "index.md"
ABOUT = "about.md"
INDICATORS = "indicators/index.md"
COMPARE = "compare.md"
DATA_PAGE = "data/index.md"
GLOSSARY = "glossary.md"
TRACKER = "targets/index.md"


def report_page(report_id: str) -> str:
    return f"reports/{report_id}/index.md"


def chapter_page(report_id: str, index: int) -> str:
    """The page of a report's chapter; `index` counts from 0, the URL from 1 (c1, c2 …)."""
    return f"reports/{report_id}/c{index + 1}.md"


def indicator_page(indicator_id: str) -> str:
    return f"indicators/{indicator_id}.md"


def theme_page(slug: str) -> str:
    return f"themes/{slug}.md"


def tracker_page(report_id: str) -> str:
    return f"targets/{report_id}.md"


def compare_page(district_report_id: str) -> str:
    """The city beside one district (its latest report), when the site has several districts."""
    return f"compare/{district_report_id}.md"


def redirect_page(old_indicator_id: str) -> str:
    """A renamed indicator's old address: a static HTML file copied as it is (read by the browser)."""
    return f"indicators/{old_indicator_id}/index.html"


def embed_page(chart_slug: str) -> str:
    """A chart alone, for an <iframe> on another site: a plain HTML folder, outside MkDocs' pages (no nav,
    no search); chart slugs are unique site-wide."""
    return f"embed/{chart_slug}/"


def page_url(path: str) -> str:
    """The directory URL MkDocs gives a Markdown page (`a/b.md` → `a/b/`, `a/index.md` → `a/`)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


PAGE = "page"  # an href is relative to the page's URL: MkDocs, ProperDocs, and the browser itself
SOURCE = "source"  # an href in raw HTML is relative to the Markdown source's folder: Zensical
ENGINE_LINKS = {"mkdocs": PAGE, "properdocs": PAGE, "zensical": SOURCE}


def relative_url(from_page: str, target: str, resolve: str = PAGE) -> str:
    """Link from a page to a page (`x.md`, optional `#anchor`) or a static file, relative for offline use.

    `resolve` is how the engine reads the link (`PAGE` or `SOURCE`, see the module's docstring).
    """
    target_path, _, anchor = target.partition("#")
    if resolve == SOURCE:
        start = posixpath.dirname(from_page) or "."
    elif resolve == PAGE:
        start = page_url(from_page) or "."
    else:
        raise ValueError(f"unknown link resolution {resolve!r}")
    dest = page_url(target_path) if target_path.endswith(".md") else target_path
    rel = posixpath.relpath(dest or ".", start)
    if target_path.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def paragraph_url(page: str, paragraph_id: str, site_url: str | None = None) -> str:
    """A paragraph's address: absolute when the site URL is known, else from the site root."""
    path = f"{page_url(page)}#{paragraph_id}"
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def quote_query(quote: str, paragraph_id: str) -> str:
    """The query and fragment that make a chapter page mark a quote (read by provenance.js)."""
    return f"?quote={_quote(''.join(quote.split()), safe='/')}&p={paragraph_id}#{paragraph_id}"
