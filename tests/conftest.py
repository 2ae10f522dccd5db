"""Shared fixtures: tiny projects written from dicts into tmp_path, and the real project root."""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


# Session fixtures that build a whole site (tens of seconds each, once per session): a test that uses one,
# directly or through another fixture, is marked `slow` here, so the fast tier
# (`python -m pytest -m "not slow and not browser"`, README and CONTRIBUTING) leaves it out.
BUILT_SITES = frozenset({"real_site", "next_year_site", "regions_project"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BUILT_SITES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def soup(source: Path | str) -> Any:
    """Built HTML parsed the one way the tests parse it (BeautifulSoup, Python's html.parser): a file
    (parsed once while it is unchanged, so hundreds of pages are read once per session) or markup."""
    if isinstance(source, Path):
        stat = source.stat()
        return _parsed(source, stat.st_mtime_ns, stat.st_size)
    return _parse(source)


def by_id(page: Path) -> dict[str, Any]:
    """A built page's elements by id (the first of each id, as `soup(page).find(id=...)` finds it), made once per
    unchanged page: a test that follows a thousand links to anchors looks each up without walking the page."""
    stat = page.stat()
    return _ids(page, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=2048)
def is_redirect(page: Path) -> bool:
    """A redirect left at the old URL of a renamed indicator (output/redirects.py): not a page of the site."""
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")[:2000]


@functools.lru_cache(maxsize=2048)
def _parsed(path: Path, mtime_ns: int, size: int) -> Any:
    return _parse(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=2048)
def _ids(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for tag in _parsed(path, mtime_ns, size).find_all(id=True):
        found.setdefault(tag["id"], tag)
    return found


def _parse(markup: str) -> Any:
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "html.parser")


MINI_SEED = (
    "正文复制\n"
    "关于某市2023年计划执行情况的报告\n"
    "一、2023年计划执行情况\n"
    "(一) 经济发展稳中提质。 地区生产总值 3.46 万亿元、增长 6.0%,社会消费品零售总额 1.05 万亿元。\n"
    "第 1 页 共 16 页\n"
    "二、2024年主要目标\n"
    "——GDP 增长 5.5%。\n"
)


def mini_files() -> dict[str, Any]:
    """A minimal valid project: one report, two chapters, two indicators, four observations."""
    seed = MINI_SEED.encode("utf-8")
    return {
        "seeds/mini-2024.txt": seed,
        "content/indicators/gdp.yml": {
            "id": "gdp", "name": "地区生产总值", "name_en": "Gross domestic product", "unit": "亿元",
            "theme": "经济运行", "counts": "total", "definition": "本地区常住单位生产活动的最终成果。",
            "aliases": ["GDP"],
        },
        "content/indicators/retail-sales.yml": {
            "id": "retail-sales", "name": "社会消费品零售总额", "name_en": "Retail sales of consumer goods",
            "unit": "亿元", "theme": "经济运行", "counts": "total", "definition": "零售额。",
        },
        "content/reports/mini-2024/report.yml": {
            "id": "mini-2024", "region": "某市", "level": "city", "title": "关于某市2023年计划执行情况的报告",
            "short_title": "某市2024年计划报告", "year_covered": 2023, "plan_year": 2024, "issuer": "某市发展和改革委员会",
            "date": dt.date(2024, 1, 30), "seed": "mini-2024.txt", "seed_sha256": hashlib.sha256(seed).hexdigest(),
        },
        "content/reports/mini-2024/chapters/01.yml": {
            "number": "一", "title": "2023年计划执行情况",
            "sections": [{"number": "(一)", "title": "经济发展稳中提质。", "paragraphs": [
                {"id": "c1-s1-p1", "text": "地区生产总值3.46万亿元、增长6.0%,社会消费品零售总额1.05万亿元。"}]}],
        },
        "content/reports/mini-2024/chapters/02.yml": {
            "number": "二", "title": "2024年主要目标", "truncated": True,
            "paragraphs": [{"id": "c2-p1", "text": "——GDP增长5.5%。"}],
        },
        "content/reports/mini-2024/observations.yml": {"observations": [
            {"indicator": "gdp", "period": 2023, "kind": "actual", "measure": "level", "value": 3.46,
             "unit": "万亿元", "quote": "地区生产总值 3.46 万亿元", "paragraph": "c1-s1-p1", "headline": True},
            {"indicator": "gdp", "period": 2023, "kind": "actual", "measure": "growth", "value": 6.0,
             "unit": "%", "quote": "地区生产总值 3.46 万亿元、增长 6.0%", "paragraph": "c1-s1-p1", "headline": True},
            {"indicator": "retail-sales", "period": 2023, "kind": "actual", "measure": "level", "value": 1.05,
             "unit": "万亿元", "quote": "社会消费品零售总额 1.05 万亿元", "paragraph": "c1-s1-p1"},
            {"indicator": "gdp", "period": 2024, "kind": "target", "measure": "growth", "value": 5.5, "unit": "%",
             "quote": "GDP 增长 5.5%", "paragraph": "c2-p1", "headline": True, "target_type": "expected"},
        ]},
        "content/reports/mini-2024/ignored.yml": {"ignored": []},
    }  # fmt: skip


def seed_from(files: dict[str, Any], report: str = "mini-2024") -> str:
    """A seed (test fixture) whose text is exactly the report's title, front matter and chapters, in order."""
    meta = files[f"content/reports/{report}/report.yml"]
    lines = [meta["title"], *(p["text"] for p in meta.get("front_matter", []))]

    def paragraphs(items: list[dict[str, Any]]) -> None:
        lines.extend(p.get("number", "") + p.get("lead", "") + p["text"] for p in items)

    def sections(items: list[dict[str, Any]]) -> None:
        for section in items:
            lines.append(section["number"] + section["title"])
            paragraphs(section.get("paragraphs", []))
            sections(section.get("sections", []))

    prefix = f"content/reports/{report}/chapters/"
    for name in sorted(k for k in files if k.startswith(prefix)):
        chapter = files[name]
        lines.append(chapter["number"] + "、" + chapter["title"])
        paragraphs(chapter.get("paragraphs", []))
        sections(chapter.get("sections", []))
        paragraphs(chapter.get("closing", []))
    return "\n".join(lines) + "\n"


def write_project(root: Path, files: dict[str, Any], with_site: bool = True) -> Path:
    """Write a project: YAML for dicts (or raw text/bytes), plus the real templates and mkdocs.yml."""
    for relative, value in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, bytes):
            target.write_bytes(value)
        elif isinstance(value, str):
            target.write_text(value, encoding="utf-8")
        else:
            target.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if with_site:
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "site_templates", root / "site_templates", dirs_exist_ok=True)
        (root / "build" / "docs").mkdir(parents=True, exist_ok=True)
    return root


def problems(tmp_path: Path, files: dict[str, Any]) -> list[str]:
    """The located problems `validate` finds in a project written from `files` (none: an empty list)."""
    from generator.checks.validate import validate
    from generator.content.load import load_content
    from generator.errors import ContentError

    root = write_project(tmp_path / "p", files, with_site=False)
    try:
        validate(load_content(root), root)
    except ContentError as exc:
        return [p.format() for p in exc.problems]
    return []


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "proj", mini_files())


def copy_real_project(target: Path) -> Path:
    """A copy of this project's inputs, so building it never touches the working tree's outputs."""
    for name in ("content", "seeds", "site_templates"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "build" / "docs").mkdir(parents=True)
    return target


def copy_built_project(built: Path, target: Path) -> Path:
    """A copy of a built project with its build folder (charts cached), without its site/: a fast rebuild."""
    shutil.copytree(built, target, ignore=shutil.ignore_patterns("site", ".site-*"))
    return target


NEXT_YEAR = ROOT / "tests" / "fixtures" / "next-year"


def next_year_project(target: Path) -> Path:
    """The real project plus the test fixture of a next-year report (tests/fixtures/next-year, never published)."""
    copy_real_project(target)
    for folder in ("seeds", "content"):
        shutil.copytree(NEXT_YEAR / folder, target / folder, dirs_exist_ok=True)
    return target


def built_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """A project made by `make` and built with `reportsite build` once per test run, returned to every test that
    reads it (never to change it). Under pytest-xdist the workers share one build: the first to ask builds it in the
    run's common temporary folder, holding a lock the others wait on."""
    from generator.cli import main

    shared = os.environ.get("PYTEST_XDIST_WORKER") is not None
    folder = factory.getbasetemp().parent / name if shared else factory.mktemp(name)
    folder.mkdir(parents=True, exist_ok=True)
    project, done = folder / "project", folder / "built"
    with open(folder.parent / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.is_file():
            shutil.rmtree(project, ignore_errors=True)  # a worker that failed half-way
            make(project)
            assert main(["--project", str(project), "build"]) == 0
            done.touch()
    return project


@pytest.fixture(scope="session")
def next_year_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content plus the next-year fixture, built once per test run; returns the project."""
    return built_once(tmp_path_factory, "next-year", next_year_project)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once per test run with `reportsite build`; returns the project."""
    return built_once(tmp_path_factory, "real", copy_real_project)


def regions(target: Path) -> None:
    """One city and ten districts, three reports each, sharing one catalogue of five indicators (bench/synthetic.py,
    a synthetic project, never published)."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic

    counts = synthetic.make_regions_project(target, years=3, indicators=5)
    assert counts["reports"] == 33


@pytest.fixture(scope="session")
def regions_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The many-regions project built once per test run; shared read-only by the bench's checks of the
    many-regions pages and the browser test of the comparison pages."""
    return built_once(tmp_path_factory, "regions", regions)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip


_SETTLE = """() => {
  if (window.__rsSettle) { window.__rsSettle.quiet = 0; return; }  // one watcher per page, however often asked
  const state = window.__rsSettle = {quiet: 0};
  new MutationObserver(() => { state.quiet = 0; }).observe(
    document.documentElement, {subtree: true, childList: true, attributes: true, characterData: true});
  (function frame() {
    const idle = document.getAnimations().every(a => a.playState !== 'running');
    state.quiet = idle ? state.quiet + 1 : 0;
    requestAnimationFrame(frame);
  })();
}"""


def wait_until_settled(page: Any, frames: int = 3, timeout: float = 10000) -> None:
    """Wait until the page stops changing: no DOM change and no running animation or transition for
    `frames` frames in a row. Scroll and intersection handlers, fade-ins and slide-ins have run by then,
    so it is also the moment to assert that something did *not* happen."""
    page.evaluate(_SETTLE)
    page.wait_for_function(f"() => window.__rsSettle.quiet >= {frames}", timeout=timeout)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole session: Playwright's sync API cannot run twice in one thread."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
