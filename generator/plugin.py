"""The `reportsite` MkDocs plugin: runs the generator before every build, so plain `mkdocs build`/`serve` work too.

MkDocs keeps one instance of a plugin that has `on_startup` for the whole `serve` session, so the state
a rebuild needs (the last good build, the command, the build date this process set) lives on the instance.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority

from generator.build import DOCS_DIR, Generated, generate
from generator.checks.open_items import explain, summary
from generator.config import ReportsiteConfig, identity_from
from generator.editor.preview import SITE_WIDE, Preview, ThemeCache, unwatch_generated
from generator.errors import ContentError, ReportsiteError
from generator.output.reproducible import SourceDate
from generator.output.searchindex import write_search_index
from generator.publish.rawhtml import RawHtmlBlocks

WATCHED = ("content", "site_templates", "seeds")
T = TypeVar("T")


def _editor_log() -> logging.Logger:
    """The terminal channel for a content mistake during `serve`, outside the "mkdocs" logger tree.

    In strict mode MkDocs counts every warning or error under "mkdocs" and aborts the rebuild after it has
    already emptied the served folder, so the editor would lose the last good pages the message promises.
    The mistake is not a warning about the pages being built (those are the last good ones), so it is
    printed, not counted; `reportsite build` still fails on it (no fallback there) and on every warning.
    """
    editor = logging.getLogger("reportsite.serve")
    if not editor.handlers:  # once per process, however many plugin instances load
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        editor.addHandler(handler)
        editor.setLevel(logging.INFO)
        editor.propagate = False
    return editor


def _or_abort(step: Callable[[], T]) -> T:
    """Run a generator step that MkDocs calls during the build; a ReportsiteError stops it with its message."""
    try:
        return step()
    except ReportsiteError as exc:
        raise Abort(str(exc)) from None


class ReportsitePlugin(BasePlugin[ReportsiteConfig]):
    """Generate `build/docs` from `content/` on every (re)build; keep serving the last good pages on a mistake."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.last: Generated | None = None  # the last successful generator run
        self.source_date = SourceDate()
        self.preview = Preview()  # what `serve` shows between rebuilds: the current problem banner
        self.theme_cache = ThemeCache()  # what `serve` keeps between rebuilds of the theme

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty  # `reportsite serve` builds dirty; plain `mkdocs serve` empties site_dir every build

    @event_priority(100)  # before the search plugin's, which already renders the theme's language template
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = Path(config.config_file_path).resolve().parent
        if not any(isinstance(ext, RawHtmlBlocks) for ext in config.markdown_extensions):
            config.markdown_extensions.append(RawHtmlBlocks())  # the generated pages' HTML blocks, unparsed
        if self.command == "serve":
            self.theme_cache.install(config.theme, project)
        identity = identity_from(self.config, config.site_name)
        try:
            # serve previews a report under review (open items marked) and keeps what the next rebuild reuses;
            # build refuses such a report and keeps nothing
            serving = self.command == "serve"
            # build does not wait for cold charts: MkDocs reads the other pages while worker processes make them
            result = generate(
                project,
                site_url=config.site_url,
                identity=identity,
                preview=serving,
                remember=serving,
                late=self.command == "build",
            )
        except ReportsiteError as exc:
            message = str(exc)
            if isinstance(exc, ContentError) and exc.problems:
                shown, open_items = explain(project, exc.problems)  # open items listed with their candidates
                message = "\n".join([*(p.format() for p in shown), summary(shown, open_items)])
            if self.command == "serve" and self.last is not None:
                # Keep serving the last good pages; the editor sees the problem in the terminal and on the page.
                _editor_log().error("reportsite: 内容有误，继续显示上一次成功生成的页面：\n%s", message)
                self.preview.failed(message, project / DOCS_DIR)
                config.nav = self.last.nav
                return config
            if isinstance(exc, ContentError) and exc.problems:
                raise Abort("内容校验失败：\n" + message) from None
            raise Abort(str(exc)) from None
        self.last = result
        if self.command == "serve":
            self.preview.succeeded(result.nav, project / DOCS_DIR, project / "site_templates" / "overrides")
            self.preview.under_review(result.open_items, project / DOCS_DIR)
            if result.open_items:
                _editor_log().warning(
                    "reportsite: 预览中，还有 %d 处待确认（页面上已标出）；reportsite build 不会发布：\n%s",
                    len(result.open_items),
                    "\n".join(item.problem.format() for item in result.open_items),
                )
            if self.dirty:
                self._skip_unchanged_site_wide(config, project, result)
        config.nav = result.nav
        self.source_date.apply(result.source_epoch)
        return config

    def _skip_unchanged_site_wide(self, config: MkDocsConfig, project: Path, result: Generated) -> None:
        """Leave out 404.html and sitemap.xml when what they list is unchanged (the served ones stay)."""
        mkdocs_yml = Path(config.config_file_path).read_bytes()
        pages = [f for f in result.files if f.endswith(".md")]
        key = repr((self.preview.nav_key, pages, result.source_epoch, mkdocs_yml))
        if self.preview.site_wide_unchanged(key, Path(config.site_dir)):
            config.theme.static_templates.difference_update(SITE_WIDE)

    def on_page_read_source(self, /, *, page: Any, config: MkDocsConfig) -> str | None:
        """A page that shows a chart still being made is read when its charts are done (`LateCharts`)."""
        late = self.last.late if self.last else None
        return _or_abort(lambda: late.source(page.file.src_uri)) if late else None

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Any) -> Any:
        # after every page is read, before MkDocs copies the static files: the chart files must be written
        if self.last and self.last.late:
            _or_abort(self.last.late.finish)
        return env

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        return self.preview.decorate(output, page.file.src_uri) if self.command == "serve" else output

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Any) -> str:
        # Material's search plugin indexes no page (it would parse each one, ~2.5 ms): the site's own index
        # (generator/output/searchindex.py) is made from the model after the build. Its search_index.json keeps
        # only its config, which its search dialog and page highlighting read.
        page.meta["search"] = {"exclude": True}
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.last is not None and self.last.model is not None:
            write_search_index(self.last.model, self.last.page_list, Path(config.site_dir))
        self.source_date.release()

    def on_build_error(self, *, error: Exception) -> None:
        self.source_date.release()
        self._close_late()

    def on_shutdown(self) -> None:
        # MkDocs caches this instance for the process: the next build of another project starts clean.
        self._close_late()
        self.command = None
        self.dirty = False
        self.last = None
        self.preview = Preview()

    def _close_late(self) -> None:
        if self.last and self.last.late:
            self.last.late.close()  # the worker processes end; charts not started yet are dropped

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        project = Path(config.config_file_path).resolve().parent
        unwatch_generated(server, config.docs_dir)  # the generator writes there: watching it doubled every build
        for folder in WATCHED:
            server.watch(str(project / folder))
        return server
