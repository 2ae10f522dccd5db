"""The plan tracker: every plan-year target of each report, the outcome of the year before, and its status.

The status comes from `targets.py` (the wording rules) once an outcome for the target's period has
been reported by any report of the same region; until then it is 暂无数据.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from generator.content.models import Report
from generator.model.site import KIND_LABEL, ChartRef, ObsView, Page, SiteModel, cited_sources
from generator.model.urls import TRACKER, tracker_page
from generator.output import charts
from generator.rules.targets import STATUS_LABEL, STATUS_ORDER, Rule, best_outcome, judge
from generator.rules.vocabulary import ABOUT_WORDS, CEILING_WORDS, FLAT_WORDS, FLOOR_WORDS, QUALIFIERS

RULES = [
    ("、".join(sorted(FLOOR_WORDS, key=QUALIFIERS.index)), "下限：实际值达到目标值即为达成"),
    ("、".join(sorted(CEILING_WORDS, key=QUALIFIERS.index)), "上限：实际值不超过目标值即为达成"),
    ("、".join(sorted(ABOUT_WORDS, key=QUALIFIERS.index)), "下限，另有容差：低于目标值但差距在容差内为“在容差内”"),
    ("控制在……左右", "上限，另有容差：高于目标值但差距在容差内为“在容差内”"),
    (
        "、".join(sorted(FLAT_WORDS, key=QUALIFIERS.index)),
        "视为“增长0%左右”：不低于0为达成，略低于0但在容差内为“在容差内”",
    ),
    ("无修饰的数字（如“增长5.5%”）", "视为下限：达到目标值即为达成，不设容差"),
    ("文字目标（如“稳规模、稳份额、稳增长”）", "不作数值判断"),
]  # the rule table of the tracker page, made from the vocabulary the rules in `rules/targets.py` read


@dataclass(frozen=True)
class Tracked:
    """One target on the tracker: its rule, the outcome that judges it (if reported) and the year before."""

    target: ObsView
    rule: Rule
    status: str
    outcome: ObsView | None
    previous: ObsView | None

    @property
    def status_label(self) -> str:
        return STATUS_LABEL[self.status]

    @property
    def display(self) -> str:
        """The target as printed: a second qualifier after the number (控制在3%左右), a fall in its words (下降3%)."""
        return self.target.display + "".join(w for w in self.rule.words[1:] if w not in self.target.display)


def track(model: SiteModel) -> dict[str, list[Tracked]]:
    """Tracked plan-year targets per report id, in report order and reading order."""
    by_region = _outcomes_by_region(model)
    out: dict[str, list[Tracked]] = {}
    for report_id, report in model.reports.items():
        out[report_id] = [
            _tracked(v, by_region[(report.region, v.indicator.id)])
            for v in model.views
            if v.place.report.id == report_id and v.obs.kind == "target" and v.obs.period == str(report.plan_year)
        ]
    return out


class TargetHistory:
    """Every target of an indicator in any report, judged like the tracker (outcomes indexed once per site)."""

    def __init__(self, model: SiteModel) -> None:
        self.model = model
        self.by_region = _outcomes_by_region(model)

    def of(self, indicator_id: str) -> list[Tracked]:
        """The indicator's targets by region, period and measure, each with its outcome and status."""
        views = [v for v in self.model.indicator_views(indicator_id) if v.obs.kind == "target"]
        rows = [_tracked(v, self.by_region[(v.place.report.region, indicator_id)]) for v in views]
        order = {region: i for i, region in enumerate(dict.fromkeys(r.region for r in self.model.reports.values()))}
        return sorted(rows, key=lambda t: (order[t.target.place.report.region], t.target.obs.period))


def _outcomes_by_region(model: SiteModel) -> dict[tuple[str, str], list[ObsView]]:
    """Outcomes by (region, indicator), newest report first: a revised figure judges before the one it replaces."""
    by_region: dict[tuple[str, str], list[ObsView]] = defaultdict(list)
    for v in sorted(model.views, key=lambda v: v.place.report.date, reverse=True):
        if v.obs.kind in ("actual", "estimate"):
            by_region[(v.place.report.region, v.indicator.id)].append(v)
    return by_region


def _tracked(target: ObsView, candidates: list[ObsView]) -> Tracked:
    found = best_outcome(target.obs, [c.obs for c in candidates])
    outcome = next((c for c in candidates if c.obs is found), None)
    rule, state = judge(target.obs, found)
    return Tracked(target, rule, state, outcome, _previous(target, candidates))


def _previous(target: ObsView, candidates: list[ObsView]) -> ObsView | None:
    """The outcome of the year before the target's, preferring the same measure, then a level, then numbers."""
    year = str(target.obs.year - 1)
    found = [c for c in candidates if c.obs.period == year]
    found.sort(
        key=lambda c: (
            c.obs.measure != target.obs.measure,
            c.obs.measure not in ("level", "count"),
            c.obs.value is None,
            c.obs.kind != "actual",
        )
    )
    return found[0] if found else None


def _summary(rows: list[Tracked]) -> list[tuple[str, int]]:
    counts = Counter(r.status for r in rows)
    return [(STATUS_LABEL[s], counts[s]) for s in STATUS_ORDER if counts[s]]


def _growth_rows(rows: list[Tracked]) -> list[dict[str, Any]]:
    """Dumbbell rows: each growth target in % and, where reported, the growth of the year before.

    A row is an indicator and region; with targets of several plan years it is also the year."""
    out: list[dict[str, Any]] = []
    years = len({r.target.obs.period for r in rows}) > 1
    for r in rows:
        t = r.target
        if t.obs.measure != "growth" or t.obs.value is None or t.obs.unit != "%":
            continue
        where = f"{t.place.report.region}{t.obs.period}年" if years else t.place.report.region
        label = f"{t.indicator.name}（{where}）"
        status = r.status_label  # the target and its outcome take the status's colour (charts.STATUS_COLOUR)
        points = [(f"{t.obs.period}年目标", float(t.obs.value), r.display, t.place.citation, status, "目标")]
        p = r.previous
        if p is not None and p.obs.measure == "growth" and p.obs.unit == "%" and p.obs.value is not None:
            series = f"{p.obs.period}年{KIND_LABEL[p.obs.kind]}"
            points.insert(0, (series, float(p.obs.value), p.display, p.place.citation, "上年增速", "实际"))
        o = r.outcome
        if o is not None and o.obs.measure == "growth" and o.obs.unit == "%" and o.obs.value is not None:
            series = f"{o.obs.period}年{KIND_LABEL[o.obs.kind]}"
            points.append((series, float(o.obs.value), o.display, o.place.citation, status, "实际"))
        # labels sit outside the row: the largest value's to the right, the smallest's to the left (a middle
        # value, the outcome between a target and the year before, is named in the tooltip and the table)
        ranked = sorted(range(len(points)), key=lambda i: points[i][1])
        sides = {ranked[-1]: "右"} if len(points) == 1 else {ranked[0]: "左", ranked[-1]: "右"}
        for i, (series, value, shown, cite, colour, role) in enumerate(points):
            out.append(
                {"行": label, "系列": series, "增速": value, "标签": shown, "说明": cite, "位置": sides.get(i, "中"),
                 "颜色": colour, "形状": role}
            )  # fmt: skip
    return out


def _chart(slug: str, title: str, rows: list[Tracked]) -> ChartRef | None:
    data = _growth_rows(rows)
    if not data:
        return None
    description = "；".join(f"{d['行']} {d['系列']} {d['标签']}" for d in data)
    spec = charts.target_dumbbell(data, title, f"{title}：{description}", "%")
    table = [[d["行"], d["系列"], d["标签"]] for d in data]
    drawn = [v for r in rows for v in (r.target, r.previous, r.outcome) if v is not None]
    sources = cited_sources((d["说明"] for d in data), drawn)
    return ChartRef(slug, title, description, spec, ["指标（地区）", "系列", "增速"], table, sources=sources)


def _context(reports: list[Report], tracked: dict[str, list[Tracked]]) -> dict[str, Any]:
    sections = []
    for report in reports:
        rows = tracked[report.id]
        sections.append(
            {
                "report": report,
                "url": tracker_page(report.id),
                "headline": [r for r in rows if r.target.obs.headline],
                "other": [r for r in rows if not r.target.obs.headline],
                "summary": _summary(rows),
                "count": len(rows),
            }
        )
    by_year: dict[int, list[Tracked]] = defaultdict(list)
    for report in reports:
        by_year[report.plan_year].extend(tracked[report.id])
    years = [(year, len(rows), _summary(rows)) for year, rows in sorted(by_year.items(), reverse=True)]
    return {
        "sections": sections, "rules": RULES, "statuses": [STATUS_LABEL[s] for s in STATUS_ORDER], "years": years,
    }  # fmt: skip


def tracker_pages(model: SiteModel) -> list[Page]:
    """The combined tracker (every report's plan-year targets) and one tracker page per report."""
    tracked = track(model)
    reports = sorted(model.reports.values(), key=lambda r: -r.plan_year)  # the newest plan year first (stable)
    years = sorted({r.plan_year for r in reports})
    year_text = "、".join(str(y) for y in years)
    every = [row for r in reports for row in tracked[r.id]]
    if len(years) == 1:
        found_charts = [_chart("tracker-growth", f"{year_text}年增速目标与上年增速", every)]
    else:  # one chart per plan year, newest first: each stays short, and a row is one target
        found_charts = [
            _chart(f"tracker-growth-{year}", f"{year}年增速目标、上年增速与当年结果",
                   [row for r in reports if r.plan_year == year for row in tracked[r.id]])
            for year in reversed(years)
        ]  # fmt: skip
    combined = _context(reports, tracked)
    combined.update({"combined": True, "total": len(every), "summary": _summary(every), "year_text": year_text})
    pages = [Page(TRACKER, "tracker.md.j2", f"{year_text}年目标跟踪", combined, [c for c in found_charts if c])]
    for report in reports:
        context = _context([report], tracked)
        context.update(
            {"combined": False, "total": len(tracked[report.id]), "summary": _summary(tracked[report.id]),
             "year_text": str(report.plan_year), "tracker_url": TRACKER}
        )  # fmt: skip
        title = f"{report.region}{report.plan_year}年增速目标与上年增速"
        found = _chart(f"{report.id}-tracker-growth", title, tracked[report.id])
        page_title = f"{report.short_title}：目标跟踪"
        pages.append(Page(tracker_page(report.id), "tracker.md.j2", page_title, context, [found] if found else []))
    return pages


def tracker_nav(model: SiteModel) -> list[Any]:
    """Navigation: the combined page as the section index, then one entry per report."""
    entries: list[Any] = [TRACKER]
    entries.extend({r.short_title: tracker_page(r.id)} for r in model.reports.values())
    return entries
