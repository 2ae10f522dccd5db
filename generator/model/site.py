"""The site as data: pages, their paths, navigation and the views templates render.

Pure functions from validated content to page objects; nothing here writes files or formats HTML.
"""

from __future__ import annotations

import functools
import posixpath
import re
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
from generator.rules.derive import Derived, city_of, derive_for_report, derive_shares
from generator.rules.numbers import FULLWIDTH_DIGITS, NUMBER_TOKEN, format_value, parse_token, same_number, strip_ws

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
_PREFIX_QUALIFIERS = {"约", "超", "超过", "突破", "近", "逾", "达", "不少于", "不低于", "控制在"}


def page_url(path: str) -> str:
    """The directory URL MkDocs gives a Markdown page (`a/b.md` → `a/b/`, `a/index.md` → `a/`)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def relative_url(from_page: str, target: str) -> str:
    """Link from a page to a page (`x.md`, optional `#anchor`) or a static file, relative for offline use."""
    target_path, _, anchor = target.partition("#")
    start = page_url(from_page) or "."
    dest = page_url(target_path) if target_path.endswith(".md") else target_path
    rel = posixpath.relpath(dest or ".", start)
    if target_path.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def display_value(value: float | int | None, unit: str | None, qualifier: str | None, text: str | None = None) -> str:
    """`约` + `208` + `亿元`; `3` + `%` + `左右`: a value as the report would print it."""
    if value is None:
        return text or ""
    body = f"{format_value(value)}{unit or ''}"
    if qualifier is None:
        return body
    return f"{qualifier}{body}" if qualifier in _PREFIX_QUALIFIERS else f"{body}{qualifier}"


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
        return display_value(self.obs.value, self.obs.unit, self.obs.qualifier, self.obs.text)

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

    @property
    def source(self) -> str:
        return f"{self.place.page}#{self.place.paragraph.id}"


@dataclass(frozen=True)
class Segment:
    """A piece of paragraph text; numbers that are observations link to their indicator."""

    text: str
    indicator: Indicator | None = None
    label: str = ""


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
        """The chart alone, for an <iframe> in someone else's article (chart slugs are unique site-wide)."""
        return f"embed/{self.slug}/"


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


def chapter_page(report_id: str, index: int) -> str:
    return f"reports/{report_id}/c{index + 1}.md"


def report_page(report_id: str) -> str:
    return f"reports/{report_id}/index.md"


def indicator_page(indicator_id: str) -> str:
    return f"indicators/{indicator_id}.md"


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


_SPACE = re.compile(r"\s")  # the same characters as str.isspace


def link_numbers(paragraph: Paragraph, views: list[ObsView]) -> list[Segment]:
    """Split the paragraph text so that each observed number becomes a link segment.

    Quotes may differ from the clean text in whitespace only, so positions are found on the
    whitespace-free text and mapped back.
    """
    text = paragraph.full_text
    spaced = _SPACE.search(text) is not None  # rare in clean Chinese text: then positions map one to one
    keep: list[int] | range = [i for i, ch in enumerate(text) if not ch.isspace()] if spaced else range(len(text))
    compact = ("".join(text[i] for i in keep) if spaced else text).translate(FULLWIDTH_DIGITS)
    spans: list[tuple[int, int, ObsView]] = []
    taken: set[int] = set()
    for view in views:
        quote = strip_ws(view.obs.quote).translate(FULLWIDTH_DIGITS)
        start = compact.find(quote)
        if start < 0:
            continue
        for match in NUMBER_TOKEN.finditer(compact, start, start + len(quote)):
            hit = view.obs.printed is not None and view.obs.printed.startswith(match.group())
            if view.obs.value is not None and same_number(parse_token(match.group()), view.obs.value):
                hit = True
            if hit and match.start() not in taken:
                taken.add(match.start())
                spans.append((keep[match.start()], keep[match.end() - 1] + 1, view))
                break
        else:  # a number printed in Chinese (两个, 近万件, 超百场): link the printed words themselves
            printed = strip_ws(view.obs.printed or "").translate(FULLWIDTH_DIGITS)
            at = compact.find(printed, start, start + len(quote)) if printed else -1
            if at >= 0 and at not in taken and not NUMBER_TOKEN.match(printed):
                taken.add(at)
                spans.append((keep[at], keep[at + len(printed) - 1] + 1, view))
    spans.sort(key=lambda s: s[0])
    segments: list[Segment] = []
    cursor = 0
    for begin, end, view in spans:
        if begin < cursor:
            continue
        if begin > cursor:
            segments.append(Segment(text[cursor:begin]))
        label = f"{view.indicator.name}（{view.obs.period}年{view.kind_label}）：{view.display}"
        segments.append(Segment(text[begin:end], view.indicator, label))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def split_parts(paragraph: Paragraph, segments: list[Segment]) -> dict[str, list[Segment]]:
    """Cut full-text segments back into task number, lead phrase and text, for styling."""
    bounds = {"number": len(paragraph.number or ""), "lead": len(paragraph.lead or "")}
    parts: dict[str, list[Segment]] = {"number": [], "lead": [], "text": []}
    queue = list(segments)
    for name in ("number", "lead"):
        remaining = bounds[name]
        while remaining > 0 and queue:
            seg = queue.pop(0)
            if len(seg.text) <= remaining:
                parts[name].append(seg)
                remaining -= len(seg.text)
            else:
                parts[name].append(Segment(seg.text[:remaining], seg.indicator, seg.label))
                queue.insert(0, Segment(seg.text[remaining:], seg.indicator, seg.label))
                remaining = 0
    parts["text"] = queue
    return parts


@dataclass
class SiteModel:
    """Everything the templates and charts need, computed once from the content."""

    content: Content
    views: list[ObsView]
    derived: list[Derived]
    places: dict[str, dict[str, Place]]

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
    for item in content.reports:
        report_places = places_of(item)
        places[item.report.id] = report_places
        for obs in item.observations:
            place = report_places.get(obs.paragraph)
            indicator = content.indicators.get(obs.indicator)
            if place is not None and indicator is not None:
                views.append(ObsView(obs, indicator, place))
        derived.extend(derive_for_report(item.report.id, item.observations))
    reports = [item.report for item in content.reports]
    for item in content.reports:
        city = city_of(item.report, reports)
        if city is not None:
            whole = content.report(city.id)
            derived.extend(derive_shares(item.report, item.observations, city, whole.observations))
    return SiteModel(content, views, derived, places)
