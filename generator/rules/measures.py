"""One measure per meaning: which `measure` an observation's number is, from its unit (the rule validate enforces).

A rate of change in % (增长6.0%, 下降16.1%) is `growth`, negative for a fall; `change` is only a difference in
个百分点 (提升6.3个百分点) or in the unit of the level (增加50亿元); a number of people, people-visits, items or
events is a `count` (2.4亿人次, 61万架次), an amount of money or a physical quantity a `level` (3.46万亿元, 432公里)
— `rules/units.unit_measure`. So one indicator's 下降16.1% and 增长3% are one growth series, and its 人次 are
one kind of number in every report.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.rules.units import unit_measure

GROWTH_UNITS = ("%", "倍")
POINTS = "个百分点"


@dataclass(frozen=True)
class Mismatch:
    """The measure a number in its unit must have, and why (Chinese, for the located message)."""

    measure: str
    why: str


def measure_mismatch(measure: str, unit: str | None) -> Mismatch | None:
    """The measure `unit` calls for when `measure` is not it; None when they agree or the unit does not say."""
    if unit is None:
        return None
    if measure == "change" and unit in GROWTH_UNITS:
        return Mismatch("growth", f"以{unit}表示的增减幅度是增速（下降16.1%记为 growth、value: -16.1）")
    if measure == "growth" and unit == POINTS:
        return Mismatch("change", "以个百分点表示的是两个比率之差，不是增速")
    if measure == "growth" and unit not in GROWTH_UNITS:
        return Mismatch("change", f"以{unit}表示的增减量是水平之差（增加50亿元），增速只用 % 或 倍")
    kind = unit_measure(unit)
    if measure == "level" and kind == "count":
        return Mismatch("count", f"{unit}是人、人次、件、个等的数目（计数）")
    if measure == "count" and kind == "level":
        return Mismatch("level", f"{unit}是金额或实物量（总量）")
    return None
