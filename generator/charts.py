"""Altair chart specs for the site, and their static SVG fallbacks (rendered without a browser).

Chart design follows the data: growth rates are compared across indicators and against targets;
levels are shown against their derived base year or the other region, never as a lone bar.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import altair as alt

FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
PALETTE = ["#1f5fa8", "#d9822b", "#3f8f5a", "#a83f6b", "#6b5ba8", "#7a7a7a"]
_CONFIG = {
    "font": FONT,
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 220},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "columns": 1},  # fits a phone
    "title": {"fontSize": 14, "anchor": "start"},
    "range": {"category": PALETTE},
    "view": {"stroke": None},
}


def _finish(chart: alt.TopLevelMixin, title: str, description: str) -> dict[str, Any]:
    spec = chart.properties(title=title, description=description).to_dict(validate=True)
    spec["config"] = {**spec.get("config", {}), **_CONFIG}
    spec.pop("$schema", None)
    spec["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json"
    return spec


def grouped_bars(
    rows: list[dict[str, Any]], category: str, series: str, value: str, title: str, description: str, unit: str
) -> dict[str, Any]:
    """Horizontal bars of `value` per `category`, one bar per `series` (e.g. 2023实际 vs 2024目标)."""
    data = alt.Data(values=rows)
    categories = list(dict.fromkeys(str(r[category]) for r in rows))
    series_values = list(dict.fromkeys(str(r[series]) for r in rows))
    base = alt.Chart(data).encode(
        y=alt.Y(f"{category}:N", sort=categories, title=None),
        yOffset=alt.YOffset(f"{series}:N", sort=series_values),
    )
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        x=alt.X(f"{value}:Q", title=f"{value}（{unit}）"),
        color=alt.Color(f"{series}:N", sort=series_values, title=None),
        tooltip=[
            alt.Tooltip(f"{category}:N"),
            alt.Tooltip(f"{series}:N"),
            alt.Tooltip(f"{value}:Q"),
            alt.Tooltip("说明:N"),
        ],
    )
    labels = base.mark_text(align="left", dx=3, fontSize=11).encode(x=f"{value}:Q", text=alt.Text("标签:N"))
    height = max(80, 22 * len(rows) + 12 * len(categories))
    chart = alt.layer(bars, labels).properties(width="container", height=height)
    return _finish(chart, title, description)


def period_bars(rows: list[dict[str, Any]], title: str, description: str, unit: str) -> dict[str, Any]:
    """Vertical bars per period and region; derived values are drawn hatched-light and labelled 推算."""
    data = alt.Data(values=rows)
    periods = list(dict.fromkeys(str(r["时期"]) for r in rows))
    regions = list(dict.fromkeys(str(r["地区"]) for r in rows))
    base = alt.Chart(data).encode(
        x=alt.X("时期:N", sort=periods, title=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("地区:N", sort=regions),
    )
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        y=alt.Y("数值:Q", title=f"数值（{unit}）"),
        color=alt.Color("地区:N", sort=regions, title=None),
        opacity=alt.Opacity("类别:O", scale=alt.Scale(domain=["原文", "推算"], range=[1.0, 0.45]), title=None),
        tooltip=[
            alt.Tooltip("地区:N"),
            alt.Tooltip("时期:N"),
            alt.Tooltip("数值:Q"),
            alt.Tooltip("类别:N"),
            alt.Tooltip("说明:N"),
        ],
    )
    labels = base.mark_text(dy=-6, fontSize=11).encode(y="数值:Q", text=alt.Text("标签:N"))
    chart = alt.layer(bars, labels).properties(width="container", height=220)
    return _finish(chart, title, description)


class SvgRenderer:
    """Renders specs to SVG with vl-convert, cached on disk by a hash of the spec."""

    def __init__(self, cache_dir: Path, font_dirs: tuple[str, ...] = ("/usr/share/fonts",)):
        self.cache_dir = cache_dir
        self.font_dirs = font_dirs
        self._ready = False
        self.rendered = 0

    def _prepare(self) -> None:
        import vl_convert as vlc

        for folder in self.font_dirs:
            if Path(folder).is_dir():
                vlc.register_font_directory(folder)
        self._ready = True

    def svg(self, spec: dict[str, Any]) -> str:
        """The SVG of a spec; width 'container' is fixed at 640 for the static fallback."""
        static = {**spec, "width": 640 if spec.get("width") == "container" else spec.get("width")}
        static = {k: v for k, v in static.items() if v is not None}
        key = hashlib.sha256(json.dumps(static, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:32]
        cached = self.cache_dir / f"{key}.svg"
        if cached.is_file():
            return cached.read_text(encoding="utf-8")
        if not self._ready:
            self._prepare()
        import vl_convert as vlc

        svg = vlc.vegalite_to_svg(static, vl_version="6.4")
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        cached.write_text(svg, encoding="utf-8")
        self.rendered += 1
        return svg
