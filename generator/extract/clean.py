"""Turn the raw text extracted from a report PDF into clean text: one logical paragraph per line.

The seeds are never edited; every artefact of the extraction is removed here, and only artefacts:
page footers and headers (whole lines, reported by `clean_report`), whitespace (stray spaces, line
breaks inside paragraphs) and nothing else. No printed character is lost, changed or invented, so
`strip_ws(cleaned) == strip_ws(seed minus removed lines)` always holds (tested on both seeds).

Space rule: a run of spaces is kept only when both neighbours are narrow (Latin letters, digits,
ASCII punctuation: `One Avenue`, `A/W 2023`); with a CJK character, full-width form or CJK-style
punctuation (“ ” ‘ ’ — … ·) on either side it is removed (`“ 1310”` → `“1310”`,
`3.46 万亿元` → `3.46万亿元`, `“ 深 i企”` → `“深i企”`). Half-width punctuation is kept as printed.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from generator.rules.artefacts import artefact_prefix, artefact_reason

PUBLICATION_RE = re.compile(
    r"^(?P<paper>\S+?报)/\s*(?P<y>\d{4})\s*年/\s*(?P<m>\d{1,2})\s*月/\s*(?P<d>\d{1,2})\s*日/\s*第\s*(?P<page>\w+?)\s*版(?:文件)?$"
)

SPACE_RUN_RE = re.compile(r"[ \t\u00a0\u3000]+")
WIDE_PUNCT = frozenset("“”‘’—–…·•")
TERMINAL = frozenset("。；;：:！!？?")
SENTENCE_END = frozenset("。；;！!？?")
CHAPTER_RE = re.compile(r"^[一二三四五六七八九十]+、")
SECTION_RE = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
SUBSECTION_RE = re.compile(r"^\d{1,2}\.(?!\d)")
TASK_RE = re.compile(r"^[(（]\d{1,3}[)）]")
ITEM_RE = re.compile(r"^——")
MERGED_ITEM_RE = re.compile(r"(?<=[。；;])(?=——)")
TRAILING_SECTION_RE = re.compile(r"(?<=[。；;：:])(?=[(（][一二三四五六七八九十]+[)）][^。]{1,15}。$)")
TITLE_END = "报告"
HEADING_TAIL_MAX_WIDTH = 20
WRAP_BLANK_SHARE = 0.6
WRAP_MAX_MEDIAN_WIDTH = 40


@dataclass(frozen=True)
class RemovedLine:
    """A whole seed line dropped as an artefact (1-based line number in the seed)."""

    line: int
    text: str
    reason: str


@dataclass
class CleanResult:
    """Clean text plus the artefact lines removed, so callers can prove nothing else was lost."""

    text: str
    removed: list[RemovedLine] = field(default_factory=list)

    @property
    def publication(self) -> str | None:
        """The publication header (e.g. `深圳特区报 2024年2月17日 第A02版`), if the seed had one."""
        for item in self.removed:
            match = PUBLICATION_RE.match(item.text.strip())
            if match:
                return f"{match['paper']} {match['y']}年{match['m']}月{match['d']}日 第{match['page']}版"
        return None


def is_wide(char: str) -> bool:
    """True for CJK characters, full-width forms and punctuation used as CJK punctuation."""
    return char in WIDE_PUNCT or unicodedata.east_asian_width(char) in ("W", "F")


def text_width(text: str) -> float:
    """Printed width in em: wide characters 1, narrow ones 0.5 (to spot short, paragraph-final lines)."""
    return sum(1.0 if is_wide(c) else 0.5 for c in text)


def normalize_spaces(line: str) -> str:
    """Strip the line and drop every space run touching a wide character (see the module rule)."""
    line = line.strip()

    def keep(match: re.Match[str]) -> str:
        before = line[match.start() - 1] if match.start() > 0 else ""
        after = line[match.end()] if match.end() < len(line) else ""
        if before and after and not is_wide(before) and not is_wide(after):
            return match.group()
        return ""

    return SPACE_RUN_RE.sub(keep, line)


def is_marker(line: str) -> bool:
    """A line that opens a structural unit: chapter, section, subsection, task or list item."""
    return any(p.match(line) for p in (CHAPTER_RE, SECTION_RE, SUBSECTION_RE, TASK_RE, ITEM_RE))


def is_heading(line: str) -> bool:
    """A chapter or section heading without run-in text: no sentence punctuation anywhere in it."""
    return bool(CHAPTER_RE.match(line) or SECTION_RE.match(line)) and not any(c in SENTENCE_END for c in line)


def ends_sentence(line: str) -> bool:
    """The line ends with sentence-final punctuation (possibly followed by a closing quote)."""
    tail = line.rstrip("”’」）)")
    return bool(tail) and tail[-1] in TERMINAL and (tail == line or line[-1] in "”’")


def is_wrapped(lines: list[str]) -> bool:
    """True for hard-wrapped extractions (Futian): short lines separated by blank lines."""
    texts = [i for i, line in enumerate(lines) if line.strip()]
    if len(texts) < 10:
        return False
    blank_after = sum(1 for i in texts if i + 1 < len(lines) and not lines[i + 1].strip())
    median = statistics.median(text_width(lines[i].strip()) for i in texts)
    return blank_after / len(texts) >= WRAP_BLANK_SHARE and median <= WRAP_MAX_MEDIAN_WIDTH


def join_pair(left: str, right: str) -> str:
    """Join two pieces of one paragraph; a break between two Latin letters was a space."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        return f"{left} {right}"
    return left + right


def continues(text: str, last: str, nxt: str, wrapped: bool, full_width: float) -> bool:
    """Whether line `nxt` continues the paragraph `text` (whose last source line is `last`).

    A heading continues only with a short tail line (`自强上展现更大作为`); a line ending a
    sentence ends the paragraph unless the text is hard-wrapped and that line is full width; any
    other line continues, even into a marker-like start (`——重大项目…` inside a sentence).
    """
    if is_heading(text):
        short_tail = text_width(nxt) <= HEADING_TAIL_MAX_WIDTH and not ends_sentence(nxt)
        return short_tail and not is_marker(nxt)
    if ends_sentence(last):
        if is_marker(nxt) or not wrapped:
            return False
        return text_width(last) > full_width - 1
    return True


def split_merged(line: str) -> list[str]:
    """Undo merges made by the extraction: list items run together and a trailing `(二)…。` heading."""
    parts = TRAILING_SECTION_RE.split(line)
    out: list[str] = []
    for part in parts:
        out.extend(MERGED_ITEM_RE.split(part) if part.startswith("——") else [part])
    return [p for p in out if p]


def clean_report(raw: str) -> CleanResult:
    """Clean a seed and report the removed artefact lines (see `clean_text`)."""
    raw_lines = raw.splitlines()
    removed: list[RemovedLine] = []
    kept: list[str] = []
    for number, line in enumerate(raw_lines, start=1):
        reason = artefact_reason(line)
        prefix = None if reason else artefact_prefix(line)
        if reason:
            removed.append(RemovedLine(number, line, reason))
        elif prefix:  # a page line run into the title: the page line goes, the title stays
            removed.append(RemovedLine(number, prefix[1], prefix[0]))
            kept.append(line[len(prefix[1]) :])
        else:
            kept.append(line)
    wrapped = is_wrapped(raw_lines)
    lines = [normalize_spaces(line) for line in kept]
    lines = [line for line in lines if line]
    first_chapter = next((i for i, line in enumerate(lines) if CHAPTER_RE.match(line)), len(lines))
    front, body = lines[:first_chapter], lines[first_chapter:]
    out = _title_and_front(front)
    widths = [text_width(line) for line in body] or [0.0]
    full_width = statistics.median(widths)
    text, last = "", ""
    for line in body:
        if text and continues(text, last, line, wrapped, full_width):
            text, last = join_pair(text, line), line
            continue
        if text:
            out.extend(split_merged(text))
        text, last = line, line
    if text:
        out.extend(split_merged(text))
    return CleanResult("\n".join(out) + "\n", removed)


def _title_and_front(front: list[str]) -> list[str]:
    """The title (its wrapped lines joined) followed by the other front lines, one per line."""
    end = next((i for i, line in enumerate(front[:4]) if line.endswith(TITLE_END)), 0 if front else -1)
    if end < 0:
        return []
    title = ""
    for line in front[: end + 1]:
        title = join_pair(title, line)
    return [title, *front[end + 1 :]]


def clean_text(raw: str) -> str:
    """The cleaned text of a seed: title, front lines, then one logical paragraph per line."""
    return clean_report(raw).text
