"""Keep a draft's notes true while it is edited: the comment above each observation and the candidate lists.

`reportsite extract` writes `# 依据（<id>）：<why>` above a linked observation and `# 待确认：<why>` above an
open one (`indicator: TODO <subject> | 候选 a, b`). Once the editor links the observation elsewhere, or settles
it, the comment would explain a link that is gone; once an indicator is renamed or removed, a candidate list
would offer an id that no longer exists. `true_notes` drops such comments and candidates (place and rename call
it on the files they write); everything else in the file stays as the editor left it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

COMMENT_RE = re.compile(r"^#\s*(?P<kind>依据|待确认)(?:（(?P<id>[a-z0-9][a-z0-9-]*)）)?：")
ITEM_RE = re.compile(r"^-\s+indicator:\s*(?P<q>['\"]?)(?P<value>.*?)(?P=q)\s*(?:#.*)?$")
CANDIDATES_RE = re.compile(
    r"(?P<head>^-?\s*indicator:\s*['\"]?TODO[^|'\"]*?)\s*\|\s*候选\s*(?P<ids>[^'\"\n]*)(?P<tail>['\"]?\s*)$"
)
ID_TOKEN = r"(?<![a-z0-9-]){id}(?![a-z0-9-])"


def linked_comment(indicator: str, why: str) -> str:
    """The comment extract writes above a linked observation (the id lets the tools tell when it is stale)."""
    return f"# 依据（{indicator}）：{why}"


def true_notes(text: str, exists: Callable[[str], bool]) -> str:
    """The observations file without comments that no longer describe their item and without candidates that
    do not exist (`exists(id)`); a `| 候选` left with none is dropped."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    for i, line in enumerate(lines):
        comment = COMMENT_RE.match(line)
        if comment:
            item = ITEM_RE.match(lines[i + 1]) if i + 1 < len(lines) else None
            value = item["value"].strip() if item else None
            if value is not None and _stale(comment["kind"], comment["id"], value):
                continue
        elif match := CANDIDATES_RE.match(line.rstrip("\n")):
            ids = [c.strip() for c in match["ids"].split(",") if c.strip()]
            kept = [c for c in ids if exists(c)]
            if kept != ids:
                listed = f" | 候选 {', '.join(kept)}" if kept else ""
                line = f"{match['head']}{listed}{match['tail']}" + ("\n" if line.endswith("\n") else "")
        out.append(line)
    return "".join(out)


def _stale(kind: str, comment_id: str | None, value: str) -> bool:
    """A 依据 comment above another indicator than the one it names, or a 待确认 above a settled item."""
    if kind == "依据":
        return comment_id is not None and value != comment_id
    return not value.startswith("TODO")


def renamed_notes(text: str, old: str, new: str) -> str:
    """The id in `# 依据（old）` comments and `| 候选` lists renamed (the `indicator:` lines are rename's)."""
    token = re.compile(ID_TOKEN.format(id=re.escape(old)))
    out = []
    for line in text.splitlines(keepends=True):
        if COMMENT_RE.match(line) or CANDIDATES_RE.match(line.rstrip("\n")):
            line = token.sub(new, line, count=0)
        out.append(line)
    return "".join(out)
