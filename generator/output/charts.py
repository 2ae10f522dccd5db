"""Altair chart specs for the site (their static SVG fallbacks are rendered by `output.svg`).

Chart design follows the data: growth rates are compared across indicators and against targets;
levels are shown against their derived base year or the other region, never as a lone bar.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

from generator.rules.targets import STATUS_LABEL, STATUS_ORDER

FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
PALETTE = ["#1f5fa8", "#d9822b", "#3f8f5a", "#a83f6b", "#6b5ba8", "#7a7a7a"]
# A target's status has one colour on every page and in every plan year's chart; the badges in
# reportsite.css (.rs-status--met …) use the same colours (tests/test_next_year.py keeps them in step).
STATUS_COLOUR = {"met": "#1b6e3a", "tolerance": "#8a5a00", "missed": "#a1262c", "no-data": "#757575", "text": "#757575"}
STATUS_BY_LABEL = {STATUS_LABEL[s]: s for s in STATUS_ORDER}
EARLIER_COLOUR = "#9e9e9e"  # the year before's outcome, which is not judged: grey
_CONFIG = {
    "font": FONT,
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 220},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "columns": 1},  # fits a phone
    "title": {"fontSize": 14, "anchor": "start"},
    "range": {"category": PALETTE},
    "view": {"stroke": None},
}


F = TypeVar("F", bound=Callable[..., dict[str, Any]])
# Building a spec with Altair costs ~50 ms CPU and importing Altair ~0.3 s; a spec depends only
# on its inputs, this module's code and Altair's version, so it is cached in memory (for `serve`) and on disk.
_CODE = hashlib.sha256(Path(__file__).read_bytes() + version("altair").encode()).hexdigest()[:16]
_memory: dict[str, dict[str, Any]] = {}
_disk: Path | None = None
_BUILDERS: dict[str, Callable[..., dict[str, Any]]] = {}  # name → the uncached builder (what a worker process runs)
_deferred: dict[str, Pending] | None = None


@dataclass
class Pending:
    """A spec not built yet: `spec` is the (empty) dict its page already holds, filled in place by `fill`."""

    key: str
    builder: str
    args: tuple[Any, ...]
    spec: dict[str, Any] = field(default_factory=dict)


def cache_specs_in(folder: Path | None) -> None:
    """Keep built specs in `folder` too (None: memory only), so a fresh `reportsite build` skips Altair."""
    global _disk
    _disk = folder


@contextmanager
def deferred() -> Iterator[dict[str, Pending]]:
    """Within it, a spec in neither cache is not built but returned empty and listed (by key) for `fill`:
    the build makes them in worker processes, side by side, while this process renders pages."""
    global _deferred
    _deferred = {}
    try:
        yield _deferred
    finally:
        _deferred = None


def build(builder: str, args: list[Any] | tuple[Any, ...]) -> dict[str, Any]:
    """Build one spec by the builder's name (uncached): what a worker process runs for a `Pending` spec."""
    return _BUILDERS[builder](*args)


def fill(pending: Pending, spec: dict[str, Any]) -> None:
    """Give a deferred spec its content (in place: its page holds the same dict) and cache it."""
    pending.spec.update(spec)
    _store(pending.key, pending.spec)


def _store(key: str, spec: dict[str, Any]) -> None:
    _memory[key] = spec
    stored = _disk / f"{key}.json" if _disk else None
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        tmp = stored.with_name(f"{stored.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
        tmp.replace(stored)


def _cached(builder: F) -> F:
    _BUILDERS[builder.__name__] = builder

    @functools.wraps(builder)
    def wrapper(*args: Any) -> dict[str, Any]:
        payload = json.dumps([builder.__name__, _CODE, args], ensure_ascii=False, sort_keys=True)
        key = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]
        if key in _memory:
            return _memory[key]
        stored = _disk / f"{key}.json" if _disk else None
        if stored is not None and stored.is_file():
            spec: dict[str, Any] = json.loads(stored.read_text(encoding="utf-8"))
            _memory[key] = spec
            return spec
        if _deferred is not None:
            return _deferred.setdefault(key, Pending(key, builder.__name__, args)).spec
        spec = builder(*args)
        _store(key, spec)
        return spec

    return wrapper  # type: ignore[return-value]


def _finish(layers: list[Any], height: int, title: str, description: str, data: Any = None) -> dict[str, Any]:
    # One layer chart made with all its properties: every Altair method call copies the whole chart (half the
    # CPU a spec cost). Not validated here: validation was a third of what was left, and the specs depend
    # only on this code, so tests/test_chart_svg.py validates every chart of the real and hostile sites.
    import altair as alt

    # `data`: the chart's rows, which the layers without their own data (a key, a series' name) draw
    extra = {} if data is None else {"data": data}
    chart = alt.layer(*layers, width="container", height=height, title=title, description=description, **extra)
    spec = chart.to_dict(validate=False)
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
    # zero in view, and room right of the largest value for its label: about a quarter of the phone layout's plot
    # (11.0% beside a fall at 390 px; 175.7% at the end of a chapter's chart of large rates and one large fall)
    values = [float(r[value]) for r in rows if r.get(value) is not None]
    low, high = min(0.0, *values), max(0.0, *values)
    scale = alt.Scale(domain=[low, high + ((high - low) * 0.35 or 1.0)])
    bars = base.mark_bar(cornerRadiusEnd=2).encode(
        x=alt.X(f"{value}:Q", title=f"{value}（{unit}）", scale=scale),
        color=alt.Color(f"{series}:N", sort=series_values, title=None),
        tooltip=[  # in words: what, whose and which year (实际 or 目标), the value as printed, its source
            alt.Tooltip(f"{category}:N", title=category),
            alt.Tooltip(f"{series}:N", title="地区与年份"),
            alt.Tooltip("标签:N", title="数值"),
            alt.Tooltip("说明:N", title="出处"),
        ],
    )
    # a label right of its bar's end; a fall's bar (下降4.0%, drawn left of zero) has its label right of zero, so
    # that it covers neither the bar nor the category labels
    labels = (
        base.transform_calculate(标签位置=f"max(datum['{value}'], 0)")
        .mark_text(align="left", dx=3, fontSize=11)
        .encode(x=alt.X("标签位置:Q", title=f"{value}（{unit}）"), text=alt.Text("标签:N"))
    )
    # every category has a slot for every series (yOffset), used or not: at least 16 px a slot, so that two
    # labels of one category never overprint (a fourth series, 福田区 2023年预计, came with the falls as growth)
    height = max(80, 22 * len(rows) + 12 * len(categories), 16 * len(categories) * len(series_values))
    return _finish([bars, labels], height, title, description)


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
    bars = (
        base.transform_calculate(**{_kind_field()["as"]: _kind_field()["calculate"]})
        .mark_bar(cornerRadiusEnd=2)
        .encode(
            y=alt.Y("数值:Q", title=f"数值（{unit}）"),
            color=alt.Color("地区:N", sort=regions, title=None),
            opacity=alt.Opacity("类别:O", scale=alt.Scale(domain=["原文", "推算"], range=[1.0, 0.45]), title=None),
            tooltip=_tooltip(),
        )
    )
    labels = base.mark_text(dy=-6, fontSize=11).encode(y="数值:Q", text=alt.Text("标签:N"))
    return _finish([bars, labels], 220, title, description)


_ROLES = ("上年", "目标", "结果")  # a tracker row's sub-lines, top to bottom: the year before, the target, its outcome
_ROLE_WORDS = {"上年": "上年实际", "目标": "目标", "结果": "当年结果"}


def _role(row: dict[str, Any]) -> str:
    if row["形状"] == "目标":
        return "目标"
    return "上年" if row["颜色"] == EARLIER_LABEL else "结果"


@_cached
def target_dumbbell(rows: list[dict[str, Any]], title: str, description: str, unit: str) -> dict[str, Any]:
    """Per indicator and region, a line each for the year before's outcome (grey dot), the target (hollow
    diamond) and, once reported, the outcome judged against it (a dot in its status's colour): every mark
    labelled on its own line, so no label meets another, and colour says one thing, how a target was judged."""
    import altair as alt

    rows = [{**r, "角色": _role(r)} for r in rows]
    data = alt.Data(values=rows)
    order = list(dict.fromkeys(str(r["行"]) for r in rows))
    roles = [role for role in _ROLES if any(r["角色"] == role for r in rows)]
    y = alt.Y("行:N", sort=order, title=None, scale=alt.Scale(paddingInner=0.25))
    offset = alt.YOffset("角色:N", sort=roles, scale=alt.Scale(domain=roles))
    values = [float(r["增速"]) for r in rows]
    low, high = min(0.0, *values), max(0.0, *values)
    x = alt.X("增速:Q", title=f"增速（{unit}）", scale=alt.Scale(domain=[low, high + ((high - low) * 0.05 or 1.0)]))
    outcomes = [r for r in rows if r["角色"] == "结果"]
    colours = sorted({str(r["颜色"]) for r in outcomes}, key=_status_rank)
    tooltip = [
        alt.Tooltip("行:N", title="指标（地区）"),
        alt.Tooltip("系列:N", title="年份"),
        alt.Tooltip("标签:N", title="数值"),
        alt.Tooltip("状态:N", title="判断"),
        alt.Tooltip("说明:N", title="出处"),
    ]
    status = {"calculate": "datum['角色'] === '上年' ? '上年实际（不判断）' : datum['颜色']", "as": "状态"}
    layers: list[Any] = []
    for role in roles:
        if role == "结果":
            mark: dict[str, Any] = {"shape": "circle", "size": 110, "filled": True, "opacity": 1}
            color: Any = alt.Color(
                "颜色:N", scale=alt.Scale(domain=colours, range=[_colour_of(c) for c in colours]), legend=None
            )
        elif role == "目标":
            mark = {
                "shape": "diamond",
                "size": 110,
                "filled": False,
                "strokeWidth": 2,
                "opacity": 1,
                "color": _KEY_COLOUR,
            }
            color = alt.Undefined
        else:
            mark = {"shape": "circle", "size": 80, "filled": True, "opacity": 1, "color": EARLIER_COLOUR}
            color = alt.Undefined
        layers.append(
            alt.Chart(name=f"tracker-marks-{_ROLES.index(role)}")
            .transform_filter(alt.datum["角色"] == role)
            .transform_calculate(**{status["as"]: status["calculate"]})
            .mark_point(**mark)
            .encode(y=y, yOffset=offset, x=x, color=color, tooltip=tooltip)
        )
    # each label on its mark's line: right of a point in the plot's left half, left of one in its right half
    left_half = "scale('x', datum['增速']) < width / 2"
    layers.append(
        alt.Chart(name=_TRACKER_LABELS)
        .mark_text(
            align=alt.ExprRef(f"{left_half} ? 'left' : 'right'"),
            baseline="middle",
            dx=alt.ExprRef(f"{left_half} ? 9 : -9"),
            fontSize=11,
        )
        .encode(y=y, yOffset=offset, x=x, text="文字:N")
        .transform_calculate(文字=_TRACKER_TEXT)
    )
    key = [(_ROLE_WORDS["上年"], "circle", 1.0, EARLIER_COLOUR)] if "上年" in roles else []
    key += [(_ROLE_WORDS["目标"], "diamond", 0.0, _KEY_COLOUR)] if "目标" in roles else []
    key += [(f"当年{c}", "circle", 1.0, _colour_of(c)) for c in colours]
    height = max(80, 16 * len(roles) * len(order) + 10 * len(order))
    return _finish([*layers, *_drawn_key(key, below=52)], height, title, description, data)


EARLIER_LABEL = "上年增速"  # the tracker rows' colour field for the year before's outcome (not judged)
_TRACKER_LABELS = "tracker-labels"
# a label says what its mark is where that is not plain from its line: the outcome with how it was judged
_TRACKER_TEXT = "datum['角色'] === '结果' ? datum['标签'] + ' ' + datum['颜色'] : datum['标签']"


def _status_rank(label: str) -> int:
    return list(STATUS_BY_LABEL).index(label) if label in STATUS_BY_LABEL else -1


def _colour_of(label: str) -> str:
    """A status label's colour (达成 …), or the colour of the year before's outcome."""
    return STATUS_COLOUR[STATUS_BY_LABEL[label]] if label in STATUS_BY_LABEL else EARLIER_COLOUR


# About how wide a label is drawn, in ems (CJK characters and full-width forms one em, others about 0.6): a
# Vega expression, so that the chart's data (and its CSV) stay what the page shows.
_EMS = "0.6 * length(datum['标签']) + 0.4 * length(replace(datum['标签'], regexp('[^\u2e80-\uffef]', 'g'), ''))"


_MARKS = {"原文": ("circle", 1.0), "推算": ("circle", 0.0), "目标": ("diamond", 0.0)}  # shape, fill opacity
_LABEL_LINE = 13  # px between stacked labels of points that sit close together
_KEY_COLOUR = "#555555"  # the legend's symbols: the marks' shapes, not any one region's colour
ESTIMATE_DASH = [4, 3]  # the connection to (or from) a 推算 value: dashed, never the solid line of printed values
_NOTE_COLOUR = "#555555"


def _marker_scales(rows: list[dict[str, Any]]) -> tuple[Any, Any]:
    """Shape and fill by kind: printed values filled circles, 推算 hollow circles, targets hollow diamonds
    (explained by `_key`, drawn with the same marks: a Vega-Lite legend cannot draw one entry hollow)."""
    import altair as alt

    kinds = [k for k in _MARKS if any(r["类别"] == k for r in rows)]
    shape = alt.Shape("类别:N", scale=alt.Scale(domain=kinds, range=[_MARKS[k][0] for k in kinds]), legend=None)
    fill = alt.FillOpacity("类别:N", scale=alt.Scale(domain=kinds, range=[_MARKS[k][1] for k in kinds]), legend=None)
    return shape, fill


_KEY = "marks-key"  # the chart's key: one entry per kind of point it draws, each drawn as that point is
_KEY_WORDS = {"原文": "报告原文", "推算": "推算（本站计算）", "目标": "目标"}
_KEY_BELOW = 34  # px from the plot's bottom edge to the key's row: below the x axis' labels


def _ems(text: str) -> float:
    return sum(1.0 if "\u2e80" <= ch <= "\uffef" else 0.6 for ch in text)


def _key(rows: list[dict[str, Any]], shape: Any, fill: Any, below: int = _KEY_BELOW) -> list[Any]:
    """The key under the plot: for each kind of point the chart draws, that point (same shape, size, stroke
    and fill) and its name — never an entry for a mark the chart does not draw."""
    kinds = [k for k in _MARKS if any(r["类别"] == k for r in rows)]
    return _drawn_key([(_KEY_WORDS[k], _MARKS[k][0], _MARKS[k][1], _KEY_COLOUR) for k in kinds], below)


def _drawn_key(entries: list[tuple[str, str, float, str]], below: int, per_line: int = 3) -> list[Any]:
    """Key entries (word, shape, fill opacity, colour), each drawn as a point of the chart is drawn, in lines
    of `per_line` under the plot; each entry its own layer at a fixed x (the plot's x scale is not pixels)."""
    import altair as alt

    layers: list[Any] = []
    x = 6.0
    for i, (word, shape, filled, colour) in enumerate(entries):
        if i and i % per_line == 0:
            x = 6.0
        y = alt.value({"expr": f"height + {below + 18 * (i // per_line)}"})
        data = alt.Data(values=[{"键名": word}])
        layers.append(
            alt.Chart(data, name=f"{_KEY}-{len(layers)}")
            .mark_point(  # drawn for the eye: the key's words beside it are what a screen reader reads
                size=90, shape=shape, filled=False, strokeWidth=2, opacity=1, color=colour, fill=colour,
                fillOpacity=filled, aria=False,
            )
            .encode(x=alt.value(x), y=y)
        )  # fmt: skip
        layers.append(
            alt.Chart(data, name=f"{_KEY}-{len(layers)}")
            .mark_text(align="left", baseline="middle", dx=10, fontSize=12, color="#000")
            .encode(text="键名:N", x=alt.value(x), y=y)
        )
        x += 12 + 12 * _ems(word) + 18
    return layers


# What each kind of point is, in the legend and the tooltip: the reader's words, not the data's field values.
KIND_TOOLTIP = {"原文": "报告原文", "推算": "推算（本站计算，非报告原文）", "目标": "目标"}


def _tooltip() -> list[Any]:
    """Region, year, the value as printed, what it is (原文/推算/目标) and its source or formula: in words."""
    import altair as alt

    return [
        alt.Tooltip("地区:N", title="地区"),
        alt.Tooltip("时期:N", title="年份"),
        alt.Tooltip("标签:N", title="数值"),
        alt.Tooltip("性质:N", title="性质"),
        alt.Tooltip("说明:N", title="出处"),
    ]


def _kind_field() -> dict[str, str]:
    """`性质`, the kind in words, computed in the chart so that its data (and CSV) stay what the page shows."""
    words = " : ".join(f"datum['类别'] === '{k}' ? '{w}'" for k, w in KIND_TOOLTIP.items())
    return {"calculate": f"{words} : datum['类别']", "as": "性质"}


def _label_lines(rows: list[dict[str, Any]], key: str, near: float = 0.06) -> list[dict[str, Any]]:
    """Each row with `行`: 0, 1, 2 … for labels that would overprint another at the same `key` and a value
    within `near` of the value range."""
    values = [float(r["数值"]) for r in rows]
    near *= (max(0.0, *values) - min(0.0, *values)) or 1.0  # of the plotted range: the value axes start at zero
    out: list[dict[str, Any]] = []
    placed: list[tuple[Any, float]] = []
    for r in sorted(rows, key=lambda r: (str(r[key]), -float(r["数值"]))):
        close = [v for k, v in placed if k == r[key] and abs(v - float(r["数值"])) < near]
        placed.append((r[key], float(r["数值"])))
        # `标签位`: the height the stack of labels starts from, the highest close value's, so that a label a line
        # up is a line above the one below it, not a line above its own (lower) point
        out.append({**r, "行": min(len(close), 3), "标签位": max([*close, float(r["数值"])])})
    return out


_ABOVE = "values-above-points"  # a time chart's value labels, named so that `narrow` can find them
# A value label on two lines on a phone: the number (with what precedes it), then its unit or wording
# (≈3.264万亿元 → ≈3.264 / 万亿元; 5.5%左右 → 5.5% / 左右); a label with nothing after its number stays whole.
_TWO_LINES = r"split(replace(datum['标签'], regexp('^([^0-9]*[0-9][0-9.,]*%?)(?![0-9.,%])\\s*[·:：]?\\s*(?=\\S)'), '$1\n'), '\n')"


def _labels_above(data: Any, x: Any, y: Any, **encoding: Any) -> Any:
    """Value labels centred above their points, one line higher for each close label of the same year (`行`):
    centred, so the last year's labels stay inside a phone-width chart."""
    import altair as alt

    return (
        alt.Chart(name=_ABOVE)
        .mark_text(align="center", baseline="bottom", dy=alt.ExprRef(f"-7 - {_LABEL_LINE} * datum['行']"), fontSize=11)
        .encode(x=x, y=y, text="标签:N", **encoding)
    )


@_cached
def time_series(
    rows: list[dict[str, Any]], years: list[str], regions: list[str], title: str, description: str, unit: str
) -> dict[str, Any]:
    """Years along x, one coloured series per region, named where it ends; printed values joined by a solid
    line, 推算 values hollow, joined to their neighbours by a dashed line and labelled 推算 / 按目标推算 where
    they stand; targets hollow diamonds (never stacked on, or joined to, a printed value)."""
    import altair as alt

    rows = _label_lines(rows, "时期", near=0.12)  # as far apart as a two-line label is tall on a phone
    data = alt.Data(values=rows)
    # over several years, half a year's width outside the first and last: the labels centred above their points
    # (≈3.264万亿元) then clear the value axis and the chart's right edge at phone width
    scale = alt.Scale(domain=years, paddingOuter=0.5) if len(years) > 1 else alt.Scale(domain=years)
    x = alt.X("时期:O", sort=years, scale=scale, title=None, axis=alt.Axis(labelAngle=0))
    # zero in view for levels and rates alike: a 0.2-point fall drawn from 5.5 to 6.0 would look like a dive
    y = alt.Y("数值:Q", title=f"数值（{unit}）", scale=alt.Scale(zero=True, nice=True))
    colours = alt.Scale(domain=regions, range=PALETTE[: len(regions)])
    color = alt.Color("地区:N", sort=regions, scale=colours, title=None, legend=None)  # named at the line's end
    shape, fill = _marker_scales(rows)
    # regions sit side by side within a year, so equal values (two 5.5% targets) never hide each other
    offset = alt.XOffset("地区:N", sort=regions, scale=alt.Scale(domain=regions, paddingOuter=0.6))
    line = (
        alt.Chart()
        .transform_filter(alt.datum["类别"] == "原文")
        .mark_line(strokeWidth=2)
        .encode(x=x, xOffset=offset, y=y, color=color, detail="地区:N")
    )
    layers: list[Any] = [line]
    segments = _estimate_segments(rows)
    if segments:
        layers.append(
            alt.Chart(alt.Data(values=segments))
            .mark_line(strokeWidth=1.5, strokeDash=ESTIMATE_DASH)
            .encode(x=x, xOffset=offset, y=y, color=color, detail="段:N")
        )
    points = (
        alt.Chart()
        .transform_calculate(**{_kind_field()["as"]: _kind_field()["calculate"]})
        .mark_point(size=90, filled=False, strokeWidth=2, opacity=1)
        .encode(
            x=x, xOffset=offset, y=y, color=color, fill=alt.Fill("地区:N", scale=colours, legend=None), shape=shape,
            fillOpacity=fill, tooltip=_tooltip(),
        )
    )  # fmt: skip
    labels = _labels_above(data, x, alt.Y("标签位:Q", title=f"数值（{unit}）"), color=color, xOffset=offset)
    # what a 推算 value is, under its point: 推算, or 按目标推算 for a level a growth target implies
    notes = (
        alt.Chart(name=_NOTES)
        .transform_filter("datum['注记']")
        .mark_text(align="center", baseline="top", dy=9, fontSize=11, color=_NOTE_COLOUR)
        .encode(x=x, xOffset=offset, y=y, text="注记:N")
    )
    names = (
        alt.Chart(alt.Data(values=_end_names(rows, regions, unit)), name=_NAMES)
        .mark_text(align="left", baseline="middle", dx=6, fontSize=12, fontWeight="bold")
        .encode(x=alt.value("width"), y=alt.Y("名称位:Q", title=f"数值（{unit}）"), text="地区:N", color=color)
    )
    layers = [*layers, points, labels, notes, names, *_key(rows, shape, fill)]
    return _finish(layers, 240, title, description, data)


_NOTES = "estimate-notes"  # the words under a 推算 point
_NAMES = "series-names"  # each region's name at the right of its line's end


def _estimate_segments(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dashed joins: per region, each pair of neighbouring outcomes (原文 or 推算) of which one is 推算."""
    out: list[dict[str, Any]] = []
    by_region: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r["类别"] in ("原文", "推算"):
            by_region.setdefault(str(r["地区"]), []).append(r)
    for region, found in by_region.items():
        found.sort(key=lambda r: str(r["时期"]))
        for i, (a, b) in enumerate(itertools.pairwise(found)):
            if "推算" in (a["类别"], b["类别"]):
                out.extend(
                    {"地区": region, "时期": p["时期"], "数值": p["数值"], "段": f"{region}-{i}"} for p in (a, b)
                )
    return out


def _end_names(rows: list[dict[str, Any]], regions: list[str], unit: str) -> list[dict[str, Any]]:
    """Each region's name at the height of its last point (its latest year), moved apart where two would touch."""
    values = [float(r["数值"]) for r in rows]
    span = (max(0.0, *values) - min(0.0, *values)) or 1.0
    gap = span * 0.09  # about a line of 12 px text on a 240 px plot whose scale is niced a little beyond the data
    ends = []
    for region in regions:
        mine = [r for r in rows if r["地区"] == region]
        if mine:
            latest = max(str(r["时期"]) for r in mine)
            ends.append((max(float(r["数值"]) for r in mine if str(r["时期"]) == latest), region))
    placed: list[dict[str, Any]] = []
    for value, region in sorted(ends):
        position = value if not placed else max(value, placed[-1]["名称位"] + gap)
        placed.append({"地区": region, "名称位": round(position, 4)})
    return placed


@_cached
def ranked_dots(rows: list[dict[str, Any]], title: str, description: str, unit: str) -> dict[str, Any]:
    """Many regions in one year: one row per region, ranked by the printed value, one colour for all."""
    import altair as alt

    rows = _label_lines([r for r in rows], "地区")
    data = alt.Data(values=rows)
    order = list(dict.fromkeys(str(r["地区"]) for r in sorted(rows, key=lambda r: (r["类别"] != "原文", -r["数值"]))))
    y = alt.Y("地区:N", sort=order, title=None)
    values = [float(r["数值"]) for r in rows]
    low, high = min(0.0, *values), max(0.0, *values)  # zero in view, rates too
    room = (high - low) * 0.4 or 1.0  # space right of the largest point for its label (32811.91亿元 at 390 px)
    x = alt.X("数值:Q", title=f"数值（{unit}）", scale=alt.Scale(domain=[low, high + room]))
    shape, fill = _marker_scales(rows)
    points = (
        alt.Chart()
        .transform_calculate(**{_kind_field()["as"]: _kind_field()["calculate"]})
        .mark_point(size=90, filled=False, strokeWidth=2, opacity=1, color=PALETTE[0], fill=PALETTE[0])
        .encode(x=x, y=y, shape=shape, fillOpacity=fill, tooltip=_tooltip())
    )
    # a region's printed value is labelled right of the row's rightmost mark, so that it never lies over the
    # target's diamond beside it (ten districts: 6.7% beside a 7% target)
    labels = [
        alt.Chart()
        .transform_joinaggregate(行末="max(数值)", groupby=["地区"])
        .transform_filter(alt.datum["类别"] == "原文")
        .mark_text(align="left", dx=9, fontSize=11)
        .encode(
            x=alt.X("行末:Q", title=f"数值（{unit}）", scale=alt.Scale(domain=[low, high + room])), y=y, text="标签:N"
        )
    ]
    key = _key(rows, shape, fill, below=52)  # under the x axis' labels and title
    return _finish([points, *labels, *key], max(80, 26 * len(order)), title, description, data)


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
_NARROW_LABEL_LINE = 14  # px from one line of a two-line value label to the next
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
    if layer.get("name") == _ABOVE and isinstance(mark, dict):
        # a time chart's year is ~60 px wide on a phone: its value labels take two lines to fit beside the next
        # (Vega sets a label's first line at the baseline and the second below it, so a two-line label moves up a line)
        step = 2 * _NARROW_LABEL_LINE + 2
        dy = f"-7 - {_NARROW_LABEL_LINE} * (length(datum['标签行']) - 1) - {step} * datum['行']"
        mark = {**mark, "lineHeight": _NARROW_LABEL_LINE, "dy": {"expr": dy}}
        encoding = {**layer["encoding"], "text": {**layer["encoding"]["text"], "field": "标签行"}}
        transform = [*layer.get("transform", []), {"calculate": _TWO_LINES, "as": "标签行"}]
        layer = {**layer, "mark": mark, "encoding": encoding, "transform": transform}
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
