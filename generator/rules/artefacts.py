"""Lines of a seed that are artefacts of its extraction (page footers, headers), not report text.

One list for the extractor (`extract/clean.py` drops them from drafts) and the validator
(`checks/fidelity.py` compares chapters with the seed without them).
"""

from __future__ import annotations

import re

ARTEFACT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("page-footer", re.compile(r"^第\s*\d+\s*页\s*共\s*\d+\s*页$")),
    ("page-footer", re.compile(r"^[—－-]\s*\d+\s*[—－-]$")),
    ("copy-header", re.compile(r"^正文复制$")),
    ("publication-header", re.compile(r"^\S+报/\d{4}\s*年/\d{1,2}\s*月/\d{1,2}\s*日/第\s*\w+\s*版文件$")),
)


# A newspaper's page line run into the line that follows it (`深圳特区报/2024年/2月/7日/第A01版 政府工作报告`): the page
# line is the artefact, the rest of the line (the title) is text.
PREFIX_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "publication-header",
        re.compile(r"^\s*\S*?报/\s*\d{4}\s*年/\s*\d{1,2}\s*月/\s*\d{1,2}\s*日/\s*第\s*\w+?\s*版\s*(?=\S)(?!文件\s*$)"),
    ),
)


def artefact_prefix(line: str) -> tuple[str, str] | None:
    """(reason, the artefact) when a line starts with an artefact run into its text, else None."""
    for reason, pattern in PREFIX_PATTERNS:
        match = pattern.match(line)
        if match:
            return reason, match.group()
    return None


def without_artefacts(line: str) -> str:
    """A text line without an artefact run into its start; an artefact line whole is `artefact_reason`'s."""
    found = artefact_prefix(line)
    return line[len(found[1]) :] if found else line


def artefact_reason(line: str) -> str | None:
    """Why a seed line is an artefact (footer, header), or None when it is text."""
    stripped = line.strip()
    for reason, pattern in ARTEFACT_PATTERNS:
        if pattern.match(stripped):
            return reason
    return None
