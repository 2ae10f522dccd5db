"""Render pages through the Jinja2 templates of `site_templates/`, escaping every content string."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from generator.config import SiteIdentity
from generator.model import urls
from generator.model.site import ChartRef, Page
from generator.model.urls import page_url, relative_url
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


def render_page(env: SandboxedEnvironment, page: Page, site: SiteIdentity, site_url: str | None = None) -> str:
    """The Markdown text of one page; `site` is the site's identity (name, licence …) from mkdocs.yml, and
    `absolute_url` links from elsewhere (embed codes) when `site_url` is known."""

    def url(target: str) -> str:
        return relative_url(page.path, target)

    def absolute_url(target: str) -> str:
        if site_url:
            return site_url.rstrip("/") + "/" + target
        return url(target) + ("/" if target.endswith("/") else "")

    template = env.get_template(page.template)
    return template.render(page=page, url=url, site=site, absolute_url=absolute_url, **page.context)


def render_embed(env: SandboxedEnvironment, chart: ChartRef, page: Page, site_url: str | None = None) -> str:
    """The HTML of a chart's embed page (`embed/<slug>/`): the chart, its title, source and a link back."""

    def url(target: str) -> str:
        return relative_url(chart.embed_path + "index.md", target)

    back = page_url(page.path)
    home = site_url.rstrip("/") + "/" + back if site_url else url(page.path)
    template = env.get_template("embed.html.j2")
    return template.render(chart=chart, page=page, url=url, back=home)
