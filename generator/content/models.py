"""Typed models of the content files: what each YAML file may contain, and nothing else.

Unknown keys are errors (a misspelt field must never pass silently), numbers are strict (a string
such as '约6%' is not a number) and every id is a slug, because ids become URLs and file names.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    field_validator,
    model_validator,
)

from generator.rules.vocabulary import COUNTS, QUALIFIERS

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Ids become file names: names Windows reserves for devices (con, nul, com1 …) are refused too.
RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def _not_reserved(value: str) -> str:
    if value in RESERVED_NAMES:
        raise ValueError(f"“{value}”是 Windows 保留的设备名，不能用作 id — 请换一个 id")
    return value


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=64), AfterValidator(_not_reserved)]
# Control characters never occur in printed text; in a page they could break out of Markdown's own
# placeholders (\x02 \x03) or hide text (bidirectional overrides), so every text refuses them.
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
CONTROL_MESSAGE = "文字中不能包含换行、制表符等控制字符 — 段落请写成一行"


def _plain_text(value: str) -> str:
    if CONTROL_CHARS.search(value):
        raise ValueError(CONTROL_MESSAGE)
    return value


Text = Annotated[str, Field(min_length=1, max_length=20_000), AfterValidator(_plain_text)]
ShortText = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_plain_text)]
# Titles and names also reach the theme's navigation and <title>, which MkDocs does not escape:
# markup characters are refused there (they never occur in the reports' titles).
# An `&` is fine (R&D) but not an entity (`&lt;`): MkDocs' <title> unescapes entities after striptags.
TITLE_UNSAFE = re.compile(r"[<>\x00-\x1f\x7f]|&[#A-Za-z0-9]+;")
TITLE_MESSAGE = "标题和名称中不能包含 <、>、HTML 实体（如 &lt;）或控制字符"


def _safe_title(value: str) -> str:
    if TITLE_UNSAFE.search(value):
        raise ValueError(TITLE_MESSAGE)
    return value


Title = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_safe_title)]
Number = StrictInt | StrictFloat
MAX_VALUE = 1e15  # printed numbers are small (3.46 万亿元); a 400-digit integer would overflow float
PERIOD_RE = re.compile(r"^\d{4}(?:-\d{4}|-(?:0[1-9]|1[0-2])|H[12]|Q[1-4])?$")


class Theme(StrEnum):
    """The fixed taxonomy of indicator themes (zh value; English name in THEME_EN)."""

    ECONOMY = "经济运行"
    INNOVATION = "科技创新"
    INDUSTRY = "产业发展"
    REFORM = "改革开放"
    URBAN = "城市建设"
    ENVIRONMENT = "生态环境"
    WELLBEING = "民生福祉"


THEME_EN = {
    Theme.ECONOMY: "Economic performance",
    Theme.INNOVATION: "Science and innovation",
    Theme.INDUSTRY: "Industrial development",
    Theme.REFORM: "Reform and opening up",
    Theme.URBAN: "Urban development",
    Theme.ENVIRONMENT: "Ecology and environment",
    Theme.WELLBEING: "People's wellbeing",
}
THEME_SLUG = {
    Theme.ECONOMY: "economy",
    Theme.INNOVATION: "innovation",
    Theme.INDUSTRY: "industry",
    Theme.REFORM: "reform",
    Theme.URBAN: "urban",
    Theme.ENVIRONMENT: "environment",
    Theme.WELLBEING: "wellbeing",
}

Qualifier = Literal[QUALIFIERS]  # type: ignore[valid-type]
Counts = Literal[COUNTS]  # type: ignore[valid-type]


def _period_text(value: object) -> object:
    """YAML reads `period: 2023` as a number; periods are text (2023, 2021-2023, 2023Q4)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Strict(BaseModel):
    """Base: unknown keys are errors; values are never coerced between types."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Paragraph(Strict):
    """One paragraph of clean source text, addressable by its id (the page anchor)."""

    id: Slug
    number: ShortText | None = None
    lead: ShortText | None = None
    text: Text
    note: Text | None = None

    @property
    def full_text(self) -> str:
        """The paragraph as printed: task number, lead phrase and text."""
        return f"{self.number or ''}{self.lead or ''}{self.text}"


class Section(Strict):
    """A numbered section: (一) in a chapter, 1. inside it; sections nest."""

    number: Title
    title: Title
    paragraphs: list[Paragraph] = []
    sections: list[Section] = []


class Chapter(Strict):
    """A chapter (一、二、三、) of a report, in reading order."""

    number: Annotated[str, Field(pattern=r"^[一二三四五六七八九十]+$")]
    title: Title
    truncated: StrictBool = False
    paragraphs: list[Paragraph] = []
    sections: list[Section] = []
    closing: list[Paragraph] = []  # paragraphs after the last section (e.g. a chapter's closing remarks)

    def located_paragraphs(self) -> Iterator[tuple[tuple[str | int, ...], Paragraph]]:
        """Each paragraph in reading order, with its location path inside the chapter file (for messages)."""
        for i, paragraph in enumerate(self.paragraphs):
            yield ("paragraphs", i), paragraph
        yield from _section_paragraphs(self.sections, ())
        for i, paragraph in enumerate(self.closing):
            yield ("closing", i), paragraph


def _section_paragraphs(sections: list[Section], loc: tuple) -> Iterator[tuple[tuple[str | int, ...], Paragraph]]:
    for i, section in enumerate(sections):
        here = (*loc, "sections", i)
        for j, paragraph in enumerate(section.paragraphs):
            yield (*here, "paragraphs", j), paragraph
        yield from _section_paragraphs(section.sections, here)


class Report(Strict):
    """The metadata of one report; its chapters and observations live beside it."""

    id: Slug
    region: Title
    level: Literal["city", "district"]
    title: Title
    short_title: Title
    year_covered: StrictInt = Field(ge=1949, le=2100)
    plan_year: StrictInt = Field(ge=1949, le=2100)
    issuer: ShortText
    speaker: ShortText | None = None
    date: dt.date
    occasion: ShortText | None = None
    publication: ShortText | None = None
    seed: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*\.txt$", max_length=100)]
    seed_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    front_matter: list[Paragraph] = []
    notes: list[Text] = []

    @field_validator("date", mode="before")
    @classmethod
    def _date_only(cls, value: object) -> object:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise ValueError("应为日期，格式 YYYY-MM-DD")
        return value


class Indicator(Strict):
    """A concept measured by observations from any number of reports."""

    id: Slug
    name: Title
    name_en: Title
    unit: Title
    theme: Theme
    counts: Counts  # total, new (added in the period) or rate: checked against 新增/累计 in the quotes
    definition: Text
    aliases: list[Title] = []  # become Material tags, which its templates print without escaping
    former_ids: list[Slug] = []  # ids before `reportsite rename`: their old URLs redirect to this page


class Observation(Strict):
    """One number (or qualitative target) of one report, with the exact words it comes from."""

    indicator: Slug
    period: Annotated[str, BeforeValidator(_period_text)]
    kind: Literal["actual", "estimate", "target"]
    measure: Literal["level", "growth", "change", "share", "count", "rank", "ratio"]
    value: Number | None = None
    unit: ShortText | None = None
    qualifier: Qualifier | None = None
    printed: ShortText | None = None
    text: ShortText | None = None
    quote: Text
    paragraph: Slug
    headline: StrictBool = False
    target_type: Literal["expected", "binding"] | None = None
    share_of: Slug | None = None
    share_computed: Number | None = None
    differs_from: Number | None = None
    note: Text | None = None

    @field_validator("period")
    @classmethod
    def _period(cls, text: str) -> str:
        if not PERIOD_RE.match(text):
            raise ValueError("应为年份（2023）、年份区间（2021-2023）、月份（2023-12）、半年（2023H1）或季度（2023Q4）")
        return text

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("数值必须是有限的数字")
        if value is not None and abs(value) >= MAX_VALUE:
            raise ValueError(f"数值过大 — 绝对值应小于 {MAX_VALUE:.0e}（数值按原文写法，如 3.46 万亿元）")
        return value

    @model_validator(mode="after")
    def _value_or_text(self) -> Observation:
        if self.value is None and self.text is None:
            raise ValueError("需要 value（数值）或 text（定性目标的文字）之一")
        if self.value is not None and self.unit is None:
            raise ValueError("有 value 时需要 unit（单位，如 亿元、%）")
        if self.target_type is not None and self.kind != "target":
            raise ValueError("target_type 只适用于 kind: target 的观测值")
        if self.share_of is not None and self.measure != "share":
            raise ValueError("share_of 只适用于 measure: share 的观测值")
        if self.share_computed is not None and self.share_of is None:
            raise ValueError("share_computed 只适用于有 share_of 的占比")
        if self.share_computed is not None and not self.note:
            raise ValueError("有 share_computed 时需要 note：说明原文的占比为什么与 部分 ÷ 总量 不同")
        if self.differs_from is not None and not self.note:
            raise ValueError("有 differs_from 时需要 note：说明原文两处数值为什么不同")
        if self.measure == "count" and self.value is not None and self.value < 0:
            raise ValueError("计数（measure: count）不能为负数")
        return self

    @property
    def year(self) -> int:
        """The first year of the period (for sorting and charts)."""
        return int(self.period[:4])


class IgnoredMention(Strict):
    """A number in the text that is deliberately not an observation, and why."""

    paragraph: Slug
    text: Annotated[str, Field(min_length=1, max_length=40)]
    reason: Literal["date", "ordinal", "name", "page", "duration", "repeat"]
    note: Text | None = None


class ObservationsFile(Strict):
    """`observations.yml`: every observation of one report."""

    observations: list[Observation] = []


class IgnoredFile(Strict):
    """`ignored.yml`: every extracted number that is not an observation."""

    ignored: list[IgnoredMention] = []
