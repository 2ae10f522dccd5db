"""Unit conversion between the units the reports print (万亿元, 亿元, 万元 …).

Values stay as printed in the YAML; conversions happen only here, when two numbers are compared.
"""

from __future__ import annotations

# unit → (base unit, factor to base)
_UNITS: dict[str, tuple[str, float]] = {
    "万亿元": ("亿元", 10_000.0),
    "亿元": ("亿元", 1.0),
    "万元": ("亿元", 1e-4),
    "元": ("亿元", 1e-8),
    "亿美元": ("亿美元", 1.0),
    "万亿美元": ("亿美元", 10_000.0),
    "万人": ("人", 10_000.0),
    "人": ("人", 1.0),
    "万人次": ("人次", 10_000.0),
    "亿人次": ("人次", 1e8),
    "人次": ("人次", 1.0),
    "万户": ("户", 10_000.0),
    "户": ("户", 1.0),
    "万家": ("家", 10_000.0),
    "家": ("家", 1.0),
    "万件": ("件", 10_000.0),
    "件": ("件", 1.0),
    "平方公里": ("平方米", 1e6),
    "公顷": ("平方米", 1e4),
    "万平方米": ("平方米", 1e4),
    "平方米": ("平方米", 1.0),
    "公里": ("公里", 1.0),
    "千米": ("公里", 1.0),
}


def base_unit(unit: str) -> str:
    """The unit values of `unit` are compared in (itself when unknown)."""
    return _UNITS.get(unit, (unit, 1.0))[0]


def convert(value: float, unit: str, target: str) -> float | None:
    """`value` in `unit` expressed in `target`, or None when the two are not commensurable."""
    if unit == target:
        return value
    base, factor = _UNITS.get(unit, (unit, 1.0))
    target_base, target_factor = _UNITS.get(target, (target, 1.0))
    if base != target_base:
        return None
    return value * factor / target_factor


# What a unit says a number measures (`Observation.measure`), the one rule validate and extract read: a number of
# people, people-visits, items or events (a 量词: 家 个 项 人 人次 架次 …) is a `count`; an amount of money or a
# physical quantity (元 公里 平方米 吨 千瓦 标准箱 P …), or an amount per something (微克/立方米, 批次/千人), is a
# `level`. A scale before the unit (万, 亿, 万亿 …) does not change what it measures: 万人次 is a count, 亿元 a level.
COUNT_UNITS: frozenset[str] = frozenset(
    ("个", "家", "项", "户", "件", "人", "名", "位", "所", "座", "张", "套", "套(间)", "间", "条", "支", "栋", "幢", "台",
     "辆", "艘", "架", "宗", "种", "类", "门", "市", "县", "区", "镇", "村", "场", "场次", "次", "人次", "架次", "航次",
     "处", "只", "批", "批次", "本", "部", "篇", "株", "棵", "头", "例", "床", "笔", "单", "块", "片", "列", "趟", "班")
)  # fmt: skip
QUANTITY_UNITS: frozenset[str] = frozenset(
    ("元", "美元", "港元", "欧元", "米", "公里", "千米", "平方米", "平方公里", "公顷", "亩", "立方米", "吨", "千克",
     "瓦", "千瓦", "千瓦时", "度", "标准箱", "TEU", "P", "PFlops", "EFlops")
)  # fmt: skip
_SCALES = ("万亿", "千亿", "百亿", "亿", "千万", "百万", "十万", "万", "千", "百")


def unit_measure(unit: str | None) -> str | None:
    """`count` or `level`: what a number printed in `unit` measures (None: the unit does not say, as % or 倍)."""
    if not unit:
        return None
    if "/" in unit:
        return "level"  # an amount per something: 微克/立方米, 批次/千人
    rest = unit
    while True:
        if rest in COUNT_UNITS:
            return "count"
        if rest in QUANTITY_UNITS:
            return "level"
        scale = next((s for s in _SCALES if rest.startswith(s) and len(rest) > len(s)), None)
        if scale is None:
            return "count" if unit == "万" else None  # 3万: a count with its classifier left out
        rest = rest[len(scale) :]
