"""The generator: content → validated models → pages and charts → files in the build folder.

This is the one code path: `reportsite build` runs it before handing its output to an engine
(`publish/pipeline.py`); `reportsite serve`, `mkdocs build` and `mkdocs serve` reach it through the
`reportsite` MkDocs plugin (`publish/engines/mkdocs.py`, by way of `publish/session.py`).
"""

from __future__ import annotations

import functools
import html
import json
import os
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from generator.checks.open_items import OpenItem, set_aside, todo_fields
from generator.checks.validate import validate
from generator.config import SiteIdentity, read_identity
from generator.content.load import Content, load_content_partial
from generator.content.schema import schema_files
from generator.errors import BuildError, ContentError, Problem
from generator.model import urls
from generator.model.site import Page, SiteModel, build_model, places_of
from generator.output import charts, opendata, usercache
from generator.output.chartjobs import ChartJobs, Made
from generator.output.redirects import redirect_files
from generator.output.render import RenderMemo, cached_environment, render_embed, render_page
from generator.output.reproducible import content_epoch
from generator.output.svg import SvgRenderer, svg_size
from generator.output.write import WriteStats, write_tree
from generator.pages.builders import build_nav, build_pages
from generator.progress import Progress

BUILD_DIR = "build"
DOCS_DIR = "build/docs"
CACHE_DIR = "build/cache"


@dataclass
class Generated:
    """What one generator run produced, for the summary line and the tests."""

    pages: int
    charts: int
    nav: list[Any]
    stats: WriteStats
    seconds: float
    files: list[str] = field(default_factory=list)
    source_epoch: int = 0  # the latest report date: the build date MkDocs writes (see reproducible.py)
    open_items: list[OpenItem] = field(default_factory=list)  # preview only: what is left for review
    late: LateCharts | None = None  # `late` builds: the charts still being made, and the pages that show them
    model: SiteModel | None = None  # what the pages were made from: the search index is made from it too
    page_list: list[Page] = field(default_factory=list)  # the pages themselves (their titles are searchable)


@dataclass
class LateCharts:
    """Charts still being made when MkDocs starts (`generate(late=True)` with cold charts in worker processes).

    Their pages and files stand in `build/docs` as empty files, so MkDocs lists them; MkDocs reads each such
    page through `source` (the plugin's `on_page_read_source`), which waits for that page's charts only, and
    `finish` (the plugin's `on_env`, before MkDocs copies the static files) writes the real files. MkDocs thus
    converts the other pages' Markdown while the charts are made, and the site is what a build that waited is.
    """

    jobs: ChartJobs
    pages: dict[str, Any]  # path → a page that shows a chart
    files: dict[str, bytes]  # every file of the build folder, the real chart files once made
    render: Callable[[Any], dict[str, bytes]]
    docs: Path
    rendered: set[str] = field(default_factory=set)

    def source(self, path: str) -> str | None:
        """The Markdown of the page at `path` (relative to the build folder) if it shows a chart, else None."""
        page = self.pages.get(path)
        if page is None:
            return None
        self._render(page)
        return self.files[path].decode("utf-8")

    def finish(self) -> WriteStats:
        """Wait for every chart and write the chart files and pages into the build folder."""
        self.jobs.finish()
        for page in self.pages.values():
            self._render(page)
        return write_tree(self.docs, self.files)

    def close(self) -> None:
        self.jobs.close()

    def _render(self, page: Any) -> None:
        if page.path in self.rendered:
            return
        self.files.update(_chart_page_files(page, self.jobs, self.render))
        self.rendered.add(page.path)


def jobs() -> int:
    """Worker processes for chart rendering: REPORTSITE_JOBS, else one per core."""
    value = os.environ.get("REPORTSITE_JOBS", "")
    return int(value) if value.isdigit() and int(value) > 0 else os.cpu_count() or 1


def font_dirs() -> tuple[str, ...]:
    """Where the chart font is looked for: REPORTSITE_FONT_DIRS (paths joined by os.pathsep), else /usr/share/fonts."""
    value = os.environ.get("REPORTSITE_FONT_DIRS", "")
    return tuple(d for d in value.split(os.pathsep) if d) or ("/usr/share/fonts",)


def _check_unique_slugs(all_charts: list[Any]) -> None:
    """Chart slugs name their embed pages (embed/<slug>/), so two charts may not share one."""
    seen: set[str] = set()
    for chart in all_charts:
        if chart.slug in seen:
            raise BuildError(f"两张图表同名“{chart.slug}”：嵌入页 embed/{chart.slug}/ 只能属于一张图表")
        seen.add(chart.slug)


def check(project: Path) -> Content:
    """Load and validate the content; raise ContentError listing every problem of every file.

    The cross-file checks also run when some files did not load, on the files that did, so one
    run reports a syntax error in one file and a wrong quote in another.
    """
    content, problems = load_content_partial(project)
    try:
        validate(content, project)
    except ContentError as exc:
        problems = [*problems, *exc.problems]
    problems += todo_fields(project)
    if problems:
        raise ContentError(problems)
    return content


def check_preview(project: Path) -> tuple[Content, list[OpenItem]]:
    """`check` for `reportsite serve`: a report whose only problems are open items is built without them.

    The open observations are set aside (their numbers stay unlinked in the chapter text) and returned, so
    the preview can mark each one; any other problem fails as in `check`. Never used by `reportsite build`.
    """
    content, problems = load_content_partial(project)
    problems += todo_fields(project)
    items, rest = set_aside(project, content, problems)
    if rest:
        raise ContentError(problems)
    open_paragraphs: set[tuple[str | None, str | None]] = {(i.report, i.paragraph) for i in items if i.paragraph}
    try:
        validate(content, project)
    except ContentError as exc:
        # a number an open observation was to account for is not "unaccounted" while it is under review
        left = [p for p in exc.problems if not _of_open_paragraph(p, open_paragraphs)]
        if left:
            raise ContentError([*left, *(item.problem for item in items)]) from None
    return content, items


def _of_open_paragraph(problem: Problem, open_paragraphs: set[tuple[str | None, str | None]]) -> bool:
    report = problem.path.split("/")[2] if problem.path.startswith("content/reports/") else None
    return any(report == r and f"段落“{p}”中的数字" in problem.message for r, p in open_paragraphs)


def _with_pages(content: Content, items: list[OpenItem]) -> list[OpenItem]:
    """Each open observation with the chapter page of its paragraph, where the preview marks it."""
    places = {item.report.id: places_of(item) for item in content.reports}
    out = []
    for item in items:
        place = places.get(item.report or "", {}).get(item.paragraph or "")
        out.append(replace(item, page=place.page) if place else item)
    return out


def generate(
    project: Path,
    progress: Progress | None = None,
    site_url: str | None = None,
    identity: SiteIdentity | None = None,
    preview: bool = False,
    remember: bool = False,
    late: bool = False,
    links: str = urls.PAGE,
) -> Generated:
    """Generate the Markdown, chart specs, SVGs, data files and assets into `build/docs` (only changed files).

    `site_url` (MkDocs' `site_url`) makes the source links in the open data files absolute; `identity`
    (the plugin's options) defaults to the one in the project's mkdocs.yml. With `preview` (serve only) a
    report with open items is built without them, and they are returned in `Generated.open_items`. With
    `remember` (serve), rendered pages and open data files are kept in memory for the next run, which redoes
    only what changed. With `late` (`reportsite build`), cold charts made in worker processes are not waited
    for: their pages and files are left to `Generated.late`, which MkDocs' reading of the pages drives.
    `links` is how the engine reads links in the pages' raw HTML (`model/urls.py`: `PAGE` or `SOURCE`).
    """
    progress = progress or Progress()
    identity = identity or read_identity(project)
    started = time.perf_counter()
    progress.stage("读取并校验 content/ …")
    content, open_items = check_preview(project) if preview else (check(project), [])
    model = build_model(content)
    open_items = _with_pages(content, open_items)
    charts.cache_specs_in(project / CACHE_DIR / "specs")
    with charts.deferred() as pending:  # specs not cached yet are built with the SVGs, below
        pages = build_pages(model)
    chart_count = sum(len(p.charts) for p in pages)
    progress.stage(
        f"{len(content.reports)} 份报告，{len(content.indicators)} 个指标，{len(model.views)} 个观测值 → "
        f"{len(pages)} 个页面，{chart_count} 张图表"
    )
    files: dict[str, bytes] = {}
    renderer = SvgRenderer(project / CACHE_DIR / "svg", font_dirs=font_dirs(), workers=jobs(), progress=progress)
    all_charts = [c for p in sorted(pages, key=lambda p: _reading_order(p.path)) for c in p.charts]
    _check_unique_slugs(all_charts)
    chart_jobs = ChartJobs(renderer, all_charts, pending)
    chart_jobs.start(bundle=bool(all_charts) and not _bundle_ready(project / CACHE_DIR))
    env = cached_environment(project / "site_templates")
    memo = RenderMemo(project / "site_templates", identity, site_url, links, keep=remember)

    def render(page: Any) -> dict[str, bytes]:
        text = memo.text(page, functools.partial(_page_text, env, page, identity, site_url, links))
        out = {page.path: text.encode("utf-8")}
        for chart in page.charts:
            out[chart.embed_path + "index.html"] = render_embed(env, chart, page, site_url).encode("utf-8")
        return out

    with_charts = [page for page in pages if page.charts]
    try:  # what does not show a chart is made while the charts are
        without = [page for page in pages if not page.charts]
        for page in progress.track(without, len(without), "页面"):
            files.update(render(page))
        created = opendata.release_date(model, os.environ.get("SOURCE_DATE_EPOCH"))
        files.update(opendata.data_files(model, site_url, created, identity, remember))
        files.update(_assets(project, bool(all_charts), chart_jobs.bundle_made))
        files.update(redirect_files(content))  # renamed indicators: the old URL leads to the new page
        files.update(schema_files())  # published as site/schemas/*.json for editors' YAML tooling
        later = None
        if late and chart_jobs.background:
            later = LateCharts(chart_jobs, {p.path: p for p in with_charts}, files, render, project / DOCS_DIR)
            files.update({path: b"" for page in with_charts for path in _paths_of(page)})  # listed now, written later
        else:
            for page in progress.track(with_charts, len(with_charts), "页面"):
                files.update(_chart_page_files(page, chart_jobs, render))
            chart_jobs.finish()
    except BaseException:
        chart_jobs.close()
        raise
    stats = write_tree(project / DOCS_DIR, files)
    seconds = time.perf_counter() - started
    progress.stage(
        f"生成完成：写入 {stats.written} 个文件，{stats.unchanged} 个未变，删除 {stats.removed} 个（{seconds:.2f} 秒）"
        + (f"；{len(with_charts)} 个有图表的页面在图表生成后写入" if later else "")
    )
    epoch = content_epoch(item.report.date for item in content.reports)
    nav = build_nav(model)
    return Generated(
        len(pages), chart_count, nav, stats, seconds, sorted(files), epoch, open_items, later, model, pages
    )


def _chart_page_files(page: Any, jobs: ChartJobs, render: Callable[[Any], dict[str, bytes]]) -> dict[str, bytes]:
    """A page that shows charts and its charts' files, once its charts are made (`render` needs their sizes)."""
    out: dict[str, bytes] = {}
    for chart in page.charts:
        out.update(_chart_files(chart, jobs.made(chart.spec)))
    out.update(render(page))
    return out


def _chart_paths(chart: Any) -> list[str]:
    """A chart's files beside its page: specs (wide, phone), static SVGs (wide, phone), CSV."""
    return [chart.spec_path, chart.narrow_spec_path, chart.svg_path, chart.narrow_svg_path, chart.csv_path]


def _chart_files(chart: Any, made: Made) -> dict[str, bytes]:
    """The bytes of `_chart_paths`; gives the chart its SVGs' sizes."""
    chart.wide_size, chart.narrow_size = svg_size(made.wide_svg), svg_size(made.narrow_svg)
    contents = [
        _json_bytes(chart.spec),
        _json_bytes(made.narrow),
        made.wide_svg.encode("utf-8"),
        made.narrow_svg.encode("utf-8"),
        opendata.chart_csv(chart.spec),
    ]
    return dict(zip(_chart_paths(chart), contents, strict=True))


def _reading_order(path: str) -> tuple[tuple[str, ...], bool, str]:
    """Where MkDocs reads a page (folders walked top-down in name order, index.md first in each): the charts
    are made in this order, so a late build's MkDocs rarely waits for one (see `LateCharts`)."""
    *folders, name = path.split("/")
    return tuple(folders), name.rsplit(".", 1)[0] not in ("index", "README"), name


def _paths_of(page: Any) -> list[str]:
    """The files of a page that shows charts: the page, and per chart its embed page and `_chart_files`."""
    paths = [page.path]
    for c in page.charts:
        paths += [c.embed_path + "index.html", *_chart_paths(c)]
    return paths


def _json_bytes(value: Any) -> bytes:
    # Compact: json's C encoder is only used without indent (5× faster), and the browser fetches these files.
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def _page_text(env: Any, page: Any, identity: SiteIdentity, site_url: str | None, links: str) -> str:
    return _front_matter(page) + render_page(env, page, identity, site_url, links)


def _front_matter(page: Any) -> str:
    meta: dict[str, Any] = {"title": page.title}
    if page.search_boost:
        meta["search"] = {"boost": page.search_boost}
    if page.search_exclude:
        meta["search"] = {"exclude": True}
    if page.tags:
        # Tags are search keywords (an indicator's name and aliases, weighed above the text, shown in results);
        # on the page they would repeat the title and the 别名 row as chips that look tappable and lead nowhere.
        meta["tags"] = list(page.tags)
        meta["hide"] = ["tags"]
    if page.sources:  # the content files of 编辑此页 (overrides/main.html)
        meta["sources"] = list(page.sources)
    if page.description:
        # MkDocs' theme templates do not autoescape: Material prints this into an attribute as it is.
        meta["description"] = html.escape(page.description)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: same text, 3× faster
    return "---\n" + yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=True) + "---\n\n"


def _assets(project: Path, with_vega: bool, bundle_made: Future[str] | None = None) -> dict[str, bytes]:
    """Static files of the theme (CSS, JS) and the Vega bundle, served from the site itself."""
    files: dict[str, bytes] = {}
    asset_dir = project / "site_templates" / "assets"
    for path in sorted(asset_dir.rglob("*")):
        if path.is_file():
            files["assets/" + path.relative_to(asset_dir).as_posix()] = path.read_bytes()
    if with_vega:
        files["assets/javascripts/vega.min.js"] = _vega_bundle(project / CACHE_DIR, bundle_made)
    return files


def _bundle_path(cache: Path) -> Path:
    from importlib.metadata import version

    return cache / f"vega-{version('vl-convert-python')}.js"


def _bundle_ready(cache: Path) -> bool:
    """Whether the project's cache holds the Vega bundle, taken from the user's cache when that has it."""
    target = _bundle_path(cache)
    return target.is_file() or usercache.fetch(target.name, target)


def _vega_bundle(cache: Path, made: Future[str] | None = None) -> bytes:
    """vega + vega-lite + vega-embed from vl-convert (no CDN), cached per vl-convert version; `made` by a worker
    process on a cold build with many charts, else here."""
    target = _bundle_path(cache)
    if not _bundle_ready(cache):
        if made is not None:
            text = made.result()
        else:
            import vl_convert as vlc

            text = vlc.javascript_bundle()  # type: ignore[call-arg]
        cache.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        usercache.keep(target.name, target)  # the next project's cold build takes it from there (~3 s saved)
    return target.read_bytes()
