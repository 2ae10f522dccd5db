"""The text is the report's: title, front matter and chapters, in order, are the seed's own text.

Compared after the documented cleaning only: the seed's artefact lines (page footers, headers:
`rules/artefacts.py`) are dropped and all whitespace is removed on both sides. Everything else must be
equal character for character — punctuation as printed (`,` stays `,`), masked words as printed (`X`).
Editor notes are not report text and are not compared. Each difference is reported at the field
(paragraph text, lead, title …) where it starts, with both versions around it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from generator.content.load import ReportContent
from generator.content.models import Paragraph, Section
from generator.content.yamlfile import Loc, YamlDoc
from generator.errors import Problem
from generator.rules.artefacts import artefact_reason, without_artefacts
from generator.rules.numbers import strip_ws

PROBE = 12  # characters that must agree again after a difference (resynchronisation)
CONTEXT = 12  # characters of context shown on each side of a difference
WINDOW = 400  # characters compared character by character to describe a replacement
MAX_DIFFERENCES = 10  # per report: after that the text is too far off for more messages to help
REMEDY = "章节文字必须与原文一字不差（只去掉页脚、页眉和空白）；编者说明写在 note"


@dataclass(frozen=True)
class Piece:
    """One field of content that holds report text, and where its characters start in the stream."""

    doc: YamlDoc
    loc: Loc
    start: int
    paragraph: str | None  # the id of the paragraph it belongs to, if any


def seed_stream(raw: str) -> str:
    """The seed as compared: artefact lines dropped, whitespace removed."""
    return strip_ws("".join(without_artefacts(line) for line in raw.splitlines() if not artefact_reason(line)))


Field = tuple[YamlDoc, Loc, str, str | None]  # file, location, text, paragraph id


def report_pieces(item: ReportContent) -> Iterator[Field]:
    """Every field that holds report text, in reading order."""
    yield item.report_doc, ("title",), item.report.title, None
    for i, paragraph in enumerate(item.report.front_matter):
        yield from _paragraph(item.report_doc, ("front_matter", i), paragraph)
    for chapter, doc in zip(item.chapters, item.chapter_docs, strict=True):
        yield doc, ("number",), f"{chapter.number}、", None
        yield doc, ("title",), chapter.title, None
        for i, paragraph in enumerate(chapter.paragraphs):
            yield from _paragraph(doc, ("paragraphs", i), paragraph)
        yield from _sections(doc, (), chapter.sections)
        for i, paragraph in enumerate(chapter.closing):
            yield from _paragraph(doc, ("closing", i), paragraph)


def _sections(doc: YamlDoc, loc: Loc, sections: list[Section]) -> Iterator[Field]:
    for i, section in enumerate(sections):
        here = (*loc, "sections", i)
        yield doc, (*here, "number"), section.number, None
        yield doc, (*here, "title"), section.title, None
        for j, paragraph in enumerate(section.paragraphs):
            yield from _paragraph(doc, (*here, "paragraphs", j), paragraph)
        yield from _sections(doc, here, section.sections)


def _paragraph(doc: YamlDoc, loc: Loc, paragraph: Paragraph) -> Iterator[Field]:
    for name in ("number", "lead", "text"):
        value = getattr(paragraph, name)
        if value:
            yield doc, (*loc, name), value, paragraph.id


def check_text(item: ReportContent, raw_seed: str) -> tuple[list[Problem], set[str]]:
    """One problem per place where the content's text differs from the seed's (at most MAX_DIFFERENCES).

    Also returns the ids of the paragraphs found different (their quotes and numbers wait for the fix).
    """
    pieces: list[Piece] = []
    parts: list[str] = []
    length = 0
    for doc, loc, text, pid in report_pieces(item):
        compact = strip_ws(text)
        if compact:
            pieces.append(Piece(doc, loc, length, pid))
            parts.append(compact)
            length += len(compact)
    ours, seed = "".join(parts), seed_stream(raw_seed)
    problems: list[Problem] = []
    altered: set[str] = set()
    a = b = 0
    while len(problems) < MAX_DIFFERENCES:
        while a < len(ours) and b < len(seed) and ours[a] == seed[b]:
            a, b = a + 1, b + 1
        if a == len(ours) and b == len(seed):
            break
        a_end, b_end, message = _describe(ours, seed, a, b, item.report.seed)
        piece = _piece_at(pieces, min(a, len(ours) - 1)) if pieces else None
        if piece is None:
            problems.append(item.report_doc.problem(("seed",), message))
        else:
            problems.append(piece.doc.problem(piece.loc, message))
            if piece.paragraph:
                altered.add(piece.paragraph)
        if a_end >= len(ours) or b_end >= len(seed) or ours[a_end : a_end + PROBE] != seed[b_end : b_end + PROBE]:
            break  # not back in step: further messages would only repeat this one
        a, b = a_end, b_end
    return problems, altered


def _piece_at(pieces: list[Piece], at: int) -> Piece:
    """The field whose text holds character `at` of the stream."""
    found = pieces[0]
    for piece in pieces:
        if piece.start > at:
            break
        found = piece
    return found


def _describe(ours: str, seed: str, a: int, b: int, seed_name: str) -> tuple[int, int, str]:
    """Classify the difference starting at ours[a] / seed[b]; return where both agree again and the message."""
    before = ours[max(0, a - CONTEXT) : a]
    if b == len(seed):
        return len(ours), b, f"原文到此结束，正文却多出“{_cut(ours[a:])}”（在“…{before}”之后）— {REMEDY}"
    if a == len(ours):
        return a, len(seed), f"正文到此结束，原文 seeds/{seed_name} 之后还有“{_cut(seed[b:])}” — 照原文补上"
    skipped = seed.find(ours[a : a + PROBE], b)  # the seed has text here that the content lacks
    extra = ours.find(seed[b : b + PROBE], a)  # the content has text here that the seed lacks
    if skipped > b and (extra < 0 or skipped - b <= extra - a):
        missing = seed[b:skipped]
        moved = (
            "（这段文字在正文中出现在后面：顺序与原文不同）" if len(missing) >= PROBE and missing in ours[a:] else ""
        )
        return a, skipped, f"正文漏掉了原文的“{_cut(missing)}”（在“…{before}”之后）{moved} — 照原文补上"
    if extra > a:
        added = ours[a:extra]
        return extra, b, f"正文多出原文没有的“{_cut(added)}”（在“…{before}”之后）— {REMEDY}"
    matcher = difflib.SequenceMatcher(None, ours[a : a + WINDOW], seed[b : b + WINDOW], autojunk=False)
    _tag, i1, i2, j1, j2 = next(op for op in matcher.get_opcodes() if op[0] != "equal")
    mine, theirs = ours[a + i1 : a + i2], seed[b + j1 : b + j2]
    after = ours[a + i2 : a + i2 + CONTEXT]
    seed_after = seed[b + j2 : b + j2 + CONTEXT]
    if not mine:
        message = f"正文漏掉了原文的“{_cut(theirs)}”（正文“…{before}【】{after}…”）— 照原文补上"
    elif not theirs:
        message = f"正文多出原文没有的“{_cut(mine)}”（正文“…{before}【{_cut(mine)}】{after}…”）— {REMEDY}"
    else:
        message = (
            f"正文与原文不一致：正文“…{before}【{_cut(mine)}】{after}…”，"
            f"原文“…{before}【{_cut(theirs)}】{seed_after}…” — {REMEDY}"
        )
    return a + i2, b + j2, message


def _cut(text: str, limit: int = 40) -> str:
    """Long differences shortened for a one-line message."""
    return text if len(text) <= limit else f"{text[: limit // 2]}……{text[-limit // 2 :]}（共 {len(text)} 字）"
