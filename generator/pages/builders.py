"""Which pages the site has, what each shows, and the navigation: all derived from the content."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from generator.content.load import ReportContent
from generator.content.models import THEME_SLUG, Indicator, Report
from generator.model import urls
from generator.model.links import link_numbers, split_parts
from generator.model.site import KIND_LABEL, LEVEL_LABEL, ChartRef, ObsView, Page, SiteModel, cited_sources
from generator.model.urls import (
    ABOUT,
    HOME,
    INDICATORS,
    chapter_page,
    indicator_page,
    page_url,
    report_page,
    theme_page,
)
from generator.output import charts, opendata
from generator.pages import compare, datapages, history, tracker
from generator.rules.derive import Derived
from generator.rules.display import display_value

REPORT_TABS = 6  # up to this many reports get a tab each; more are grouped under 报告 by region


def build_pages(model: SiteModel) -> list[Page]:
    """Every page of the site, in a stable order."""
    pages = [_home(model)]
    for item in model.content.reports:
        pages.append(_report(model, item))
        pages.extend(_chapter(model, item, i) for i in range(len(item.chapters)))
    themes = _theme_rows(model)
    pages.append(_indicator_index(model, themes))
    pages.extend(_theme(row) for row in themes)
    targets = tracker.TargetHistory(model)
    indicators = sorted(model.content.indicators.values(), key=lambda i: i.id)
    pages.extend(_indicator(model, ind, targets.of(ind.id)) for ind in indicators)
    pages.extend(tracker.tracker_pages(model))
    pages.extend(compare.compare_pages(model))
    pages.extend([datapages.glossary_page(model), datapages.data_page(model)])
    pages.append(Page(ABOUT, "about.md.j2", "关于本站", {"reports": [r.report for r in model.content.reports]}))
    for page in pages:
        for chart in page.charts:
            chart.folder = page_url(page.path)
    return pages


def build_nav(model: SiteModel) -> list[Any]:
    """MkDocs `nav`, built from the content so no list is kept by hand."""
    nav: list[Any] = [{"首页": HOME}]
    by_region: dict[str, list[Any]] = {}
    for item in model.content.reports:
        entries: list[Any] = [{"概览": report_page(item.report.id)}]
        for i, chapter in enumerate(item.chapters):
            entries.append({f"{chapter.number}、{chapter.title}": chapter_page(item.report.id, i)})
        by_region.setdefault(item.report.region, []).append({item.report.short_title: entries})
    if len(model.content.reports) <= REPORT_TABS:
        nav.extend(entry for reports in by_region.values() for entry in reports)
    else:  # one tab of reports by region: the header and each page's nav stay short as reports accumulate
        nav.append({"报告": [{region: reports} for region, reports in by_region.items()]})
    # Indicators are reached through their theme's page, not listed here: a nav entry per indicator would be
    # rendered into every page of the site, O(pages × indicators) (see bench/scale.py).
    themes: list[Any] = [{"指标总览": INDICATORS}, {"术语表": urls.GLOSSARY}]
    themes.extend({theme.value: theme_page(slug)} for theme, _en, slug, _members in model.themes())
    nav.append({"指标": themes})
    nav.append({"目标跟踪": tracker.tracker_nav(model)})
    if compare.pairs(model):
        nav.append({"市区对比": compare.compare_nav(model)})
    nav.append({"数据下载": urls.DATA_PAGE})
    nav.append({"关于": ABOUT})
    return nav


def _headline_views(model: SiteModel, report_id: str | None = None) -> list[ObsView]:
    return [v for v in model.views if v.obs.headline and (report_id is None or v.place.report.id == report_id)]


def _growth_rows(views: list[ObsView]) -> list[dict[str, Any]]:
    """Rows for a growth chart: 2023 outcomes and 2024 targets of headline growth rates, per region."""
    rows = []
    for v in views:
        if v.obs.measure != "growth" or v.obs.value is None or v.obs.unit != "%":
            continue
        series = f"{v.place.report.region} {v.obs.period}年{KIND_LABEL[v.obs.kind]}"
        rows.append(
            {
                "指标": v.indicator.name,
                "系列": series,
                "增速": v.obs.value,
                "标签": display_value(v.obs.value, "%", v.obs.qualifier),
                "说明": v.place.citation,
            }
        )
    return rows


def _growth_chart(
    slug: str, title: str, views: list[ObsView], min_rows: int = 3, by_value: bool = False
) -> ChartRef | None:
    """Growth rates side by side; long lists are ranked by value so the eye can compare."""
    rows = _growth_rows(views)
    if len(rows) < min_rows:
        return None
    rows.sort(key=(lambda r: (-r["增速"], r["指标"])) if by_value else (lambda r: (r["指标"], r["系列"])))
    description = "；".join(f"{r['指标']} {r['系列']} {r['标签']}" for r in rows)
    spec = charts.grouped_bars(rows, "指标", "系列", "增速", title, f"{title}：{description}", "%")
    table = [[r["指标"], r["系列"], r["标签"]] for r in rows]
    sources = cited_sources((r["说明"] for r in rows), views)
    return ChartRef(slug, title, description, spec, ["指标", "系列", "增速"], table, sources=sources)


def _growth_title(reports: list[Report]) -> str:
    """`2023年增速与2024年目标`: the years the reports look back on and plan for, from their metadata."""
    covered = "、".join(sorted({str(r.year_covered) for r in reports}))
    planned = "、".join(sorted({str(r.plan_year) for r in reports}))
    return f"{covered}年增速与{planned}年目标"


def _latest_reports(model: SiteModel) -> list[Report]:
    """The newest report of each region (by date): what the home page's cards and chart show."""
    newest: dict[str, Report] = {}
    for report in model.reports.values():
        if report.region not in newest or report.date > newest[report.region].date:
            newest[report.region] = report
    return list(newest.values())


def _home(model: SiteModel) -> Page:
    latest = _latest_reports(model)
    ids = {r.id for r in latest}
    headline = [v for v in _headline_views(model) if v.place.report.id in ids]
    cards = _cards(model, headline)
    years = _growth_title(latest)
    chart = _growth_chart("home-growth", f"主要指标：{years}", headline)
    reports = [
        {"report": item.report, "url": report_page(item.report.id), "level": LEVEL_LABEL[item.report.level],
         "observations": len(item.observations)}
        for item in model.content.reports
    ]  # fmt: skip
    return Page(HOME, "home.md.j2", "首页", {"reports": reports, "cards": cards}, [chart] if chart else [])


def _cards(model: SiteModel, headline: list[ObsView]) -> list[dict[str, Any]]:
    """One card per headline indicator and region: latest outcome, its growth, and the 2024 target."""
    grouped: dict[tuple[str, str], list[ObsView]] = defaultdict(list)
    for v in headline:
        grouped[(v.indicator.id, v.place.report.id)].append(v)
    cards = []
    for (indicator_id, _report_id), views in grouped.items():
        outcome = [v for v in views if v.obs.kind in ("actual", "estimate")]
        targets = [v for v in views if v.obs.kind == "target"]
        level = next((v for v in outcome if v.obs.measure == "level"), None)
        growth = next((v for v in outcome if v.obs.measure != "level"), None)
        cards.append(
            {
                "indicator": views[0].indicator,
                "url": indicator_page(indicator_id),
                "region": views[0].place.report.region,
                "value": level or growth,
                "change": growth if level else None,
                "target": targets[0] if targets else None,
            }
        )
    return cards


def _report(model: SiteModel, item: ReportContent) -> Page:
    report = item.report
    headline = _headline_views(model, report.id)
    chapters = [
        {"chapter": c, "url": chapter_page(report.id, i), "sections": len(c.sections)}
        for i, c in enumerate(item.chapters)
    ]
    # each outcome with the figure a later report revised it to (one figure per fact: the page says so)
    outcomes = [(v, None if model.current(v) is v else model.current(v)) for v in headline if v.obs.kind != "target"]
    targets = [v for v in model.views if v.place.report.id == report.id and v.obs.kind == "target" and v.obs.headline]
    chart = _growth_chart(f"{report.id}-growth", f"{report.region}：{_growth_title([report])}", headline)
    context = {
        "report": report, "level": LEVEL_LABEL[report.level], "chapters": chapters, "outcomes": outcomes,
        "targets": targets, "observation_count": len(item.observations),
        "indicator_count": len({o.indicator for o in item.observations}),
        "truncated": [c for c in item.chapters if c.truncated],
        "tracker_url": urls.tracker_page(report.id),
    }  # fmt: skip
    description = f"{report.title}（{report.issuer}，{report.date.isoformat()}）：全文、{len(item.observations)}个数据点及其原文出处。"
    page = Page(report_page(report.id), "report.md.j2", report.short_title, context, [chart] if chart else [])
    page.description = description
    page.sources = (item.report_doc.path,)
    return page


def _chapter(model: SiteModel, item: ReportContent, index: int) -> Page:
    chapter = item.chapters[index]
    path = chapter_page(item.report.id, index)
    views = model.chapter_views(item.report.id, index)
    by_paragraph: dict[str, list[ObsView]] = defaultdict(list)
    for v in views:
        by_paragraph[v.place.paragraph.id].append(v)
    segments = {
        pid: split_parts(vs[0].place.paragraph, link_numbers(vs[0].place.paragraph, vs))
        for pid, vs in by_paragraph.items()
    }
    kinds = {v.obs.kind for v in views if v.obs.measure == "growth"}
    kind = "target" if kinds == {"target"} else "actual"
    chart_views = [v for v in views if v.obs.kind == kind or (kind == "actual" and v.obs.kind == "estimate")]
    slug, title = f"{item.report.id}-c{index + 1}-growth", f"本章各指标{'目标' if kind == 'target' else ''}增速（%）"
    charts_found = [
        _growth_chart(f"{slug}{suffix}", f"{title}{words}", group, min_rows=min_rows, by_value=True)
        for suffix, words, group, min_rows in _by_scale(chart_views)
    ]
    context = {
        "report": item.report, "chapter": chapter, "segments": segments, "report_url": report_page(item.report.id),
        "observation_count": len(views), "chapter_index": index + 1,
    }  # fmt: skip
    title = f"{chapter.number}、{chapter.title}"
    page = Page(path, "chapter.md.j2", title, context, [c for c in charts_found if c])
    first = next(chapter.located_paragraphs(), None)
    page.description = first_sentence(first[1].full_text) if first else ""
    observations = (item.observations_doc.path,) if views and item.observations_doc else ()
    page.sources = (item.chapter_docs[index].path, *observations)
    return page


# Growth rates above this (%) are drawn on their own axis in a chapter's 本章数据: beside them the usual few
# percent (GDP 6.0%) shrink to a sliver and cannot be compared (新能源汽车出口 175.7%).
SCALE_SPLIT = 20.0


def _by_scale(views: list[ObsView]) -> list[tuple[str, str, list[ObsView], int]]:
    """A chapter's growth rates on one axis, or on two when some are of another scale (above SCALE_SPLIT and
    several times the others): (slug suffix, title words, views, fewest rows for a chart)."""
    rates = [v for v in views if v.obs.measure == "growth" and v.obs.value is not None and v.obs.unit == "%"]
    high = [v for v in rates if abs(float(v.obs.value or 0)) > SCALE_SPLIT]
    usual = [v for v in views if v not in high]
    if not high or len(usual) < 2:
        return [("", "", views, 3)]
    return [("", f"：{SCALE_SPLIT:g}%以内", usual, 2), ("-high", f"：超过{SCALE_SPLIT:g}%", high, 1)]


# A link preview shows about this many characters; a longer first sentence is cut with "…".
_PREVIEW = 120
_SENTENCE_END = re.compile(r"(?<=[。！？；])")


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (to 。！？ or ；), for a page's description."""
    sentence = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    return sentence if len(sentence) <= _PREVIEW else sentence[: _PREVIEW - 1] + "…"


def _indicator_description(indicator: Indicator, latest: list[ObsView], targets: list[ObsView]) -> str:
    """What a shared link to an indicator page previews: its latest values and targets, with their periods."""
    parts = [f"{v.place.report.region}{v.obs.period}年{KIND_LABEL[v.obs.kind]} {v.display}" for v in latest]
    parts += [f"{v.place.report.region}{v.obs.period}年目标 {v.display}" for v in targets[:2]]
    text = (
        f"{indicator.name}：{'；'.join(parts)}。每个数字都链接到报告原文。"
        if parts
        else f"{indicator.name}：报告原文中的数据与出处。"
    )
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"


def _theme_rows(model: SiteModel) -> list[dict[str, Any]]:
    """Each theme with its indicators, their number of data points and the regions that report them."""
    counts: dict[str, int] = defaultdict(int)
    regions: dict[str, set[str]] = defaultdict(set)
    for v in model.views:
        counts[v.indicator.id] += 1
        regions[v.indicator.id].add(v.place.report.region)
    return [
        {"theme": theme, "en": en, "slug": slug, "url": theme_page(slug),
         "indicators": [{"indicator": i, "url": indicator_page(i.id), "count": counts[i.id],
                         "regions": "、".join(sorted(regions[i.id]))} for i in members]}
        for theme, en, slug, members in model.themes()
    ]  # fmt: skip


def _indicator_index(model: SiteModel, themes: list[dict[str, Any]]) -> Page:
    context = {"themes": themes, "total": len(model.content.indicators)}
    return Page(INDICATORS, "indicators.md.j2", "指标总览", context)


def _theme(row: dict[str, Any]) -> Page:
    title = f"{row['theme'].value}指标"
    return Page(theme_page(row["slug"]), "theme.md.j2", title, {"t": row, "index_url": INDICATORS})


def _indicator(model: SiteModel, indicator: Indicator, targets: list[tracker.Tracked]) -> Page:
    views = model.indicator_views(indicator.id)
    derived = model.derived_of(indicator.id)
    regions = {report_id: report.region for report_id, report in model.reports.items()}
    found = [
        _level_chart(indicator, views, derived, targets, regions),
        _history_growth_chart(indicator, views, targets),
    ]
    revised = history.revisions(views)
    earlier = {id(r.current.obs): r.earlier for r in revised}
    current = {id(v.obs) for v in history.current_outcomes(views)}
    marks = {**{id(v.obs): "已修订" for r in revised for v in r.earlier}, **{k: "修订数" for k in earlier}}
    printed = {
        (v.place.report.region, v.obs.period)
        for v in views
        if id(v.obs) in current and v.obs.measure in ("level", "count") and v.obs.value is not None
    }
    order = list(dict.fromkeys(regions.values()))
    derived_rows = [
        (
            d,
            model.reports[d.report],
            model.source_views(d),
            d.kind != "derived-share" and (regions[d.report], d.period) in printed,
            # a figure a later report revised is used as revised (one figure per fact): said beside the value,
            # with the figure first printed, so the formula can still be traced to both sources
            [(earlier[id(v.obs)][0], v) for v in model.source_views(d) if id(v.obs) in earlier],
        )
        for d in derived
    ]
    if len(order) > history.SERIES_LIMIT:  # many regions: list only the 推算 values the charts still draw
        derived_rows = [row for row in derived_rows if not row[3]]
    blocks = compare.side_by_side(model, indicator.id)
    compact = history.compact_comparison(blocks)
    context = {
        "indicator": indicator, "views": views, "rows": [(v, marks.get(id(v.obs), "")) for v in history.table_order(views, order)],
        "latest": [(v, earlier.get(id(v.obs), ())) for v in history.latest_per_region(views)],
        "targets": [t.target for t in targets if t.status in ("no-data", "text")], "history": targets,
        "show_history": any(t.outcome for t in targets) or len({t.target.obs.period for t in targets}) > 1,
        "revisions": revised, "derived": derived_rows, "derived_replaced": len(derived) - len(derived_rows),
        "theme_url": theme_page(THEME_SLUG[indicator.theme]), "kind_label": KIND_LABEL,
        "downloads": {"csv": opendata.indicator_csv(indicator.id), "json": opendata.indicator_json(indicator.id),
                      "all": urls.DATA_PAGE},
        "compact": compact, "side_by_side": [] if compact else blocks, "compare_url": urls.COMPARE,
        "quotes": _by_quote(views),
    }  # fmt: skip
    tags = tuple(dict.fromkeys([indicator.name, *indicator.aliases]))
    return Page(
        indicator_page(indicator.id),
        "indicator.md.j2",
        indicator.name,
        context,
        [c for c in found if c],
        2.0,
        tags,
        description=_indicator_description(
            indicator, history.latest_per_region(views), [t.target for t in targets if t.status in ("no-data", "text")]
        ),
        sources=_indicator_sources(model, indicator.id, views),
    )


def _indicator_sources(model: SiteModel, indicator_id: str, views: list[ObsView]) -> tuple[str, ...]:
    """The indicator's file, then the observations files of the reports that give it a value."""
    doc = model.content.indicator_docs.get(indicator_id)
    reports = {v.place.report.id for v in views}
    files = [i.observations_doc.path for i in model.content.reports if i.report.id in reports and i.observations_doc]
    return tuple(([doc.path] if doc else []) + files)


def _by_quote(views: list[ObsView]) -> list[list[ObsView]]:
    """原文出处: one entry per quoted sentence (a report's paragraph and quote), the values it grounds under it,
    in the order the values first appear: a sentence with a level and its growth is cited once, not twice."""
    groups: dict[tuple[str, str, str], list[ObsView]] = {}
    for v in views:
        groups.setdefault((v.place.report.id, v.place.paragraph.id, v.obs.quote), []).append(v)
    return list(groups.values())


def _years(rows: list[dict[str, Any]]) -> list[str]:
    """Every year from the first to the last drawn, so gaps keep their place on the time axis."""
    years = [int(r["时期"]) for r in rows]
    return [str(y) for y in range(min(years), max(years) + 1)]


def _series_chart(
    slug: str,
    title: str,
    rows: list[dict[str, Any]],
    unit: str,
    order: list[str],
    views: list[ObsView],
    derived_from: dict[tuple[str, str], list[str]] | None = None,
) -> ChartRef:
    """Years along x with a series per region; beyond SERIES_LIMIT regions the latest year, ranked. The sources
    (embed page) are the drawn points' paragraphs; a 推算 point's are those of the figures it was computed from
    (`derived_from`, by region and period)."""
    if history.many_regions(rows):
        rows = history.latest_year_rows(rows)
        title = f"{title}：{rows[0]['时期']}年各地区排序"
        description = "；".join(f"{r['地区']} {r['标签']}（{r['类别']}）" for r in rows)
        spec = charts.ranked_dots(rows, title, f"{title}：{description}", unit)
    else:
        rows.sort(key=lambda r: (order.index(r["地区"]), r["时期"], r["类别"]))
        regions = list(dict.fromkeys(r["地区"] for r in rows))
        description = "；".join(f"{r['地区']} {r['时期']}年 {r['标签']}（{r['类别']}）" for r in rows)
        spec = charts.time_series(rows, _years(rows), regions, title, f"{title}：{description}", unit)
    table = [[r["地区"], r["时期"], r["标签"], r["类别"]] for r in rows]
    citations = [
        c
        for r in rows
        for c in ((derived_from or {}).get((r["地区"], r["时期"]), []) if r["类别"] == history.DERIVED else [r["说明"]])
    ]
    sources = cited_sources(citations, views)
    return ChartRef(slug, title, description, spec, ["地区", "时期", "数值", "类别"], table, sources=sources)


def _level_chart(
    indicator: Indicator,
    views: list[ObsView],
    derived: list[Derived],
    targets: list[tracker.Tracked],
    regions: dict[str, str],
) -> ChartRef | None:
    """Levels and counts over the years by region, with 推算 values where nothing is printed; two points at least."""
    rows, unit = history.level_rows(views, derived, targets, regions)
    if len(rows) < 2:
        return None
    order = list(dict.fromkeys(regions.values()))
    derived_from = {
        (regions[d.report], d.period): [v.place.citation for v in views if any(v.obs is s for s in d.sources)]
        for d in reversed(derived)  # two derivations of one year: the first is drawn (history.level_rows)
    }
    title = f"{indicator.name}（{unit}）"
    return _series_chart(f"{indicator.id}-level", title, rows, unit, order, views, derived_from)


def _history_growth_chart(
    indicator: Indicator, views: list[ObsView], targets: list[tracker.Tracked]
) -> ChartRef | None:
    """Growth rates over the years by region, targets as their own markers; two points at least."""
    rows = history.growth_rows(views, targets)
    if len(rows) < 2:
        return None
    order = list(dict.fromkeys(v.place.report.region for v in views))
    return _series_chart(f"{indicator.id}-growth", f"{indicator.name}：增速（%）", rows, "%", order, views)
