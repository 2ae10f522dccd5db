"""Pages about the data rather than the reports: the download page (数据下载) and the glossary (术语表)."""

from __future__ import annotations

from generator.model.site import Page, SiteModel
from generator.model.urls import DATA_PAGE, GLOSSARY, indicator_page
from generator.output import opendata
from generator.rules.english import unit_en


def data_page(model: SiteModel) -> Page:
    """Where every data file is, what each holds, and what each column means."""
    tables = opendata.tables(model, None)
    files = [
        {"path": t.path, "title": f"{t.zh}（CSV）", "about": t.about, "rows": len(t.rows)} for t in tables
    ] + [
        {"path": opendata.OBSERVATIONS_JSON, "title": "全部数据（JSON）",
         "about": "上述三张表合为一个 JSON 文件：observations、derived、indicators。", "rows": None},
        {"path": opendata.WORKBOOK, "title": "全部数据（Excel）",
         "about": "上述三张表各为一个工作表，另有“字段说明”工作表；表头为中文。", "rows": None},
        {"path": opendata.DATAPACKAGE, "title": "数据包描述（Frictionless datapackage.json）",
         "about": "描述三个 CSV 文件的字段、类型、许可和来源，可用 frictionless 等工具直接读取和校验。", "rows": None},
    ]  # fmt: skip
    context = {
        "files": files,
        "tables": tables,
        "license": opendata.LICENSE,
        "reports": list(model.reports.values()),
    }
    return Page(DATA_PAGE, "data.md.j2", "数据下载", context)


def glossary_page(model: SiteModel) -> Page:
    """Every indicator with its English name, unit in both languages and definition, by theme."""
    themes = [
        {
            "theme": theme,
            "en": en,
            "slug": slug,
            "indicators": [{"indicator": i, "url": indicator_page(i.id), "unit_en": unit_en(i.unit)} for i in members],
        }
        for theme, en, slug, members in model.themes()
    ]
    used = {i.unit for i in model.content.indicators.values()} | {v.obs.unit for v in model.views if v.obs.unit}
    units = [{"zh": u, "en": unit_en(u)} for u in sorted(used)]
    context = {"themes": themes, "units": units, "total": len(model.content.indicators)}
    # Out of the search index: it repeats the indicator pages' names and definitions, and those pages,
    # not this list, should answer a search (measured: the index would grow by 8 % for nothing).
    return Page(GLOSSARY, "glossary.md.j2", "术语表", context, search_exclude=True)
