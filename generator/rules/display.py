"""How a value is shown to a reader: the one formatter that pages, charts, the tracker, diff and data pages use.

A value is shown as the report printed it: the number as typed (YAML keeps `6.0`), its unit, and its
qualifier on the side the report puts it (约3.46万亿元, 5%左右; see `vocabulary`). A fall is stored negative
but shown in the report's words (value -16.1 quoted 下降16.1% is shown 下降16.1%; see `signs`).
A value the report printed
in another form (`printed`: 1/3, 两成, 第三) is shown in that form, with the words that say what it is of
(全国平均水平的1/3, 全国第三), never as the decimal kept for charts and checks (0.333倍).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.rules.numbers import format_value, strip_ws
from generator.rules.signs import fall_word
from generator.rules.units import base_unit, convert
from generator.rules.vocabulary import MINUS_SIGNS, REFERENCE_VERBS, printed_after

if TYPE_CHECKING:
    from generator.content.models import Observation


def display_value(value: float | int | None, unit: str | None, qualifier: str | None, text: str | None = None) -> str:
    """`约` + `208` + `亿元`; `3` + `%` + `左右`: a value as the report would print it (`text` when there is none)."""
    if value is None:
        return text or ""
    body = f"{format_value(value)}{unit or ''}"
    if qualifier is None:
        return body
    return f"{body}{qualifier}" if printed_after(qualifier) else f"{qualifier}{body}"


def axis_unit(units: list[str], largest: float) -> str:
    """The one unit a chart's axis is drawn in, among the units its labels print: the largest in which the
    largest value (in the base unit) is at least 1 — 3.68万亿元 beside 5704.55亿元 is drawn in 万亿元, never
    as 36,800 on an 亿元 axis. Units that do not convert to the first one's base are left out."""
    printed = list(dict.fromkeys(u for u in units if base_unit(u) == base_unit(units[0])))
    size = {u: convert(1.0, u, base_unit(u)) or 1.0 for u in printed}
    fits = [u for u in printed if largest >= size[u]]
    return max(fits, key=size.__getitem__) if fits else min(printed, key=size.__getitem__)


def observation_value(obs: Observation) -> str:
    """An observation's value as printed: number, unit and qualifier, or its qualitative text; a fall in its
    words (下降16.1%), a `printed` form with what it is of (全国平均水平的1/3)."""
    word = fall_word(obs) if obs.value is not None and obs.value < 0 else None
    fall = "" if word is None or word in MINUS_SIGNS else word
    if obs.printed and obs.value is not None:
        return fall + printed_value(obs.printed, obs.unit, obs.qualifier, obs.quote)
    if obs.value is None or not fall:
        return display_value(obs.value, obs.unit, obs.qualifier, obs.text)
    return fall + display_value(abs(obs.value), obs.unit, obs.qualifier)


# The word a bare rate is read with: a card's 5.5% alone does not say it is a growth rate (增长5.5%).
_MEASURE_WORD = {"growth": "增长", "share": "占比"}


def measured_value(obs: Observation) -> str:
    """The value with its measure where the printed form has none: 增长5.5% for a growth target, 下降3% and
    控制在3%左右 as printed (they say it already), levels and counts as they are."""
    shown = observation_value(obs)
    word = _MEASURE_WORD.get(obs.measure)
    return word + shown if word and obs.value is not None and shown[:1].isdigit() else shown


_FRACTION = re.compile(r"\d+/\d+")
_RANK_UNIT = "位"  # a rank: value 3, unit 位, printed 三 in 全国第三
_LONGEST_REFERENCE = 12  # characters; a longer run is a sentence, not the name of what is compared with


def printed_value(printed: str, unit: str | None, qualifier: str | None, quote: str) -> str:
    """A value in the form the report printed it: 全国平均水平的1/3 (a fraction of something), 全国第三 (a rank),
    超两成 and 近万亿元 (Chinese numerals: the unit completed where the printed words stop)."""
    text = strip_ws(quote)
    if _FRACTION.fullmatch(printed):
        body = _reference(text, rf"的(?:\d+/\d+、)*{re.escape(printed)}", "的") + printed
    elif unit == _RANK_UNIT:
        body = _reference(text, rf"第(?:[一二三四五六七八九十]+、)*{re.escape(printed)}", "") + "第" + printed
    else:
        body = printed + _unit_rest(printed, unit or "")
    if qualifier is None:
        return body
    return f"{body}{qualifier}" if printed_after(qualifier) else f"{qualifier}{body}"


def _reference(text: str, marker: str, joiner: str) -> str:
    """The words before `marker` in the quote that name what the value is of (全国, 全国平均水平), with `joiner`;
    '' when the quote has none (then the printed form stands alone)."""
    found = re.search(rf"([^，,。；;、：:（）()]*?){marker}", text)
    if not found:
        return ""
    words = found.group(1)
    cut = max((words.rfind(verb) + len(verb) for verb in REFERENCE_VERBS if verb in words), default=0)
    words = words[cut:]
    return words + joiner if 0 < len(words) <= _LONGEST_REFERENCE else ""


def _unit_rest(printed: str, unit: str) -> str:
    """What of the unit the printed words leave out: 万亿 + 万亿元 → 元, 两成 + 成 → '', 百 + 场 → 场."""
    for overlap in range(min(len(printed), len(unit)), 0, -1):
        if printed.endswith(unit[:overlap]):
            return unit[overlap:]
    return unit
