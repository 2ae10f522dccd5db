"""Numbers the generator computes from printed ones; each carries its formula and is shown as derived."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Observation
from .numbers import decimals, format_value


@dataclass(frozen=True)
class Derived:
    """A computed value: never in the YAML, always labelled 推算 with the formula that made it."""

    indicator: str
    report: str
    period: str
    kind: str
    value: float
    unit: str
    formula: str
    sources: tuple[Observation, ...]


def derive_for_report(report_id: str, observations: list[Observation]) -> list[Derived]:
    """Base-year levels implied by a level and its growth, and plan-year levels implied by targets.

    2022 base = 2023 level ÷ (1 + 2023 growth); 2024 level = 2023 level × (1 + 2024 growth target).
    Only single-year periods with a level and a growth in %, no qualifier on the level.
    """
    levels = {
        (o.indicator, o.period): o
        for o in observations
        if o.measure == "level"
        and o.value is not None
        and o.kind in ("actual", "estimate")
        and o.qualifier is None
        and len(o.period) == 4
    }
    out: list[Derived] = []
    for growth in observations:
        if growth.measure != "growth" or growth.value is None or growth.unit != "%" or len(growth.period) != 4:
            continue
        if growth.kind in ("actual", "estimate"):
            level = levels.get((growth.indicator, growth.period))
            if level is None or level.value is None or level.unit is None:
                continue
            digits = decimals(level.value) + 1
            base = round(level.value / (1 + growth.value / 100), digits)
            formula = f"{format_value(level.value)} ÷ (1 + {format_value(growth.value)}%) ≈ {base}"
            out.append(
                Derived(
                    growth.indicator,
                    report_id,
                    str(growth.year - 1),
                    "derived",
                    base,
                    level.unit,
                    formula,
                    (level, growth),
                )
            )
        elif growth.kind == "target":
            level = levels.get((growth.indicator, str(growth.year - 1)))
            if level is None or level.value is None or level.unit is None:
                continue
            digits = decimals(level.value) + 1
            implied = round(level.value * (1 + growth.value / 100), digits)
            formula = f"{format_value(level.value)} × (1 + {format_value(growth.value)}%) ≈ {implied}"
            out.append(
                Derived(
                    growth.indicator,
                    report_id,
                    growth.period,
                    "derived-target",
                    implied,
                    level.unit,
                    formula,
                    (level, growth),
                )
            )
    return out
