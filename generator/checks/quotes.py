"""Where a quote that is not found would have been: the closest passage and its first differing character.

Quotes are compared without whitespace (`strip_ws`). The closest passage is the place where the longest
start of the quote occurs — or, when the quote's first character is already wrong, its longest end —
among all places, the one agreeing with the rest of the quote on most characters. That finds the
editor's typo (a full-width `，` for the printed `,`) and the paragraph a quote belongs to.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MAX_CANDIDATES = 50  # occurrences of the matched part weighed against each other
MIN_MATCH = 2  # a shorter common part is chance, not a passage


@dataclass(frozen=True)
class Passage:
    """quote[differs_at] ≠ text[start + differs_at]; `text[start:start + len(quote)]` is the passage."""

    start: int
    differs_at: int
    agreeing: int  # characters of the quote equal to the passage, position by position


def closest(quote: str, text: str) -> Passage | None:
    """The passage of `text` closest to `quote` (both whitespace-free), or None when nothing is close."""
    if not quote or not text:
        return None
    prefix = _longest(quote, text, prefix=True)
    suffix = _longest(quote, text, prefix=False)
    if max(prefix, suffix) < MIN_MATCH:
        return None
    best: Passage | None = None
    if prefix >= suffix:
        part, offset = quote[:prefix], 0
    else:
        part, offset = quote[len(quote) - suffix :], len(quote) - suffix
    at = text.find(part)
    for _ in range(MAX_CANDIDATES):
        if at < 0:
            break
        start = at - offset
        passage = _compare(quote, text, start)
        if best is None or passage.agreeing > best.agreeing:
            best = passage
        at = text.find(part, at + 1)
    return best


def _longest(quote: str, text: str, prefix: bool) -> int:
    """Length of the longest start (or end) of `quote` that occurs in `text` (binary search: it is monotone)."""
    low, high = 0, len(quote)
    while low < high:
        middle = (low + high + 1) // 2
        part = quote[:middle] if prefix else quote[len(quote) - middle :]
        if part in text:
            low = middle
        else:
            high = middle - 1
    return low


def _compare(quote: str, text: str, start: int) -> Passage:
    first, agreeing = len(quote), 0
    for i, char in enumerate(quote):
        j = start + i
        if 0 <= j < len(text) and text[j] == char:
            agreeing += 1
        elif first == len(quote):
            first = i
    return Passage(start, first, agreeing)


def char_name(char: str) -> str:
    """`“，”（全角，U+FF0C）`: shows the difference between look-alike characters."""
    if not char:
        return "（无）"
    width = "全角" if unicodedata.east_asian_width(char) in ("W", "F") else "半角"
    return f"“{char}”（{width}，U+{ord(char):04X}）"


def miss_hint(quote: str, text: str, context: int = 10) -> str:
    """`最接近的原文是“…”，引文第 9 个字“，”（全角…）原文为“,”（半角…）` or '' when nothing is close."""
    passage = closest(quote, text)
    if passage is None:
        return ""
    start = max(0, passage.start)
    end = min(len(text), passage.start + len(quote) + context)
    at = passage.start + passage.differs_at
    shown = f"{text[max(0, start - context) : at]}【{text[at : at + 1]}】{text[at + 1 : end]}"
    theirs = text[at : at + 1] if 0 <= at < len(text) else ""
    return (
        f"最接近的原文是“…{shown}…”：引文第 {passage.differs_at + 1} 个字{char_name(quote[passage.differs_at])}，"
        f"原文为{char_name(theirs)}"
    )
