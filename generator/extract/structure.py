"""Recognise the structure of a cleaned report: title, front matter, chapters, sections, paragraphs.

Input is the output of `clean.clean_text` (one logical paragraph per line). Markers, as printed:
chapters `一、`, sections `(一)` or `（一）`, subsections `1.`, numbered tasks `(1)`. Titles that are
run in with their text (`(一)经济发展稳中提质。出台…`, `1.加快…。(1)…`) are split at the first `。`;
a short first sentence of a plain paragraph becomes its `lead` (`经济运行稳中提质。全市率先…`).
Nothing is dropped: `draft_text` joins every piece back in reading order for the fidelity test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.extract.clean import ends_sentence

CHAPTER_RE = re.compile(r"^(?P<number>[一二三四五六七八九十]+)、(?P<rest>.*)$")
SECTION_RE = re.compile(r"^(?P<number>[(（][一二三四五六七八九十]+[)）])(?P<rest>.*)$")
SUBSECTION_RE = re.compile(r"^(?P<number>\d{1,2}\.)(?!\d)(?P<rest>.*)$")
TASK_RE = re.compile(r"[(（](?P<n>\d{1,3})[)）]")
TASK_BOUNDARY = frozenset("。；;")
LEAD_RE = re.compile(r"^(?P<lead>[^，,。；;：:（(—]{2,19}。)(?P<text>.+)$")
LEAD_MAX_CHARS = 20
CLOSING_STARTS = ("各位代表", "让我们")


@dataclass
class Paragraph:
    """A paragraph of clean text; `number` is a task number such as `(1)`, `lead` a run-in phrase."""

    id: str
    text: str
    number: str | None = None
    lead: str | None = None
    note: str | None = None

    @property
    def full_text(self) -> str:
        """The paragraph as printed."""
        return f"{self.number or ''}{self.lead or ''}{self.text}"


@dataclass
class Section:
    """A numbered section (`(一)`, `（一）`, `1.`); sections nest."""

    number: str
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass
class Chapter:
    """A chapter `一、…`; `truncated` when the source text stops inside it."""

    number: str
    title: str
    truncated: bool = False
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass
class Draft:
    """A report as recognised from its text, before editorial review."""

    title: str
    front_matter: list[Paragraph] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)

    def paragraphs(self) -> list[tuple[Chapter, Paragraph]]:
        """Every chapter paragraph in reading order, with its chapter."""
        out: list[tuple[Chapter, Paragraph]] = []
        for chapter in self.chapters:
            out.extend((chapter, p) for p in _walk_paragraphs(chapter.paragraphs, chapter.sections))
        return out

    def counts(self) -> dict[str, int]:
        """Numbers of chapters, sections (all levels) and paragraphs (front matter included)."""
        sections = sum(_count_sections(c.sections) for c in self.chapters)
        return {
            "chapters": len(self.chapters),
            "sections": sections,
            "paragraphs": len(self.front_matter) + len(self.paragraphs()),
        }


def _walk_paragraphs(paragraphs: list[Paragraph], sections: list[Section]) -> list[Paragraph]:
    out = list(paragraphs)
    for section in sections:
        out.extend(_walk_paragraphs(section.paragraphs, section.sections))
    return out


def _count_sections(sections: list[Section]) -> int:
    return sum(1 + _count_sections(s.sections) for s in sections)


def split_title(rest: str) -> tuple[str, str]:
    """Split a run-in heading at its first `。`: (title, remaining text); no `。` means all title."""
    index = rest.find("。")
    if index < 0:
        return rest, ""
    return rest[: index + 1], rest[index + 1 :]


def split_tasks(text: str) -> list[tuple[str | None, str]]:
    """Split text at consecutive task numbers `(n)`, `(n+1)` … that open a sentence.

    Only numbers that follow a sentence end (or start the text) and continue the sequence count,
    so `深圳美术馆(新馆)` or a stray `(3)` inside a sentence never splits a paragraph.
    """
    cuts: list[tuple[int, int, str]] = []
    expected: int | None = None
    for match in TASK_RE.finditer(text):
        start = match.start()
        if start > 0 and text[start - 1] not in TASK_BOUNDARY:
            continue
        n = int(match["n"])
        if expected is not None and n != expected:
            continue
        cuts.append((start, match.end(), match.group()))
        expected = n + 1
    if not cuts:
        return [(None, text)] if text else []
    pieces: list[tuple[str | None, str]] = []
    if cuts[0][0] > 0:
        pieces.append((None, text[: cuts[0][0]]))
    for i, (_, end, number) in enumerate(cuts):
        stop = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        pieces.append((number, text[end:stop]))
    return pieces


def split_lead(text: str) -> tuple[str | None, str]:
    """A short heading-like first sentence is a lead phrase: ≤ 20 characters with its `。`, no comma.

    20, not 16: Futian's longest leads list three items (`飞地经济、海洋经济、低空经济布局新赛道。`);
    a comma, semicolon, colon or bracket means an ordinary sentence (`2023年，在全区…`).
    """
    if text.startswith("——"):
        return None, text
    match = LEAD_RE.match(text)
    if not match or len(match["lead"]) > LEAD_MAX_CHARS:
        return None, text
    return match["lead"], match["text"]


def _add_text(container: Chapter | Section, text: str, leads: bool) -> None:
    for number, piece in split_tasks(text):
        lead, body = (None, piece) if number or not leads else split_lead(piece)
        container.paragraphs.append(Paragraph(id="", text=body, number=number, lead=lead))


def parse_structure(cleaned: str, truncated: bool | None = None) -> Draft:
    """Parse cleaned text into a Draft with paragraph ids assigned.

    `truncated` marks the last chapter; None guesses it (see `_looks_truncated`).
    """
    lines = [line for line in cleaned.splitlines() if line.strip()]
    draft = Draft(title="")
    if lines and not CHAPTER_RE.match(lines[0]):
        draft.title = lines.pop(0)
    chapter: Chapter | None = None
    section: Section | None = None
    subsection: Section | None = None
    for line in lines:
        if match := CHAPTER_RE.match(line):
            chapter = Chapter(number=match["number"], title=match["rest"])
            draft.chapters.append(chapter)
            section = subsection = None
        elif chapter is None:
            draft.front_matter.append(Paragraph(id="", text=line))
        elif match := SECTION_RE.match(line):
            title, rest = split_title(match["rest"])
            section = Section(number=match["number"], title=title)
            chapter.sections.append(section)
            subsection = None
            if rest:
                _add_text(section, rest, leads=False)
        elif (match := SUBSECTION_RE.match(line)) and _is_next_subsection(match["number"], section or chapter):
            title, rest = split_title(match["rest"])
            subsection = Section(number=match["number"], title=title)
            (section or chapter).sections.append(subsection)
            if rest:
                _add_text(subsection, rest, leads=False)
        else:
            container: Chapter | Section = subsection or section or chapter
            _add_text(container, line, leads=subsection is None)
    if draft.chapters:
        last = draft.chapters[-1]
        last.truncated = _looks_truncated(cleaned, last) if truncated is None else truncated
    assign_ids(draft)
    return draft


def _is_next_subsection(number: str, parent: Chapter | Section) -> bool:
    """`n.` opens a subsection only when it is the first in its parent or follows the previous one.

    Numbering restarts per section in Shenzhen and runs on in Futian (`4.` opens `（二）`), so any
    increase counts; a paragraph that merely starts with digits and a dot is not misread.
    """
    numbers = [int(s.number.rstrip(".")) for s in parent.sections if s.number[0].isdigit()]
    return not numbers or int(number.rstrip(".")) > max(numbers)


def _looks_truncated(cleaned: str, chapter: Chapter) -> bool:
    """Cut off when the text stops mid-sentence or the report lacks its closing appeal.

    Government work and plan reports close with a paragraph addressed to the deputies
    (`各位代表，…` / `让我们…`); a last chapter that ends on anything else was cut off.
    """
    lines = cleaned.rstrip().splitlines()
    if not lines or not ends_sentence(lines[-1]):
        return True
    paragraphs = _walk_paragraphs(chapter.paragraphs, chapter.sections)
    return not (paragraphs and paragraphs[-1].full_text.startswith(CLOSING_STARTS))


def assign_ids(draft: Draft) -> None:
    """Give every paragraph its id: `front-pN`, `cC[-sS[-sS]]-pN` by position (1-based)."""
    for n, paragraph in enumerate(draft.front_matter, start=1):
        paragraph.id = f"front-p{n}"
    for c, chapter in enumerate(draft.chapters, start=1):
        _assign(f"c{c}", chapter.paragraphs, chapter.sections)


def _assign(prefix: str, paragraphs: list[Paragraph], sections: list[Section]) -> None:
    for n, paragraph in enumerate(paragraphs, start=1):
        paragraph.id = f"{prefix}-p{n}"
    for s, section in enumerate(sections, start=1):
        _assign(f"{prefix}-s{s}", section.paragraphs, section.sections)


def draft_text(draft: Draft) -> str:
    """All text of the draft in reading order, one piece per line (for fidelity checks)."""
    parts = [draft.title, *(p.full_text for p in draft.front_matter)]
    for chapter in draft.chapters:
        parts.append(f"{chapter.number}、{chapter.title}")
        parts.extend(_section_text(chapter.paragraphs, chapter.sections))
    return "\n".join(p for p in parts if p)


def _section_text(paragraphs: list[Paragraph], sections: list[Section]) -> list[str]:
    parts = [p.full_text for p in paragraphs]
    for section in sections:
        parts.append(f"{section.number}{section.title}")
        parts.extend(_section_text(section.paragraphs, section.sections))
    return parts
