"""The site when the next year's report arrives: the real content plus the test fixture of an invented
2025 Shenzhen report (tests/fixtures/next-year: 2024 outcomes, 2025 targets, a restated 2023 GDP and
an indicator only it has). Built HTML and chart specs are checked, not pictures."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import NEXT_YEAR, next_year_project


def _page(project: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((project / "site" / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def _rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every data row of a layered or single Vega-Lite spec."""
    if "data" in spec:
        return spec["data"]["values"]
    found = [layer["data"]["values"] for layer in spec.get("layer", []) if "data" in layer]
    return found[0] if found else []


def _marks(spec: dict[str, Any]) -> set[str]:
    layers = spec.get("layer", [spec])
    return {(layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) for layer in layers}


def _spec(project: Path, name: str) -> dict[str, Any]:
    return json.loads((project / "site" / "indicators" / "gdp" / name).read_text(encoding="utf-8"))


def test_the_fixture_is_marked_and_never_part_of_the_real_project():
    seed = (NEXT_YEAR / "seeds" / "shenzhen-2025.txt").read_text(encoding="utf-8")
    assert any("测试夹具" in line for line in seed.splitlines()[:8])  # marked at the top, as front matter
    root = Path(__file__).resolve().parent.parent
    assert not (root / "seeds" / "shenzhen-2025.txt").exists()
    assert not (root / "content" / "reports" / "shenzhen-2025").exists()


def test_one_latest_card_per_region_with_the_newest_period(next_year_site: Path):
    doc = _page(next_year_site, "indicators/gdp")
    cards = doc.select(".rs-card:not(.rs-card--target)")
    regions = [c.select_one(".rs-card__region").get_text() for c in cards]
    assert Counter(regions) == {"深圳市": 1, "福田区": 1}
    shenzhen = cards[regions.index("深圳市")]
    assert shenzhen.select_one(".rs-card__value a").get_text() == "3.68万亿元"
    assert "2024年实际" in shenzhen.select_one(".rs-card__period").get_text()


def test_levels_over_time_never_stack_a_derived_value_on_an_actual(next_year_site: Path):
    spec = _spec(next_year_site, "gdp-level.vl.json")
    assert "bar" not in _marks(spec) and {"line", "point"} <= _marks(spec)
    assert spec["layer"][0]["encoding"]["x"]["field"] == "时期"  # time along x
    rows = _rows(spec)
    cells = Counter((r["地区"], r["时期"]) for r in rows if r["类别"] != "目标")
    assert max(cells.values()) == 1, cells  # one value per region and year: actual or 推算, never both
    shenzhen = {r["时期"]: (r["类别"], r["数值"]) for r in rows if r["地区"] == "深圳市"}
    # the axis in the unit its labels use (3.68万亿元, not 36,800 on an 亿元 axis), 福田区's 5704.55亿元 converted
    assert spec["layer"][0]["encoding"]["y"]["title"] == "数值（万亿元）" and spec["title"] == "地区生产总值（万亿元）"
    assert shenzhen["2024"] == ("原文", 3.68)  # the actual, not the ≈3.66万亿元 the 2024 target implied
    assert shenzhen["2023"] == ("原文", 3.47)  # the revised figure of the 2025 report
    assert shenzhen["2025"][0] == "推算" and shenzhen["2022"][0] == "推算"
    assert {r["数值"] for r in rows if r["地区"] == "福田区" and r["时期"] == "2023"} == {0.5705}
    assert max(r["数值"] for r in rows) < 4  # nothing reaches the 7.3万亿元 of a stacked bar


def test_growth_over_time_with_targets_as_markers_carrying_wording_and_status(next_year_site: Path):
    spec = _spec(next_year_site, "gdp-growth.vl.json")
    assert spec["layer"][0]["encoding"]["x"]["field"] == "时期"
    rows = {(r["地区"], r["时期"], r["类别"]): r["标签"] for r in _rows(spec)}
    assert rows[("深圳市", "2023", "原文")] == "6.0%"
    assert rows[("深圳市", "2024", "原文")] == "5.8%"
    assert rows[("深圳市", "2024", "目标")] == "5.5% · 达成"
    assert rows[("深圳市", "2025", "目标")] == "5.5%左右"  # open: no status yet
    assert rows[("福田区", "2024", "目标")] == "5.5%左右"
    shapes = next(layer["encoding"]["shape"] for layer in spec["layer"] if "shape" in layer.get("encoding", {}))
    assert dict(zip(shapes["scale"]["domain"], shapes["scale"]["range"], strict=True))["目标"] == "diamond"


def test_a_restated_figure_is_a_revision_with_both_sources_and_dates(next_year_site: Path):
    doc = _page(next_year_site, "indicators/gdp")
    table = doc.select_one(".rs-revisions table")
    text = table.get_text(" ")
    assert "3.47万亿元" in text and "3.46万亿元" in text
    assert "2025-01-20" in text and "2024-01-30" in text
    hrefs = [a["href"] for a in table.select("a.rs-src")]
    assert any("reports/shenzhen-2025/c1/" in h for h in hrefs) and any("reports/shenzhen-2024/c1/" in h for h in hrefs)
    badges = {b.get_text() for b in doc.select(".rs-observations .rs-badge")}
    assert badges == {"修订数", "已修订"}
    card = doc.select(".rs-card:not(.rs-card--target)")[0]
    assert card.select_one(".rs-card__region").get_text() == "深圳市"  # 2024 is newest: no revision note on it
    assert card.select_one(".rs-revised") is None


def test_target_history_on_the_indicator_page(next_year_site: Path):
    doc = _page(next_year_site, "indicators/gdp")
    rows = doc.select("#target-history ~ .rs-tracker tbody tr")
    statuses = [(r.find("td").get_text(" "), r["data-status"]) for r in rows]
    assert statuses == [("深圳市 2024年", "met"), ("深圳市 2025年", "no-data"), ("福田区 2024年", "no-data")]
    judged = rows[0].find_all("td")[2]
    assert judged.select_one(".rs-status").get_text() == "达成" and judged.select_one("a.rs-src").get_text() == "5.8%"


def test_tracker_per_plan_year(next_year_site: Path):
    doc = _page(next_year_site, "targets")
    years = [li.get_text() for li in doc.select(".rs-tracker-years li")]
    assert years[0] == "2025年目标：5 项，暂无数据 5 项"
    assert years[1].startswith("2024年目标：") and "达成 5 项" in years[1] and "未达成 2 项" in years[1]
    page = _page(next_year_site, "targets/shenzhen-2025")
    assert len(page.select(".rs-tracker tbody tr")) == 5
    charts = {}
    for year in ("2024", "2025"):
        path = next_year_site / "site" / "targets" / f"tracker-growth-{year}.vl.json"
        charts[year] = {(r["行"], r["系列"]): r["增速"] for r in _rows(json.loads(path.read_text(encoding="utf-8")))}
    # one chart per plan year; a judged 2024 target is drawn with the year before and its outcome
    assert {k: v for k, v in charts["2024"].items() if k[0] == "地区生产总值（深圳市）"} == {
        ("地区生产总值（深圳市）", "2023年实际"): 6.0,
        ("地区生产总值（深圳市）", "2024年目标"): 5.5,
        ("地区生产总值（深圳市）", "2024年实际"): 5.8,
    }
    assert {k: v for k, v in charts["2025"].items() if k[0] == "地区生产总值（深圳市）"} == {
        ("地区生产总值（深圳市）", "2024年实际"): 5.8,
        ("地区生产总值（深圳市）", "2025年目标"): 5.5,
    }


def test_an_indicator_only_the_new_report_has(next_year_site: Path):
    doc = _page(next_year_site, "indicators/ai-enterprises")
    assert doc.select_one(".rs-card .rs-card__value a").get_text() == "达2800家"
    spec = json.loads(
        (next_year_site / "site" / "indicators" / "ai-enterprises" / "ai-enterprises-level.vl.json").read_text(
            encoding="utf-8"
        )
    )
    assert {(r["时期"], r["类别"]) for r in _rows(spec)} == {("2024", "原文"), ("2025", "目标")}


@pytest.mark.slow  # a copy of the real project, validated
def test_validate_reports_revisions_as_notes_not_errors(tmp_path: Path, capsys):
    from generator.cli import main

    project = next_year_project(tmp_path / "p")
    assert main(["--project", str(project), "validate"]) == 0
    out = capsys.readouterr().out
    assert "content/reports/shenzhen-2025/observations.yml:" in out
    assert (
        "observations[11].value: 修订：2023年数值 3.47万亿元 与较早报告的 3.46万亿元（深圳市2024年计划报告，2024-01-30） 不同"
        in out
    )
    assert out.rstrip().endswith("内容校验通过。")


def test_home_shows_the_newest_report_of_each_region(next_year_site: Path):
    doc = _page(next_year_site, "")
    cards = [
        (c.select_one(".rs-card__name a").get_text(), c.select_one(".rs-card__region").get_text())
        for c in doc.select(".rs-cards .rs-card")
    ]
    assert len(cards) == len(set(cards))  # one card per indicator and region, not one per report
    gdp = next(
        c for c in doc.select(".rs-cards .rs-card") if c.select_one(".rs-card__name a").get_text() == "地区生产总值"
    )
    assert "3.68万亿元" in gdp.get_text() and "2024年" in gdp.get_text()


def _colour_scales(spec: Any) -> list[dict[str, Any]]:
    """Every colour encoding of a spec (layers included)."""
    found = []
    if isinstance(spec, dict):
        colour = spec.get("encoding", {}).get("color")
        if isinstance(colour, dict) and "scale" in colour:
            found.append(colour)
        for value in spec.values():
            found.extend(_colour_scales(value))
    elif isinstance(spec, list):
        for value in spec:
            found.extend(_colour_scales(value))
    return found


def test_a_status_has_one_colour_in_every_plan_years_chart_and_badge(next_year_site: Path):
    import re

    from generator.output.charts import EARLIER_COLOUR, STATUS_COLOUR
    from generator.rules.targets import STATUS_LABEL

    expected = {STATUS_LABEL[s]: c for s, c in STATUS_COLOUR.items()}
    seen: dict[str, set[str]] = {}
    specs = sorted((next_year_site / "site" / "targets").rglob("*tracker-growth*.vl.json"))
    assert len(specs) >= 3  # the 2024 and 2025 charts of the combined page, and each report's
    for path in specs:
        spec = json.loads(path.read_text(encoding="utf-8"))
        # colour says one thing: how an outcome was judged; the target and the year before are not coloured
        for colour in _colour_scales(spec):
            assert colour["field"] == "颜色"
            for label, value in zip(colour["scale"]["domain"], colour["scale"]["range"], strict=True):
                seen.setdefault(label, set()).add(value)
        marks = {layer.get("name"): layer["mark"] for layer in spec["layer"]}
        assert marks.get("tracker-marks-0", {}).get("color", EARLIER_COLOUR) == EARLIER_COLOUR
        assert "fill" not in marks.get("tracker-marks-1", {}) and marks["tracker-marks-1"]["filled"] is False
    assert {label: values.pop() for label, values in seen.items() if len(values) == 1} == {
        label: expected[label] for label in seen
    }
    assert {"达成", "未达成"} <= set(seen) and "上年增速" not in seen and "暂无数据" not in seen
    # the badges in the tracker and indicator tables: the same colours, the same status for the same target
    css = (next_year_site / "site" / "assets" / "stylesheets" / "reportsite.css").read_text(encoding="utf-8")
    for status, value in STATUS_COLOUR.items():
        rule = re.search(rf"\.md-typeset \.rs-status--{status}[^{{]*\{{ color: (#[0-9a-f]{{6}}); \}}", css)
        assert rule is not None and rule.group(1) == value, status
    tracker = _page(next_year_site, "targets/shenzhen-2024")
    gdp = _page(next_year_site, "indicators/gdp")
    on_tracker = next(r for r in tracker.select(".rs-tracker__row") if r.find("a").get_text() == "地区生产总值")
    on_page = gdp.select("#target-history ~ .rs-tracker tbody tr")[0]
    assert on_tracker["data-status"] == on_page["data-status"] == "met"
    badges = [r.select_one(".rs-status")["class"] for r in (on_tracker, on_page)]
    assert badges == [["rs-status", "rs-status--met"]] * 2


def test_a_revised_figure_is_the_one_figure_used_everywhere(next_year_site: Path):
    """The 2025 report revised the 2023 GDP (3.46 → 3.47万亿元): every place that uses the figure — the chart,
    its 推算 points, the 对照 table and its share, the compare page, the derived table, the data files — uses
    3.47 and says it is a revision; 3.46 stays only where it is shown as the figure first printed."""
    revised, first, growth, futian = 3.47, 3.46, 6.0, 5704.55
    doc = _page(next_year_site, "indicators/gdp")
    # the chart: the printed point and the 2022 base derived from it
    points = {(r["地区"], r["时期"]): r for r in _rows(_spec(next_year_site, "gdp-level.vl.json"))}
    assert points[("深圳市", "2023")]["标签"] == "3.47万亿元"
    base = round(revised / (1 + growth / 100), 3)
    assert base != round(first / (1 + growth / 100), 3)
    assert points[("深圳市", "2022")]["标签"] == f"≈{base}万亿元"
    # the 对照 table: the revised figure, marked, and the share computed from it
    share = round(futian / (revised * 10000) * 100, 1)
    assert share != round(futian / (first * 10000) * 100, 1)
    compare_rows = [tr for tr in _page(next_year_site, "compare").select(".rs-compare tbody tr")]
    assert any(tr.th.get_text() == "地区生产总值" for tr in compare_rows)
    for row in (
        next(tr for tr in doc.select(".rs-compare tbody tr") if tr.th.get_text() == "2023年 总量"),
        *[tr for tr in compare_rows if tr.th.get_text() == "地区生产总值"],
    ):
        text = row.get_text(" ")
        assert "3.47万亿元" in text and "修订数" in text and "3.46" not in text, text
        assert f"≈{share}%" in text, text
    # the derived values' table: computed from 3.47, saying it is the revision and what was first printed
    rows = {r.find("td").get_text(" ").split(" ≈")[0]: r for r in doc.select(".rs-derived tbody tr")}
    for period, formula in (("2022", f"3.47 ÷ (1 + 6.0%) ≈ {base}"), ("2024", "3.47 × (1 + 5.5%)")):
        row = rows[f"深圳市 {period}年"]
        assert formula in row.get_text(), row.get_text()
        (note,) = row.select(".rs-derived-revised")
        assert note.get_text() == "按深圳市2025年计划报告的修订数 3.47万亿元 计算（2023年数原公布为 3.46万亿元）"
        assert "/reports/shenzhen-2025/" in note.a["href"]
    assert not rows["深圳市 2025年"].select(".rs-derived-revised")  # computed from figures nobody revised
    assert "图表中以实际数代替" in rows["深圳市 2023年"].get_text()
    # the 2024 report's page: its 3.46 is marked as revised, with the revision beside it
    report = _page(next_year_site, "reports/shenzhen-2024")
    cell = next(td for td in report.select("td") if td.get_text().startswith("3.46万亿元"))
    assert "已修订" in cell.get_text() and "3.47万亿元" in cell.get_text()
    # the data files: no number computed from 3.46; the 3.46 row names its revision
    data = next_year_site / "site" / "data"
    derived = (data / "derived.csv").read_text(encoding="utf-8-sig")
    assert "3.46 " not in derived and "34600" not in derived and f"{share}%" in derived
    line = next(x for x in derived.splitlines() if x.startswith("gdp,") and ",2022,derived," in x)
    assert "深圳市2025年计划报告 一(二) 第1段" in line  # the revision's own place, not a paragraph of the 2024 report
    observed = (data / "observations.csv").read_text(encoding="utf-8-sig").splitlines()
    (old,) = [x for x in observed if x.startswith("gdp,") and ",shenzhen-2024,深圳市,2023,actual,level,3.46," in x]
    assert old.endswith("3.47万亿元（深圳市2025年计划报告 一(二) 第1段）")
    # nowhere on the site is a number computed from the figure first printed
    for path in (next_year_site / "site").rglob("*"):
        if path.suffix in (".html", ".json", ".csv"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "3.46 ÷" not in text and "3.46 ×" not in text and "34600亿元" not in text, path


def test_a_fall_and_a_rise_of_one_indicator_are_one_growth_series(next_year_site: Path):
    """Issue 29: 下降16.1% (2023) and 增长3.0% (2024) are both `growth`, so one chart draws one line through them."""
    spec = json.loads(
        (next_year_site / "site/indicators/criminal-incidents/criminal-incidents-growth.vl.json").read_text("utf-8")
    )
    points = [(r["地区"], r["时期"], r["数值"], r["标签"]) for r in _rows(spec) if r["类别"] == "原文"]
    assert points == [("深圳市", "2023", -16.1, "下降16.1%"), ("深圳市", "2024", 3.0, "3.0%")]
    for path in sorted((next_year_site / "site/indicators").glob("*/*-growth.vl.json")):  # one value per region-year
        cells = Counter(
            (r["地区"], r["时期"]) for r in _rows(json.loads(path.read_text("utf-8"))) if r["类别"] == "原文"
        )
        assert max(cells.values(), default=1) == 1, path.name


def test_a_moved_new_count_and_a_visits_count_continue_across_years(next_year_site: Path):
    """The renamed new-count indicator and a 人次 count (a level before issue 29) each make one series."""
    for indicator, expected in {
        "new-hk-startup-teams": [("2023", 228), ("2024", 260)],
        "tourist-arrivals": [("2023", 1.7), ("2024", 1.9)],
    }.items():
        path = next_year_site / "site/indicators" / indicator / f"{indicator}-level.vl.json"
        rows = _rows(json.loads(path.read_text(encoding="utf-8")))
        assert [(r["时期"], r["数值"]) for r in rows if r["类别"] == "原文"] == expected, indicator
    old = (next_year_site / "site/indicators/hk-startup-teams-incubated/index.html").read_text(encoding="utf-8")
    assert 'url=../new-hk-startup-teams/"' in old


def _svgs(project: Path, name: str) -> list[str]:
    """A chart's two static SVGs, desktop and phone."""
    folder = project / "site" / "indicators" / "gdp"
    return [(folder / f"{name}{layout}.svg").read_text(encoding="utf-8") for layout in ("", ".narrow")]


def _layers(spec: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [layer for layer in spec["layer"] if str(layer.get("name", "")).startswith(name)]


def test_every_series_is_named_on_the_chart_itself(next_year_site: Path):
    """Each region's name at the end of its line, in both static layouts and in the spec the live chart draws."""
    for name in ("gdp-level", "gdp-growth"):
        spec = _spec(next_year_site, f"{name}.vl.json")
        regions = {r["地区"] for r in _rows(spec)}
        assert regions == {"深圳市", "福田区"}
        (names,) = _layers(spec, "series-names")
        assert {r["地区"] for r in names["data"]["values"]} == regions and names["encoding"]["text"]["field"] == "地区"
        for svg in _svgs(next_year_site, name):
            for region in regions:
                assert f">{region}</text>" in svg, (name, region)


def test_the_key_is_drawn_with_the_marks_it_explains(next_year_site: Path):
    """The key's symbols are the chart's own marks: filled circle for printed values, hollow circle for 推算,
    hollow diamond for targets; an entry only for a kind the chart draws (the level chart draws no target)."""
    for name, kinds in (("gdp-level", {"原文", "推算"}), ("gdp-growth", {"原文", "目标"})):
        spec = _spec(next_year_site, f"{name}.vl.json")
        assert {r["类别"] for r in _rows(spec)} == kinds
        drawn = next(layer for layer in spec["layer"] if "shape" in layer.get("encoding", {}) and "name" not in layer)
        shape = dict(
            zip(
                drawn["encoding"]["shape"]["scale"]["domain"], drawn["encoding"]["shape"]["scale"]["range"], strict=True
            )
        )
        fill = dict(zip(drawn["encoding"]["fillOpacity"]["scale"]["domain"], drawn["encoding"]["fillOpacity"]["scale"]["range"], strict=True))  # fmt: skip
        assert drawn["encoding"]["shape"]["legend"] is None  # no Vega-Lite legend: it draws every entry filled
        key = _layers(spec, "marks-key")
        symbols = [layer for layer in key if layer["mark"]["type"] == "point"]
        words = [layer["data"]["values"][0]["键名"] for layer in key if layer["mark"]["type"] == "text"]
        assert len(symbols) == len(words) == len(kinds)
        word_kind = {"报告原文": "原文", "推算（本站计算）": "推算", "目标": "目标"}
        for symbol, word in zip(symbols, words, strict=True):
            kind = word_kind[word]
            assert (symbol["mark"]["shape"], symbol["mark"]["fillOpacity"]) == (shape[kind], fill[kind])
        assert fill["原文"] == 1 and all(fill[k] == 0 for k in kinds - {"原文"})
        for svg in _svgs(next_year_site, name):
            assert all(f">{word}</text>" in svg for word in words) and "实心" not in svg and "空心" not in svg


def test_estimates_are_drawn_as_estimates_and_say_what_they_are(next_year_site: Path):
    """推算 points hollow, joined by a dashed line (the solid line joins printed values only), labelled where they
    stand: 按目标推算 for the 2025 level the 5.5% target implies, 推算 for the 2022 base."""
    spec = _spec(next_year_site, "gdp-level.vl.json")
    rows = {(r["地区"], r["时期"]): r for r in _rows(spec)}
    assert rows[("深圳市", "2025")]["类别"] == "推算" and rows[("深圳市", "2025")]["注记"] == "按目标推算"
    assert rows[("深圳市", "2022")]["类别"] == "推算" and rows[("深圳市", "2022")]["注记"] == "推算"
    lines = [layer for layer in spec["layer"] if layer["mark"]["type"] == "line"]
    solid = [layer for layer in lines if "strokeDash" not in layer["mark"]]
    (dashed,) = [layer for layer in lines if layer["mark"].get("strokeDash")]
    assert len(solid) == 1 and "原文" in json.dumps(solid[0]["transform"], ensure_ascii=False)
    segments: dict[str, list[str]] = {}
    for point in dashed["data"]["values"]:
        segments.setdefault(point["段"], []).append(f"{point['地区']}{point['时期']}")
    assert sorted(segments.values()) == sorted(
        [["深圳市2022", "深圳市2023"], ["深圳市2024", "深圳市2025"], ["福田区2023", "福田区2024"]]
    )
    (notes,) = _layers(spec, "estimate-notes")
    assert notes["encoding"]["text"]["field"] == "注记"
    for svg in _svgs(next_year_site, "gdp-level"):
        assert svg.count(">按目标推算</text>") == 2 and svg.count(">推算</text>") == 1
        assert 'stroke-dasharray="4,3"' in svg


def test_the_tracker_labels_each_judged_outcome_with_its_status(next_year_site: Path):
    """The 2024 outcomes judged against the 2024 targets: each labelled with its value and status, in both layouts."""
    folder = next_year_site / "site" / "targets"
    for layout in ("", ".narrow"):
        svg = (folder / f"tracker-growth-2024{layout}.svg").read_text(encoding="utf-8")
        for label in ("5.8% 达成", "9.5% 达成", "3.2% 未达成"):
            assert f">{label}</text>" in svg, (layout, label)
