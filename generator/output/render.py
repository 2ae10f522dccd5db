"""Render pages through the Jinja2 templates of `site_templates/`, escaping every content string."""

from __future__ import annotations

import copyreg
import functools
import hashlib
import html
import io
import pickle
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from generator.config import SiteIdentity
from generator.content.models import Chapter
from generator.model import urls
from generator.model.site import ChartRef, Page
from generator.model.urls import PAGE, page_url, relative_url
from generator.output.charts import NARROW_MEDIA
from generator.rules.display import display_value

# Exactly the characters Python-Markdown (with the `tables` extension) lets a backslash escape: any
# other backslash would be printed (a title "a=b" must not read "a\\=b" in the heading).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def md_inline(value: Any) -> Markup:
    """Text safe in a Markdown heading or inline context: HTML-escaped, Markdown syntax backslashed."""
    text = html.escape(str(value), quote=False)  # quotes are text here; &#39; would reach the toc as is
    return Markup(_MD_SPECIAL.sub(r"\\\1", text))


def make_environment(template_dir: Path) -> SandboxedEnvironment:
    """A sandboxed, autoescaping environment: content can never run template code or inject HTML."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(template_dir),
        autoescape=select_autoescape(enabled_extensions=("html", "md", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_inline
    env.globals["display_value"] = display_value
    env.globals["urls"] = urls
    env.globals["narrow_media"] = NARROW_MEDIA
    return env


@functools.lru_cache(maxsize=4)
def cached_environment(template_dir: Path) -> SandboxedEnvironment:
    """One environment per template folder for the life of the process: `serve` rebuilds reuse compiled
    templates (Jinja reloads a template whose file changed)."""
    return make_environment(template_dir)


def render_page(
    env: SandboxedEnvironment, page: Page, site: SiteIdentity, site_url: str | None = None, links: str = PAGE
) -> str:
    """The Markdown text of one page; `site` is the site's identity (name, licence …) from mkdocs.yml, and
    `absolute_url` links from elsewhere (embed codes) when `site_url` is known. Every link is `relative_url`'s,
    as the engine reads it (`links`)."""

    def url(target: str) -> str:
        return relative_url(page.path, target, links)

    def script_url(target: str) -> str:
        """For our scripts (charts.js reads `data-spec`): no engine rewrites it, the page's URL is its base."""
        return relative_url(page.path, target)

    def absolute_url(target: str) -> str:
        if site_url:
            return site_url.rstrip("/") + "/" + target
        return url(target) + ("/" if target.endswith("/") else "")

    template = env.get_template(page.template)
    return template.render(
        page=page, url=url, script_url=script_url, site=site, absolute_url=absolute_url, **page.context
    )


def render_embed(env: SandboxedEnvironment, chart: ChartRef, page: Page, site_url: str | None = None) -> str:
    """The HTML of a chart's embed page (`embed/<slug>/`): the chart, its title, source and a link back."""

    def url(target: str) -> str:
        return relative_url(chart.embed_path + "index.md", target)

    back = page_url(page.path)
    home = site_url.rstrip("/") + "/" + back if site_url else url(page.path)
    template = env.get_template("embed.html.j2")
    return template.render(chart=chart, page=page, url=url, script_url=url, back=home)


# Pages this process rendered, per template folder: page path → (fingerprint, text). `serve` renders
# again only the pages whose data changed; a cold `build` has an empty memory and renders every page.
_rendered: dict[Path, dict[str, tuple[bytes, str]]] = {}
_RENDERED_FOLDERS = 4  # tests build many projects in one process: remember only the last few


def _chapter_ref(digest: bytes) -> bytes:
    return digest  # never called: fingerprints are compared, not loaded


class RenderMemo:
    """Rendered pages keyed by a fingerprint of everything their template reads.

    The fingerprint is a digest of the pickled page (its context, charts, title, description, tags) and of
    what every page shares: the template folder's files, the site's identity and `site_url`. Equal pickles
    mean equal data, so a hit is always the text a render would give; a page whose data cannot be pickled
    is simply rendered. A chapter (its whole text) is pickled once per run and referred to by its digest.
    """

    def __init__(self, template_dir: Path, *shared: Any, keep: bool = True) -> None:
        self._memo = _rendered.pop(template_dir, {})
        if keep:  # `serve`; a one-off build keeps nothing (the texts of 10,000 pages would double its memory)
            _rendered[template_dir] = self._memo  # most recent last
        while len(_rendered) > _RENDERED_FOLDERS:
            del _rendered[next(iter(_rendered))]
        self._chapters: dict[int, tuple[bytes, Chapter]] = {}
        self._table = {**copyreg.dispatch_table, Chapter: self._reduce_chapter}
        templates = sorted(
            (p.relative_to(template_dir).as_posix(), p.read_bytes()) for p in _template_files(template_dir)
        )
        self._shared = self._fingerprint((templates, shared)) or b""
        self.hits = 0

    def _reduce_chapter(self, chapter: Chapter) -> tuple[Callable[[bytes], bytes], tuple[bytes]]:
        known = self._chapters.get(id(chapter))
        if known is None:  # the chapter is kept with its digest, so its id is not reused during the run
            known = self._chapters[id(chapter)] = (hashlib.blake2b(pickle.dumps(chapter, 5)).digest(), chapter)
        return _chapter_ref, (known[0],)

    def _fingerprint(self, value: Any) -> bytes | None:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, 5)
        pickler.dispatch_table = self._table  # type: ignore[assignment]

        try:
            pickler.dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError, ValueError):
            return None
        return hashlib.blake2b(buffer.getbuffer()).digest()

    def text(self, page: Page, render: Callable[[], str]) -> str:
        """The page's text: from the memory when its fingerprint is unchanged, else `render()`."""
        own = self._fingerprint(page)
        if own is None:
            self._memo.pop(page.path, None)
            return render()
        key = self._shared + own
        known = self._memo.get(page.path)
        if known is not None and known[0] == key:
            self.hits += 1
            return known[1]
        text = render()
        self._memo[page.path] = (key, text)
        return text


def _template_files(template_dir: Path) -> list[Path]:
    """The files a page template can read (`assets/` is copied, not rendered)."""
    return [p for p in template_dir.rglob("*") if p.is_file() and p.relative_to(template_dir).parts[0] != "assets"]
