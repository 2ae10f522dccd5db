"""Plan targets and whether they were met: every wording rule of a Chinese plan target, in one place.

A target's wording is data. The stored `qualifier`, plus a second word printed right after the
number (控制在3%左右), decides how an outcome is judged:

| wording                                   | rule                                                 |
|-------------------------------------------|------------------------------------------------------|
| 以上 超 超过 不少于 不低于 突破 逾 达         | floor: met when the outcome reaches the value        |
| 控制在 以内 以下                             | ceiling: met when the outcome stays at or below it   |
| 左右 约 (alone)                            | floor with a tolerance below the value               |
| 控制在…左右                                 | ceiling with a tolerance above the value             |
| 持平                                       | 增长 0% 左右: a band of ±tolerance around zero         |
| plain number (增长5.5%)                     | floor, no tolerance: a plan figure is a level to reach |
| text (稳规模、稳份额、稳增长)                   | no numeric status                                    |

Tolerance: 0.5 percentage points for rates (%, 个百分点), 5% of the value otherwise.
A decrease (下降3%) is judged on the size of the decrease, so "下降3%" is met by 下降3.2%.
An outcome printed with 超/突破/以上 counts as just above its number, with 近/以下 just below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from generator.content.models import Observation
from generator.rules.numbers import FULLWIDTH_DIGITS, NUMBER_TOKEN, parse_token, same_number, strip_ws
from generator.rules.units import convert
from generator.rules.vocabulary import (
    ABOUT_WORDS,
    AFTER_WORDS,
    BEFORE_WORDS,
    CEILING_WORDS,
    FALL_WORDS,
    FLAT_WORDS,
    STRICTLY_ABOVE,
    STRICTLY_BELOW,
)

RATE_UNITS = frozenset({"%", "个百分点"})
RATE_TOLERANCE = 0.5  # percentage points
RELATIVE_TOLERANCE = 0.05  # share of the value, for levels and counts
_LEADING_QUALIFIER = re.compile("(?:" + "|".join(map(re.escape, BEFORE_WORDS)) + ")$")
_NUDGE = 1e-9

Status = Literal["met", "tolerance", "missed", "no-data", "text"]
STATUS_LABEL: dict[str, str] = {
    "met": "达成",
    "tolerance": "在容差内",
    "missed": "未达成",
    "no-data": "暂无数据",
    "text": "文字目标",
}
STATUS_ORDER: tuple[str, ...] = ("met", "tolerance", "missed", "no-data", "text")


@dataclass(frozen=True)
class Rule:
    """How a target is judged: floor or ceiling at `bound`, with `tolerance` on the wrong side of it."""

    direction: Literal["floor", "ceiling"] | None  # None: a text target, no numeric status
    bound: float | None
    tolerance: float
    decrease: bool  # the target is a decrease (下降3%): bound and outcome are sizes of the decrease
    words: tuple[str, ...]  # the wording the rule was read from
    unit: str = ""

    @property
    def explanation(self) -> str:
        """The rule in words, for the tracker page (e.g. 不低于5.5%（差0.5个百分点以内为在容差内））."""
        if self.direction is None or self.bound is None:
            return "文字目标，不作数值判断"
        sense = "降幅" if self.decrease else ""
        side = "不低于" if self.direction == "floor" else "不高于"
        text = f"{sense}{side}{_short(self.bound)}{self.unit}"
        if self.tolerance:
            step = "个百分点" if self.unit in RATE_UNITS else self.unit
            text += f"（差{_short(self.tolerance)}{step}以内为在容差内）"
        return text


def _short(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def wording(obs: Observation) -> tuple[str, ...]:
    """The qualifier words of an observation: the stored one, plus a suffix printed after the number."""
    words = [obs.qualifier] if obs.qualifier else []
    after = _around_value(obs)[1]
    for word in AFTER_WORDS:
        if after.startswith(word) and word not in words:
            words.append(word)
    return tuple(words)


def is_decrease(obs: Observation) -> bool:
    """True when the quote prints the number as a decrease (下降3%, 降低2个百分点)."""
    if obs.measure not in ("change", "growth"):
        return False
    before = _around_value(obs)[0]
    before = _LEADING_QUALIFIER.sub("", before)
    return before.endswith(FALL_WORDS)


def _around_value(obs: Observation) -> tuple[str, str]:
    """Quote text just before the value's digits and just after its digits and unit (whitespace removed)."""
    quote = strip_ws(obs.quote).translate(FULLWIDTH_DIGITS)
    if obs.value is None:
        return quote, ""
    for match in NUMBER_TOKEN.finditer(quote):
        if same_number(parse_token(match.group()), obs.value):
            after = quote[match.end() :]
            unit = strip_ws(obs.unit or "")
            if unit and after.startswith(unit):
                after = after[len(unit) :]
            return quote[: match.start()], after
    return quote, ""


def tolerance_of(value: float, unit: str | None, measure: str) -> float:
    """The tolerance of 左右/约/持平: 0.5 percentage points for rates, 5% of the value otherwise."""
    if unit in RATE_UNITS or (unit is None and measure in ("growth", "change", "share")):
        return RATE_TOLERANCE
    return round(abs(value) * RELATIVE_TOLERANCE, 6)


def rule_for(target: Observation) -> Rule:
    """The rule a target's wording states; see the module docstring for the table."""
    words = wording(target)
    decrease = is_decrease(target)
    flat = bool(FLAT_WORDS.intersection(words))
    if target.value is None and not flat:
        return Rule(None, None, 0.0, decrease, words, target.unit or "")
    bound = 0.0 if target.value is None else float(target.value)
    direction: Literal["floor", "ceiling"] = "ceiling" if CEILING_WORDS.intersection(words) else "floor"
    tolerant = flat or bool(ABOUT_WORDS.intersection(words))
    tolerance = tolerance_of(bound, target.unit, target.measure) if tolerant else 0.0
    unit = target.unit or ("%" if flat else "")
    return Rule(direction, bound, tolerance, decrease, words, unit)


def outcome_value(outcome: Observation, rule: Rule, unit: str | None) -> float | None:
    """The outcome in the target's unit and sense (size of a decrease when the target is one)."""
    if outcome.value is None:
        return None
    value = float(outcome.value)
    if unit is not None and outcome.unit is not None:
        converted = convert(value, outcome.unit, unit)
        if converted is None:
            return None
        value = converted
    words = set(wording(outcome))
    nudge = _NUDGE * max(1.0, abs(value))
    if words & STRICTLY_ABOVE:
        value += nudge
    elif words & STRICTLY_BELOW:
        value -= nudge
    if is_decrease(outcome) != rule.decrease:
        value = -value
    return value


def status(rule: Rule, outcome: float | None) -> Status:
    """met / tolerance / missed for a numeric outcome; no-data without one; text for text targets."""
    if rule.direction is None or rule.bound is None:
        return "text"
    if outcome is None:
        return "no-data"
    gap = outcome - rule.bound if rule.direction == "floor" else rule.bound - outcome
    if gap >= -1e-12:
        return "met"
    if gap >= -rule.tolerance - 1e-9:
        return "tolerance"
    return "missed"


def comparable(target: Observation, outcome: Observation) -> bool:
    """An outcome can judge a target: same indicator, measure and period, an outcome kind, units that convert."""
    if outcome.kind not in ("actual", "estimate"):
        return False
    if (outcome.indicator, outcome.measure, outcome.period) != (target.indicator, target.measure, target.period):
        return False
    if target.unit is None or outcome.unit is None:
        return outcome.value is not None and target.value is None and outcome.unit in RATE_UNITS | {None}
    return convert(1.0, outcome.unit, target.unit) is not None


def best_outcome(target: Observation, candidates: Iterable[Observation]) -> Observation | None:
    """The outcome that judges a target: an actual figure before an estimate, numbers before text."""
    found = [o for o in candidates if comparable(target, o)]
    found.sort(key=lambda o: (o.kind != "actual", o.value is None))
    return found[0] if found else None


def judge(target: Observation, outcome: Observation | None) -> tuple[Rule, Status]:
    """The rule of a target and its status given the outcome of its period (None: not yet reported)."""
    rule = rule_for(target)
    value = None if outcome is None else outcome_value(outcome, rule, target.unit)
    return rule, status(rule, value)
