"""Open items of a draft report: observations whose indicator is still `TODO <subject> | 候选 a, b`.

`reportsite extract` leaves an observation open when it is not sure of its indicator; `validate`
then lists each one with its candidates (and their names) instead of the generic id message, and
ends with the count, so an editor sees how much review is left (还有 N 处待确认).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from generator.content.load import Content
from generator.content.models import Observation, ObservationsFile
from generator.content.yamlfile import MAX_BYTES, YamlError, load_yaml
from generator.errors import Problem

OPEN_RE = re.compile(
    r"^\s*-?\s*indicator:\s*['\"]?TODO\s*(?P<subject>.*?)(?:\s*\|\s*候选\s*(?P<candidates>[^'\"]*))?['\"]?\s*$"
)


TODO_FIELD_RE = re.compile(r"^(?P<indent>\s*-?\s*)(?P<key>[a-z_]+):\s*['\"]?TODO")
TODO_MESSAGE = "待补全：仍是草稿占位 TODO — 填上真实内容（见该字段的说明）；补全之前网站不会发布"


def _lines(path: Path) -> list[str]:
    """A content file's lines; none for a file the loader refuses (too large, not UTF-8, unreadable)."""
    try:
        if path.is_symlink() or path.stat().st_size > MAX_BYTES:
            return []
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def todo_fields(project: Path) -> list[Problem]:
    """Every `field: TODO…` a draft left in a content file (placed reports, proposed indicators) or in the
    seeds manifest (the `publication` of a placed seed).

    The model accepts many of them as text (a name_en of "TODO" is a string), so without this a placed
    draft could reach the site half-filled. Open indicators of observations are reported by the id check
    (and reworded by `explain`), so they are not repeated here.
    """
    problems = []
    content = project / "content"
    files = sorted(content.glob("reports/*/*.yml")) + sorted(content.glob("indicators/*.yml"))
    for path in [*files, project / "seeds" / "manifest.yml"]:  # place writes `publication: TODO` there
        lines = _lines(path)  # the loader reports files it cannot read
        shown = path.relative_to(project).as_posix()
        for number, line in enumerate(lines, start=1):
            match = TODO_FIELD_RE.match(line)
            if match and match["key"] != "indicator":
                problems.append(Problem(shown, number, len(match["indent"]) + 1, match["key"], TODO_MESSAGE))
    return problems


def summary(problems: list[Problem], open_items: int) -> str:
    """The last line of a failed check: problems, open indicators and TODO fields left."""
    todo = sum(1 for p in problems if p.message == TODO_MESSAGE)
    tail = f"还有 {open_items} 处待确认的指标（见上面的“待确认”）。" if open_items else ""
    if todo:
        tail += f"{todo} 个字段待补全（TODO）。"
    return f"内容校验失败：{len(problems)} 个问题。{tail}"


def _line(project: Path, problem: Problem) -> str:
    lines = _lines(project / problem.path)
    return lines[problem.line - 1] if 0 < problem.line <= len(lines) else ""


def _name(project: Path, indicator_id: str, report_dir: Path) -> str:
    for folder in (project / "content" / "indicators", report_dir / "indicators"):
        path = folder / f"{indicator_id}.yml"
        if path.is_file() and not path.is_symlink():
            try:
                data = load_yaml(path, path.name).data  # bounded, like every content file
            except (YamlError, OSError):
                continue
            if isinstance(data, dict) and isinstance(data.get("name"), str):
                return data["name"]
    return "新指标草稿" if indicator_id.startswith("new-") else "?"


def _exists(project: Path, indicator_id: str, report_dir: Path) -> bool:
    folders = (project / "content" / "indicators", report_dir / "indicators")
    return any((folder / f"{indicator_id}.yml").is_file() for folder in folders)


def explain(project: Path, problems: list[Problem]) -> tuple[list[Problem], int]:
    """Problems with every open item reworded (subject, candidates with names); and how many are open."""
    out: list[Problem] = []
    count = 0
    for problem in problems:
        match = OPEN_RE.match(_line(project, problem)) if problem.field.endswith("indicator") else None
        if match is None:
            out.append(problem)
            continue
        count += 1
        report_dir = (project / problem.path).parent
        ids = [c.strip() for c in (match["candidates"] or "").split(",") if c.strip()]
        ids = [c for c in ids if _exists(project, c, report_dir)]  # a renamed or removed id is never offered
        shown = "、".join(f"{c}（{_name(project, c, report_dir)}）" for c in ids) or "无"
        message = (
            f"待确认的指标：“{match['subject']}” — 候选：{shown}；"
            "改成所选的指标 id；选 new-… 草稿指标时先补全该文件并给它有意义的 id，都不合适就用 reportsite new indicator 新建"
        )
        out.append(replace(problem, message=message))
    return out, count


def count_open(observations_file: Path) -> int:
    """How many observations of a file are still open (`indicator: TODO …`)."""
    lines = _lines(observations_file)
    return sum(1 for line in lines if OPEN_RE.match(line))


@dataclass(frozen=True)
class OpenItem:
    """An open item as `reportsite serve` previews it: the located message, and the words it marks.

    `report`, `paragraph` and `quote` are set for an open observation (its number is marked on the chapter
    page through the quote link); a `TODO` field has only its message.
    """

    problem: Problem
    report: str | None = None
    paragraph: str | None = None
    quote: str | None = None
    page: str | None = None  # the chapter page of `paragraph` (set by the build, which knows the pages)


def is_open(project: Path, problem: Problem) -> bool:
    """An open indicator (`indicator: TODO …`) or a `TODO` field: what a draft leaves for review."""
    if problem.message == TODO_MESSAGE:
        return True
    line = _line(project, problem)  # a field the model refuses because it still says TODO (period: TODO 上半年)
    return OPEN_RE.match(line) is not None or TODO_FIELD_RE.match(line) is not None


def set_aside(project: Path, content: Content, problems: list[Problem]) -> tuple[list[OpenItem], list[Problem]]:
    """For the preview only: take the open observations out of `content` (in place) so the rest of their report
    can be built; return the open items (reworded, located) and the problems that are not open items.

    An observations file with an open item does not load (its indicator is not an id); when every problem of
    the file is an open item, it is read again without them. `reportsite build` never calls this.
    """
    explained, _ = explain(project, problems)
    items = [OpenItem(p) for p in explained if is_open(project, p)]
    rest = [p for p in explained if not is_open(project, p)]
    blocked = {p.path for p in rest}
    for report_item in content.reports:
        shown = f"content/reports/{report_item.report.id}/observations.yml"
        if shown in blocked or shown not in content.failed:
            continue
        observations, opened = _without_open(project / shown)
        if observations is None:
            continue
        report_item.observations = observations
        content.failed.discard(shown)
        items = [i for i in items if i.problem.path != shown]
        lines: set[int] = set()
        for problem in explained:
            if problem.path == shown and problem.line not in lines:  # one item per line (model error, TODO field)
                lines.add(problem.line)
                paragraph, quote = opened.get(problem.line, (None, None))
                items.append(OpenItem(problem, report_item.report.id, paragraph, quote))
    return items, rest


def _without_open(path: Path) -> tuple[list[Observation] | None, dict[int, tuple[str | None, str | None]]]:
    """The observations of a file without its open items, and the (paragraph, quote) of each TODO line."""
    try:
        doc = load_yaml(path, path.name)
    except (YamlError, OSError):
        return None, {}
    rows = doc.data.get("observations") if isinstance(doc.data, dict) else None
    if not isinstance(rows, list):
        return None, {}
    kept: list[object] = []
    opened: dict[int, tuple[str | None, str | None]] = {}
    for index, row in enumerate(rows):
        todo = (
            [k for k, v in row.items() if isinstance(v, str) and v.startswith("TODO")] if isinstance(row, dict) else []
        )
        if todo:  # an open indicator, or another field a draft left (period: TODO 上半年)
            for key in todo:
                opened[doc.where(("observations", index, key))[0]] = (
                    _text(row.get("paragraph")),
                    _text(row.get("quote")),
                )
        else:
            kept.append(row)
    try:
        return list(ObservationsFile.model_validate({"observations": kept}).observations), opened
    except ValidationError:
        return None, {}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
