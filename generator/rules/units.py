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
