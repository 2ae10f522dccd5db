"""The generator's side of publishing: one run before an engine's build, or one per rebuild while serving.

Engine-neutral: an engine's adapter (`publish/engines/`) asks `Session.generate` for the complete input —
`build/docs`, the navigation (`Generated.nav`), the source date — and turns a `ReportsiteError` into its own
way of stopping. While serving, a content mistake keeps the last good build (the preview banner says why).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from generator.build import DOCS_DIR, Generated, generate
from generator.checks.open_items import explain, summary
from generator.config import SiteConfig, read_config
from generator.editor.preview import Preview
from generator.errors import ContentError, ReportsiteError
from generator.model.urls import PAGE


def editor_log() -> logging.Logger:
    """The terminal channel for a content mistake during `serve`, outside the "mkdocs" logger tree.

    In strict mode MkDocs counts every warning or error under "mkdocs" and aborts the rebuild after it has
    already emptied the served folder, so the editor would lose the last good pages the message promises.
    The mistake is not a warning about the pages being built (those are the last good ones), so it is
    printed, not counted; `reportsite build` still fails on it (no fallback there) and on every warning.
    """
    editor = logging.getLogger("reportsite.serve")
    if not editor.handlers:  # once per process, however many sessions start
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        editor.addHandler(handler)
        editor.setLevel(logging.INFO)
        editor.propagate = False
    return editor


def content_message(exc: ReportsiteError, project: Path) -> str:
    """A generator error as the editor reads it: each content problem located, open items with their candidates."""
    if isinstance(exc, ContentError) and exc.problems:
        shown, open_items = explain(project, exc.problems)
        return "\n".join([*(p.format() for p in shown), summary(shown, open_items)])
    return str(exc)


class Session:
    """The generator for one engine run: `build` generates once; `serve` regenerates per rebuild, keeping the last good.

    `late` (build only): cold charts are not waited for; the engine reads their pages through `Generated.late`.
    """

    def __init__(self, serving: bool = False, late: bool = False, links: str = PAGE) -> None:
        self.serving = serving
        self.links = links  # how the engine reads links in raw HTML (model/urls.py)
        self.late = late and not serving
        self.last: Generated | None = None  # the last successful generator run
        self.preview = Preview()  # what `serve` shows between rebuilds: the current problem banner

    def generate(self, project: Path, site_url: str | None = None, config: SiteConfig | None = None) -> Generated:
        """Generate `build/docs` from `content/`; `site_url` defaults to the configured one (serve passes its own).

        Serving, a mistake after a good build returns that build (logged and bannered); otherwise it is raised.
        """
        try:
            config = config or read_config(project)
            # serve previews a report under review (open items marked) and keeps what the next rebuild reuses;
            # build refuses such a report and keeps nothing
            result = generate(
                project,
                site_url=site_url if site_url is not None else config.site_url,
                identity=config.identity,
                preview=self.serving,
                remember=self.serving,
                late=self.late,
                links=self.links,
            )
        except ReportsiteError as exc:
            if not (self.serving and self.last is not None):
                raise
            message = content_message(exc, project)
            # Keep serving the last good pages; the editor sees the problem in the terminal and on the page.
            editor_log().error("reportsite: 内容有误，继续显示上一次成功生成的页面：\n%s", message)
            self.preview.failed(message, project / DOCS_DIR)
            return self.last
        self.last = result
        if self.serving:
            self.preview.succeeded(result.nav, project / DOCS_DIR, project / "site_templates" / "overrides")
            self.preview.under_review(result.open_items, project / DOCS_DIR)
            if result.open_items:
                editor_log().warning(
                    "reportsite: 预览中，还有 %d 处待确认（页面上已标出）；reportsite build 不会发布：\n%s",
                    len(result.open_items),
                    "\n".join(item.problem.format() for item in result.open_items),
                )
        return result

    def close(self) -> None:
        """End the chart worker processes of a late build (charts not started yet are dropped)."""
        if self.last and self.last.late:
            self.last.late.close()
