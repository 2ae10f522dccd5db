"""The sign of a change and what a count counts, read from the words a report prints before its number.

Sign convention: a growth or change the report prints as a fall (下降16.1%, 减少2个百分点, 增长-2.1%) is
stored negative (value: -16.1). Pages print the report's words (下降16.1%, `display.observation_value`);
data files, charts and the plan tracker use the signed value. The checks refuse a value whose sign
disagrees with its quote.

What a count counts: the nearest of 新增/新开工/新建 … (a count of what was added in the period) or
累计/总数/总量 (a total) before the number, within its clause, says which kind of indicator it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from generator.rules.numbers import FULLWIDTH_DIGITS, NUMBER_TOKEN, matches_printed, strip_ws
from generator.rules.vocabulary import (
    BEFORE_WORDS,
    FALL_WORDS,
    MINUS_SIGNS,
    NEW_WORDS,
    NOT_NEW_WORDS,
    TOTAL_WORDS,
)

if TYPE_CHECKING:
    from generator.content.models import Observation

SIGNED_MEASURES = frozenset({"growth", "change"})
_QUALIFIER = "|".join(map(re.escape, BEFORE_WORDS))
_FALL = re.compile(
    "(" + "|".join(map(re.escape, sorted(FALL_WORDS + MINUS_SIGNS, key=len, reverse=True))) + f")了?(?:{_QUALIFIER})?$"
)
_NEW = re.compile("|".join(map(re.escape, sorted(NEW_WORDS, key=len, reverse=True))))
_TOTAL = re.compile("|".join(map(re.escape, TOTAL_WORDS)))
_NOT_NEW = re.compile("|".join(map(re.escape, sorted(NOT_NEW_WORDS, key=len, reverse=True))))
_CLAUSE_END = re.compile(r"[，；。：！？,;:!?]")


def around_value(obs: Observation) -> tuple[str, str]:
    """Quote text just before the value's digits and just after its digits and unit (whitespace removed)."""
    quote = strip_ws(obs.quote).translate(FULLWIDTH_DIGITS)
    if obs.value is None:
        return quote, ""
    for match in NUMBER_TOKEN.finditer(quote):
        if matches_printed(match.group(), abs(obs.value)):
            after = quote[match.end() :]
            unit = strip_ws(obs.unit or "")
            if unit and after.startswith(unit):
                after = after[len(unit) :]
            return quote[: match.start()], after
    return quote, ""


def fall_word(obs: Observation) -> str | None:
    """The word that prints a growth or change as a fall (下降 in 下降16.1%, 减少 in 减少约3%), if any."""
    if obs.measure not in SIGNED_MEASURES:
        return None
    found = _FALL.search(around_value(obs)[0])
    return found.group(1) if found else None


def states_fall(obs: Observation) -> bool:
    """True when the quote prints the number as a fall, so its value must be negative."""
    return fall_word(obs) is not None


def counting_word(obs: Observation) -> str | None:
    """The nearest of 新增/新建 … or 累计/总数/总量 before the number, within its clause (None: neither)."""
    if obs.value is None:
        return None
    return counting_word_before(around_value(obs)[0])


def counting_word_before(words: str) -> str | None:
    """The nearest of 新增/新建 … or 累计/总数/总量 at the end of `words` (the text before a number), within its
    last clause; None when the clause has neither."""
    before = _CLAUSE_END.split(words)[-1]
    found = sorted(
        [(m.start(), m.group()) for m in _new_words(before)] + [(m.start(), m.group()) for m in _TOTAL.finditer(before)]
    )
    return found[-1][1] if found else None


def counts_of_word(word: str | None) -> Literal["new", "total"] | None:
    """What a counting word says a number counts: `total` for 累计/总数/总量, `new` for 新增 …, None for None."""
    if word is None:
        return None
    return "total" if word in TOTAL_WORDS else "new"


def counted_as(obs: Observation) -> Literal["new", "total"] | None:
    """What the quote says the number counts: `new` (新增, 新建 …), `total` (累计, 总数, 总量) or None."""
    return counts_of_word(counting_word(obs))


def says_new(text: str) -> str | None:
    """The first word of `NEW_WORDS` in a name or definition (新增 in 新增上市企业), or None."""
    found = next(_new_words(text), None)
    return found.group() if found else None


def new_words(text: str) -> list[str]:
    """Every word of `NEW_WORDS` in `text` that marks an addition, in order (新 inside 创新, 新能源 … is not one)."""
    return [m.group() for m in _new_words(text)]


def leading_new_word(text: str) -> str | None:
    """The new word a name opens with (新孵化 in 新孵化香港创业团队), or None: 新能源汽车, 新开发区 open with a look-alike."""
    found = next(_new_words(text[:12]), None)
    return found.group() if found and found.start() == 0 else None


def without_new_words(text: str) -> str:
    """`text` with every word that marks an addition taken out (新增, 新引进 …), look-alikes (创新建设) kept whole."""
    spans = [m.span() for m in _new_words(text)]
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text


def _new_words(text: str) -> Iterator[re.Match[str]]:
    """The matches of new words in `text`, skipping a 新 that is part of a look-alike word (`NOT_NEW_WORDS`)."""
    covered = {i for m in _NOT_NEW.finditer(text) for i in range(m.start(), m.end())}
    for start in range(len(text)):
        if text[start] != "新" or start in covered:
            continue
        found = _NEW.match(text, start)
        if found:
            yield found
