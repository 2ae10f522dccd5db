"""Which pages the site has, what each shows, and the navigation: all derived from the content."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from generator.content.load import ReportContent
from generator.content.models import THEME_SLUG, Indicator, Report
from generator.model import urls
from generator.model.links import link_numbers, split_parts
from generator.model.site import KIND_LABEL, LEVEL_LABEL, ChartRef, ObsView, Page, SiteModel
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
from generator.pages import compare, datapages, tracker
from generator.rules.derive import Derived
from generator.rules.display import display_value
from generator.rules.units import base_unit, convert

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
    pages.extend(_indicator(model, ind) for ind in sorted(model.content.indicators.values(), key=lambda i: i.id))
    pages.extend(tracker.tracker_pages(model))
    comparison = compare.compare_page(model)
    pages.extend([comparison] if comparison else [])
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
        nav.append({"市区对比": urls.COMPARE})
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
    sources = tuple(dict.fromkeys(v.place.report.title for v in views if v.obs.measure == "growth"))
    return ChartRef(slug, title, description, spec, ["指标", "系列", "增速"], table, sources=sources)


def _growth_title(reports: list[Report]) -> str:
    """`2023年增速与2024年目标`: the years the reports look back on and plan for, from their metadata."""
    covered = "、".join(sorted({str(r.year_covered) for r in reports}))
    planned = "、".join(sorted({str(r.plan_year) for r in reports}))
    return f"{covered}年增速与{planned}年目标"


def _home(model: SiteModel) -> Page:
    headline = _headline_views(model)
    cards = _cards(model, headline)
    years = _growth_title([item.report for item in model.content.reports])
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
    outcomes = [v for v in headline if v.obs.kind != "target"]
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
    return page


def _chapter(model: SiteModel, item: ReportContent, index: int) -> Page:
    chapter = item.chapters[index]
    path = chapter_page(item.report.id, index)
    views = [v for v in model.views if v.place.report.id == item.report.id and v.place.chapter_index == index]
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
    chart = _growth_chart(
        f"{item.report.id}-c{index + 1}-growth",
        f"本章各指标{'目标' if kind == 'target' else ''}增速（%）",
        chart_views,
        by_value=True,
    )
    context = {
        "report": item.report, "chapter": chapter, "segments": segments, "report_url": report_page(item.report.id),
        "observation_count": len(views), "chapter_index": index + 1,
    }  # fmt: skip
    title = f"{chapter.number}、{chapter.title}"
    page = Page(path, "chapter.md.j2", title, context, [chart] if chart else [])
    first = next(chapter.located_paragraphs(), None)
    page.description = first_sentence(first[1].full_text) if first else ""
    return page


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


def _indicator(model: SiteModel, indicator: Indicator) -> Page:
    views = model.indicator_views(indicator.id)
    derived = [d for d in model.derived if d.indicator == indicator.id]
    latest = []  # one card per report: its latest outcome, preferring a level to a growth rate
    for item in model.content.reports:
        outcomes = [v for v in views if v.place.report.id == item.report.id and v.obs.kind in ("actual", "estimate")]
        if outcomes:
            latest.append(max(outcomes, key=lambda v: (v.obs.year, v.obs.measure == "level", v.obs.value is not None)))
    targets = [v for v in views if v.obs.kind == "target"]
    found = [
        _level_chart(indicator, views, derived, model.reports),
        _growth_chart(f"{indicator.id}-growth", f"{indicator.name}：增速（%）", views, min_rows=2),
    ]
    context = {
        "indicator": indicator, "views": views, "latest": latest, "targets": targets,
        "derived": [(d, model.reports[d.report], model.source_views(d)) for d in derived],
        "theme_url": theme_page(THEME_SLUG[indicator.theme]), "kind_label": KIND_LABEL,
        "downloads": {"csv": opendata.indicator_csv(indicator.id), "json": opendata.indicator_json(indicator.id),
                      "all": urls.DATA_PAGE},
        "side_by_side": compare.side_by_side(model, indicator.id), "compare_url": urls.COMPARE,
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
        description=_indicator_description(indicator, latest, targets),
    )


def _level_chart(
    indicator: Indicator, views: list[ObsView], derived: list[Derived], reports: dict[str, Report]
) -> ChartRef | None:
    """Levels and counts by period and region, with derived base and plan years; two bars at least."""
    levels = [v for v in views if v.obs.measure in ("level", "count") and v.obs.value is not None and v.obs.unit]
    if levels:
        unit = levels[0].obs.unit or ""
        if base_unit(unit) != unit:
            unit = (
                min((v.obs.unit for v in levels), key=lambda u: convert(1.0, u or "", base_unit(u or "")) or 0) or unit
            )
        rows = []
        for v in levels:
            value = convert(float(v.obs.value or 0), v.obs.unit or "", unit)
            if value is None or len(v.obs.period) != 4:
                continue
            rows.append(_level_row(v.place.report.region, v.obs.period, value, "原文", v.place.citation, v.display))
        for d in derived:
            value = convert(d.value, d.unit, unit)
            region = reports[d.report].region
            if value is not None:
                label = "≈" + display_value(d.value, d.unit, None)
                rows.append(_level_row(region, d.period, value, "推算", f"推算：{d.formula}（{d.unit}）", label))
        if len(rows) >= 2:
            rows.sort(key=lambda r: (r["时期"], r["地区"]))
            title = f"{indicator.name}（{unit}）"
            description = "；".join(f"{r['地区']} {r['时期']}年 {r['标签']}（{r['类别']}）" for r in rows)
            spec = charts.period_bars(rows, title, f"{title}：{description}", unit)
            table = [[r["地区"], r["时期"], r["标签"], r["类别"]] for r in rows]
            sources = tuple(
                dict.fromkeys([v.place.report.title for v in levels] + [reports[d.report].title for d in derived])
            )
            columns = ["地区", "时期", "数值", "类别"]
            return ChartRef(f"{indicator.id}-level", title, description, spec, columns, table, sources=sources)
    return None


def _level_row(region: str, period: str, value: float, kind: str, note: str, label: str) -> dict[str, Any]:
    """A bar: positioned by the value in the chart's common unit, labelled as printed (or derived)."""
    return {"地区": region, "时期": period, "数值": round(value, 4), "类别": kind, "说明": note, "标签": label}
