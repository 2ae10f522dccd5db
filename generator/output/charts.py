"""Altair chart specs for the site (their static SVG fallbacks are rendered by `output.svg`).

Chart design follows the data: growth rates are compared across indicators and against targets;
levels are shown against their derived base year or the other region, never as a lone bar.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
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


F = TypeVar("F", bound=Callable[..., dict[str, Any]])
# Building and validating a spec with Altair costs ~5 ms and importing Altair ~0.3 s; a spec depends only
# on its inputs, this module's code and Altair's version, so it is cached in memory (for `serve`) and on disk.
_CODE = hashlib.sha256(Path(__file__).read_bytes() + version("altair").encode()).hexdigest()[:16]
_memory: dict[str, dict[str, Any]] = {}
_disk: Path | None = None


def cache_specs_in(folder: Path | None) -> None:
    """Keep built specs in `folder` too (None: memory only), so a fresh `reportsite build` skips Altair."""
    global _disk
    _disk = folder


def _cached(builder: F) -> F:
    @functools.wraps(builder)
    def wrapper(*args: Any) -> dict[str, Any]:
        payload = json.dumps([builder.__name__, _CODE, args], ensure_ascii=False, sort_keys=True)
        key = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
        if key in _memory:
            return _memory[key]
        stored = _disk / f"{key}.json" if _disk else None
        if stored is not None and stored.is_file():
            spec: dict[str, Any] = json.loads(stored.read_text(encoding="utf-8"))
        else:
            spec = builder(*args)
            if stored is not None:
                stored.parent.mkdir(parents=True, exist_ok=True)
                tmp = stored.with_name(stored.name + ".tmp")
                tmp.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
                tmp.replace(stored)
        _memory[key] = spec
        return spec

    return wrapper  # type: ignore[return-value]


def _finish(chart: alt.TopLevelMixin, title: str, description: str) -> dict[str, Any]:
    spec = chart.properties(title=title, description=description).to_dict(validate=True)
    spec["config"] = {**spec.get("config", {}), **_CONFIG}
    spec.pop("$schema", None)
    spec["$schema"] = "https://vega.github.io/schema/vega-lite/v6.json"
    return spec


@_cached
def grouped_bars(
    rows: list[dict[str, Any]], category: str, series: str, value: str, title: str, description: str, unit: str
) -> dict[str, Any]:
    """Horizontal bars of `value` per `category`, one bar per `series` (e.g. 2023实际 vs 2024目标)."""
    import altair as alt

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


@_cached
def period_bars(rows: list[dict[str, Any]], title: str, description: str, unit: str) -> dict[str, Any]:
    """Vertical bars per period and region; derived values are drawn hatched-light and labelled 推算."""
    import altair as alt

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


@_cached
def target_dumbbell(rows: list[dict[str, Any]], title: str, description: str, unit: str) -> dict[str, Any]:
    """Per indicator and region, the target (diamond) joined to the year before's outcome (circle)."""
    import altair as alt

    data = alt.Data(values=rows)
    order = list(dict.fromkeys(str(r["行"]) for r in rows))
    series = sorted(dict.fromkeys(str(r["系列"]) for r in rows), key=lambda s: (s.endswith("目标"), s))
    shapes = ["diamond" if s.endswith("目标") else "circle" for s in series]
    y = alt.Y("行:N", sort=order, title=None)
    link = alt.Chart(data).mark_rule(color="#9e9e9e", strokeWidth=2).encode(y=y, x="min(增速):Q", x2="max(增速):Q")
    points = (
        alt.Chart(data)
        .mark_point(size=110, filled=True, opacity=1)
        .encode(
            y=y,
            x=alt.X("增速:Q", title=f"增速（{unit}）", scale=alt.Scale(zero=True)),
            color=alt.Color(
                "系列:N",
                scale=alt.Scale(domain=series, range=PALETTE[: len(series)]),
                legend=alt.Legend(columns=1),  # one entry a line: fits beside long labels on a phone
                title=None,
            ),
            shape=alt.Shape(
                "系列:N", scale=alt.Scale(domain=series, range=shapes), legend=alt.Legend(columns=1), title=None
            ),
            tooltip=[alt.Tooltip("行:N"), alt.Tooltip("系列:N"), alt.Tooltip("标签:N"), alt.Tooltip("说明:N")],
        )
    )
    right = (
        alt.Chart(data)
        .transform_filter(alt.datum["位置"] == "右")
        .mark_text(align="left", dx=9, fontSize=11)
        .encode(y=y, x="增速:Q", text="标签:N")
    )
    left = (
        alt.Chart(data)
        .transform_filter(alt.datum["位置"] == "左")
        .mark_text(align="right", dx=-9, fontSize=11)
        .encode(y=y, x="增速:Q", text="标签:N")
    )
    chart = alt.layer(link, points, right, left).properties(width="container", height=max(80, 26 * len(order)))
    return _finish(chart, title, description)


# Static layouts. The static SVG is what a reader sees first (Vega loads only when a chart is touched), so it
# is laid out at the width it is shown at, never shrunk: WIDE_WIDTH is Material's content column on a
# desktop, NARROW_WIDTH fits that column on a 390 px phone (358 px) and shrinks to
# ≥ 10 px text in a 288 px column (a 320 px phone); the live phone chart fills its column at the same height.
# Both fit the whole chart, labels included, into that width ("fit-x", as Vega does for width "container"),
# so the live chart drawn into the same column has the same size. NARROW_MEDIA picks the phone layout, for the
# <picture> of the static SVG and for the live chart alike (Material's phone breakpoint; print takes the desktop one).
WIDE_WIDTH = 640
NARROW_WIDTH = 340
NARROW_MEDIA = "screen and (max-width: 44.984375em)"
_FIT = {"type": "fit-x", "contains": "padding"}
_NARROW_LINE = 9  # characters of a category label per line on a phone
_NARROW_ROW = 34  # px per category row when labels take two lines
_NARROW_TEXT = 12  # value labels on a phone: 11 px shrinks below 10 px in narrow columns
# A category label on a phone: an indicator name and its region in full-width parentheses (地区生产总值（深圳市）)
# break before the parenthesis; other long names after _NARROW_LINE - 1 characters.
_WRAP_LABEL = (
    f"length(datum.label) <= {_NARROW_LINE} ? datum.label : indexof(datum.label, '（') > 0 ? "
    "[slice(datum.label, 0, indexof(datum.label, '（')), slice(datum.label, indexof(datum.label, '（'))] : "
    f"[slice(datum.label, 0, {_NARROW_LINE - 1}), slice(datum.label, {_NARROW_LINE - 1})]"
)


def narrow(spec: dict[str, Any]) -> dict[str, Any]:
    """The phone layout of a chart spec: category labels on up to two lines, rows tall enough for them."""
    config = dict(spec.get("config", {}))
    config["axisY"] = {**config.get("axisY", {}), "labelExpr": _WRAP_LABEL, "labelLimit": 140}
    result = {**spec, "config": config}
    if "layer" in spec:
        result["layer"] = [_larger_text(layer) for layer in spec["layer"]]
    rows = _category_rows(spec)
    if rows and isinstance(spec.get("height"), int):
        result["height"] = max(spec["height"], _NARROW_ROW * rows)
    return result


def _larger_text(layer: dict[str, Any]) -> dict[str, Any]:
    mark = layer.get("mark")
    if isinstance(mark, dict) and mark.get("type") == "text" and mark.get("fontSize", 0) < _NARROW_TEXT:
        return {**layer, "mark": {**mark, "fontSize": _NARROW_TEXT}}
    return layer


def _category_rows(spec: dict[str, Any]) -> int:
    """How many nominal y categories with labels that wrap on a phone the chart has (0: none wrap)."""
    for layer in spec.get("layer", [spec]):
        y = layer.get("encoding", {}).get("y", {})
        if y.get("type") == "nominal" and isinstance(y.get("sort"), list):
            labels = [str(label) for label in y["sort"]]
            return len(labels) if any(len(label) > _NARROW_LINE for label in labels) else 0
    return 0


def static_layout(spec: dict[str, Any], width: int) -> dict[str, Any]:
    """The spec drawn as a static SVG `width` px wide in all (a spec with a fixed width is kept)."""
    if spec.get("width") != "container":
        return spec
    return {**spec, "width": width, "autosize": _FIT}
