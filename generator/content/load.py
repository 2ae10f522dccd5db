"""Read every file of `content/` into typed models, collecting every problem before failing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from generator.content.messages import describe, problems_from
from generator.content.models import (
    Chapter,
    IgnoredFile,
    IgnoredMention,
    Indicator,
    Observation,
    ObservationsFile,
    Report,
)
from generator.content.yamlfile import Loc, YamlDoc, YamlError, load_yaml, read_limited
from generator.errors import ContentError, Problem, relpath

M = TypeVar("M", bound=BaseModel)

# Parsed and validated files by path, kept for the life of the process: `reportsite serve` rebuilds after
# every edit and re-parses only files whose bytes changed. Models are frozen, so sharing them is safe.
_parsed: dict[tuple[Path, str], tuple[bytes, BaseModel, YamlDoc]] = {}


@dataclass
class ReportContent:
    """One report folder: metadata, chapters in order, observations and ignored numbers."""

    report: Report
    chapters: list[Chapter]
    observations: list[Observation]
    ignored: list[IgnoredMention]
    report_doc: YamlDoc
    chapter_docs: list[YamlDoc]
    observations_doc: YamlDoc | None
    ignored_doc: YamlDoc | None


@dataclass
class Content:
    """Everything under `content/`, validated field by field (cross-checks come after)."""

    root: Path
    reports: list[ReportContent] = field(default_factory=list)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    indicator_docs: dict[str, YamlDoc] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)  # files (as shown in messages) that did not load

    def complete(self, prefix: str) -> bool:
        """True when every file whose shown path starts with `prefix` loaded (cross-checks can trust it)."""
        return not any(path.startswith(prefix) for path in self.failed)

    def report(self, report_id: str) -> ReportContent:
        """The report with this id (KeyError if absent)."""
        for item in self.reports:
            if item.report.id == report_id:
                return item
        raise KeyError(report_id)


class _Reader:
    """Parses files one by one, remembering problems instead of stopping at the first."""

    def __init__(self, project: Path):
        self.project = project
        self.problems: list[Problem] = []
        self.failed: set[str] = set()

    def fail(self, problem: Problem) -> None:
        self.problems.append(problem)
        self.failed.add(problem.path)

    def parse(self, path: Path, model: type[M], prefix: Loc = ()) -> tuple[M | None, YamlDoc | None]:
        shown = relpath(path, self.project)
        try:
            raw = read_limited(path)
        except OSError as exc:
            self.fail(Problem(shown, 1, 1, "", f"无法读取文件：{exc.strerror}"))
            return None, None
        except Exception as exc:  # never a traceback for an editor: name the file at least
            self.fail(Problem(shown, 1, 1, "", f"无法读取此文件（{type(exc).__name__}: {exc}）— 请检查文件格式"))
            return None, None
        digest = hashlib.sha256(raw).digest()
        slot = (path.resolve(), f"{model.__module__}.{model.__qualname__}{prefix}")
        cached = _parsed.get(slot)
        if cached is not None and cached[0] == digest and cached[2].path == shown:
            return cached[1], cached[2]  # type: ignore[return-value]
        try:
            doc = load_yaml(path, shown, raw)
        except YamlError as exc:
            self.fail(exc.problem)
            return None, None
        if not isinstance(doc.data, dict):
            self.fail(doc.problem((), f"文件内容应为映射（键: 值），实际为{describe(doc.data)}"))
            return None, doc
        try:
            parsed = model.model_validate(doc.data)
        except ValidationError as exc:
            for problem in problems_from(exc, doc, model, prefix):
                self.fail(problem)
            return None, doc
        except Exception as exc:  # a validator bug must still point at the file, not print a traceback
            self.fail(Problem(shown, 1, 1, "", f"无法校验此文件（{type(exc).__name__}: {exc}）"))
            return None, doc
        _parsed[slot] = (digest, parsed, doc)
        return parsed, doc


def _yaml_files(folder: Path) -> list[Path]:
    """YAML files of a folder in name order; .yaml is refused so there is one spelling."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".yml", ".yaml"))


def load_content(project: Path) -> Content:
    """Load `project/content`; raise ContentError listing every problem of every file."""
    content, problems = load_content_partial(project)
    if problems:
        raise ContentError(problems)
    return content


def load_content_partial(project: Path) -> tuple[Content, list[Problem]]:
    """Load every file that can be loaded and return the problems of the others.

    `reportsite validate` then runs the cross-file checks on what loaded, so an editor sees a broken
    file and a wrong quote elsewhere in one run; `Content.failed` tells those checks what to skip.
    """
    root = project / "content"
    reader = _Reader(project)
    content = Content(root=root)
    if not root.is_dir():
        raise ContentError([Problem("content", 1, 1, "", "找不到 content/ 文件夹")])
    _refuse_links(project, root)
    indicator_dir = root / "indicators"
    for path in _yaml_files(indicator_dir) if indicator_dir.is_dir() else []:
        _check_suffix(reader, path)
        indicator, doc = reader.parse(path, Indicator)
        if indicator is None or doc is None:
            continue
        if indicator.id != path.stem:
            reader.fail(doc.problem(("id",), f"id“{indicator.id}”应与文件名“{path.stem}”一致"))
            continue
        content.indicators[indicator.id] = indicator
        content.indicator_docs[indicator.id] = doc
    report_dir = root / "reports"
    for folder in sorted(p for p in report_dir.iterdir() if p.is_dir()) if report_dir.is_dir() else []:
        loaded = _load_report(reader, folder)
        if loaded is not None:
            content.reports.append(loaded)
    content.failed = reader.failed
    content.reports.sort(key=lambda r: (r.report.level != "city", -r.report.plan_year, r.report.id))
    return content, reader.problems


def _refuse_links(project: Path, root: Path) -> None:
    """Content comes from pull requests: a symbolic link could make the build read a file outside the
    repository (and print parts of it in messages), so none is followed, anywhere under content/."""
    links = sorted(p for p in root.rglob("*") if p.is_symlink())
    if links:
        message = "不允许使用符号链接 — 内容必须是仓库中的普通文件和文件夹"
        raise ContentError([Problem(p.relative_to(project).as_posix(), 1, 1, "", message) for p in links])


def _check_suffix(reader: _Reader, path: Path) -> None:
    if path.suffix != ".yml":
        shown = relpath(path, reader.project)
        reader.fail(Problem(shown, 1, 1, "", "文件扩展名应为 .yml"))


def _load_report(reader: _Reader, folder: Path) -> ReportContent | None:
    report_path = folder / "report.yml"
    if not report_path.is_file():
        shown = relpath(folder, reader.project)
        reader.fail(Problem(shown, 1, 1, "", "报告文件夹缺少 report.yml"))
        return None
    report, report_doc = reader.parse(report_path, Report)
    chapters: list[Chapter] = []
    chapter_docs: list[YamlDoc] = []
    chapter_dir = folder / "chapters"
    for path in _yaml_files(chapter_dir) if chapter_dir.is_dir() else []:
        _check_suffix(reader, path)
        chapter, doc = reader.parse(path, Chapter)
        if chapter is not None and doc is not None:
            chapters.append(chapter)
            chapter_docs.append(doc)
    observations: list[Observation] = []
    observations_doc = None
    if (folder / "observations.yml").is_file():
        parsed, observations_doc = reader.parse(folder / "observations.yml", ObservationsFile)
        observations = list(parsed.observations) if parsed else []
    ignored: list[IgnoredMention] = []
    ignored_doc = None
    if (folder / "ignored.yml").is_file():
        parsed_ignored, ignored_doc = reader.parse(folder / "ignored.yml", IgnoredFile)
        ignored = list(parsed_ignored.ignored) if parsed_ignored else []
    if report is None or report_doc is None:
        return None
    if report.id != folder.name:
        reader.fail(report_doc.problem(("id",), f"id“{report.id}”应与文件夹名“{folder.name}”一致"))
        return None
    return ReportContent(
        report, chapters, observations, ignored, report_doc, chapter_docs, observations_doc, ignored_doc
    )
