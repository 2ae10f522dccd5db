"""Issue 29: one measure per meaning — a % change is growth, 个百分点 change, 人次 count, 亿元 level — on the rule,
validate's located messages (a fixture of the mini project), the real content and its data files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_signs_counts import OBS, _csv, fall_files

from conftest import ROOT, problems
from generator.content.load import load_content
from generator.rules.measures import measure_mismatch
from generator.rules.units import unit_measure


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("家", "count"), ("万人次", "count"), ("亿人次", "count"), ("万架次", "count"), ("万套(间)", "count"),
        ("万", "count"),  # 3万: a count with its classifier left out
        ("亿元", "level"), ("万亿元", "level"), ("公里", "level"), ("千米", "level"), ("万平方米", "level"),
        ("万千瓦", "level"), ("万标准箱", "level"), ("P", "level"), ("微克/立方米", "level"), ("批次/千人", "level"),
        ("%", None), ("个百分点", None), ("倍", None), (None, None),
    ],
)  # fmt: skip
def test_a_unit_says_whether_its_number_is_a_count_or_a_level(unit: str | None, kind: str | None) -> None:
    assert unit_measure(unit) == kind


@pytest.mark.parametrize(
    ("measure", "unit", "expected"),
    [
        ("change", "%", "growth"),  # 下降16.1%: a rate of change, negative
        ("growth", "个百分点", "change"),  # 提升6.3个百分点: a difference of two rates
        ("growth", "亿元", "change"),  # 增加50亿元: a difference in the level's unit
        ("level", "万人次", "count"),
        ("level", "万架次", "count"),
        ("count", "亿元", "level"),
        ("count", "公里", "level"),
    ],
)
def test_a_measure_that_does_not_fit_its_unit_names_the_one_that_does(measure: str, unit: str, expected: str) -> None:
    wrong = measure_mismatch(measure, unit)
    assert wrong is not None and wrong.measure == expected and wrong.why


@pytest.mark.parametrize(
    ("measure", "unit"),
    [("growth", "%"), ("growth", "倍"), ("change", "个百分点"), ("change", "亿元"), ("count", "万人次"),
     ("level", "亿元"), ("share", "%"), ("rank", "位"), ("ratio", "倍"), ("growth", None)],
)  # fmt: skip
def test_measures_that_fit_their_units_pass(measure: str, unit: str | None) -> None:
    assert measure_mismatch(measure, unit) is None


def test_a_fall_in_percent_stored_as_a_change_is_refused_where_it_is(tmp_path: Path) -> None:
    files = fall_files()
    files[OBS]["observations"][4]["measure"] = "change"
    assert problems(tmp_path, files) == [
        f"{OBS}:41:12: observations[4].measure: 单位“%”的数值应为 measure: growth，不是 change — "
        "以%表示的增减幅度是增速（下降16.1%记为 growth、value: -16.1）（规则见 content/README.md，“一个含义一种 measure”）"
    ]


def test_a_count_of_items_stored_as_a_level_is_refused_where_it_is(tmp_path: Path) -> None:
    files = fall_files()
    files[OBS]["observations"][5]["measure"] = "level"
    assert problems(tmp_path, files) == [
        f"{OBS}:49:12: observations[5].measure: 单位“家”的数值应为 measure: count，不是 level — "
        "家是人、人次、件、个等的数目（计数）（规则见 content/README.md，“一个含义一种 measure”）"
    ]


@pytest.fixture(scope="module")
def real() -> Any:
    return load_content(ROOT)


def test_every_real_observation_has_the_measure_its_unit_calls_for(real: Any) -> None:
    wrong = [
        (item.report.id, o.indicator, o.period, o.measure, o.unit)
        for item in real.reports
        for o in item.observations
        if measure_mismatch(o.measure, o.unit) is not None
    ]
    assert wrong == []
    units = {o.unit for item in real.reports for o in item.observations if o.measure in ("count", "level") and o.unit}
    assert [u for u in sorted(units) if unit_measure(u) is None] == []  # every count or level unit is classified


def test_every_indicator_has_one_measure_for_its_rates_of_change(real: Any) -> None:
    """The falls are growth like the rises, so a second year's 增长3% joins its 下降16.1% in one series."""
    percent = {
        (o.indicator, o.measure) for item in real.reports for o in item.observations if o.unit == "%" and o.value
    }
    assert not {i for i, m in percent if m == "change"}
    falls = [o for item in real.reports for o in item.observations if o.value is not None and o.value < 0]
    assert sorted((o.measure, o.unit) for o in falls).count(("growth", "%")) == 6
    assert {(o.measure, o.unit) for o in falls} == {("growth", "%"), ("change", "个百分点")}


def test_data_files_carry_the_migrated_measures(real_site: Path) -> None:
    rows = _csv(real_site / "site/data/observations.csv")
    crime = [(r["measure"], r["value"]) for r in rows if r["quote"] == "刑事治安总警情下降16.1%"]
    assert crime == [("growth", "-16.1")]
    assert not [r for r in rows if r["measure"] == "change" and r["unit"] == "%"]
    visits = [r for r in rows if r["unit"].endswith("人次") and r["value"]]
    assert visits and {r["measure"] for r in visits} == {"count"}
