"""An indicator over years and regions: latest figure per region, revisions, and the rows of its charts.

Reports accumulate: each year's report gives last year's outcomes and this year's targets, for the city
and for each district. A fact restated by a later report is a revision (`rules/revisions.py`): the
newest figure is the current one, the earlier one stays in the table with its source. In charts, an
outcome printed in a report always replaces a value derived for the same region and period (推算), and
targets are drawn as their own markers carrying their wording and, once judged, their status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.model.site import ObsView
from generator.pages.tracker import Tracked
from generator.rules.derive import Derived
from generator.rules.display import axis_unit, display_value
from generator.rules.revisions import Stated, find_revisions, superseded
from generator.rules.units import base_unit, convert

SERIES_LIMIT = 6  # beyond this many regions a chart is a ranked dot plot of the latest year, not more colours
OUTCOME = ("actual", "estimate")
ACTUAL, DERIVED, TARGET = "原文", "推算", "目标"
ESTIMATE_NOTE = {"derived-target": "按目标推算", "derived": "推算"}  # said under a 推算 point on the chart


@dataclass(frozen=True)
class Revised:
    """A figure a later report restated with another value: the current view and the earlier ones."""

    current: ObsView
    earlier: tuple[ObsView, ...]


def _stated(views: list[ObsView]) -> list[Stated]:
    return [Stated(v.place.report, v.obs, 0) for v in views]


def revisions(views: list[ObsView]) -> list[Revised]:
    """The indicator's figures restated with another value by a later report of the same region."""
    by_obs = {id(v.obs): v for v in views}
    return [
        Revised(by_obs[id(r.current.obs)], tuple(by_obs[id(s.obs)] for s in r.earlier))
        for r in find_revisions(_stated(views))
    ]


def current_outcomes(views: list[ObsView]) -> list[ObsView]:
    """Outcomes no later report of the same region restates: one figure per region, period and measure."""
    old = superseded(_stated(views))
    return [v for v in views if v.obs.kind in OUTCOME and id(v.obs) not in old]


def latest_per_region(views: list[ObsView]) -> list[ObsView]:
    """One card per region: its newest period, preferring a level to a growth rate, a number to text."""
    best: dict[str, ObsView] = {}
    for v in current_outcomes(views):
        key = (v.obs.year, v.obs.measure in ("level", "count"), v.obs.value is not None, v.place.report.date)
        held = best.get(v.place.report.region)
        if held is None or key > (
            held.obs.year,
            held.obs.measure in ("level", "count"),
            held.obs.value is not None,
            held.place.report.date,
        ):
            best[v.place.report.region] = v
    return list(best.values())


def table_order(views: list[ObsView], regions: list[str]) -> list[ObsView]:
    """The 全部数据 table: by region (reading order), period, measure, then the newest report first."""
    measures = ("level", "count", "growth", "change", "share", "ratio", "rank")
    return sorted(
        views,
        key=lambda v: (
            regions.index(v.place.report.region),
            v.obs.period,
            v.obs.kind == "target",
            measures.index(v.obs.measure),
            -v.place.report.date.toordinal(),
        ),
    )


def _year(period: str) -> bool:
    return len(period) == 4 and period.isdigit()


def _row(region: str, period: str, value: float, kind: str, label: str, note: str) -> dict[str, Any]:
    """A point: positioned by the value in the chart's common unit, labelled as printed (or derived)."""
    return {"地区": region, "时期": period, "数值": round(value, 4), "类别": kind, "标签": label, "说明": note}


def _target_label(t: Tracked) -> str:
    """`5.5%左右 · 达成`: the target's wording and, once judged, its status."""
    judged = t.status in ("met", "tolerance", "missed")
    return f"{t.display} · {t.status_label}" if judged else t.display


def chart_unit(views: list[ObsView]) -> str:
    """The unit a level chart's axis is drawn in: the unit its labels use (`display.axis_unit`)."""
    units = [v.obs.unit for v in views if v.obs.unit]
    values = [
        convert(float(v.obs.value), v.obs.unit, base_unit(v.obs.unit)) or 0.0
        for v in views
        if v.obs.unit and v.obs.value is not None
    ]
    return axis_unit(units, max(values, default=0.0))


def level_rows(
    views: list[ObsView], derived: list[Derived], history: list[Tracked], regions: dict[str, str]
) -> tuple[list[dict[str, Any]], str]:
    """Levels and counts by region and year: printed outcomes, 推算 values only where none is printed, targets."""
    levels = [
        v
        for v in views
        if v.obs.measure in ("level", "count") and v.obs.value is not None and v.obs.unit and _year(v.obs.period)
    ]
    if not levels:
        return [], ""
    unit = chart_unit(levels)
    rows = []
    printed: set[tuple[str, str]] = set()
    for v in current_outcomes(levels):
        value = convert(float(v.obs.value or 0), v.obs.unit or "", unit)
        if value is not None:
            rows.append(_row(v.place.report.region, v.obs.period, value, ACTUAL, v.display, v.place.citation))
            printed.add((v.place.report.region, v.obs.period))
    for d in derived:
        value = convert(d.value, d.unit, unit)
        region = regions[d.report]
        if value is not None and (region, d.period) not in printed and _year(d.period):
            label = "≈" + display_value(d.value, d.unit, None)
            row = _row(region, d.period, value, DERIVED, label, f"推算：{d.formula}（{d.unit}）")
            rows.append({**row, "注记": ESTIMATE_NOTE.get(d.kind, DERIVED)})
            printed.add((region, d.period))  # two derivations of one year: the first (the report's own) is drawn
    for t in history:
        o = t.target.obs
        value = None if o.value is None or not o.unit else convert(float(o.value), o.unit, unit)
        if o.measure in ("level", "count") and value is not None and _year(o.period):
            rows.append(
                _row(t.target.place.report.region, o.period, value, TARGET, _target_label(t), t.target.place.citation)
            )
    return rows, unit


def growth_rows(views: list[ObsView], history: list[Tracked]) -> list[dict[str, Any]]:
    """Growth rates in % by region and year: printed outcomes and targets (with wording and status)."""
    rows = []
    for v in current_outcomes(views):
        if v.obs.measure == "growth" and v.obs.value is not None and v.obs.unit == "%" and _year(v.obs.period):
            rows.append(
                _row(v.place.report.region, v.obs.period, float(v.obs.value), ACTUAL, v.display, v.place.citation)
            )
    for t in history:
        o = t.target.obs
        if o.measure == "growth" and o.value is not None and o.unit == "%" and _year(o.period):
            rows.append(
                _row(
                    t.target.place.report.region,
                    o.period,
                    float(o.value),
                    TARGET,
                    _target_label(t),
                    t.target.place.citation,
                )
            )
    return rows


def many_regions(rows: list[dict[str, Any]]) -> bool:
    """More regions than colours a reader can tell apart: the chart changes form."""
    return len({r["地区"] for r in rows}) > SERIES_LIMIT


def latest_year_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For a ranked dot plot: the latest year with printed outcomes, printed values first, largest first."""
    years = [r["时期"] for r in rows if r["类别"] == ACTUAL] or [r["时期"] for r in rows]
    latest = max(years)
    chosen = [r for r in rows if r["时期"] == latest]
    return sorted(chosen, key=lambda r: (r["类别"] != ACTUAL, -r["数值"], r["地区"]))


def compact_comparison(blocks: list[dict[str, Any]], min_pairs: int = 2) -> dict[str, Any] | None:
    """Many districts: one table of the latest plan year's pairs instead of a table per pair.

    Columns are the outcome lines the pairs share (总量, 增速 …); rows the city, then its districts sorted
    by the first column's value, largest first, each with its share of the city (推算)."""
    if len(blocks) < min_pairs:
        return None
    latest = max(b["pair"].district.plan_year for b in blocks)
    chosen = [b for b in blocks if b["pair"].district.plan_year == latest]
    labels = list(dict.fromkeys(line.label for b in chosen for line in b["lines"] if "目标" not in line.label))
    if not labels:
        return None

    def cells(block: dict[str, Any], side: str) -> list[list[ObsView]]:
        by_label = {line.label: getattr(line, side) for line in block["lines"]}
        return [by_label.get(label, []) for label in labels]

    def size(row: dict[str, Any]) -> float:
        first = row["cells"][0]
        obs = first[0].obs if first else None
        if obs is None or obs.value is None or not obs.unit:
            return float("-inf")
        return convert(float(obs.value), obs.unit, base_unit(obs.unit)) or float("-inf")

    districts = [
        {"region": b["pair"].district.region, "cells": cells(b, "district"),
         "share": next((line.share for line in b["lines"] if line.share), None), "id": b["pair"].district.id}
        for b in chosen
    ]  # fmt: skip
    districts.sort(key=lambda r: -size(r))
    city = {"region": chosen[0]["pair"].city.region, "cells": cells(chosen[0], "city"), "share": None, "id": ""}
    return {"year": latest, "labels": labels, "rows": [city, *districts], "city": city["region"]}
