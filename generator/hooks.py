"""MkDocs hook: runs the generator before every build, so plain `mkdocs build`/`serve` work too."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

from generator import state
from generator.build import DOCS_DIR, generate
from generator.editor.preview import PREVIEW, unwatch_generated
from generator.errors import ContentError, ReportsiteError
from generator.output.reproducible import SourceDate
from generator.output.search_index import compact_search_index

log = logging.getLogger("mkdocs.plugins.reportsite")


def _editor_log() -> logging.Logger:
    """The terminal channel for a content mistake during `serve`, outside the "mkdocs" logger tree.

    In strict mode MkDocs counts every warning or error under "mkdocs" and aborts the rebuild after it has
    already emptied the served folder, so the editor would lose the last good pages the message promises.
    The mistake is not a warning about the pages being built (those are the last good ones), so it is
    printed, not counted; `reportsite build` still fails on it (no fallback there) and on every warning.
    """
    editor = logging.getLogger("reportsite.serve")
    if not editor.handlers:  # hooks.py is re-imported on every rebuild; the logger is not
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        editor.addHandler(handler)
        editor.setLevel(logging.INFO)
        editor.propagate = False
    return editor


def on_startup(command: str, dirty: bool) -> None:
    state.command = command


def on_config(config: Any) -> Any:
    project = Path(config.config_file_path).resolve().parent
    try:
        result = generate(project, site_url=config.site_url)
    except ReportsiteError as exc:
        if state.command == "serve" and state.last is not None:
            # Keep serving the last good pages; the editor sees the problem in the terminal and on the page.
            _editor_log().error("reportsite: 内容有误，继续显示上一次成功生成的页面：\n%s", exc)
            PREVIEW.failed(str(exc), project / DOCS_DIR)
            config.nav = state.last.nav
            return config
        problems = exc.problems if isinstance(exc, ContentError) else []
        if problems:
            raise Abort("内容校验失败：\n" + "\n".join(p.format() for p in problems)) from None
        raise Abort(str(exc)) from None
    state.last = result
    if state.command == "serve":
        PREVIEW.succeeded(result.nav, project / DOCS_DIR, project / "site_templates" / "overrides")
    config.nav = result.nav
    if state.source_date is None:
        state.source_date = SourceDate()
    state.source_date.apply(result.source_epoch)
    return config


def on_post_page(output: str, page: Any, config: Any) -> str:
    return PREVIEW.decorate(output) if state.command == "serve" else output


def on_post_build(config: Any) -> None:
    compact_search_index(Path(config.site_dir))
    _release_source_date()


def on_build_error(error: Exception) -> None:
    _release_source_date()


def _release_source_date() -> None:
    if state.source_date is not None:
        state.source_date.release()


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    project = Path(config.config_file_path).resolve().parent
    unwatch_generated(server, config.docs_dir)  # the generator writes there: watching it doubled every build
    for folder in ("content", "site_templates", "seeds"):
        server.watch(str(project / folder))
    return server
