"""English names of units and themes, in one place: the site stays Chinese, but the glossary and the
open data files give every indicator, unit and theme an English name for readers and tools abroad.

Indicator names in English live in each `content/indicators/*.yml` (`name_en`); units are printed by
the reports in a small closed vocabulary, so their names are kept here. A unit missing from this table
is shown without an English name (and a test on the real content fails, so it gets added).
"""

from __future__ import annotations

from generator.content.models import THEME_EN, Theme

UNIT_EN: dict[str, str] = {
    # amounts of money
    "元": "yuan (CNY)",
    "万元": "10,000 yuan (CNY)",
    "亿元": "100 million yuan (CNY)",
    "万亿元": "trillion yuan (CNY)",
    "亿美元": "100 million US dollars",
    "万亿美元": "trillion US dollars",
    # rates and ratios
    "%": "percent",
    "个百分点": "percentage points",
    "成": "tenths (1 成 = 10%)",
    "倍": "times (multiple)",
    # plain counts, by the measure word the report uses
    "个": "count",
    "万个": "10,000 (count)",
    "万": "10,000 (count)",
    "家": "count (firms or institutions)",
    "万家": "10,000 firms or institutions",
    "项": "count (items, projects or awards)",
    "件": "count (items or cases)",
    "万件": "10,000 items or cases",
    "条": "count (lines, routes or measures)",
    "座": "count (facilities)",
    "处": "count (sites)",
    "栋": "count (buildings)",
    "所": "count (schools or institutions)",
    "张": "count (beds or lists)",
    "台": "count (vehicles or machines)",
    "支": "count (funds or teams)",
    "只": "count (funds)",
    "种": "count (kinds)",
    "类": "count (categories)",
    "门": "count (courses)",
    "场": "count (events)",
    "场次": "count (sessions)",
    "宗": "count (cases or parcels)",
    "市": "count (cities)",
    "县": "count (counties)",
    "套": "housing units",
    "万套": "10,000 housing units",
    "万套(间)": "10,000 housing units (or rooms)",
    "户": "count (households or firms)",
    "万户": "10,000 households or firms",
    "位": "rank (place)",
    # people
    "人": "persons",
    "名": "persons",
    "万人": "10,000 persons",
    "人次": "person-times",
    "万人次": "10,000 person-times",
    "亿人次": "100 million person-times",
    # physical quantities
    "公里": "kilometres",
    "千米": "kilometres",
    "平方米": "square metres",
    "万平方米": "10,000 square metres",
    "平方公里": "square kilometres",
    "公顷": "hectares",
    "吨": "tonnes",
    "万千瓦": "10,000 kilowatts",
    "万辆": "10,000 vehicles",
    "万架次": "10,000 flights",
    "万标准箱": "10,000 TEU (twenty-foot equivalent units)",
    "P": "PFLOPS (peta floating-point operations per second)",
    "微克/立方米": "micrograms per cubic metre",
    "毫克/升": "milligrams per litre",
    # intensities
    "吨/万元": "tonnes per 10,000 yuan of GDP",
    "吨标准煤/万元": "tonnes of standard coal equivalent per 10,000 yuan of GDP",
    "平方米/万元": "square metres per 10,000 yuan of GDP",
    "立方米/万元": "cubic metres per 10,000 yuan of GDP",
    "人/亿元": "persons per 100 million yuan of GDP",
    "批次/千人": "batches per 1,000 residents",
}


def unit_en(unit: str | None) -> str:
    """The English name of a unit as printed, or '' when there is none (no unit, or not yet named)."""
    return UNIT_EN.get(unit or "", "")


def theme_en(theme: Theme) -> str:
    """The English name of a theme (the taxonomy is fixed in models.py)."""
    return THEME_EN[theme]
