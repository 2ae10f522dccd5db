"""The preview's shortcuts never change what a reader sees: after a save, the served site equals a clean build.

`reportsite serve` re-renders only pages whose data changed, MkDocs rebuilds only the Markdown files
whose bytes changed (dirty builds), open data files and the site-wide 404/sitemap are made again only
when their inputs change, and the theme's templates are compiled once. Each test runs serve's rebuilds
in-process (as `mkdocs serve --dirtyreload` does: a fresh config per rebuild, one plugin instance) and
compares the served folder with a fresh `reportsite build` of the same content.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import mini_files, write_project
from generator.cli import main
from generator.editor.preview import allow_dirty_builds

pytestmark = pytest.mark.slow  # every test builds a project several times

SERVE_URL = "http://127.0.0.1:8000/"
OBSERVATIONS = "content/reports/mini-2024/observations.yml"


class Session:
    """`reportsite serve` without the HTTP server: one dirty rebuild per call of `save()`."""

    def __init__(self, project: Path, site: Path, dirty: bool = True) -> None:
        self.project, self.site, self.dirty = project, site, dirty
        allow_dirty_builds()
        self.config = self._config()
        self.config.plugins.on_startup(command="serve", dirty=dirty)
        self.builds = 0
        self.save()

    def _config(self):  # type: ignore[no-untyped-def]
        config = load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        return config

    def save(self) -> None:
        """What the watcher does after a save: a fresh config, then a dirty build."""
        config = self.config if self.builds == 0 else self._config()
        build(config, serve_url=SERVE_URL, dirty=self.dirty)
        self.builds += 1

    def close(self) -> None:
        self.config.plugins.on_shutdown()


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    monkeypatch.setenv("SITE_URL", SERVE_URL)  # the fresh builds link like the served site
    monkeypatch.chdir(tmp_path)
    project = write_project(tmp_path / "served", mini_files())
    served = Session(project, tmp_path / "served-site")
    yield served
    served.close()


def _fresh(project: Path, target: Path) -> Path:
    """A clean `reportsite build` of a copy of `project`'s inputs; returns its site folder."""
    for name in ("content", "seeds", "site_templates"):
        shutil.copytree(project / name, target / name)
    shutil.copy(project / "mkdocs.yml", target / "mkdocs.yml")
    (target / "build" / "docs").mkdir(parents=True)
    assert main(["--project", str(target), "build"]) == 0
    return target / "site"


def _pages(site: Path) -> dict[str, str]:
    """Every HTML page and data file a reader can fetch, by path. Not compared: what Material's plugins
    collect from the pages a dirty build renders (search/search_index.json keeps the earlier pages' entries;
    tags.json, the tags plugin's export for other projects that nothing in the site reads, lists only the
    pages rebuilt), and the sitemap's gzip copy (its XML is compared)."""
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(site.rglob("*"))
        if p.is_file()
        and p.suffix in {".html", ".md", ".csv", ".json", ".xml"}
        and "search" not in p.parts
        and p.name != "tags.json"
    }


def _edit_observation(project: Path, note: str) -> None:
    path = project / OBSERVATIONS
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  paragraph: c2-p1\n", f"  paragraph: c2-p1\n  note: {note}\n", 1), encoding="utf-8")


def test_after_an_edit_the_served_site_equals_a_clean_build(session: Session, tmp_path: Path):
    before = _pages(session.site)
    written = {p: p.stat().st_mtime_ns for p in session.site.rglob("*.html")}
    _edit_observation(session.project, "编辑在预览中加的说明")
    session.save()
    after = _pages(session.site)
    changed = sorted(p for p in after if after[p] != before.get(p))
    assert "indicators/gdp/index.html" in changed and "编辑在预览中加的说明" in after["indicators/gdp/index.html"]
    rewritten = {p.relative_to(session.site).as_posix() for p in written if p.stat().st_mtime_ns != written[p]}
    assert "index.html" not in rewritten, "a page that does not show the note is not rebuilt"
    assert "404.html" not in rewritten, "the site-wide pages are kept when the navigation is unchanged"
    fresh = _pages(_fresh(session.project, tmp_path / "fresh"))
    assert sorted(after) == sorted(fresh)
    different = [p for p in after if after[p] != fresh[p]]
    assert different == [], f"served pages differ from a clean build: {different}"


def test_after_a_template_edit_and_a_new_indicator_every_page_equals_a_clean_build(session: Session, tmp_path: Path):
    """Edits that change every page (a template) or the set of pages (the sitemap, the 404 page's nav)."""
    macros = session.project / "site_templates/indicator.md.j2"
    macros.write_text(macros.read_text(encoding="utf-8") + "\n模板改动的标记。\n", encoding="utf-8")
    session.save()
    theme = session.project / "content/indicators/gdp.yml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("经济运行", "科技创新"), encoding="utf-8")
    session.save()
    after = _pages(session.site)
    assert "模板改动的标记。" in after["indicators/retail-sales/index.html"]
    fresh = _pages(_fresh(session.project, tmp_path / "fresh"))
    assert sorted(after) == sorted(fresh)
    assert [p for p in after if after[p] != fresh[p]] == []


def test_plain_mkdocs_serve_keeps_the_site_wide_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`mkdocs serve` without dirty builds empties the site folder every time: 404 and sitemap are made again."""
    monkeypatch.chdir(tmp_path)
    served = Session(write_project(tmp_path / "served", mini_files()), tmp_path / "site", dirty=False)
    try:
        _edit_observation(served.project, "另一条说明")
        served.save()
        assert (served.site / "404.html").is_file() and (served.site / "sitemap.xml").is_file()
    finally:
        served.close()
