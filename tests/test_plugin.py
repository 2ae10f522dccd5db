"""The `reportsite` MkDocs plugin: found by its entry point, carries the build across `serve` rebuilds on
its own instance, and takes the site's identity (name, licence, publisher) from its options in mkdocs.yml."""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import get_plugins

from conftest import ROOT, mini_files, write_project
from generator.build import generate
from generator.cli import main
from generator.config import read_identity
from generator.plugin import ReportsitePlugin

# The real site's identity as mkdocs.yml spells it: what a project of its own must not inherit.
REAL_IDENTITY = [
    "深圳计划报告数据",
    "深圳市与福田区",
    "深圳市和福田区",
    "Shenzhen",
    "CC-BY-4.0",
    "shenzhen-plan-reports",
]


def own_identity(project: Path) -> None:
    """Give the project an identity of its own by editing its mkdocs.yml as a maintainer would."""
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    identity = read_identity(project)
    for old, new in [
        (f"site_name: {identity.name}", "site_name: 某市计划数据*"),
        (identity.subject, "某市《计划报告》"),
        (identity.subject_en, "the plan reports of Some City"),
        (identity.about, "本站整理某市的计划报告。"),
        (f"publisher: {identity.publisher}", "publisher: 某市数据小组"),
        (identity.licence.name, "CC0-1.0"),
        (identity.licence.title, "CC0 1.0 Universal"),
        (identity.licence.url, "https://creativecommons.org/publicdomain/zero/1.0/"),
        (f"name: {identity.data_name}", "name: some-city-plans"),
        (f"title: {identity.data_title}", "title: 某市计划数据"),
        (identity.data_title_en, "Some City plans: data"),
        (", ".join(identity.keywords), "某市, plans"),
    ]:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_the_plugin_is_installed_and_mkdocs_yml_uses_it(tmp_path: Path):
    """`pip install -e .` registers the entry point; mkdocs.yml lists the plugin and has no hooks."""
    assert get_plugins()["reportsite"].load() is ReportsitePlugin
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path))  # a fresh clone has no build/docs
    assert isinstance(config.plugins["reportsite"], ReportsitePlugin)
    assert "hooks:" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not (ROOT / "generator" / "hooks.py").exists() and not (ROOT / "generator" / "state.py").exists()


@pytest.mark.slow  # builds a site
def test_a_project_shows_its_own_identity_everywhere(tmp_path: Path):
    from openpyxl import load_workbook

    project = write_project(tmp_path / "p", mini_files())
    own_identity(project)
    generate(project)
    docs = project / "build" / "docs"
    assert "\n# 某市计划数据\\*\n" in (docs / "index.md").read_text(encoding="utf-8")
    assert "某市《计划报告》的全文" in (docs / "index.md").read_text(encoding="utf-8")
    assert "<p>本站整理某市的计划报告。</p>" in (docs / "about.md").read_text(encoding="utf-8")
    data_page = (docs / "data" / "index.md").read_text(encoding="utf-8")
    assert (
        '<a href="https://creativecommons.org/publicdomain/zero/1.0/" lang="en">CC0 1.0 Universal</a>（CC0-1.0）'
        in (data_page)
    )
    package = json.loads((docs / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "some-city-plans" and package["title"] == "某市计划数据 / Some City plans: data"
    assert package["keywords"] == ["某市", "plans"]
    assert package["licenses"] == [
        {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/", "title": "CC0 1.0 Universal"}
    ]
    assert package["description"].startswith("某市《计划报告》中的全部数字")
    assert "Every number of the plan reports of Some City, with" in package["description"]
    observations = json.loads((docs / "data" / "observations.json").read_text(encoding="utf-8"))
    assert observations["license"] == "CC0-1.0"
    workbook = load_workbook(docs / "data" / "observations.xlsx")
    assert workbook.properties.creator == "某市数据小组"
    assert workbook.properties.title == "某市计划数据 / Some City plans: data"
    texts = [p.read_text(encoding="utf-8") for p in docs.rglob("*") if p.suffix in {".md", ".json", ".csv"}]
    assert [word for word in REAL_IDENTITY if any(word in text for text in texts)] == []


def test_a_wrong_identity_option_names_the_option(tmp_path: Path, capsys):
    project = write_project(tmp_path / "p", mini_files())
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(f"url: {read_identity(project).licence.url}", "url: 许可证"), encoding="utf-8")
    line = config.read_text(encoding="utf-8").splitlines().index("        url: 许可证") + 1
    assert main(["--project", str(project), "build"]) == 1
    err = capsys.readouterr().err
    message = f"mkdocs.yml:{line}: plugins.reportsite.licence.url: 应为 http:// 或 https:// 开头的网址，而不是“许可证”"
    assert message in err and "Traceback" not in err
    with pytest.raises(Exception, match=re.escape(message)):
        read_identity(project)


def test_build_without_the_plugin_registered_says_how_to_install(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setattr("mkdocs.plugins.get_plugins", dict)
    project = write_project(tmp_path / "p", mini_files())
    assert main(["--project", str(project), "build"]) == 1
    assert "pip install -c constraints.txt -e ." in capsys.readouterr().err


def test_a_mkdocs_yml_without_the_plugin_is_a_clear_error(tmp_path: Path, capsys):
    project = write_project(tmp_path / "p", mini_files())
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"\n  - reportsite:\n(?:(?:    .*)?\n)*", "\n", text), encoding="utf-8")
    assert main(["--project", str(project), "build"]) == 1
    assert "mkdocs.yml: plugins: 缺少 reportsite 插件" in capsys.readouterr().err
    with pytest.raises(Exception, match="缺少 reportsite 插件"):
        read_identity(project)


@pytest.mark.slow  # builds a site
def test_an_empty_source_date_epoch_counts_as_unset(tmp_path: Path, monkeypatch):
    """`SOURCE_DATE_EPOCH=` (empty) once crashed MkDocs with int(''); it means: use the content's date."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    project = write_project(tmp_path / "p", mini_files())
    assert main(["--project", str(project), "build"]) == 0
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>2024-01-30</lastmod>") == sitemap.count("<lastmod>") > 0
    package = json.loads((project / "site" / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["created"] == "2024-01-30T00:00:00Z"
    assert os.environ["SOURCE_DATE_EPOCH"] == ""  # given back as it was


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.mark.slow  # builds a site
def test_serve_keeps_the_last_good_build_on_the_one_plugin_instance(tmp_path: Path):
    """What `serve` does on every rebuild, in-process: reload mkdocs.yml, run the config event."""
    project = write_project(tmp_path / "p", mini_files())
    config_file = str(project / "mkdocs.yml")
    first = load_config(config_file)
    plugin = first.plugins["reportsite"]
    first.plugins.on_startup(command="serve", dirty=False)
    try:
        good_nav = plugin.on_config(first).nav
        gdp = project / "content/indicators/gdp.yml"
        gdp.write_text(gdp.read_text(encoding="utf-8").replace("theme: 经济运行", "theme: 经济"), encoding="utf-8")
        second = load_config(config_file)
        assert second.plugins["reportsite"] is plugin  # MkDocs keeps a plugin that has on_startup
        editor = logging.getLogger("reportsite.serve")
        collect = Collect()
        editor.addHandler(collect)
        try:
            assert plugin.on_config(second).nav == good_nav
        finally:
            editor.removeHandler(collect)
        assert "content/indicators/gdp.yml:5:8: theme: 文字“经济”不是允许的值" in "\n".join(collect.messages)
    finally:
        first.plugins.on_shutdown()
    assert plugin.last is None  # a later build in this process starts clean
    third = load_config(config_file)
    third.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort, match="内容校验失败"):
        plugin.on_config(third)  # `build` has no fallback
    third.plugins.on_shutdown()


@pytest.mark.slow  # builds a site
def test_a_chart_that_fails_while_mkdocs_reads_the_pages_stops_the_build_with_its_message(tmp_path: Path, monkeypatch):
    """`reportsite build` does not wait for cold charts (LateCharts): a chart that cannot be made is found when
    MkDocs reads its page, and stops the build as a generator error does, with the chart named."""
    from types import SimpleNamespace

    from generator.build import Generated, LateCharts
    from generator.model.site import ChartRef
    from generator.output import charts
    from generator.output import svg as svg_module
    from generator.output.chartjobs import ChartJobs
    from generator.output.svg import SvgRenderer
    from generator.output.write import WriteStats

    rows = [{"指标": "地区生产总值", "系列": "2023年实际", "增速": 1.0, "标签": "1%", "说明": "x"}]
    charts.cache_specs_in(None)
    with charts.deferred() as pending:
        specs = [charts.grouped_bars(rows, "指标", "系列", "增速", f"坏图{i}", "说明", "%") for i in range(2)]
    for p in pending.values():
        p.builder = "no_such_chart"
    refs = [ChartRef(f"c{i}", "t", "d", spec, [], []) for i, spec in enumerate(specs)]
    monkeypatch.setattr(svg_module, "PROCESS_MIN", 2)
    jobs = ChartJobs(SvgRenderer(tmp_path / "svg", workers=2), refs, pending)
    jobs.start()
    page = SimpleNamespace(path="indicators/x.md", charts=refs)
    late = LateCharts(jobs, {page.path: page}, {}, lambda p: {p.path: b"# x"}, tmp_path / "docs")
    plugin = ReportsitePlugin()
    plugin.last = Generated(1, 2, [], WriteStats(), 0.0, late=late)
    assert (
        plugin.on_page_read_source(page=SimpleNamespace(file=SimpleNamespace(src_uri="other.md")), config=None) is None
    )
    with pytest.raises(Abort, match="图表规格无法生成（no_such_chart）"):
        plugin.on_page_read_source(page=SimpleNamespace(file=SimpleNamespace(src_uri=page.path)), config=None)
