"""`reportsite rename indicator OLD NEW`: rename an indicator's file and every reference to it.

The files are edited as text, line by line, so comments, order and formatting stay as the editor left
them: `id: OLD` in the indicator file, `indicator: OLD` and `share_of: OLD` in every observations.yml.
The old id is added to the indicator's `former_ids`, from which the build writes a redirect page at the
old URL (`indicators/OLD/` → `indicators/NEW/`), so links to the old page keep working.
Nothing is written unless the whole rename is possible; the content is validated afterwards.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.content.models import SLUG_PATTERN
from generator.errors import ReportsiteError

INDICATORS = "content/indicators"
_REFERENCE = r"^(?P<head>\s*(?:-\s+)?(?:{keys}):\s*)(?P<q>['\"]?){old}(?P=q)(?P<tail>\s*(?:#.*)?)$"


def rename_indicator(project: Path, old: str, new: str) -> list[str]:
    """Rename; return the changed files (relative paths), the renamed file first."""
    if not re.fullmatch(SLUG_PATTERN, new):
        raise ReportsiteError(f"新 id“{new}”不是有效的 id — 只允许小写字母、数字和连字符（如 gdp、retail-sales）")
    source = project / INDICATORS / f"{old}.yml"
    target = project / INDICATORS / f"{new}.yml"
    if not source.is_file():
        raise ReportsiteError(f"没有指标文件 {INDICATORS}/{old}.yml")
    if target.exists():
        raise ReportsiteError(f"{INDICATORS}/{new}.yml 已存在 — 请换一个新 id")
    edits: dict[Path, str] = {target: _renamed_indicator(source.read_text(encoding="utf-8"), old, new)}
    pattern = re.compile(_REFERENCE.format(keys="indicator|share_of", old=re.escape(old)), re.MULTILINE)
    for path in sorted((project / "content" / "reports").glob("*/observations.yml")):
        text = path.read_text(encoding="utf-8")
        changed = pattern.sub(lambda m: f"{m['head']}{m['q']}{new}{m['q']}{m['tail']}", text)
        if changed != text:
            edits[path] = changed
    for path, text in edits.items():
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    source.unlink()
    return [p.relative_to(project).as_posix() for p in edits]


def _renamed_indicator(text: str, old: str, new: str) -> str:
    """The indicator file with its new id and the old one added to `former_ids` (block list)."""
    id_line = re.compile(_REFERENCE.format(keys="id", old=re.escape(old)), re.MULTILINE)
    text, count = id_line.subn(lambda m: f"{m['head']}{m['q']}{new}{m['q']}{m['tail']}", text, count=1)
    if count != 1:
        raise ReportsiteError(f"{INDICATORS}/{old}.yml 中没有“id: {old}”这一行 — 先运行 reportsite validate 改正它")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    at = next((i for i, line in enumerate(lines) if re.match(r"former_ids:\s*(#.*)?$", line)), None)
    if at is None:
        lines.append("former_ids:  # 以前用过的 id：旧网址自动跳转到本页\n")
        at = len(lines) - 1
    lines.insert(at + 1, f"- {old}\n")
    return "".join(lines)
