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
- A report under review (open items: `indicator: TODO …`, `TODO` fields) is previewed without its open
  observations: every page carries a banner listing the open items (file:line, message, a link that marks
  the quote on its chapter page), and each paragraph holding one gets a 待确认 badge with the quote.
  `reportsite build` still refuses such a report.
- What MkDocs would redo on every rebuild although nothing it reads changed is kept for the session
  (`ThemeCache`): the theme's compiled templates (Jinja bytecode, checked against the template's source),
  the list of the theme's files (the installed theme is read once; the project's `overrides/` on every
  change), and the site-wide pages `404.html` and `sitemap.xml`, rendered again only when the
  navigation, the set of pages, the theme or `mkdocs.yml` changed (`Preview.site_wide_unchanged`).
  The generator's own memories (rendered pages, open data files, files already in `build/docs`) are
  in `output/render.py`, `output/opendata.py` and `output/write.py`.

Used by the `reportsite` MkDocs plugin (`generator/plugin.py`), which keeps one `Preview` per serve session.
"""

from __future__ import annotations

import html
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader
from jinja2.bccache import Bucket, BytecodeCache

from generator.checks.open_items import OpenItem
from generator.model.urls import quote_query, relative_url

BANNER_ID = "rs-preview-problem"
_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)
_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:.8em 1em;background:#fdecea;color:#611a15;"
    "border-bottom:2px solid #d32f2f;font-size:.8rem;line-height:1.5"
)


OPEN_BANNER_ID = "rs-preview-open"
OPEN_BADGE_CLASS = "rs-open-item"
_OPEN_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:.6em 1em;background:#fff4e5;color:#663c00;"
    "border-bottom:2px solid #ed6c02;font-size:.75rem;line-height:1.5;max-height:40vh;overflow:auto"
)
_PARA_END = '<a class="rs-para__anchor"'  # the paragraph's ¶ link closes its text (site_templates/_macros.j2)
_BADGE_STYLE = "display:block;margin:.3em 0 0;padding:.1em .5em;background:#fff4e5;border-left:3px solid #ed6c02"


@dataclass
class Preview:
    """What the running preview knows between rebuilds: the current problem, the open items, the last navigation."""

    problem: str | None = None
    nav_key: str | None = None
    site_wide_key: str | None = None  # what 404.html and sitemap.xml were last rendered from
    open_items: list[OpenItem] = field(default_factory=list)

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

    def under_review(self, items: list[OpenItem], docs: Path) -> None:
        """Open items to mark (none once settled); every page is rebuilt when the list changes."""
        if items != self.open_items:
            self.open_items = list(items)
            touch_all(docs)

    def decorate(self, page_html: str, page_path: str | None = None) -> str:
        """The page with the problem banner right after `<body>` (or the open items' banner and badges, when
        `page_path`, the page's Markdown path, is given); unchanged when there is neither."""
        if self.problem is not None:
            return _BODY.sub(lambda m: m.group() + banner(self.problem or ""), page_html, count=1)
        if not self.open_items or page_path is None:
            return page_html
        page_html = _BODY.sub(lambda m: m.group() + open_banner(self.open_items, page_path), page_html, count=1)
        return mark_open_paragraphs(page_html, [i for i in self.open_items if i.page == page_path])

    def site_wide_unchanged(self, key: str, site_dir: Path) -> bool:
        """Whether `404.html` and `sitemap.xml` in `site_dir` were rendered from `key` (the nav, the pages, the
        theme, mkdocs.yml, the build date): then this rebuild may skip them. Remembers `key` either way."""
        same = key == self.site_wide_key and all((site_dir / name).is_file() for name in SITE_WIDE)
        self.site_wide_key = key
        return same


SITE_WIDE = ("404.html", "sitemap.xml")  # MkDocs' static templates that list the whole site


class _MemoryBytecode(BytecodeCache):
    """Compiled templates kept in memory; Jinja compares each one's source checksum before using it."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


@dataclass
class ThemeCache:
    """The theme's compiled templates and file list, kept for a serve session (MkDocs makes a new Jinja
    environment for every rebuild and would compile Material's templates and walk its 14,000 files again)."""

    bytecode: _MemoryBytecode = field(default_factory=_MemoryBytecode)
    listings: dict[tuple[Any, ...], list[str]] = field(default_factory=dict)

    def install(self, theme: Any, project: Path) -> None:
        """Make every environment `theme.get_env()` returns use this cache (`theme` is this build's)."""
        make: Callable[[], Any] = theme.get_env
        dirs = tuple(theme.dirs)

        def get_env() -> Any:
            env = make()
            env.bytecode_cache = self.bytecode
            if isinstance(env.loader, BaseLoader):
                self._cache_listing(env.loader, dirs, project)
            return env

        theme.get_env = get_env

    def _cache_listing(self, loader: BaseLoader, dirs: tuple[str, ...], project: Path) -> None:
        real = loader.list_templates
        # Folders inside the project (the custom_dir) may change during the session; installed themes do not.
        ours = [Path(d) for d in dirs if Path(d).resolve().is_relative_to(project.resolve())]
        key = (dirs, *(_stamps(d) for d in ours))

        def list_templates() -> list[str]:
            if key not in self.listings:
                self.listings.clear()  # one entry: the current theme
                self.listings[key] = real()
            return list(self.listings[key])

        loader.list_templates = list_templates  # type: ignore[method-assign]


def _stamps(folder: Path) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*")))


def banner(message: str) -> str:
    """The banner: what is wrong, located, and that the page below is the last good version."""
    return (
        f'<div id="{BANNER_ID}" role="alert" style="{_STYLE}">'
        "<strong>内容有误，页面仍是上一次正确生成的版本。改正后自动刷新。</strong>"
        f'<pre style="white-space:pre-wrap;margin:.4em 0 0;font-size:inherit">{html.escape(message)}</pre></div>'
    )


def open_banner(items: list[OpenItem], page_path: str) -> str:
    """The review banner: how many items are open, each located, with a link that marks its quote."""
    rows = []
    for item in items:
        link = ""
        if item.page and item.paragraph and item.quote:
            href = relative_url(page_path, item.page) + quote_query(item.quote, item.paragraph)
            link = f' <a href="{html.escape(href)}">在原文中标出</a>'
        rows.append(f"<li><code>{html.escape(item.problem.format())}</code>{link}</li>")
    return (
        f'<div id="{OPEN_BANNER_ID}" role="status" style="{_OPEN_STYLE}">'
        f"<strong>预览：还有 {len(items)} 处待确认。待确认的观测值没有放进页面；"
        "全部处理完之前 reportsite build 不会发布这份报告。</strong>"
        f'<ul style="margin:.3em 0 0;padding-left:1.2em">{"".join(rows)}</ul></div>'
    )


def mark_open_paragraphs(page_html: str, items: list[OpenItem]) -> str:
    """A 待确认 badge with the quote at the end of each paragraph of this page that holds an open item.

    After the text, not before it: the quote link marks the first occurrence of the quote in the paragraph,
    which must be the report's words, not the badge's copy.
    """
    for item in items:
        opening = f'<p class="rs-para" id="{html.escape(item.paragraph or "")}">'
        at = page_html.find(opening)
        end = page_html.find(_PARA_END, at) if at >= 0 else -1
        if end < 0:
            continue
        badge = (
            f'<span class="{OPEN_BADGE_CLASS}" style="{_BADGE_STYLE}">待确认：{html.escape(item.quote or "")}'
            f"（{html.escape(item.problem.path)}:{item.problem.line}）</span>"
        )
        page_html = page_html[:end] + badge + page_html[end:]
    return page_html


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
