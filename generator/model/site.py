"""The site as data: pages, their paths, navigation and the views templates render.

Pure functions from validated content to page objects; nothing here writes files or formats HTML.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.content.load import Content, ReportContent
from generator.content.models import (
    THEME_EN,
    THEME_SLUG,
    Chapter,
    Indicator,
    Observation,
    Paragraph,
    Report,
    Section,
    Theme,
)
from generator.model import urls
from generator.model.urls import chapter_page
from generator.rules.derive import Derived, city_pairs, derive_for_report, derive_shares
from generator.rules.display import measured_value, observation_value
from generator.rules.revisions import Stated, find_revisions

KIND_LABEL = {
    "actual": "实际",
    "estimate": "预计",
    "target": "目标",
    "derived": "推算",
    "derived-target": "推算（按目标）",
    "derived-share": "推算（占全市比重）",
}
MEASURE_LABEL = {
    "level": "总量", "growth": "增速", "change": "变化", "share": "占比", "count": "数量", "rank": "排名", "ratio": "比值",
}  # fmt: skip
TARGET_TYPE_LABEL = {"expected": "预期性", "binding": "约束性"}
LEVEL_LABEL = {"city": "市级", "district": "区级"}


@dataclass(frozen=True)
class Place:
    """Where a paragraph is: report, chapter page, section numbers, position; what a citation needs."""

    report: Report
    chapter_index: int
    chapter: Chapter
    sections: tuple[Section, ...]
    ordinal: int
    paragraph: Paragraph

    @property
    def page(self) -> str:
        return chapter_page(self.report.id, self.chapter_index)

    @property
    def citation(self) -> str:
        """The short citation a journalist can paste: 「深圳市2024年计划报告 一(一) 第2段」."""
        numbers = "".join(s.number.rstrip(".．、") for s in self.sections)
        return f"{self.report.short_title} {self.chapter.number}{numbers} 第{self.ordinal}段"

    @property
    def section_title(self) -> str:
        return " ".join(f"{s.number}{s.title.rstrip('。')}" for s in self.sections)


@dataclass(frozen=True)
class ObsView:
    """One observation as shown: value text, labels, its place and the link to its paragraph."""

    obs: Observation
    indicator: Indicator
    place: Place

    @property
    def display(self) -> str:
        return observation_value(self.obs)

    @property
    def display_measured(self) -> str:
        """The value with its measure (增长5.5%) where a bare rate would not say what it is (home cards)."""
        return measured_value(self.obs)

    @property
    def kind_label(self) -> str:
        return KIND_LABEL[self.obs.kind]

    @property
    def measure_label(self) -> str:
        return MEASURE_LABEL[self.obs.measure]

    @property
    def measure_text(self) -> str:
        """The measure as a reader says it: 降幅 for a change printed as a decrease (下降3%)."""
        from generator.rules.targets import is_decrease

        return "降幅" if is_decrease(self.obs) else self.measure_label

    @property
    def target_type_label(self) -> str:
        return TARGET_TYPE_LABEL.get(self.obs.target_type or "", "")


@dataclass
class ChartRef:
    """A chart on a page: its files (relative to docs) and its accessible description and data."""

    slug: str
    title: str
    description: str
    spec: dict[str, Any]
    columns: list[str]
    rows: list[list[str]]
    folder: str = ""  # the page's own URL folder: chart files sit beside the page that shows them
    sources: tuple[str, ...] = ()  # titles of the reports its values come from (the embed page's source line)
    wide_size: tuple[int, int] = (0, 0)  # of the static SVGs (width, height), set when they are rendered
    narrow_size: tuple[int, int] = (0, 0)

    @property
    def spec_path(self) -> str:
        return f"{self.folder}{self.slug}.vl.json"

    @property
    def svg_path(self) -> str:
        return f"{self.folder}{self.slug}.svg"

    @property
    def csv_path(self) -> str:
        return f"{self.folder}{self.slug}.csv"

    @property
    def narrow_spec_path(self) -> str:
        """The phone layout (charts.narrow), drawn live and as a static SVG below NARROW_MEDIA."""
        return f"{self.folder}{self.slug}.narrow.vl.json"

    @property
    def narrow_svg_path(self) -> str:
        return f"{self.folder}{self.slug}.narrow.svg"

    @property
    def embed_path(self) -> str:
        return urls.embed_page(self.slug)


@dataclass
class Page:
    """One Markdown page to generate: where it goes, which template, and the data it shows."""

    path: str
    template: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    charts: list[ChartRef] = field(default_factory=list)
    search_boost: float | None = None
    tags: tuple[str, ...] = ()  # search keywords (indicator aliases); Material weighs tags above text
    search_exclude: bool = False  # pages that only repeat other pages' text stay out of the search index
    description: str = ""  # plain text for <meta name="description"> and link previews (else the site's)
    sources: tuple[str, ...] = ()  # the content files it is made from, for the page's 编辑此页 links


def cited_sources(citations: Iterable[str], views: Iterable[ObsView]) -> tuple[str, ...]:
    """The reports and paragraphs a chart's values come from, one entry per report (its full title, then the
    paragraphs in the order drawn): an embed page is read away from the values' links, so it names them.
    `citations` are the drawn points' citations (Place.citation); `views` the observations they may be."""
    by_citation = {v.place.citation: v for v in views}
    paragraphs: dict[str, dict[str, None]] = {}
    for citation in citations:
        v = by_citation.get(citation)
        if v is not None:
            where = citation.removeprefix(v.place.report.short_title).strip()
            paragraphs.setdefault(v.place.report.title, {})[where] = None
    return tuple(f"《{title}》（{'、'.join(where)}）" for title, where in paragraphs.items())


def places_of(item: ReportContent) -> dict[str, Place]:
    """Every paragraph of a report mapped to its place (front matter is not a chapter: skipped)."""
    places: dict[str, Place] = {}
    for index, chapter in enumerate(item.chapters):
        for ordinal, paragraph in enumerate(chapter.paragraphs + chapter.closing, start=1):
            places[paragraph.id] = Place(item.report, index, chapter, (), ordinal, paragraph)
        _section_places(item.report, index, chapter, chapter.sections, (), places)
    return places


def _section_places(report, index, chapter, sections, trail, places) -> None:
    for section in sections:
        here = (*trail, section)
        for ordinal, paragraph in enumerate(section.paragraphs, start=1):
            places[paragraph.id] = Place(report, index, chapter, here, ordinal, paragraph)
        _section_places(report, index, chapter, section.sections, here, places)


@dataclass
class SiteModel:
    """Everything the templates and charts need, computed once from the content."""

    content: Content
    views: list[ObsView]
    derived: list[Derived]
    places: dict[str, dict[str, Place]]
    # `id()` of every outcome a later report of the same region restated with another value → the restatement
    # (`_revisions`, found once: the derived numbers above are computed from it, the views below show it)
    revised: dict[int, Observation]

    @functools.cached_property
    def reports(self) -> dict[str, Report]:
        """Reports by id, in reading order (city first)."""
        return {item.report.id: item.report for item in self.content.reports}

    @functools.cached_property
    def _views_by_indicator(self) -> dict[str, list[ObsView]]:
        order = {report_id: i for i, report_id in enumerate(self.reports)}
        grouped: dict[str, list[ObsView]] = {}
        for v in sorted(self.views, key=lambda v: (order[v.place.report.id], v.obs.period, v.obs.kind)):
            grouped.setdefault(v.indicator.id, []).append(v)
        return grouped

    def indicator_views(self, indicator_id: str) -> list[ObsView]:
        """An indicator's observations, by report order, period and kind (grouped once for all pages)."""
        return self._views_by_indicator.get(indicator_id, [])

    @functools.cached_property
    def city_pairs(self) -> list[tuple[Report, Report]]:
        """Every district report with its city report, as (district, city): once for all indicator pages
        (found per page, it cost a pass over every report per report: ~10 s of a 10,000-indicator build)."""
        return city_pairs(list(self.reports.values()))

    @functools.cached_property
    def _derived_by_indicator(self) -> dict[str, list[Derived]]:
        grouped: dict[str, list[Derived]] = {}
        for d in self.derived:
            grouped.setdefault(d.indicator, []).append(d)
        return grouped

    def derived_of(self, indicator_id: str) -> list[Derived]:
        """An indicator's derived numbers, in the order they were derived."""
        return self._derived_by_indicator.get(indicator_id, [])

    @functools.cached_property
    def _views_by_chapter(self) -> dict[tuple[str, int], list[ObsView]]:
        grouped: dict[tuple[str, int], list[ObsView]] = {}
        for v in self.views:
            grouped.setdefault((v.place.report.id, v.place.chapter_index), []).append(v)
        return grouped

    def chapter_views(self, report_id: str, chapter_index: int) -> list[ObsView]:
        """The observations quoted from one chapter, in content order."""
        return self._views_by_chapter.get((report_id, chapter_index), [])

    @functools.cached_property
    def _revised_to(self) -> dict[int, ObsView]:
        by_obs = {id(v.obs): v for v in self.views}
        return {earlier: by_obs[id(obs)] for earlier, obs in self.revised.items() if id(obs) in by_obs}

    def current(self, view: ObsView) -> ObsView:
        """The figure as last revised: the later report's view where one restated this one with another value."""
        return self._revised_to.get(id(view.obs), view)

    def source_views(self, derived: Derived) -> list[ObsView]:
        """The printed observations a derived number was computed from, as views with their places."""
        views = self.indicator_views(derived.indicator)
        return [v for source in derived.sources for v in views if v.obs is source]

    def themes(self) -> list[tuple[Theme, str, str, list[Indicator]]]:
        """Themes in taxonomy order with their English name, slug and indicators (by name)."""
        out = []
        for theme in Theme:
            members = sorted((i for i in self.content.indicators.values() if i.theme == theme), key=lambda i: i.id)
            if members:
                out.append((theme, THEME_EN[theme], THEME_SLUG[theme], members))
        return out


def build_model(content: Content) -> SiteModel:
    """Join observations with their indicators and places; compute derived numbers."""
    views: list[ObsView] = []
    derived: list[Derived] = []
    places: dict[str, dict[str, Place]] = {}
    # one figure per fact: a number computed from a figure a later report revised is computed from the revision
    newest = _revisions(content)
    for item in content.reports:
        report_places = places_of(item)
        places[item.report.id] = report_places
        for obs in item.observations:
            place = report_places.get(obs.paragraph)
            indicator = content.indicators.get(obs.indicator)
            if place is not None and indicator is not None:
                views.append(ObsView(obs, indicator, place))
        derived.extend(derive_for_report(item.report.id, [newest.get(id(o), o) for o in item.observations]))
    observations = {item.report.id: [newest.get(id(o), o) for o in item.observations] for item in content.reports}
    for district, city in city_pairs([item.report for item in content.reports]):
        derived.extend(derive_shares(district, observations[district.id], city, observations[city.id]))
    return SiteModel(content, views, derived, places, newest)


def _revisions(content: Content) -> dict[int, Observation]:
    """`id()` of every outcome a later report of the same region restated with another value → the restatement."""
    stated = [Stated(item.report, obs, 0) for item in content.reports for obs in item.observations]
    return {id(e.obs): r.current.obs for r in find_revisions(stated) for e in r.earlier}
