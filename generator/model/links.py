"""Text linking: the numbers of a chapter paragraph that are observations become links to their indicator.

Kept apart from the view model (`site.py`): it is the one place that maps quotes back onto clean text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.models import Indicator, Paragraph
from generator.model.site import ObsView
from generator.rules.numbers import FULLWIDTH_DIGITS, NUMBER_TOKEN, parse_token, same_number, strip_ws


@dataclass(frozen=True)
class Segment:
    """A piece of paragraph text; numbers that are observations link to their indicator."""

    text: str
    indicator: Indicator | None = None
    label: str = ""


_SPACE = re.compile(r"\s")  # the same characters as str.isspace


def link_numbers(paragraph: Paragraph, views: list[ObsView]) -> list[Segment]:
    """Split the paragraph text so that each observed number becomes a link segment.

    Quotes may differ from the clean text in whitespace only, so positions are found on the
    whitespace-free text and mapped back.
    """
    text = paragraph.full_text
    spaced = _SPACE.search(text) is not None  # rare in clean Chinese text: then positions map one to one
    keep: list[int] | range = [i for i, ch in enumerate(text) if not ch.isspace()] if spaced else range(len(text))
    compact = ("".join(text[i] for i in keep) if spaced else text).translate(FULLWIDTH_DIGITS)
    spans: list[tuple[int, int, ObsView]] = []
    taken: set[int] = set()
    for view in views:
        quote = strip_ws(view.obs.quote).translate(FULLWIDTH_DIGITS)
        start = compact.find(quote)
        if start < 0:
            continue
        for match in NUMBER_TOKEN.finditer(compact, start, start + len(quote)):
            hit = view.obs.printed is not None and view.obs.printed.startswith(match.group())
            if view.obs.value is not None and same_number(parse_token(match.group()), view.obs.value):
                hit = True
            if hit and match.start() not in taken:
                taken.add(match.start())
                spans.append((keep[match.start()], keep[match.end() - 1] + 1, view))
                break
        else:  # a number printed in Chinese (两个, 近万件, 超百场): link the printed words themselves
            printed = strip_ws(view.obs.printed or "").translate(FULLWIDTH_DIGITS)
            at = compact.find(printed, start, start + len(quote)) if printed else -1
            if at >= 0 and at not in taken and not NUMBER_TOKEN.match(printed):
                taken.add(at)
                spans.append((keep[at], keep[at + len(printed) - 1] + 1, view))
    spans.sort(key=lambda s: s[0])
    segments: list[Segment] = []
    cursor = 0
    for begin, end, view in spans:
        if begin < cursor:
            continue
        if begin > cursor:
            segments.append(Segment(text[cursor:begin]))
        label = f"{view.indicator.name}（{view.obs.period}年{view.kind_label}）：{view.display}"
        segments.append(Segment(text[begin:end], view.indicator, label))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def split_parts(paragraph: Paragraph, segments: list[Segment]) -> dict[str, list[Segment]]:
    """Cut full-text segments back into task number, lead phrase and text, for styling."""
    bounds = {"number": len(paragraph.number or ""), "lead": len(paragraph.lead or "")}
    parts: dict[str, list[Segment]] = {"number": [], "lead": [], "text": []}
    queue = list(segments)
    for name in ("number", "lead"):
        remaining = bounds[name]
        while remaining > 0 and queue:
            seg = queue.pop(0)
            if len(seg.text) <= remaining:
                parts[name].append(seg)
                remaining -= len(seg.text)
            else:
                parts[name].append(Segment(seg.text[:remaining], seg.indicator, seg.label))
                queue.insert(0, Segment(seg.text[remaining:], seg.indicator, seg.label))
                remaining = 0
    parts["text"] = queue
    return parts
