"""Open data: every observation as CSV, JSON and XLSX, described by a Frictionless data package.

Pure functions from the site model to file bytes; `build.py` writes them through `write.py` into the
MkDocs docs folder, so MkDocs copies them to `site/data/` untouched. The files are for reuse outside
the site, so they are made to be trusted there:

- one row per observation of the YAML, sorted, byte-identical between builds (the XLSX too: fixed
  zip timestamps and a created date from `SOURCE_DATE_EPOCH` or the latest report date);
- derived numbers (推算) are never mixed with printed ones: they sit in their own resource;
- CSV is UTF-8 with a BOM, so Excel opens Chinese text correctly;
- content comes from strangers: a CSV text cell that a spreadsheet would run as a formula is
  neutralised with a leading apostrophe; XLSX cells are written as typed strings, never formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import json
import pickle
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from generator.config import SiteIdentity
from generator.content.models import Indicator
from generator.errors import BuildError
from generator.model.site import ObsView, Place, SiteModel
from generator.model.urls import page_url
from generator.rules.derive import Derived
from generator.rules.english import theme_en, unit_en
from generator.rules.vocabulary import COUNTS, FALL_WORDS, NEW_WORDS, TOTAL_WORDS

DATA_DIR = "data"
INDICATORS_CSV = f"{DATA_DIR}/indicators.csv"
OBSERVATIONS_CSV = f"{DATA_DIR}/observations.csv"
DERIVED_CSV = f"{DATA_DIR}/derived.csv"
OBSERVATIONS_JSON = f"{DATA_DIR}/observations.json"
WORKBOOK = f"{DATA_DIR}/observations.xlsx"
DATAPACKAGE = f"{DATA_DIR}/datapackage.json"

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]\d+(?:\.\d+)?%?")

Cell = str | int | float | bool | None
Row = dict[str, Cell]


@dataclass(frozen=True)
class Column:
    """One field of a table: its name in files, Frictionless type, titles and meaning in both languages."""

    name: str
    type: str  # Frictionless Table Schema type: string | number | boolean
    zh: str
    en: str
    about: str
    about_en: str
    enum: tuple[str, ...] = ()
    required: bool = False
    width: int = 14  # column width in the XLSX

    @property
    def title(self) -> str:
        return f"{self.zh} / {self.en}"

    def schema(self) -> dict[str, Any]:
        """The Table Schema field descriptor."""
        field: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": self.title,
            "description": f"{self.about} {self.about_en}",
        }
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            field["constraints"] = constraints
        return field


@dataclass(frozen=True)
class Table:
    """A table of the data set: one CSV resource, one XLSX sheet, one list in the JSON."""

    name: str
    path: str
    zh: str
    en: str
    about: str
    columns: tuple[Column, ...]
    rows: list[Row]
    key: tuple[str, ...] = ()
    references: tuple[str, ...] = ()  # columns that hold an indicator id


_INDICATOR_ID = Column(
    "indicator_id", "string", "指标代码", "Indicator ID",
    "指标的代码，与 indicators.csv 的 id 和指标页网址一致。",
    "Matches indicators.csv id and the indicator page URL.", required=True, width=28,
)  # fmt: skip
_INDICATOR_NAMES = (
    Column("indicator_name", "string", "指标名称", "Indicator name", "中文名称。", "Chinese name.", width=28),
    Column("indicator_name_en", "string", "指标英文名", "Indicator name (English)", "英文名称。", "English name.",
           width=36),
)  # fmt: skip
_REPORT = (
    Column("report_id", "string", "报告代码", "Report ID", "数据所出自报告的代码。",
           "The report the number comes from.", required=True, width=16),
    Column("region", "string", "地区", "Region", "报告所属地区。", "The region of the report.", width=10),
    Column("period", "string", "时期", "Period",
           "年份（2023）、年份区间（2021-2023）、月份（2023-12）、半年（2023H1）或季度（2023Q4）。",
           "A year, span, month, half-year or quarter.", required=True, width=10),
)  # fmt: skip
_UNIT = (
    Column("unit", "string", "单位", "Unit", "原文写法的单位，如 亿元、万亿元、%。", "The unit as printed.", width=10),
    Column("unit_en", "string", "单位英文名", "Unit (English)", "单位的英文名。", "English name of the unit.",
           width=22),
)  # fmt: skip
_SOURCE_URL = Column(
    "source_url", "string", "出处链接", "Source URL", "本站章节页中该段落的链接（网页锚点）。",
    "Link to the paragraph on this site's chapter page.", width=40,
)  # fmt: skip

# The data files' conventions, stated once for the data page, the field notes and datapackage.json.
SIGN_CONVENTION = (
    f"增速（growth）和变化（change）原文写“{'、'.join(FALL_WORDS[:5])}”等时记为负数：“下降16.1%”的数值为 -16.1"
    "（网页照原文显示“下降16.1%”）。"
)
SIGN_CONVENTION_EN = (
    "A growth or change the report prints as a fall (下降, 减少 …) is negative: 下降16.1% (fell 16.1%) is -16.1."
)
COUNTS_CONVENTION = (
    "指标的 counts 说明它计量什么：total 总量（全部的个数或一个时期的总额）、new 期内新增（名称写明“新增…”）、"
    f"rate 比率；原文写“{'、'.join(NEW_WORDS[:3])}”等的数字只归入 new 指标，写“{'、'.join(TOTAL_WORDS)}”的只归入 total 指标。"
)
COUNTS_CONVENTION_EN = (
    "An indicator's counts says what it counts: total (all there are, or a period's total), new (added in the "
    "period; its name says 新增), rate (a ratio)."
)

INDICATOR_COLUMNS = (
    Column("id", "string", "指标代码", "Indicator ID", "指标的代码。", "Indicator identifier.", required=True, width=28),
    Column("name", "string", "指标名称", "Name", "中文名称。", "Chinese name.", required=True, width=28),
    Column("name_en", "string", "英文名称", "English name", "英文名称。", "English name.", required=True, width=36),
    Column("unit", "string", "常用单位", "Usual unit", "该指标通常使用的单位。", "The unit the concept is usually given in.",
           width=10),
    Column("unit_en", "string", "单位英文名", "Unit (English)", "单位的英文名。", "English name of the unit.", width=22),
    Column("theme", "string", "主题", "Theme", "主题分类。", "Theme (Chinese).", width=10),
    Column("theme_en", "string", "主题英文名", "Theme (English)", "主题的英文名。", "Theme (English).", width=22),
    Column("counts", "string", "计量", "Counts", COUNTS_CONVENTION, COUNTS_CONVENTION_EN, enum=COUNTS, required=True,
           width=8),
    Column("definition", "string", "定义", "Definition", "指标的定义。", "Definition (Chinese).", width=50),
    Column("aliases", "string", "别名", "Aliases", "别名，以“、”分隔。", "Other names, separated by 、.", width=20),
)  # fmt: skip

OBSERVATION_COLUMNS = (
    _INDICATOR_ID,
    *_INDICATOR_NAMES,
    *_REPORT,
    Column("kind", "string", "类别", "Kind", "actual 实际、estimate 预计、target 目标。",
           "Outcome, estimate or target.", enum=("actual", "estimate", "target"), required=True, width=10),
    Column("measure", "string", "口径", "Measure",
           "level 总量（金额、实物量）、growth 增速（以%或倍表示的增减，下降为负）、change 变化（个百分点或总量单位之差）、"
           "share 占比、count 数量（人、人次、个、件等的数目）、rank 排名、ratio 比值。",
           "What the number measures: level an amount of money or a physical quantity; growth a rate of change in % "
           "or times (negative for a fall); change a difference in percentage points or in the level's unit; share; "
           "count a number of people, visits or items; rank; ratio.", enum=("level", "growth", "change", "share", "count", "rank", "ratio"),
           required=True, width=10),
    Column("value", "number", "数值", "Value", "原文中的数值（未换算单位）；定性目标为空。" + SIGN_CONVENTION,
           "The number as printed (not converted); empty for a qualitative target. " + SIGN_CONVENTION_EN, width=12),
    *_UNIT,
    Column("qualifier", "string", "限定词", "Qualifier", "原文的限定词，如 约、左右、超、以上、控制在。",
           "Qualifier as printed (about, over, at most …).", width=8),
    Column("printed", "string", "原文写法", "As printed", "数字在原文中不是阿拉伯数字时的写法，如 两成。",
           "The number as printed when not in digits.", width=10),
    Column("text", "string", "定性目标", "Qualitative target", "没有数值的目标的文字。",
           "The words of a target without a number.", width=24),
    Column("target_type", "string", "目标性质", "Target type", "expected 预期性、binding 约束性（仅目标）。",
           "Expected or binding (targets only).", enum=("expected", "binding"), width=10),
    Column("headline", "boolean", "主要指标", "Headline", "是否为报告的主要指标。",
           "Whether the report lists it among its main indicators.", width=8),
    Column("quote", "string", "原文引文", "Quote", "原文中包含该数字的句子片段。",
           "The exact words of the report that give the number.", width=50),
    Column("paragraph_id", "string", "段落代码", "Paragraph ID", "该段落在报告中的代码（章节页的锚点）。",
           "The paragraph's id (its anchor on the chapter page).", required=True, width=14),
    Column("citation", "string", "引用", "Citation", "可直接引用的出处，如 深圳市2024年计划报告 一(一) 第1段。",
           "A short citation: report, chapter and section, paragraph.", width=30),
    _SOURCE_URL,
    Column("note", "string", "编者注", "Editor's note", "编者对该数据的说明。", "Editor's note.", width=30),
    Column("revised_by", "string", "已修订为", "Revised to", "较新的报告以不同数值重新公布了该数字时：修订数及其出处（请使用修订数）。",
           "When a later report restated the figure with another value: the revised figure and its source (use it).",
           width=30),
)  # fmt: skip

DERIVED_COLUMNS = (
    _INDICATOR_ID,
    *_INDICATOR_NAMES,
    *_REPORT,
    Column("kind", "string", "推算类别", "Derivation",
           "derived：由当年总量和增速推算上年基数；derived-target：由上年总量和增长目标推算目标年总量；derived-share：区级数值占市级总量的比重。",
           "derived: base year implied by a level and its growth; derived-target: level implied by a growth target; "
           "derived-share: the district's share of the city total.",
           enum=("derived", "derived-target", "derived-share"), required=True, width=14),
    Column("value", "number", "推算值", "Derived value", "程序计算的数值，不是原文给出的。",
           "Computed by the generator, not printed in the report.", required=True, width=12),
    *_UNIT,
    Column("formula", "string", "算式", "Formula", "推算所用的算式。", "How the value was computed.", width=36),
    Column("based_on", "string", "依据", "Based on", "算式所用原文数字的出处，以“；”分隔。",
           "Citations of the printed numbers used, separated by ；.", width=40),
    Column("source_urls", "string", "出处链接", "Source URLs", "这些原文数字所在段落的链接，以空格分隔。",
           "Links to the paragraphs of those numbers, separated by spaces.", width=40),
)  # fmt: skip


def neutralise(text: str) -> str:
    """A CSV text cell a spreadsheet would run as a formula (=, +, -, @ …) gets a leading apostrophe.

    A plain signed number (a chart label such as `-0.5%`) is no formula and stays as it is.
    """
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def source_url(site_url: str | None, place: Place) -> str:
    """The paragraph's address on the site: absolute when the site URL is known, else from the site root."""
    path = f"{page_url(place.page)}#{place.paragraph.id}"
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def indicator_row(indicator: Indicator) -> Row:
    return {
        "id": indicator.id,
        "name": indicator.name,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "unit_en": unit_en(indicator.unit) or None,
        "theme": indicator.theme.value,
        "theme_en": theme_en(indicator.theme),
        "counts": indicator.counts,
        "definition": indicator.definition,
        "aliases": "、".join(indicator.aliases) or None,
    }


def observation_row(view: ObsView, site_url: str | None, revised: ObsView | None = None) -> Row:
    """`revised`: the figure a later report restated this one as (one figure per fact: the file says which to use)."""
    obs, indicator, place = view.obs, view.indicator, view.place
    return {
        "indicator_id": indicator.id,
        "indicator_name": indicator.name,
        "indicator_name_en": indicator.name_en,
        "report_id": place.report.id,
        "region": place.report.region,
        "period": obs.period,
        "kind": obs.kind,
        "measure": obs.measure,
        "value": obs.value,
        "unit": obs.unit,
        "unit_en": unit_en(obs.unit) or None,
        "qualifier": obs.qualifier,
        "printed": obs.printed,
        "text": obs.text,
        "target_type": obs.target_type,
        "headline": obs.headline,
        "quote": obs.quote,
        "paragraph_id": obs.paragraph,
        "citation": place.citation,
        "source_url": source_url(site_url, place),
        "note": obs.note,
        "revised_by": f"{revised.display}（{revised.place.citation}）" if revised is not None else None,
    }


def derived_row(model: SiteModel, d: Derived, site_url: str | None) -> Row:
    indicator = model.content.indicators[d.indicator]
    report = model.reports[d.report]
    places = [v.place for v in model.source_views(d)]  # each source in its own report (a share's, a revision's)
    return {
        "indicator_id": indicator.id,
        "indicator_name": indicator.name,
        "indicator_name_en": indicator.name_en,
        "report_id": report.id,
        "region": report.region,
        "period": d.period,
        "kind": d.kind,
        "value": d.value,
        "unit": d.unit,
        "unit_en": unit_en(d.unit) or None,
        "formula": d.formula,
        "based_on": "；".join(dict.fromkeys(p.citation for p in places)),
        "source_urls": " ".join(dict.fromkeys(source_url(site_url, p) for p in places)),
    }


def _observation_key(row: Row) -> tuple[str, ...]:
    return tuple(str(row[k]) for k in ("indicator_id", "report_id", "period", "kind", "measure", "paragraph_id"))


def observation_rows(model: SiteModel, site_url: str | None, indicator_id: str | None = None) -> list[Row]:
    """One row per observation, sorted by indicator, report, period, kind, measure and paragraph.

    The sort is stable, so observations equal on all of these keep their order in the YAML.
    """
    views = [v for v in model.views if indicator_id is None or v.indicator.id == indicator_id]
    rows = (observation_row(v, site_url, None if model.current(v) is v else model.current(v)) for v in views)
    return sorted(rows, key=_observation_key)


def derived_rows(model: SiteModel, site_url: str | None, indicator_id: str | None = None) -> list[Row]:
    """One row per derived value, sorted like the observations."""
    rows = [derived_row(model, d, site_url) for d in model.derived if indicator_id in (None, d.indicator)]
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in ("indicator_id", "report_id", "period", "kind")))


def tables(model: SiteModel, site_url: str | None) -> list[Table]:
    """The three tables of the data set, in the order of the data package."""
    indicators = [indicator_row(i) for i in sorted(model.content.indicators.values(), key=lambda i: i.id)]
    return [
        Table("indicators", INDICATORS_CSV, "指标", "Indicators", "每个指标一行：中英文名称、单位、主题和定义。",
              INDICATOR_COLUMNS, indicators, key=("id",)),
        Table("observations", OBSERVATIONS_CSV, "观测值", "Observations",
              "每个观测值一行：报告原文给出的每一个数字（或定性目标），附原文引文和出处。",
              OBSERVATION_COLUMNS, observation_rows(model, site_url), references=("indicator_id",)),
        Table("derived", DERIVED_CSV, "推算值", "Derived values",
              "本站根据原文数字计算的推算值（不是报告原文给出的），附算式和所依据数字的出处。",
              DERIVED_COLUMNS, derived_rows(model, site_url), references=("indicator_id",)),
    ]  # fmt: skip


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return neutralise(value)


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """RFC 4180 CSV, UTF-8 with BOM; numbers stay numbers, text cells are neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_csv(columns: Sequence[Column], rows: list[Row]) -> bytes:
    return csv_bytes([c.name for c in columns], ([row[c.name] for c in columns] for row in rows))


def json_bytes(value: Any) -> bytes:
    """Pretty, key-ordered UTF-8 JSON: readable, diffable, identical between builds."""
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def release_date(model: SiteModel, source_date_epoch: str | None) -> dt.datetime:
    """The date stamped into the files: SOURCE_DATE_EPOCH when set, else the latest report's date."""
    if source_date_epoch and source_date_epoch.strip():  # empty means unset, as in reproducible.SourceDate
        try:
            return dt.datetime.fromtimestamp(int(source_date_epoch), dt.UTC).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            raise BuildError(
                f"环境变量 SOURCE_DATE_EPOCH 无效：{source_date_epoch!r} — 应为 Unix 时间戳（整数秒）"
            ) from None
    latest = max((r.date for r in model.reports.values()), default=dt.date(2000, 1, 1))
    return dt.datetime(latest.year, latest.month, latest.day)


def xlsx_bytes(sheets: list[Table], created: dt.datetime, site: SiteIdentity) -> bytes:
    """One sheet per table (Chinese headers) and a sheet that explains every column.

    In memory, so xlsxwriter stamps every zip member with its fixed 1980 date; `created` fixes the
    document properties: the same data gives the same bytes.
    """
    import xlsxwriter

    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"title": site.data_full_title, "created": created, "author": site.publisher})
    bold = book.add_format({"bold": True})
    explain: list[list[Cell]] = []
    for table in sheets:
        sheet = book.add_worksheet(table.zh)
        for c, column in enumerate(table.columns):
            sheet.write_string(0, c, column.zh, bold)
            sheet.set_column(c, c, column.width)
            explain.append([table.zh, column.zh, column.name, column.en, column.about])
        for r, row in enumerate(table.rows, start=1):
            for c, column in enumerate(table.columns):
                _write_cell(sheet, r, c, row[column.name])
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(table.rows), len(table.columns) - 1)
    sheet = book.add_worksheet("字段说明")
    for c, (title, width) in enumerate(
        (("工作表", 10), ("字段", 14), ("CSV 字段名", 20), ("English", 26), ("说明", 60))
    ):
        sheet.write_string(0, c, title, bold)
        sheet.set_column(c, c, width)
    for r, cells in enumerate(explain, start=1):
        for c, value in enumerate(cells):
            _write_cell(sheet, r, c, value)
    book.close()
    return buffer.getvalue()


def _write_cell(sheet: Any, row: int, col: int, value: Cell) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, value)  # a string cell, never a formula, whatever it starts with


def datapackage(
    model: SiteModel, data: list[Table], site_url: str | None, created: dt.datetime, site: SiteIdentity
) -> dict[str, Any]:
    """A Frictionless (Tabular) Data Package describing the CSV files; named and licensed as `site` says."""
    base = (site_url.rstrip("/") + "/") if site_url else None
    sources = []
    for report in model.reports.values():
        source = {"title": f"{report.title}（{report.issuer}，{report.date}）"}
        if base:
            source["path"] = base + page_url(f"reports/{report.id}/index.md")
        sources.append(source)
    resources = []
    for table in data:
        schema: dict[str, Any] = {"fields": [c.schema() for c in table.columns], "missingValues": [""]}
        if table.key:
            schema["primaryKey"] = list(table.key)
        if table.references:
            schema["foreignKeys"] = [
                {"fields": list(table.references), "reference": {"resource": "indicators", "fields": ["id"]}}
            ]
        resources.append(
            {
                "name": table.name,
                "path": table.path.removeprefix(f"{DATA_DIR}/"),
                "profile": "tabular-data-resource",
                "title": f"{table.zh} / {table.en}",
                "description": table.about,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": schema,
            }
        )
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": site.data_name,
        "title": site.data_full_title,
        "description": (
            f"{site.subject}中的全部数字：每个数字附原文引文和出处。"
            "推算值单独成表。CSV 为带 BOM 的 UTF-8。同样的数据另有 observations.json 和 observations.xlsx。"
            + SIGN_CONVENTION
            + COUNTS_CONVENTION
            + f" Every number of {site.subject_en}, with the words it comes from; "
            "derived values are a separate resource. " + SIGN_CONVENTION_EN + " " + COUNTS_CONVENTION_EN
        ),
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "keywords": list(site.keywords),
        "licenses": [site.licence.frictionless()],
        "sources": sources,
        "resources": resources,
    }
    if base:
        package["homepage"] = base
    return package


def indicator_csv(indicator_id: str) -> str:
    return f"{DATA_DIR}/indicators/{indicator_id}.csv"


def indicator_json(indicator_id: str) -> str:
    return f"{DATA_DIR}/indicators/{indicator_id}.json"


def data_files(
    model: SiteModel, site_url: str | None, created: dt.datetime, site: SiteIdentity, remember: bool = False
) -> dict[str, bytes]:
    """Every open data file, by its path in the docs folder; `site` names and licenses them.

    With `remember` (the preview) each file is kept for the next run, which makes again only those whose rows changed.
    """

    def _remembered(path: str, inputs: Any, make: Callable[[], bytes]) -> bytes:
        # a build keeps nothing: digesting the inputs would only cost time (~1 s at 10,000 indicators)
        return _remember(_made, path, inputs, make) if remember else make()

    data = tables(model, site_url)
    files = {
        table.path: _remembered(table.path, table.rows, functools.partial(table_csv, table.columns, table.rows))
        for table in data
    }
    files[OBSERVATIONS_JSON] = json_bytes(
        {
            "title": site.data_full_title,
            "license": site.licence.name,
            "description": "observations：原文给出的数字；derived：本站推算的数值（不是原文给出的）；indicators：指标。",
            **{table.name: table.rows for table in data},
        }
    )
    files[WORKBOOK] = _remembered(WORKBOOK, (data, created, site), lambda: xlsx_bytes(data, created, site))
    files[DATAPACKAGE] = json_bytes(datapackage(model, data, site_url, created, site))
    by_id = {table.name: table for table in data}
    grouped: dict[str, dict[str, list[Row]]] = {"observations": {}, "derived": {}}
    for name, groups in grouped.items():
        for row in by_id[name].rows:
            groups.setdefault(str(row["indicator_id"]), []).append(row)
    for indicator in by_id["indicators"].rows:
        indicator_id = str(indicator["id"])
        observations = grouped["observations"].get(indicator_id, [])
        derived = grouped["derived"].get(indicator_id, [])
        files[indicator_csv(indicator_id)] = _remembered(
            indicator_csv(indicator_id), observations, functools.partial(table_csv, OBSERVATION_COLUMNS, observations)
        )
        files[indicator_json(indicator_id)] = _remembered(
            indicator_json(indicator_id),
            (indicator, observations, derived),
            functools.partial(json_bytes, {"indicator": indicator, "observations": observations, "derived": derived}),
        )
    return files


# Data files this process made: path → (digest of the pickled inputs, bytes). `serve` makes again only the
# files whose rows changed (the workbook alone took a third of a preview's generator time).
_made: dict[str, tuple[bytes, bytes]] = {}


def _remember(made: dict[str, tuple[bytes, bytes]], path: str, inputs: Any, make: Callable[[], bytes]) -> bytes:
    """`make()`, or the bytes it gave for equal `inputs` last time (rows of plain values, so pickles compare)."""
    try:
        key = hashlib.blake2b(pickle.dumps(inputs, 5)).digest()
    except (pickle.PicklingError, TypeError, AttributeError):
        return make()
    known = made.get(path)
    if known is not None and known[0] == key:
        return known[1]
    result = make()
    made[path] = (key, result)
    return result


def chart_csv(spec: dict[str, Any]) -> bytes:
    """The data behind a chart as CSV; a quantitative column is named by its axis title (with unit)."""
    values: list[dict[str, Any]] = list(spec.get("data", {}).get("values", []))
    for dataset in spec.get("datasets", {}).values():
        values.extend(dataset)
    titles: dict[str, str] = {}
    for layer in [spec, *spec.get("layer", [])]:
        for channel in layer.get("encoding", {}).values():
            if isinstance(channel, dict) and channel.get("type") == "quantitative" and channel.get("title"):
                titles.setdefault(channel["field"], channel["title"])
    columns = list(dict.fromkeys(k for row in values for k in row))
    return csv_bytes([titles.get(c, c) for c in columns], ([row.get(c) for c in columns] for row in values))
