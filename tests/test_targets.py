"""The wording rules of plan targets, each on a fixture target with outcomes on both sides of it."""

from typing import Any

import pytest

from generator.content.models import Observation
from generator.rules.targets import STATUS_LABEL, best_outcome, judge, rule_for, wording


def target(value: float | None, unit: str | None, quote: str, **extra: Any) -> Observation:
    fields = {"indicator": "gdp", "period": "2024", "kind": "target", "measure": "growth", "paragraph": "c2-p1"}
    return Observation(**{**fields, "value": value, "unit": unit, "quote": quote, **extra})


def outcome(value: float | None, unit: str | None, quote: str, **extra: Any) -> Observation:
    fields = {"indicator": "gdp", "period": "2024", "kind": "actual", "measure": "growth", "paragraph": "c1-p1"}
    return Observation(**{**fields, "value": value, "unit": unit, "quote": quote, **extra})


def growth(value: float, **extra: Any) -> Observation:
    return outcome(value, "%", f"增长{value}%", **extra)


# (target, outcome value in %, expected status): every rule, with outcomes that meet, nearly meet and miss
CASES = [
    # plain number: a floor without tolerance
    (target(5.5, "%", "GDP增长5.5%"), 5.5, "met"),
    (target(5.5, "%", "GDP增长5.5%"), 6.1, "met"),
    (target(5.5, "%", "GDP增长5.5%"), 5.4, "missed"),
    # 左右 / 约: a floor with 0.5 percentage points of tolerance below
    (target(5.5, "%", "增长5.5%左右", qualifier="左右"), 5.6, "met"),
    (target(5.5, "%", "增长5.5%左右", qualifier="左右"), 5.0, "tolerance"),
    (target(5.5, "%", "增长5.5%左右", qualifier="左右"), 4.9, "missed"),
    (target(5.0, "%", "增长约5.0%", qualifier="约"), 4.6, "tolerance"),
    (target(5.0, "%", "增长约5.0%", qualifier="约"), 4.4, "missed"),
    # 以上 / 超 / 超过 / 不少于 / 不低于 / 突破 / 达: floors
    (target(6, "%", "增长6%以上", qualifier="以上"), 6.0, "met"),
    (target(6, "%", "增长6%以上", qualifier="以上"), 5.9, "missed"),
    (target(6, "%", "增长超6%", qualifier="超"), 5.8, "missed"),
    (target(6, "%", "增长不少于6%", qualifier="不少于"), 7.0, "met"),
    (target(6, "%", "增长不低于6%", qualifier="不低于"), 5.99, "missed"),
    (target(6, "%", "增长突破6%", qualifier="突破"), 6.2, "met"),
    # 控制在 / 以内 / 以下: ceilings
    (target(3, "%", "涨幅控制在3%", qualifier="控制在"), 2.1, "met"),
    (target(3, "%", "涨幅控制在3%", qualifier="控制在"), 3.1, "missed"),
    (target(3, "%", "涨幅3%以内", qualifier="以内"), 3.0, "met"),
    (target(3, "%", "涨幅3%以下", qualifier="以下"), 3.2, "missed"),
    # 控制在…左右: a ceiling with tolerance above (the stored qualifier is 控制在; 左右 is read from the quote)
    (target(3, "%", "居民消费价格涨幅控制在3%左右", qualifier="控制在"), 3.0, "met"),
    (target(3, "%", "居民消费价格涨幅控制在3%左右", qualifier="控制在"), 3.4, "tolerance"),
    (target(3, "%", "居民消费价格涨幅控制在3%左右", qualifier="控制在"), 3.6, "missed"),
    # 持平: 增长 0% 左右, a band around zero
    (target(None, None, "进出口总额持平", qualifier="持平", text="持平"), 0.3, "met"),
    (target(None, None, "进出口总额持平", qualifier="持平", text="持平"), -0.4, "tolerance"),
    (target(None, None, "进出口总额持平", qualifier="持平", text="持平"), -1.2, "missed"),
]


@pytest.mark.parametrize(("goal", "value", "expected"), CASES)
def test_each_wording_rule(goal: Observation, value: float, expected: str):
    assert judge(goal, growth(value))[1] == expected


def test_a_target_without_an_outcome_has_no_data_and_a_text_target_no_numeric_status():
    assert judge(target(5.5, "%", "GDP增长5.5%"), None)[1] == "no-data"
    text_goal = target(None, None, "外贸进出口稳规模、稳份额、稳增长", text="稳规模、稳份额、稳增长")
    assert judge(text_goal, growth(3.0))[1] == "text"
    assert judge(text_goal, None)[1] == "text"
    assert [STATUS_LABEL[s] for s in ("met", "tolerance", "missed", "no-data")] == [
        "达成",
        "在容差内",
        "未达成",
        "暂无数据",
    ]


def test_a_decrease_target_is_judged_with_its_sign():
    goal = target(-3, "%", "万元GDP水耗下降3%", measure="growth", indicator="water")
    down = {"measure": "growth", "indicator": "water"}
    rule = rule_for(goal)
    assert rule.decrease and rule.direction == "ceiling" and rule.bound == -3
    assert rule.explanation == "降幅不低于3%"
    assert judge(goal, outcome(-3.2, "%", "万元GDP水耗下降3.2%", **down))[1] == "met"
    assert judge(goal, outcome(-3, "%", "万元GDP水耗下降3%", **down))[1] == "met"
    assert judge(goal, outcome(-2.5, "%", "万元GDP水耗下降2.5%", **down))[1] == "missed"
    assert judge(goal, outcome(1.0, "%", "万元GDP水耗上升1.0%", **down))[1] == "missed"


def test_a_fall_about_a_size_has_its_tolerance_towards_zero():
    down = {"measure": "growth", "indicator": "land"}
    goal = target(-3.5, "%", "建设用地下降3.5%左右", qualifier="左右", **down)
    assert judge(goal, outcome(-3.1, "%", "建设用地下降3.1%", **down))[1] == "tolerance"
    assert judge(goal, outcome(-2.9, "%", "建设用地下降2.9%", **down))[1] == "missed"
    assert judge(goal, outcome(-3.1, "%", "建设用地下降超3.1%", qualifier="超", **down))[1] == "tolerance"


def test_a_fall_printed_beyond_its_number_meets_a_fall_target_of_that_number():
    down = {"measure": "growth", "indicator": "land"}
    goal = target(-3, "%", "建设用地下降3%", **down)
    assert judge(goal, outcome(-3, "%", "建设用地下降超过3%", qualifier="超过", **down))[1] == "met"
    assert judge(goal, outcome(-3, "%", "建设用地下降近3%", qualifier="近", **down))[1] == "missed"


def test_levels_are_compared_across_units_with_a_relative_tolerance():
    level = {"measure": "level", "indicator": "sei"}
    goal = target(1.5, "万亿元", "战略性新兴产业增加值约1.5万亿元", qualifier="约", **level)
    assert judge(goal, outcome(15200, "亿元", "增加值15200亿元", **level))[1] == "met"
    assert judge(goal, outcome(14400, "亿元", "增加值14400亿元", **level))[1] == "tolerance"  # within 5%
    assert judge(goal, outcome(14000, "亿元", "增加值14000亿元", **level))[1] == "missed"
    assert best_outcome(goal, [outcome(3, "家", "3家", **level)]) is None  # units that do not convert


def test_qualified_outcomes_count_as_just_above_or_below_their_number():
    level = {"measure": "count", "indicator": "firms"}
    goal = target(1000, "家", "新增企业1000家", **level)
    assert judge(goal, outcome(1000, "家", "新增企业超1000家", qualifier="超", **level))[1] == "met"
    assert judge(goal, outcome(1000, "家", "新增企业近1000家", qualifier="近", **level))[1] == "missed"
    ceiling = target(1000, "家", "控制在1000家", qualifier="控制在", **level)
    assert judge(ceiling, outcome(1000, "家", "超1000家", qualifier="超", **level))[1] == "missed"


def test_an_actual_outcome_is_preferred_to_an_estimate_and_other_periods_are_ignored():
    goal = target(5.5, "%", "GDP增长5.5%")
    estimate = growth(5.0, kind="estimate")
    actual = growth(5.8)
    assert best_outcome(goal, [estimate, actual]) is actual
    assert best_outcome(goal, [estimate]) is estimate
    assert best_outcome(goal, [growth(5.8, period="2023")]) is None


def test_wording_reads_a_second_qualifier_printed_after_the_number():
    assert wording(target(3, "%", "涨幅控制在3%左右", qualifier="控制在")) == ("控制在", "左右")
    assert wording(target(5.5, "%", "GDP增长5.5%")) == ()
    assert (
        rule_for(target(3, "%", "涨幅控制在3%左右", qualifier="控制在")).explanation
        == "不高于3%（差0.5个百分点以内为在容差内）"
    )
