"""Numbers the generator computes from printed ones; each carries its formula and is shown as derived."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.models import Observation, Report
from generator.rules.display import display_value
from generator.rules.numbers import decimals, format_value
from generator.rules.units import convert


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


# Units of concentrations, rates and ratios: a district's value is not a part of the city's.
_NOT_ADDITIVE = ("/", "%", "倍", "位", "个百分点")


def _additive(obs: Observation) -> bool:
    return (
        obs.measure in ("level", "count")
        and obs.kind in ("actual", "estimate")
        and obs.value is not None
        and obs.value > 0
        and obs.unit is not None
        and not any(mark in obs.unit for mark in _NOT_ADDITIVE)
        and len(obs.period) == 4
    )


def city_of(district: Report, reports: list[Report]) -> Report | None:
    """The city report a district report is part of: the one city report of the same plan year."""
    cities = [r for r in reports if r.level == "city" and r.plan_year == district.plan_year]
    return cities[0] if district.level == "district" and len(cities) == 1 else None


def city_pairs(reports: list[Report]) -> list[tuple[Report, Report]]:
    """Every district report with its city report, as (district, city), in the reports' order."""
    return [(report, city) for report in reports if (city := city_of(report, reports)) is not None]


def derive_shares(
    part: Report, part_obs: list[Observation], whole: Report, whole_obs: list[Observation]
) -> list[Derived]:
    """The district's share of the city total: part ÷ whole × 100%, in one unit, to 0.1%.

    Only for levels and counts of the same indicator, measure and year, with units that convert
    (万亿元, 亿元, 万元 …) and are additive; a share above 100% means the two reports count
    different things, so none is given.
    """
    wholes = {(o.indicator, o.measure, o.period): o for o in whole_obs if _additive(o)}
    out: list[Derived] = []
    for obs in part_obs:
        total = wholes.get((obs.indicator, obs.measure, obs.period)) if _additive(obs) else None
        if total is None or obs.unit is None or total.unit is None:
            continue
        whole_value = convert(float(total.value or 0), total.unit, obs.unit)
        if whole_value is None or whole_value <= 0:
            continue
        exact = float(obs.value or 0) / whole_value * 100
        share = round(exact, 1 if exact >= 1 else 2)
        if exact > 100 + 1e-9 or share <= 0:
            continue
        converted = "" if total.unit == obs.unit else f"（= {whole_value:.6f}".rstrip("0").rstrip(".") + f"{obs.unit}）"
        formula = f"{part.region} {display_value(obs.value or 0, obs.unit, obs.qualifier)} ÷ {whole.region} {display_value(total.value or 0, total.unit, total.qualifier)}{converted} × 100% ≈ {share}%"
        estimates = [r.region for r, o in ((part, obs), (whole, total)) if o.kind == "estimate"]
        if estimates:
            formula += f"（{'、'.join(estimates)}为预计数）"
        out.append(Derived(obs.indicator, part.id, obs.period, "derived-share", share, "%", formula, (obs, total)))
    return out
