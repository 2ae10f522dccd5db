"""`reportsite diff BASE`: what a change does to the data, for a reviewer who does not read YAML.

The content at a git revision is taken with `git archive` (local, no network) into a temporary
folder and loaded like the working tree; then observations, paragraphs, indicators and reports are
compared by identity. Files that do not load on either side are left out and said so.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.load import Content, load_content_partial
from generator.content.models import Indicator, Observation
from generator.errors import ReportsiteError
from generator.rules.display import observation_value

OBS_FIELDS = [name for name in Observation.model_fields if name not in ("indicator", "period", "kind", "measure")]
SNIPPET = 24  # characters of context shown around a change in a paragraph


@dataclass(frozen=True)
class ObsChange:
    """One observation added (before None), removed (after None) or changed."""

    report: str
    indicator: str
    indicator_name: str
    period: str
    kind: str
    measure: str
    before: Observation | None
    after: Observation | None

    @property
    def status(self) -> str:
        return "新增" if self.before is None else "删除" if self.after is None else "修改"

    @property
    def changed_fields(self) -> list[str]:
        if self.before is None or self.after is None:
            return []
        return [f for f in OBS_FIELDS if getattr(self.before, f) != getattr(self.after, f)]


@dataclass(frozen=True)
class ParagraphChange:
    """One paragraph whose text or note changed (or that was added or removed)."""

    report: str
    chapter: str
    paragraph: str
    before: str | None
    after: str | None

    @property
    def status(self) -> str:
        return "新增" if self.before is None else "删除" if self.after is None else "修改"


@dataclass(frozen=True)
class IndicatorChange:
    indicator: str
    before: Indicator | None
    after: Indicator | None

    @property
    def status(self) -> str:
        return "新增" if self.before is None else "删除" if self.after is None else "修改"


@dataclass
class ContentDiff:
    """Everything that differs between two states of content/."""

    base: str
    observations: list[ObsChange] = field(default_factory=list)
    paragraphs: list[ParagraphChange] = field(default_factory=list)
    indicators: list[IndicatorChange] = field(default_factory=list)
    reports: list[tuple[str, str]] = field(default_factory=list)  # (status, report id)
    skipped: list[str] = field(default_factory=list)  # files that did not load, on either side

    @property
    def empty(self) -> bool:
        return not (self.observations or self.paragraphs or self.indicators or self.reports)


def content_at(project: Path, revision: str, into: Path) -> Path:
    """Extract `content/` as it was at a git revision into `into`; return that project root."""
    try:
        result = subprocess.run(
            ["git", "archive", "--format=tar", revision, "--", "content"],
            cwd=project,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise ReportsiteError("找不到 git 命令 — reportsite diff 需要 git") from None
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReportsiteError(
            f"无法读取 git 版本“{revision}”中的 content/：{reason[-1] if reason else '未知原因'}"
            " — 请给出存在的提交、分支或标签，如 origin/main"
        )
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        archive.extractall(into, filter="data")
    return into


def diff_revision(project: Path, revision: str) -> ContentDiff:
    """Compare content/ at `revision` with the working tree."""
    after, after_problems = load_content_partial(project)
    with tempfile.TemporaryDirectory(prefix="reportsite-diff-") as tmp:
        before, before_problems = load_content_partial(content_at(project, revision, Path(tmp)))
    result = diff_content(before, after, revision)
    result.skipped = sorted({f"{revision}: {p.path}" for p in before_problems} | {p.path for p in after_problems})
    return result


def diff_content(before: Content, after: Content, base: str) -> ContentDiff:
    """The differences between two loaded contents (pure; the tests call it directly too)."""
    result = ContentDiff(base)
    names = {**{k: v.name for k, v in before.indicators.items()}, **{k: v.name for k, v in after.indicators.items()}}
    old_reports = {r.report.id: r for r in before.reports}
    new_reports = {r.report.id: r for r in after.reports}
    for rid in sorted(old_reports.keys() - new_reports.keys()):
        result.reports.append(("删除", rid))
    for rid in sorted(new_reports.keys() - old_reports.keys()):
        result.reports.append(("新增", rid))
    for rid in sorted(old_reports.keys() | new_reports.keys()):
        old = old_reports.get(rid)
        new = new_reports.get(rid)
        folder = f"content/reports/{rid}/"
        # A file that did not load on one side would look like everything in it was removed or added.
        if _loaded(before, after, folder + "observations.yml"):
            result.observations += _observation_changes(
                rid, old.observations if old else [], new.observations if new else [], names
            )
        if _loaded(before, after, folder + "chapters/") and _loaded(before, after, folder + "report.yml"):
            result.paragraphs += _paragraph_changes(rid, _paragraphs(old), _paragraphs(new))
    for iid in sorted(before.indicators.keys() | after.indicators.keys()):
        a, b = before.indicators.get(iid), after.indicators.get(iid)
        if a != b and _loaded(before, after, f"content/indicators/{iid}.y"):
            result.indicators.append(IndicatorChange(iid, a, b))
    return result


def _loaded(before: Content, after: Content, prefix: str) -> bool:
    return before.complete(prefix) and after.complete(prefix)


def _obs_key(obs: Observation) -> tuple[str, str, str, str]:
    return (obs.indicator, obs.period, obs.kind, obs.measure)


def _observation_changes(
    report: str, before: list[Observation], after: list[Observation], names: dict[str, str]
) -> list[ObsChange]:
    """Pair observations by (indicator, period, kind, measure); identical ones first, the rest in order."""
    groups: dict[tuple[str, str, str, str], tuple[list[Observation], list[Observation]]] = {}
    for obs in before:
        groups.setdefault(_obs_key(obs), ([], []))[0].append(obs)
    for obs in after:
        groups.setdefault(_obs_key(obs), ([], []))[1].append(obs)
    changes = []
    for key, (old, new) in groups.items():
        old_left = list(old)
        new_left = []
        for obs in new:
            if obs in old_left:
                old_left.remove(obs)
            else:
                new_left.append(obs)
        pairs: list[tuple[Observation | None, Observation | None]] = list(zip(old_left, new_left, strict=False))
        pairs += [(o, None) for o in old_left[len(new_left) :]]
        pairs += [(None, n) for n in new_left[len(old_left) :]]
        for a, b in pairs:
            changes.append(ObsChange(report, key[0], names.get(key[0], key[0]), key[1], key[2], key[3], a, b))
    return changes


def _paragraphs(item) -> dict[str, tuple[str, str]]:
    """paragraph id → (chapter label, text with its note) for one report (empty when absent)."""
    if item is None:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for paragraph in item.report.front_matter:
        out[paragraph.id] = ("卷首", _paragraph_text(paragraph))
    for chapter in item.chapters:
        label = f"{chapter.number}、{chapter.title}"
        for _, paragraph in chapter.located_paragraphs():
            out[paragraph.id] = (label, _paragraph_text(paragraph))
    return out


def _paragraph_text(paragraph) -> str:
    return paragraph.full_text + (f"〔编者注：{paragraph.note}〕" if paragraph.note else "")


def _paragraph_changes(
    report: str, before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]]
) -> list[ParagraphChange]:
    changes = []
    for pid in [*before, *(p for p in after if p not in before)]:
        old, new = before.get(pid), after.get(pid)
        if old is not None and new is not None and old[1] == new[1]:
            continue
        chapter = (new or old or ("", ""))[0]
        changes.append(ParagraphChange(report, chapter, pid, old[1] if old else None, new[1] if new else None))
    return changes


def snippets(before: str, after: str, context: int = SNIPPET) -> tuple[str, str]:
    """The changed part of two texts with a little context on each side, elided with …"""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1

    def cut(text: str) -> str:
        lo, hi = max(0, start - context), min(len(text), len(text) - end + context)
        return ("…" if lo > 0 else "") + text[lo:hi] + ("…" if hi < len(text) else "")

    return cut(before), cut(after)


def _short(text: str, limit: int = 2 * SNIPPET) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def show_value(obs: Observation | None) -> str:
    """An observation's number as a reader would say it: 约 3.46 万亿元, or its qualitative text."""
    if obs is None:
        return "—"
    return observation_value(obs)


def _obs_detail(change: ObsChange) -> tuple[str, str]:
    """Before and after for the table: the value, plus any other changed field by name."""
    if change.before is None or change.after is None:
        return show_value(change.before), show_value(change.after)
    fields = change.changed_fields
    before, after = [], []
    if {"value", "unit", "qualifier", "text"} & set(fields):
        before.append(show_value(change.before))
        after.append(show_value(change.after))
    for name in fields:
        if name in ("value", "unit", "qualifier", "text"):
            continue
        a, b = getattr(change.before, name), getattr(change.after, name)
        if name == "quote" and a and b:
            a, b = snippets(a, b, 8)
        before.append(f"{name}: {_short(str(a))}")
        after.append(f"{name}: {_short(str(b))}")
    return "；".join(before), "；".join(after)


def _indicator_detail(change: IndicatorChange) -> str:
    if change.before is None or change.after is None:
        item = change.after or change.before
        assert item is not None
        return f"{item.name}（{item.unit}）"
    parts = []
    for name in Indicator.model_fields:
        a, b = getattr(change.before, name), getattr(change.after, name)
        if a != b:
            parts.append(f"{name}: {_short(str(a))} → {_short(str(b))}")
    return "；".join(parts)


def _counts(statuses: list[str]) -> str:
    return "、".join(f"{s} {statuses.count(s)}" for s in ("新增", "删除", "修改") if statuses.count(s))


def _summary(diff: ContentDiff) -> str:
    parts = []
    if diff.reports:
        parts.append(f"报告 {_counts([status for status, _ in diff.reports])}")
    if diff.indicators:
        parts.append(f"指标 {_counts([c.status for c in diff.indicators])}")
    parts.append(f"观测值 {_counts([c.status for c in diff.observations]) or '无变化'}")
    parts.append(f"段落 {_counts([c.status for c in diff.paragraphs]) or '无变化'}")
    return "；".join(parts)


def _cell(text: str) -> str:
    """Markdown table cell: no line breaks, pipes and angle brackets escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", " ")
        .replace("\n", " ")
    )


def to_markdown(diff: ContentDiff) -> str:
    """The diff as GitHub-flavoured Markdown, for the pull request's job summary."""
    lines = [f"## 内容变化（与 `{_cell(diff.base)}` 相比）", "", _summary(diff), ""]
    if diff.empty:
        lines += ["content/ 中的数据和正文没有变化。", ""]
    if diff.reports:
        lines += ["### 报告", "", *(f"- {status}：`{rid}`" for status, rid in diff.reports), ""]
    if diff.indicators:
        lines += ["### 指标", "", "| 变化 | 指标 | 内容 |", "|---|---|---|"]
        lines += [f"| {c.status} | `{c.indicator}` | {_cell(_indicator_detail(c))} |" for c in diff.indicators]
        lines.append("")
    if diff.observations:
        lines += [
            "### 观测值",
            "",
            "| 变化 | 报告 | 指标 | 时期 | 类型 · 量度 | 之前 | 之后 |",
            "|---|---|---|---|---|---|---|",
        ]
        for c in diff.observations:
            before, after = _obs_detail(c)
            lines.append(
                f"| {c.status} | `{c.report}` | {_cell(c.indicator_name)} (`{c.indicator}`) | {c.period} "
                f"| {c.kind} · {c.measure} | {_cell(before)} | {_cell(after)} |"
            )
        lines.append("")
    if diff.paragraphs:
        lines += ["### 段落", "", "| 变化 | 报告 | 章 | 段落 | 之前 | 之后 |", "|---|---|---|---|---|---|"]
        for p in diff.paragraphs:
            before, after = _paragraph_snippets(p)
            lines.append(
                f"| {p.status} | `{p.report}` | {_cell(_short(p.chapter, 20))} | `{p.paragraph}` "
                f"| {_cell(before)} | {_cell(after)} |"
            )
        lines.append("")
    if diff.skipped:
        lines += ["以下文件无法读取，未计入比较（请运行 `reportsite validate`）：", ""]
        lines += [f"- `{_cell(path)}`" for path in diff.skipped]
        lines.append("")
    return "\n".join(lines)


def _paragraph_snippets(change: ParagraphChange) -> tuple[str, str]:
    if change.before is not None and change.after is not None:
        return snippets(change.before, change.after)
    return _short(change.before or "—"), _short(change.after or "—")


def to_text(diff: ContentDiff) -> str:
    """The diff as plain text, one change per line, for a terminal."""
    lines = [f"内容变化（与 {diff.base} 相比）：{_summary(diff)}"]
    for status, rid in diff.reports:
        lines.append(f"  报告 {status} {rid}")
    for c in diff.indicators:
        lines.append(f"  指标 {c.status} {c.indicator}：{_indicator_detail(c)}")
    for o in diff.observations:
        before, after = _obs_detail(o)
        lines.append(
            f"  观测值 {o.status} {o.report} {o.indicator} {o.period} {o.kind}/{o.measure}：{before} → {after}"
        )
    for p in diff.paragraphs:
        before, after = _paragraph_snippets(p)
        lines.append(f"  段落 {p.status} {p.report} {p.chapter} {p.paragraph}：{before} → {after}")
    for path in diff.skipped:
        lines.append(f"  未计入（无法读取）：{path}")
    return "\n".join(lines) + "\n"
