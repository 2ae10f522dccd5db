"""Did-you-mean for an indicator id that does not exist: only ids that cannot lead to a wrong figure.

A candidate must be close in spelling to the wrong id or named in the quote (its name or an alias
occurs in it), and compatible with the observation: a level or count must be convertible to the
candidate's unit (亿元 ↔ 万亿元, not 亿元 ↔ 家), and the report must not already hold a different value
for the same quantity of the candidate (accepting it would state one fact twice, differently).
Candidates are ranked (named in the quote first, then by spelling) and shown with name and unit.
"""

from __future__ import annotations

import difflib

from generator.content.load import Content, ReportContent
from generator.content.models import Indicator, Observation
from generator.rules.numbers import same_number, strip_ws
from generator.rules.units import convert

CUTOFF = 0.6  # difflib ratio below which two ids are not "close in spelling"
SHOWN = 3


def missing_indicator(obs: Observation, content: Content, item: ReportContent | None = None) -> str:
    """The message for `indicator: <id that does not exist>`, with safe suggestions when there are any."""
    renamed = [ind for ind in content.indicators.values() if obs.indicator in ind.former_ids]
    if renamed:
        return f"指标“{obs.indicator}”已改名为“{renamed[0].id}” — 把 indicator 改为“{renamed[0].id}”"
    head = f"指标“{obs.indicator}”不存在 — 需要文件 content/indicators/{obs.indicator}.yml"
    ranked = suggestions(obs, content, item)
    if not ranked:
        return head + "（没有单位和数量都相符的相近指标：请新建指标，或查看 content/indicators/）"
    listed = "、".join(f"“{ind.id}”（{ind.name}，{ind.unit}）" for ind in ranked)
    return f"{head}（是否应为 {listed}？请核对名称和单位再改）"


def suggestions(obs: Observation, content: Content, item: ReportContent | None = None) -> list[Indicator]:
    """Compatible indicators close to `obs.indicator`, best first."""
    quote = strip_ws(obs.quote)
    scored: list[tuple[bool, float, str]] = []
    for ind_id, indicator in content.indicators.items():
        ratio = difflib.SequenceMatcher(None, obs.indicator, ind_id).ratio()
        named = any(word and strip_ws(word) in quote for word in (indicator.name, *indicator.aliases))
        if (ratio >= CUTOFF or named) and _compatible(obs, indicator, item):
            scored.append((named, ratio, ind_id))
    scored.sort(key=lambda s: (not s[0], -s[1], s[2]))
    return [content.indicators[ind_id] for _, _, ind_id in scored[:SHOWN]]


def _compatible(obs: Observation, indicator: Indicator, item: ReportContent | None) -> bool:
    if obs.measure in ("level", "count") and obs.unit and convert(1.0, obs.unit, indicator.unit) is None:
        return False
    if item is None or obs.value is None:
        return True
    for other in item.observations:
        same = (other.indicator, other.period, other.kind, other.measure, other.unit) == (
            indicator.id, obs.period, obs.kind, obs.measure, obs.unit
        )  # fmt: skip
        if same and other.value is not None and not same_number(other.value, obs.value):
            return False
    return True
