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


def artefact_reason(line: str) -> str | None:
    """Why a seed line is an artefact (footer, header), or None when it is text."""
    stripped = line.strip()
    for reason, pattern in ARTEFACT_PATTERNS:
        if pattern.match(stripped):
            return reason
    return None
