"""Edits are cheap: unchanged files are not re-parsed, unchanged charts not rebuilt, unchanged pages not rewritten."""

import json
from pathlib import Path

import pytest

from generator.build import CACHE_DIR, DOCS_DIR, generate
from generator.content import load
from generator.errors import ContentError
from generator.output import charts
from generator.output.svg import SvgRenderer

pytestmark = pytest.mark.slow  # every test generates the mini project, most of them twice


def _edit_definition(project: Path, text: str) -> None:
    path = project / "content/indicators/gdp.yml"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("本地区常住单位生产活动的最终成果。", text), encoding="utf-8")


def test_one_edit_rewrites_only_the_page_that_shows_it(mini_project: Path):
    generate(mini_project)
    docs = mini_project / DOCS_DIR
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    _edit_definition(mini_project, "修订后的定义。")
    result = generate(mini_project)
    # The definition shows on the indicator page, in the glossary and in the downloads that describe indicators.
    shown_in = ["data/indicators.csv", "data/indicators/gdp.json", "data/observations.json", "data/observations.xlsx",
                "glossary.md", "indicators/gdp.md"]  # fmt: skip
    assert result.stats.written == len(shown_in)
    changed = sorted(p.relative_to(docs).as_posix() for p in before if p.stat().st_mtime_ns != before[p])
    assert changed == shown_in
    assert "修订后的定义。" in (docs / "indicators/gdp.md").read_text(encoding="utf-8")


def test_only_changed_files_are_parsed_again(mini_project: Path, monkeypatch):
    generate(mini_project)
    parsed: list[str] = []
    real = load.load_yaml

    def counting(path, shown_as, raw=None):
        parsed.append(shown_as)
        return real(path, shown_as, raw)

    monkeypatch.setattr(load, "load_yaml", counting)
    generate(mini_project)
    assert parsed == []
    _edit_definition(mini_project, "又一次修订。")
    generate(mini_project)
    assert parsed == ["content/indicators/gdp.yml"]


def test_a_file_broken_after_caching_is_reported(mini_project: Path):
    generate(mini_project)
    (mini_project / "content/indicators/gdp.yml").write_text("id: gdp\nname: [1\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        generate(mini_project)
    assert caught.value.problems[0].format().startswith("content/indicators/gdp.yml:3:1: YAML 语法错误")


def test_chart_specs_come_from_the_cache_when_inputs_are_unchanged(mini_project: Path, monkeypatch):
    monkeypatch.setattr(charts, "_memory", {})  # as in a fresh process
    first = generate(mini_project)
    stored = sorted((mini_project / CACHE_DIR / "specs").glob("*.json"))
    assert len(stored) == first.charts
    charts._memory.clear()  # a fresh process: only the disk cache is left

    def no_altair(*args, **kwargs):
        raise AssertionError("Altair was called for an unchanged chart")

    monkeypatch.setattr(charts, "_finish", no_altair)
    again = generate(mini_project)
    assert again.stats.written == 0 and again.charts == first.charts


def test_charts_rendered_on_threads_equal_the_serial_rendering(mini_project: Path, tmp_path: Path):
    generate(mini_project)
    docs = mini_project / DOCS_DIR
    specs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(docs.rglob("*.vl.json"))]
    assert len(specs) >= 2
    serial = SvgRenderer(tmp_path / "one", workers=1)
    threaded = SvgRenderer(tmp_path / "two", workers=2)
    assert threaded.svgs(specs) == serial.svgs(specs)
    assert threaded.rendered == serial.rendered == len(specs)
    assert SvgRenderer(tmp_path / "two", workers=2).svgs(specs[:1]) == serial.svgs(specs[:1])


def test_pages_are_rendered_again_only_when_their_data_or_templates_change(mini_project: Path, monkeypatch):
    from generator import build
    from generator.output import render

    generate(mini_project, remember=True)
    generate(mini_project, remember=True)  # charts now come from the spec cache, as in every later run
    rendered: list[str] = []
    real = build.render_page

    def counting(env, page, *args):
        rendered.append(page.path)
        return real(env, page, *args)

    monkeypatch.setattr(build, "render_page", counting)
    generate(mini_project, remember=True)
    assert rendered == []
    _edit_definition(mini_project, "修订后的定义。")
    generate(mini_project, remember=True)
    docs = mini_project / DOCS_DIR
    remembered = {p: p.read_bytes() for p in docs.rglob("*.md")}
    # the pages that show the definition, and those holding the indicator in their data; not the others
    assert {"glossary.md", "indicators/gdp.md"} <= set(rendered)
    assert "indicators/retail-sales.md" not in rendered and len(rendered) < len(remembered)
    render._rendered.clear()  # a fresh process renders every page: the same text
    (docs / "glossary.md").unlink()
    generate(mini_project, remember=True)
    assert {p: p.read_bytes() for p in docs.rglob("*.md")} == remembered
    rendered.clear()
    macros = mini_project / "site_templates/_macros.j2"
    macros.write_text(macros.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    generate(mini_project, remember=True)
    assert len(rendered) == len(remembered)  # a template change renders every page


def test_a_one_off_build_keeps_no_rendered_pages(mini_project: Path):
    """`reportsite build` renders every page once: keeping their texts would only double its memory."""
    from generator.output import opendata, render

    render._rendered.clear()
    opendata._made.clear()
    generate(mini_project)
    assert render._rendered == {} and opendata._made == {}
