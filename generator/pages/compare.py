"""City and district side by side: the indicators both reports give, and the district's share of the city.

Each district is shown with its latest report beside the city's report of the same plan year; earlier years
live on the indicator pages. With one district, one page holds the pair. With several, the comparison page
ranks the districts on each headline indicator (the city first) and links to one page per district, the
city beside that district, so no page grows with the number of districts times years.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.content.models import Indicator, Report
from generator.model.site import MEASURE_LABEL, ObsView, Page, SiteModel
from generator.model.urls import COMPARE, compare_page
from generator.pages import history
from generator.rules.derive import Derived

_MEASURE_ORDER = ("level", "count", "growth", "change", "share", "ratio", "rank")


@dataclass(frozen=True)
class Pair:
    """A district report and the city report it is part of (same plan year)."""

    district: Report
    city: Report


@dataclass(frozen=True)
class Row:
    """One indicator across a pair: outcomes of the covered year, the district's share, plan-year targets."""

    indicator: Indicator
    city: list[ObsView]
    district: list[ObsView]
    share: Derived | None
    city_targets: list[ObsView]
    district_targets: list[ObsView]


@dataclass(frozen=True)
class Line:
    """A line of an indicator page's side-by-side table: one period, kind and measure in both regions."""

    period: str
    label: str
    city: list[ObsView]
    district: list[ObsView]
    share: Derived | None


def pairs(model: SiteModel) -> list[Pair]:
    """Every district report with its city report."""
    return [Pair(district, city) for district, city in model.city_pairs]


def latest_pairs(model: SiteModel) -> list[Pair]:
    """Each district once, with its latest report that has a city report of the same plan year."""
    latest: dict[str, Pair] = {}
    for pair in pairs(model):
        held = latest.get(pair.district.region)
        if held is None or pair.district.plan_year > held.district.plan_year:
            latest[pair.district.region] = pair
    return list(latest.values())


def _measure_key(v: ObsView) -> tuple[int, str]:
    return (_MEASURE_ORDER.index(v.obs.measure), v.obs.kind)


def _of(model: SiteModel, report: Report, indicator_id: str, kinds: tuple[str, ...], period: int) -> list[ObsView]:
    found = [
        model.current(v)  # one figure per fact: a figure a later report revised is shown as revised
        for v in model.indicator_views(indicator_id)
        if v.place.report.id == report.id and v.obs.kind in kinds and v.obs.period == str(period)
    ]
    return sorted(found, key=_measure_key)


def _share(model: SiteModel, pair: Pair, indicator_id: str, period: str) -> Derived | None:
    for d in model.derived:
        if (d.kind, d.report, d.indicator, d.period) == ("derived-share", pair.district.id, indicator_id, period):
            return d
    return None


def row(model: SiteModel, pair: Pair, indicator: Indicator) -> Row:
    outcome = ("actual", "estimate")
    return Row(
        indicator,
        _of(model, pair.city, indicator.id, outcome, pair.city.year_covered),
        _of(model, pair.district, indicator.id, outcome, pair.district.year_covered),
        _share(model, pair, indicator.id, str(pair.district.year_covered)),
        _of(model, pair.city, indicator.id, ("target",), pair.city.plan_year),
        _of(model, pair.district, indicator.id, ("target",), pair.district.plan_year),
    )


def shared_indicators(model: SiteModel, pair: Pair) -> list[Indicator]:
    """Indicators with observations in both reports of the pair, by theme then id."""
    city = {v.indicator.id for v in model.views if v.place.report.id == pair.city.id}
    district = {v.indicator.id for v in model.views if v.place.report.id == pair.district.id}
    found = [model.content.indicators[i] for i in city & district]
    themes = [t for t, *_ in model.themes()]
    return sorted(found, key=lambda i: (themes.index(i.theme), i.id))


def headline_indicators(model: SiteModel, pair: Pair) -> list[Indicator]:
    """Headline indicators of either report: the city's in reading order, then the district's."""
    ids: dict[str, None] = {}
    for report in (pair.city, pair.district):
        for v in model.views:
            if v.place.report.id == report.id and v.obs.headline:
                ids.setdefault(v.indicator.id)
    return [model.content.indicators[i] for i in ids]


def side_by_side(model: SiteModel, indicator_id: str) -> list[dict[str, Any]]:
    """For an indicator page: per pair where both reports give it, lines of both regions' values."""
    out = []
    by_report: dict[str, list[ObsView]] = {}
    for v in model.indicator_views(indicator_id):
        by_report.setdefault(v.place.report.id, []).append(v)
    for district_report, city_report in model.city_pairs:
        city = by_report.get(city_report.id, [])
        district = by_report.get(district_report.id, [])
        if not city or not district:
            continue
        pair = Pair(district_report, city_report)
        keys = sorted(
            {(v.obs.period, v.obs.kind == "target", v.obs.measure) for v in city + district},
            key=lambda k: (k[0], k[1], _MEASURE_ORDER.index(k[2])),
        )
        lines = []
        for period, is_target, measure in keys:

            def pick(vs: list[ObsView], period: str = period, is_target: bool = is_target, measure: str = measure):
                return [
                    model.current(v)  # as last revised (marked 修订数 where the page shows it)
                    for v in vs
                    if (v.obs.period, v.obs.kind == "target", v.obs.measure) == (period, is_target, measure)
                ]

            label = f"{period}年{'目标' if is_target else ''} {MEASURE_LABEL[measure]}"
            share = (
                None if is_target or measure not in ("level", "count") else _share(model, pair, indicator_id, period)
            )
            lines.append(Line(period, label, pick(city), pick(district), share))
        out.append({"pair": pair, "lines": lines})
    return out


def _pair_context(model: SiteModel, pair: Pair, notes: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    """A pair's headline and shared rows; the share notes (推算 formulas) it needs are added to `notes`."""
    headline = [row(model, pair, i) for i in headline_indicators(model, pair)]
    shared = [row(model, pair, i) for i in shared_indicators(model, pair)]
    for r in shared + headline:
        if r.share is not None:
            note = {"pair": pair, "indicator": r.indicator, "derived": r.share, "sources": model.source_views(r.share)}
            notes.setdefault((pair.district.id, r.indicator.id), note)
    return {"pair": pair, "headline": headline, "shared": shared}


def _chooser(found: list[Pair], current: str | None) -> list[dict[str, Any]]:
    """Links to the page of each district (the city beside it), the current one marked."""
    return [
        {"region": p.district.region, "year": p.district.plan_year, "path": compare_page(p.district.id),
         "current": p.district.id == current}
        for p in found
    ]  # fmt: skip


def _ranked(model: SiteModel, found: list[Pair]) -> list[dict[str, Any]]:
    """Per headline indicator of the city: the city, then its districts ranked (history.compact_comparison)."""
    cities = {p.city.id for p in found}
    ids = dict.fromkeys(v.indicator.id for v in model.views if v.obs.headline and v.place.report.id in cities)
    out = []
    for indicator_id in ids:
        compact = history.compact_comparison(side_by_side(model, indicator_id), min_pairs=1)
        if compact is not None:
            out.append({"indicator": model.content.indicators[indicator_id], **compact})
    return out


def compare_pages(model: SiteModel) -> list[Page]:
    """The comparison page, and with several districts one page per district."""
    found = latest_pairs(model)
    if not found:
        return []
    base: dict[str, Any] = {"chooser": [], "ranked": [], "overview": None, "city": found[0].city.region}
    if len(found) == 1:
        notes: dict[tuple[str, str], dict[str, Any]] = {}
        sections = [_pair_context(model, found[0], notes)]
        return [
            Page(COMPARE, "compare.md.j2", "市区对比", {**base, "sections": sections, "notes": list(notes.values())})
        ]
    chooser = {"chooser": _chooser(found, None)}
    pages = [
        Page(
            COMPARE,
            "compare.md.j2",
            "市区对比",
            {**base, **chooser, "sections": [], "notes": [], "ranked": _ranked(model, found)},
        )
    ]
    for pair in found:
        notes = {}
        context = {**base, "sections": [_pair_context(model, pair, notes)], "notes": list(notes.values()),
                   "chooser": _chooser(found, pair.district.id), "overview": COMPARE}  # fmt: skip
        title = f"{pair.city.region}与{pair.district.region}"
        pages.append(Page(compare_page(pair.district.id), "compare.md.j2", title, context))
    return pages


def compare_nav(model: SiteModel) -> Any:
    """Navigation: the comparison page, with the district pages beneath it when there are several."""
    found = latest_pairs(model)
    if len(found) <= 1:
        return COMPARE
    return [COMPARE, *({p.district.region: compare_page(p.district.id)} for p in found)]
