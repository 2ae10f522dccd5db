"""`reportsite rename indicator OLD NEW`: rename an indicator's file and every reference to it.

The files are edited as text, line by line, so comments, order and formatting stay as the editor left
them: `id: OLD` in the indicator file, `indicator: OLD` and `share_of: OLD` in every observations.yml.
When the old id was published (the project's git history has `content/indicators/OLD.yml` at HEAD, or the
project is not under git, so it cannot be told), the old id is added to the indicator's `former_ids`, from which
the build writes a redirect page at the old URL (`indicators/OLD/` → `indicators/NEW/`), so links to the old page
keep working. An indicator that was never committed (a draft's proposed `new-…` indicator) has no old URL to
keep: it is moved without `former_ids`. The draft's notes stay true: `# 依据（OLD）` comments and `| 候选` lists
name the new id. Nothing is written unless the whole rename is possible; the content is validated afterwards.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from generator.content.models import SLUG_PATTERN
from generator.errors import ReportsiteError
from generator.extract.draftnotes import renamed_notes, true_notes

INDICATORS = "content/indicators"
_REFERENCE = r"^(?P<head>\s*(?:-\s+)?(?:{keys}):\s*)(?P<q>['\"]?){old}(?P=q)(?P<tail>\s*(?:#.*)?)$"


def published(project: Path, indicator_id: str) -> bool:
    """The indicator's file is in the project's last commit; True when git cannot tell (no repository, no git)."""
    path = f"{INDICATORS}/{indicator_id}.yml"
    try:
        inside = subprocess.run(
            ["git", "-C", str(project), "rev-parse", "--show-prefix"], capture_output=True, text=True, check=False
        )
        if inside.returncode != 0:
            return True
        found = subprocess.run(
            ["git", "-C", str(project), "cat-file", "-e", f"HEAD:./{path}"], capture_output=True, check=False
        )
    except OSError:
        return True
    return found.returncode == 0


def rename_indicator(project: Path, old: str, new: str) -> tuple[list[str], bool]:
    """Rename; return the changed files (relative paths, the renamed file first) and whether the old URL is kept
    (a redirect from `former_ids`)."""
    if not re.fullmatch(SLUG_PATTERN, new):
        raise ReportsiteError(f"新 id“{new}”不是有效的 id — 只允许小写字母、数字和连字符（如 gdp、retail-sales）")
    source = project / INDICATORS / f"{old}.yml"
    target = project / INDICATORS / f"{new}.yml"
    if not source.is_file():
        raise ReportsiteError(f"没有指标文件 {INDICATORS}/{old}.yml")
    if target.exists():
        raise ReportsiteError(f"{INDICATORS}/{new}.yml 已存在 — 请换一个新 id")
    redirect = published(project, old)
    edits: dict[Path, str] = {target: _renamed_indicator(source.read_text(encoding="utf-8"), old, new, redirect)}
    pattern = re.compile(_REFERENCE.format(keys="indicator|share_of", old=re.escape(old)), re.MULTILINE)
    indicators = project / INDICATORS

    def exists(indicator_id: str) -> bool:
        return indicator_id == new or (indicator_id != old and (indicators / f"{indicator_id}.yml").is_file())

    for path in sorted((project / "content" / "reports").glob("*/observations.yml")):
        text = path.read_text(encoding="utf-8")
        changed = pattern.sub(lambda m: f"{m['head']}{m['q']}{new}{m['q']}{m['tail']}", text)
        changed = true_notes(renamed_notes(changed, old, new), exists)
        if changed != text:
            edits[path] = changed
    for path, text in edits.items():
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    source.unlink()
    return [p.relative_to(project).as_posix() for p in edits], redirect


def _renamed_indicator(text: str, old: str, new: str, redirect: bool = True) -> str:
    """The indicator file with its new id and, with `redirect`, the old one added to `former_ids` (block list)."""
    id_line = re.compile(_REFERENCE.format(keys="id", old=re.escape(old)), re.MULTILINE)
    text, count = id_line.subn(lambda m: f"{m['head']}{m['q']}{new}{m['q']}{m['tail']}", text, count=1)
    if count != 1:
        raise ReportsiteError(f"{INDICATORS}/{old}.yml 中没有“id: {old}”这一行 — 先运行 reportsite validate 改正它")
    if not redirect:
        return text
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    at = next((i for i, line in enumerate(lines) if re.match(r"former_ids:\s*(#.*)?$", line)), None)
    if at is None:
        lines.append("former_ids:  # 以前用过的 id：旧网址自动跳转到本页\n")
        at = len(lines) - 1
    lines.insert(at + 1, f"- {old}\n")
    return "".join(lines)
