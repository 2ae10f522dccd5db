"""Static chart SVGs: rendered for any valid text, and the same bytes for the same chart."""

import json
import re
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.output import charts
from generator.output import svg as svg_module
from generator.output.svg import SvgRenderer


@pytest.mark.slow  # renders a chart with a fallback font
def test_long_label_of_supplementary_characters_still_renders(tmp_path: Path):
    # vl-convert cannot measure a label that Vega truncated inside a surrogate pair (found by hypothesis)
    name = "𠀀" * 40
    rows = [
        {"指标": name, "系列": "2023年实际", "增速": 1.0, "标签": "1%", "说明": "x"},
        {"指标": "b", "系列": "2023年实际", "增速": 2.0, "标签": "2%", "说明": "y"},
    ]
    spec = charts.grouped_bars(rows, "指标", "系列", "增速", "标题", "说明", "%")
    svg = SvgRenderer(tmp_path).svg(spec)
    assert svg.startswith("<svg") and "〓" in svg
    assert spec["data"]["values"][0]["指标"] == name  # the interactive spec keeps the real characters


def test_the_same_chart_renders_to_the_same_bytes_after_other_charts(tmp_path: Path):
    # vl-convert numbers clip paths across the process; a build must not depend on what rendered before
    rows = [
        {"指标": n, "系列": "2023年实际", "增速": v, "标签": f"{v}%", "说明": "x"} for n, v in (("a", 1.0), ("b", 2.0))
    ]
    spec = charts.grouped_bars(rows, "指标", "系列", "增速", "标题", "说明", "%")
    first = SvgRenderer(tmp_path / "one").svg(spec)
    SvgRenderer(tmp_path / "other").svg({**spec, "title": "另一张"})
    again = SvgRenderer(tmp_path / "two").svg(spec)
    assert 'id="clip1"' in first and first == again


def _specs(count: int) -> list[dict]:
    rows = [{"指标": "地区生产总值", "系列": "2023年实际", "增速": 1.0, "标签": "1%", "说明": "x"}]
    return [
        charts.grouped_bars([{**rows[0], "增速": float(i)}], "指标", "系列", "增速", f"图{i}", "说明", "%")
        for i in range(count)
    ]


@pytest.mark.slow  # SVG worker processes
def test_worker_processes_render_the_same_bytes_in_the_same_order(tmp_path: Path, monkeypatch):
    specs = _specs(5)
    here = SvgRenderer(tmp_path / "here").svgs(specs)
    monkeypatch.setattr(svg_module, "PROCESS_MIN", 2)
    monkeypatch.setattr(svg_module, "SUBSET_MIN", 2)  # the workers measure with the font subset
    workers = SvgRenderer(tmp_path / "workers", workers=2)
    assert workers.svgs(specs) == here and workers.rendered == 5
    cached = sorted(p.name for p in (tmp_path / "workers").iterdir())
    assert cached == sorted(p.name for p in (tmp_path / "here").iterdir()) and len(cached) == 5  # no .tmp left
    assert SvgRenderer(tmp_path / "workers", workers=2).svgs(specs[::-1]) == here[::-1]  # from the cache


@pytest.mark.slow  # SVG worker processes
def test_a_chart_that_cannot_render_in_a_worker_is_a_build_error(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(svg_module, "PROCESS_MIN", 2)
    bad = {"mark": "不存在", "title": "坏图"}
    with pytest.raises(BuildError, match="图表“坏图”无法生成静态 SVG"):
        SvgRenderer(tmp_path, workers=2).svgs([*_specs(2), bad])


def test_every_chart_of_the_real_site_is_valid_vega_lite(real_site: Path):
    # The build skips Altair's validation (a third of a cold spec's cost); the specs depend only on
    # generator/output/charts.py, so validating what the real site publishes covers every chart type.
    import jsonschema
    from altair.vegalite.v6.schema import load_schema

    schema = load_schema()  # Altair's Vega-Lite schema; one validator for all (Altair's own helper makes one a spec)
    kind = jsonschema.validators.validator_for(schema)
    validator = kind(schema, format_checker=kind.FORMAT_CHECKER)
    specs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((real_site / "site").rglob("*.vl.json"))]
    marks = {layer["mark"]["type"] for spec in specs for layer in spec.get("layer", [])}
    assert len(specs) >= 50 and {"bar", "text", "line", "point"} <= marks, marks  # every chart type is here
    for spec in [*specs, *_specs(1)]:
        validator.validate(spec)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**_specs(1)[0], "mark": "不存在"})  # the check does refuse a bad spec
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**specs[0], "layer": [{**specs[0]["layer"][0], "mark": {"type": "bar", "size": "大"}}]})


def _spec() -> dict:
    rows = [
        {"指标": n, "系列": "2023年实际", "增速": v, "标签": f"{v}%", "说明": "x"}
        for n, v in (("甲", 1.0), ("乙", 2.0))
    ]
    return charts.grouped_bars(rows, "指标", "系列", "增速", "标题", "说明", "%")


@pytest.mark.slow  # a copy of the real project
def test_without_the_chart_font_the_build_stops_naming_the_package(tmp_path: Path, monkeypatch, capsys):
    """A build machine without Noto Sans CJK would lay out every static SVG with wrong text widths."""
    from conftest import copy_real_project
    from generator.cli import main

    project = copy_real_project(tmp_path / "project")
    (tmp_path / "fonts").mkdir()  # a font folder with no CJK font in it
    monkeypatch.setenv("REPORTSITE_FONT_DIRS", str(tmp_path / "fonts"))
    assert main(["--project", str(project), "build"]) != 0
    err = capsys.readouterr().err
    assert "缺少图表字体 Noto Sans CJK SC" in err and "fonts-noto-cjk" in err and "README" in err
    assert "Traceback" not in err
    assert not (project / "site").exists()


def test_svg_cache_is_keyed_on_the_font(tmp_path: Path):
    """Installing or changing the font re-renders the SVGs, instead of keeping ones laid out without it."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "NotoSansCJK-Regular.ttc").write_bytes(b"one")
    spec = _spec()
    first = SvgRenderer(tmp_path / "cache", font_dirs=(str(fonts),))
    first.svg(spec)
    assert first.rendered == 1
    same = SvgRenderer(tmp_path / "cache", font_dirs=(str(fonts),))
    same.svg(spec)
    assert same.rendered == 0  # same font: from the cache
    (fonts / "NotoSansCJK-Regular.ttc").write_bytes(b"two, another version")
    changed = SvgRenderer(tmp_path / "cache", font_dirs=(str(fonts),))
    changed.svg(spec)
    assert changed.rendered == 1


def test_phone_layout_wraps_long_category_labels_and_fits_its_width(tmp_path: Path):
    rows = [
        {
            "行": f"{name}（深圳市）",
            "系列": "2024年目标",
            "增速": 5.0,
            "标签": "5%",
            "说明": "x",
            "位置": "右",
            "颜色": "暂无数据",
            "形状": "目标",
        }
        for name in ("规模以上工业增加值", "社会消费品零售总额", "地区生产总值")
    ]
    spec = charts.target_dumbbell(rows, "标题", "说明", "%")
    narrow = charts.narrow(spec)
    assert narrow["height"] >= 3 * 34 and narrow["width"] == "container"
    svg = SvgRenderer(tmp_path).svg(charts.static_layout(narrow, charts.NARROW_WIDTH))
    assert f'width="{charts.NARROW_WIDTH}"' in svg.split(">", 1)[0]
    assert "…" not in svg and ">（深圳市）<" in svg  # the region on its own line, not cut off


def test_phone_layout_puts_a_time_charts_value_labels_on_two_lines(tmp_path: Path):
    # A year is ~60 px wide on a phone: a label like ≈3.264万亿元 (~75 px) would overprint the next year's.
    labels = {"2022": "≈3.264万亿元", "2023": "5.5%左右", "2024": "5.5% · 达成", "2025": "6.0%"}
    rows = [
        {"地区": "某市", "时期": year, "数值": 5.0 + i, "标签": label, "类别": "原文", "说明": "x"}
        for i, (year, label) in enumerate(labels.items())
    ]
    spec = charts.time_series(rows, list(labels), ["某市"], "标题", "说明", "%")
    wide = SvgRenderer(tmp_path).svg(charts.static_layout(spec, charts.WIDE_WIDTH))
    narrow = SvgRenderer(tmp_path).svg(charts.static_layout(charts.narrow(spec), charts.NARROW_WIDTH))
    assert ">≈3.264万亿元<" in wide and ">5.5% · 达成<" in wide  # one line on a desktop
    for first, second in (("≈3.264", "万亿元"), ("5.5%", "左右"), ("5.5%", "达成")):
        assert f">{first}</tspan><tspan" in narrow and f">{second}</tspan>" in narrow
    assert ">6.0%<" in narrow  # nothing after the number: one line
    assert [r["标签"] for r in spec["data"]["values"]] == list(labels.values())  # the data (and CSV) as printed


def test_tracker_chart_labels_every_mark_on_its_own_line(tmp_path: Path):
    """The year before, the target and the outcome each on their own line of the indicator's row, each labelled;
    the outcome's label says how it was judged; a label faces the plot's wider side, so none leaves it."""
    rows = [
        {"行": "一般公共预算收入（深圳市）", "系列": "2023年实际", "增速": 10.0, "标签": "10.0%", "说明": "x",
         "位置": "右", "颜色": "上年增速", "形状": "实际"},
        {"行": "一般公共预算收入（深圳市）", "系列": "2024年目标", "增速": 0.5, "标签": "0.5%", "说明": "x",
         "位置": "左", "颜色": "未达成", "形状": "目标"},
        {"行": "一般公共预算收入（深圳市）", "系列": "2024年实际", "增速": 0.2, "标签": "0.2%", "说明": "x",
         "位置": "中", "颜色": "未达成", "形状": "实际"},
    ]  # fmt: skip
    for spec, width in ((charts.target_dumbbell(rows, "标题", "说明", "%"), charts.WIDE_WIDTH),
                        (charts.narrow(charts.target_dumbbell(rows, "标题", "说明", "%")), charts.NARROW_WIDTH)):  # fmt: skip
        svg = SvgRenderer(tmp_path).svg(charts.static_layout(spec, width))
        anchors = {
            label: anchor for anchor, label in re.findall(r'text-anchor="(\w+)"[^>]*>(10\.0%|0\.5%|0\.2% 未达成)<', svg)
        }
        assert anchors == {"10.0%": "end", "0.5%": "start", "0.2% 未达成": "start"}
        # the key: an entry per kind of mark drawn, nothing else (no 暂无数据, no 达成: not drawn here)
        assert ">上年实际<" in svg and ">目标<" in svg and ">当年未达成<" in svg and ">当年达成<" not in svg


def _static_specs(site: Path) -> list[tuple[Path, dict]]:
    """Each static SVG the build published and the static layout it was rendered from: desktop and phone."""
    specs = []
    for path in sorted(site.rglob("*.vl.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        width = charts.NARROW_WIDTH if path.name.endswith(".narrow.vl.json") else charts.WIDE_WIDTH
        specs.append((path.with_name(path.name.removesuffix(".vl.json") + ".svg"), charts.static_layout(spec, width)))
    return specs


def test_the_font_subset_lays_out_every_real_chart_as_the_real_font_does(real_site: Path, tmp_path: Path, monkeypatch):
    """Worker processes measure text with a subset of Noto Sans CJK SC (fontsubset.py) on large cold builds: each
    SVG the real site published (its 120 SVGs are made with the real font) must be what the subset gives, for
    every chart of the real site, desktop and phone."""
    from generator.output import fontsubset

    published = _static_specs(real_site / "site")
    specs = [spec for _, spec in published]
    assert len(specs) >= 100 and len(specs) >= svg_module.PROCESS_MIN
    assert not list((real_site / "build" / "cache").glob("fonts/*/covered.txt"))  # fewer than SUBSET_MIN SVGs
    monkeypatch.setattr(svg_module, "SUBSET_MIN", len(specs))
    subset_font = SvgRenderer(tmp_path / "svg", workers=2)
    subset = subset_font.fast_fonts(fontsubset.spec_chars(specs), len(specs))
    assert subset is not None and all(subset.covers(spec) for spec in specs)
    assert subset_font.svgs(specs) == [path.read_text(encoding="utf-8") for path, _ in published]


@pytest.mark.slow  # SVG worker processes
def test_a_subset_is_made_for_many_svgs_only_and_reused_for_fewer(tmp_path: Path):
    from generator.output import fontsubset

    renderer = SvgRenderer(tmp_path / "svg")
    chars = fontsubset.spec_chars([_spec()])
    assert renderer.fast_fonts(chars, svg_module.SUBSET_MIN - 1) is None
    assert not (tmp_path / "fonts").exists()
    made = renderer.fast_fonts(chars, svg_module.SUBSET_MIN)
    assert made is not None and renderer.fast_fonts(chars, 2) == made  # in the cache: used for a few too


@pytest.mark.slow  # SVG worker processes
def test_a_chart_the_subset_cannot_lay_out_is_rendered_with_the_real_font(tmp_path: Path, monkeypatch):
    from generator.output import fontsubset

    # A character outside the subset (and outside Noto Sans CJK SC: its fallback font differs) or another font
    specs = [*_specs(3), _spec()]
    specs.append({**_spec(), "title": "𠀀 标题"})
    specs.append({**_spec(), "config": {**_spec()["config"], "font": "DejaVu Serif"}})
    here = SvgRenderer(tmp_path / "here").svgs(specs)
    monkeypatch.setattr(svg_module, "PROCESS_MIN", 2)
    monkeypatch.setattr(svg_module, "SUBSET_MIN", 2)
    renderer = SvgRenderer(tmp_path / "workers" / "svg", workers=2)
    subset = renderer.fast_fonts(fontsubset.spec_chars(specs), svg_module.SUBSET_MIN)
    assert subset is not None and [subset.covers(spec) for spec in specs] == [True] * 4 + [False] * 2
    assert renderer.svgs(specs) == here


@pytest.mark.slow  # SVG worker processes
def test_without_fonttools_or_with_a_broken_font_the_workers_use_the_real_font(tmp_path: Path, monkeypatch):
    from generator.output import fontsubset

    chars = fontsubset.spec_chars([_spec()])
    files = svg_module.font_files(("/usr/share/fonts",))
    monkeypatch.setattr(fontsubset, "_have_fonttools", lambda: False)
    assert fontsubset.fast_fonts(tmp_path / "fonts", files, "id", chars) is None
    monkeypatch.undo()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "NotoSansCJK-Regular.ttc").write_bytes(b"not a font")
    assert fontsubset.fast_fonts(tmp_path / "fonts", [broken / "NotoSansCJK-Regular.ttc"], "id", chars) is None
    assert not list((tmp_path / "fonts").iterdir())  # nothing half-made is left to be used later
    # with a broken subset the workers render with the real font, as the process itself does
    monkeypatch.setattr(svg_module, "PROCESS_MIN", 2)
    specs = _specs(3)
    assert SvgRenderer(tmp_path / "w", font_dirs=(str(broken), "/usr/share/fonts"), workers=2).svgs(specs) == (
        SvgRenderer(tmp_path / "here").svgs(specs)
    )


@pytest.mark.slow  # SVG worker processes
def test_the_font_subset_is_made_once_and_reused_for_charts_it_covers(tmp_path: Path, monkeypatch):
    from generator.output import fontsubset

    files = svg_module.font_files(("/usr/share/fonts",))
    made = fontsubset.fast_fonts(tmp_path, files, "id", fontsubset.spec_chars([_spec()]))
    assert made is not None and "甲" in made.covered and "丙" not in made.covered
    assert {p.suffix for p in made.folder.iterdir()} >= {".otf", ".conf"}
    monkeypatch.setattr(fontsubset, "_make", lambda *args: pytest.fail("made again"))
    assert fontsubset.fast_fonts(tmp_path, files, "id", frozenset("甲乙")) == made  # fewer characters
    monkeypatch.undo()
    again = fontsubset.fast_fonts(tmp_path, files, "id", frozenset("丙"))  # a new character: a new subset
    assert again is not None and "丙" in again.covered and again.folder != made.folder
    other = fontsubset.fast_fonts(tmp_path, files, "other", frozenset("甲"))  # keyed by the font's identity
    assert other is not None and other.folder.name.startswith("other-")


def _deferred_charts(count: int, title: str) -> tuple[list, dict]:
    from generator.model.site import ChartRef

    rows = [{"指标": "地区生产总值", "系列": "2023年实际", "增速": 1.0, "标签": "1%", "说明": "x"}]
    charts.cache_specs_in(None)
    with charts.deferred() as pending:
        specs = [
            charts.grouped_bars([{**rows[0], "增速": float(i)}], "指标", "系列", "增速", f"{title}{i}", "说明", "%")
            for i in range(count)
        ]
        specs.append(charts.grouped_bars([{**rows[0], "增速": 0.0}], "指标", "系列", "增速", f"{title}0", "说明", "%"))
    refs = [ChartRef(f"c{i}", "t", "d", spec, [], []) for i, spec in enumerate(specs)]
    return refs, pending


@pytest.mark.slow  # SVG worker processes
def test_charts_made_in_worker_processes_are_those_made_here(tmp_path: Path, monkeypatch):
    from generator.output.chartjobs import ChartJobs

    refs, pending = _deferred_charts(3, "进程图")
    assert all(ref.spec == {} for ref in refs) and len(pending) == 3  # deferred: not built, the same chart once
    assert refs[0].spec is refs[3].spec
    here = [charts.build(p.builder, p.args) for p in pending.values()]
    monkeypatch.setattr(svg_module, "PROCESS_MIN", 2)
    monkeypatch.setattr(svg_module, "SUBSET_MIN", 2)
    monkeypatch.setattr(charts, "_BUILDERS", {})  # not built in this process
    made = ChartJobs(SvgRenderer(tmp_path / "workers", workers=2), refs, pending)
    made.start()
    result = made.finish()
    assert [ref.spec for ref in refs[:3]] == here and refs[0].spec["title"] == "进程图0"
    svgs = SvgRenderer(tmp_path / "here").svgs([charts.static_layout(spec, charts.WIDE_WIDTH) for spec in here])
    narrow = SvgRenderer(tmp_path / "here").svgs(
        [charts.static_layout(charts.narrow(spec), charts.NARROW_WIDTH) for spec in here]
    )
    assert [result[id(ref.spec)].wide_svg for ref in refs[:3]] == svgs
    assert [result[id(ref.spec)].narrow_svg for ref in refs[:3]] == narrow
    assert [result[id(ref.spec)].narrow for ref in refs[:3]] == [charts.narrow(spec) for spec in here]


def test_few_cold_charts_are_made_in_this_process(tmp_path: Path, monkeypatch):
    from generator.output.chartjobs import ChartJobs

    refs, pending = _deferred_charts(2, "本进程图")
    monkeypatch.setattr(svg_module, "_Worker", None)  # starting a worker process would fail
    jobs = ChartJobs(SvgRenderer(tmp_path, workers=2), refs, pending)
    jobs.start()
    made = jobs.finish()
    assert refs[1].spec["title"] == "本进程图1" and made[id(refs[1].spec)].wide_svg.startswith("<svg")


def test_a_chart_spec_that_cannot_be_built_in_a_worker_is_a_build_error(tmp_path: Path, monkeypatch):
    from generator.output.chartjobs import ChartJobs

    refs, pending = _deferred_charts(2, "坏规格")
    for p in pending.values():
        p.builder = "no_such_chart"
    monkeypatch.setattr(svg_module, "PROCESS_MIN", 2)
    jobs = ChartJobs(SvgRenderer(tmp_path, workers=2), refs, pending)
    jobs.start()
    assert jobs.background
    with pytest.raises(BuildError, match="图表规格无法生成（no_such_chart）"):
        jobs.finish()


def test_dumbbell_label_of_a_fall_at_the_plots_left_edge_starts_at_its_point(tmp_path: Path):
    """A fall target (下降3.5%) and its outcome (下降4.0%左右) are the chart's smallest values since issue 29 made
    them growth: the outcome's label, with no room left of it, goes above its point without reaching the axis
    labels (centred, half of it would)."""
    row = {"行": "万元GDP建设用地（福田区）", "说明": "x"}
    rows = [
        {**row, "系列": "2023年实际", "增速": -4.0, "标签": "下降4.0%左右", "位置": "左", "颜色": "上年增速",
         "形状": "实际"},
        {**row, "系列": "2024年目标", "增速": -3.5, "标签": "下降3.5%", "位置": "右", "颜色": "暂无数据",
         "形状": "目标"},
        {"行": "地区生产总值（深圳市）", "系列": "2024年目标", "增速": 15.0, "标签": "15%", "说明": "x", "位置": "右",
         "颜色": "暂无数据", "形状": "目标"},
    ]  # fmt: skip
    spec = charts.narrow(charts.target_dumbbell(rows, "标题", "说明", "%"))
    svg = SvgRenderer(tmp_path).svg(charts.static_layout(spec, charts.NARROW_WIDTH))
    found = re.findall(r'text-anchor="(\w+)"[^>]*>(下降4\.0%左右|下降3\.5%)<', svg)
    assert {label: anchor for anchor, label in found} == {"下降4.0%左右": "start", "下降3.5%": "start"}


def test_a_falls_bar_has_its_label_right_of_zero_not_over_the_bar(tmp_path: Path):
    """Falls are growth since issue 29, so the home page's growth bars have bars left of zero: their labels
    (−4.0%左右) start at zero, clear of the bar and of the category labels left of the plot."""
    rows = [
        {"指标": "地区生产总值", "系列": "2023年实际", "增速": 6.0, "标签": "6.0%", "说明": "x"},
        {"指标": "万元GDP建设用地", "系列": "2023年实际", "增速": -4.0, "标签": "-4.0%左右", "说明": "x"},
    ]
    spec = charts.narrow(charts.grouped_bars(rows, "指标", "系列", "增速", "标题", "说明", "%"))
    svg = SvgRenderer(tmp_path).svg(charts.static_layout(spec, charts.NARROW_WIDTH))

    def x_of(text: str) -> float:
        (found,) = re.findall(r'transform="translate\(([-\d.]+),[-\d.]+\)"[^>]*>' + re.escape(text) + "<", svg)
        return float(found)

    assert x_of("-4.0%左右") >= x_of("0") and x_of("6.0%") > x_of("0")
