"""The live preview (`reportsite serve`): one rebuild per save, only the pages that changed, mistakes shown in the page.

- One save, one rebuild: the generator writes `build/docs`, which MkDocs watches by default, so every save
  used to trigger a second full build. The inputs (`content/`, `site_templates/`, `seeds/`) are watched
  instead and `build/docs` is unwatched (`unwatch_generated`).
- Only changed pages: serve builds are MkDocs "dirty" builds, which re-render a page only when its Markdown
  is newer than its HTML; the generator rewrites only the Markdown that changed. When every page must change
  (the navigation changed, or a problem banner appears or goes), all Markdown is touched (`Preview`).
  Search in the preview indexes the pages rebuilt since it started; `reportsite build` is always complete.
- A mistake is shown in the served page: the last good pages stay, each with a banner holding the located
  messages (escaped), until the content is valid again.

Used by the `reportsite` MkDocs plugin (`generator/plugin.py`), which keeps one `Preview` per serve session.
"""

from __future__ import annotations

import html
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BANNER_ID = "rs-preview-problem"
_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)
_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:.8em 1em;background:#fdecea;color:#611a15;"
    "border-bottom:2px solid #d32f2f;font-size:.8rem;line-height:1.5"
)


@dataclass
class Preview:
    """What the running preview knows between rebuilds: the current problem and the last navigation."""

    problem: str | None = None
    nav_key: str | None = None

    def failed(self, message: str, docs: Path) -> None:
        """The content is wrong: keep the last good Markdown, show `message` on every page."""
        if message != self.problem:
            self.problem = message
            touch_all(docs)

    def succeeded(self, nav: Any, docs: Path, theme: Path | None = None) -> None:
        """The content is valid: drop the banner; rebuild every page when the navigation or theme changed."""
        stamps = sorted((str(p), p.stat().st_mtime_ns) for p in theme.rglob("*") if p.is_file()) if theme else []
        key = repr((nav, stamps))
        if self.problem is not None or (self.nav_key is not None and key != self.nav_key):
            touch_all(docs)
        self.problem = None
        self.nav_key = key

    def decorate(self, page_html: str) -> str:
        """The page with the problem banner right after `<body>` (unchanged when there is no problem)."""
        if self.problem is None:
            return page_html
        return _BODY.sub(lambda m: m.group() + banner(self.problem or ""), page_html, count=1)


def banner(message: str) -> str:
    """The banner: what is wrong, located, and that the page below is the last good version."""
    return (
        f'<div id="{BANNER_ID}" role="alert" style="{_STYLE}">'
        "<strong>内容有误，页面仍是上一次正确生成的版本。改正后自动刷新。</strong>"
        f'<pre style="white-space:pre-wrap;margin:.4em 0 0;font-size:inherit">{html.escape(message)}</pre></div>'
    )


def touch_all(docs: Path) -> None:
    """Mark every generated page as changed, so the next dirty build re-renders it."""
    for path in docs.rglob("*.md"):
        os.utime(path)


def allow_dirty_builds() -> None:
    """Drop MkDocs' warning that a dirty build is being performed: in strict mode it would abort every build.

    The preview is dirty on purpose (see above); the warning is meant for people who did not choose it.
    """
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())


def unwatch_generated(server: Any, docs_dir: str) -> None:
    """Stop MkDocs watching the generated docs (the generator's own output), so one save is one build."""
    server.unwatch(docs_dir)
