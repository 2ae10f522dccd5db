"""The MkDocs adapter: the `reportsite` MkDocs plugin, and `build`/`serve` for the `reportsite` command.

`reportsite build` runs the generator first (`publish/pipeline.py`) and hands the result to the plugin, which
only sets MkDocs' navigation from it, adds the raw-HTML Markdown extension and — an MkDocs-only speed-up —
lets MkDocs read the pages without charts while worker processes still make the charts (`LateCharts`). Plain
`mkdocs build`/`serve` and `reportsite serve` generate from the plugin (`publish/session.py`), once per rebuild.
MkDocs keeps one instance of a plugin that has `on_startup` for the whole `serve` session, so the session (the
last good build, the preview banner) lives on the instance. Post-build steps are `publish/postbuild.py`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority

from generator.build import Generated
from generator.config import PLUGIN, read_config
from generator.editor.preview import SITE_WIDE, Preview, ThemeCache, unwatch_generated
from generator.errors import ContentError, ReportsiteError
from generator.output.reproducible import SourceDate
from generator.publish.handoff import handed
from generator.publish.postbuild import after_build
from generator.publish.rawhtml import RawHtmlBlocks
from generator.publish.session import Session, content_message

WATCHED = ("content", "site_templates", "seeds")
T = TypeVar("T")


class LicenceOptions(base.Config):
    """MkDocs' check of `licence:` (the values are read, typed, by generator/config.py)."""

    name = c.Type(str)
    title = c.Type(str)
    url = c.URL()


class DataOptions(base.Config):
    name = c.Type(str)
    title = c.Type(str)
    title_en = c.Type(str)
    keywords = c.ListOfItems(c.Type(str))


class PluginOptions(base.Config):
    """The plugin's options as MkDocs must know them to accept mkdocs.yml; the site's identity (config.py)."""

    subject = c.Type(str)
    subject_en = c.Type(str)
    about = c.Type(str)
    publisher = c.Type(str)
    licence = c.SubConfig(LicenceOptions)
    dataset = c.SubConfig(DataOptions)  # not `data`: a Config is a UserDict, whose items live in .data


def _or_abort(step: Callable[[], T]) -> T:
    """Run a generator step that MkDocs calls during the build; a ReportsiteError stops it with its message."""
    try:
        return step()
    except ReportsiteError as exc:
        raise Abort(str(exc)) from None


class ReportsitePlugin(BasePlugin[PluginOptions]):
    """Hand the generator's `build/docs` and navigation to MkDocs; generate them first when nothing was handed."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.handed: Generated | None = None  # `reportsite build`: the generator already ran
        self.session = Session()
        self.source_date = SourceDate()
        self.theme_cache = ThemeCache()  # what `serve` keeps between rebuilds of the theme

    @property
    def last(self) -> Generated | None:
        """The last successful generator run."""
        return self.session.last

    @last.setter
    def last(self, value: Generated | None) -> None:
        self.session.last = value

    @property
    def preview(self) -> Preview:
        """What `serve` shows between rebuilds: the current problem banner, the open items."""
        return self.session.preview

    def hand_over(self, generated: Generated) -> None:
        """The generator's result for this build (`reportsite build`): on_config uses it instead of generating."""
        self.handed = generated
        self.session.last = generated

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty  # `reportsite serve` builds dirty; plain `mkdocs serve` empties site_dir every build
        # build does not wait for cold charts: MkDocs reads the other pages while worker processes make them
        self.session = Session(serving=command == "serve", late=command == "build")

    @event_priority(100)  # before the search plugin's, which already renders the theme's language template
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config_file = Path(config.config_file_path).resolve()
        project = config_file.parent
        if not any(isinstance(ext, RawHtmlBlocks) for ext in config.markdown_extensions):
            config.markdown_extensions.append(RawHtmlBlocks())  # the generated pages' HTML blocks, unparsed
        if self.command == "serve":
            self.theme_cache.install(config.theme, project)
        result = self.handed or handed()  # `reportsite build`, in this process or (ProperDocs) another
        if result is not None:
            self.session.last = result
        else:
            try:
                site = read_config(project, config_file)
                result = self.session.generate(project, site_url=config.site_url, config=site)
            except ReportsiteError as exc:
                contents = isinstance(exc, ContentError) and exc.problems
                raise Abort(("内容校验失败：\n" if contents else "") + content_message(exc, project)) from None
        if self.command == "serve" and self.dirty and self.preview.problem is None:
            self._skip_unchanged_site_wide(config, result)
        config.nav = result.nav
        self.source_date.apply(result.source_epoch)
        return config

    def _skip_unchanged_site_wide(self, config: MkDocsConfig, result: Generated) -> None:
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
        if self.last is not None:
            after_build(Path(config.site_dir), self.last)
        self.source_date.release()

    def on_build_error(self, *, error: Exception) -> None:
        self.source_date.release()
        self.session.close()

    def on_shutdown(self) -> None:
        # MkDocs caches this instance for the process: the next build of another project starts clean.
        self.session.close()
        self.command = None
        self.dirty = False
        self.handed = None
        self.session = Session()

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        project = Path(config.config_file_path).resolve().parent
        unwatch_generated(server, config.docs_dir)  # the generator writes there: watching it doubled every build
        for folder in WATCHED:
            server.watch(str(project / folder))
        return server


def check_installed() -> None:
    """MkDocs finds the plugin through the package's entry point, which only `pip install` registers."""
    from mkdocs.plugins import get_plugins

    if PLUGIN not in get_plugins():
        raise ReportsiteError(
            f"MkDocs 找不到 {PLUGIN} 插件（pyproject.toml 中的 mkdocs.plugins 入口）— "
            "请在项目根目录运行 pip install -c constraints.txt -e . 后重试"
        )


def build(project: Path, site_dir: Path, generated: Generated, strict: bool | None) -> None:
    """Build `site_dir` with MkDocs from the generator's `build/docs` and navigation (`generated`)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
    plugin = config.plugins.get(PLUGIN)
    if not isinstance(plugin, ReportsitePlugin):
        raise ReportsiteError(f"mkdocs.yml: plugins: 缺少 {PLUGIN} 插件 — 应在 plugins 中加入 - {PLUGIN}: 及其选项")
    config.plugins.on_startup(command="build", dirty=False)
    plugin.hand_over(generated)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


def serve(project: Path, dev_addr: str) -> None:
    """MkDocs' live-reloading preview: the plugin regenerates before each (dirty) rebuild."""
    import os

    from mkdocs.commands.serve import serve as mkdocs_serve

    from generator.editor.preview import allow_dirty_builds

    check_installed()
    os.chdir(project)
    # dirty: re-render only pages whose Markdown changed (generator/editor/preview.py says when all must be)
    allow_dirty_builds()
    mkdocs_serve(str(project / "mkdocs.yml"), dev_addr=dev_addr, livereload=True, build_type="dirty")
