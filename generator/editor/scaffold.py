"""`reportsite new indicator|report`: a new content file that is valid as written, with every field explained.

Values come from command-line flags (CI and scripts have no terminal) or, for those missing when a
terminal is attached, from prompts. The file is checked with the same loader and model as
`reportsite validate` before it is put in place, so a scaffold never starts life broken.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.content.fielddocs import FIELD_DOCS
from generator.content.messages import problems_from
from generator.content.models import SLUG_PATTERN, Indicator, Report, Theme
from generator.content.schema import SCHEMA_DIR, modeline
from generator.content.yamlfile import YamlError, load_yaml
from generator.errors import ContentError, ReportsiteError, relpath
from generator.rules.vocabulary import COUNTS, COUNTS_LABEL


@dataclass(frozen=True)
class Field:
    """One field of a scaffold: its YAML name, its flag, whether it is required, how to read it."""

    name: str
    required: bool = True
    parse: Callable[[str], Any] = str

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


def _year(text: str) -> int:
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise ValueError(f"“{text}”不是年份 — 应为四位数字，如 2024")
    return int(text)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"“{text}”不是日期 — 格式 YYYY-MM-DD，如 2024-01-30") from None


def _aliases(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,，、]", text) if part.strip()]


INDICATOR_FIELDS = [
    Field("id"),
    Field("name"),
    Field("name_en"),
    Field("unit"),
    Field("theme"),
    Field("counts"),
    Field("definition"),
    Field("aliases", required=False, parse=_aliases),
]
REPORT_FIELDS = [
    Field("id"),
    Field("region"),
    Field("level"),
    Field("title"),
    Field("short_title"),
    Field("year_covered", parse=_year),
    Field("plan_year", parse=_year),
    Field("issuer"),
    Field("speaker", required=False),
    Field("date", parse=_date),
    Field("occasion", required=False),
    Field("publication", required=False),
    Field("seed"),
]


def collect(fields: list[Field], given: dict[str, str | None], ask: Callable[[str], str] | None) -> dict[str, Any]:
    """Field values from flags, prompting for missing required ones when `ask` is given (a terminal)."""
    values: dict[str, Any] = {}
    missing = []
    for field in fields:
        raw = given.get(field.name)
        if raw is None and ask is not None and field.required:
            raw = ask(f"{field.name}（{_doc_for(field.name)}）: ").strip() or None
        if raw is None:
            if field.required:
                missing.append(field.flag)
            continue
        try:
            values[field.name] = field.parse(raw)
        except ValueError as exc:
            raise ReportsiteError(f"{field.flag}: {exc}") from None
    if missing:
        raise ReportsiteError(f"缺少必填参数 {'、'.join(missing)} — 没有终端时（如 CI）必须用参数给出")
    return values


def _doc_for(name: str) -> str:
    for docs in FIELD_DOCS.values():
        if name in docs:
            return docs[name]
    return ""


def render(model: type[BaseModel], values: dict[str, Any], header: list[str], schema_line: str) -> str:
    """YAML text: the schema line, a header, then each field under a comment saying what it means.

    Optional fields without a value are written commented out, so the editor sees they exist.
    """
    docs = FIELD_DOCS[model.__name__]
    lines = [schema_line, *(f"# {line}" for line in header), ""]
    for name in model.model_fields:
        if name not in docs:
            continue
        lines.append(f"# {docs[name]}")
        if name in values:
            lines.append(yaml.safe_dump({name: values[name]}, allow_unicode=True, width=1000).rstrip("\n"))
        else:
            lines.append(f"# {name}:")
    return "\n".join(lines) + "\n"


def _check_slug(value: str, what: str) -> None:
    if not re.match(SLUG_PATTERN, value) or len(value) > 64:
        raise ReportsiteError(
            f"--id: “{value}”不是有效的{what} id — 只允许小写字母、数字和连字符（如 gdp、retail-sales）"
        )


def _write_checked(project: Path, target: Path, text: str, model: type[BaseModel]) -> None:
    """Validate `text` as the file it will become, then move it into place (never half-written)."""
    shown = relpath(target, project)
    if target.exists():
        raise ReportsiteError(f"{shown} 已存在 — 不会覆盖已有文件")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".new-", suffix=".yml", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            doc = load_yaml(tmp, shown)
        except YamlError as exc:
            raise ContentError([exc.problem]) from None
        try:
            model.model_validate(doc.data)
        except ValidationError as exc:
            raise ContentError(problems_from(exc, doc, model)) from None
        tmp.chmod(0o644)
        tmp.rename(target)
    finally:
        tmp.unlink(missing_ok=True)


def new_indicator(project: Path, given: dict[str, str | None], ask: Callable[[str], str] | None) -> list[Path]:
    """Write content/indicators/<id>.yml; returns the written path."""
    values = collect(INDICATOR_FIELDS, given, ask)
    _check_slug(values["id"], "指标")
    if values["theme"] not in {t.value for t in Theme}:
        allowed = "、".join(t.value for t in Theme)
        raise ReportsiteError(f"--theme: “{values['theme']}”不是允许的主题 — 允许：{allowed}")
    if values["counts"] not in COUNTS:
        allowed = "、".join(f"{word}（{COUNTS_LABEL[word]}）" for word in COUNTS)
        raise ReportsiteError(f"--counts: “{values['counts']}”不是允许的值 — 允许：{allowed}")
    target = project / "content" / "indicators" / f"{values['id']}.yml"
    header = [
        "新指标（reportsite new indicator 生成）。每个字段上方的注释说明它的含义。",
        "观测值在各报告的 observations.yml 中用 indicator: " + values["id"] + " 引用本指标。",
    ]
    text = render(Indicator, values, header, str(modeline(target, project / SCHEMA_DIR)))
    _write_checked(project, target, text, Indicator)
    return [target]


def new_report(project: Path, given: dict[str, str | None], ask: Callable[[str], str] | None) -> list[Path]:
    """Write content/reports/<id>/ with report.yml, an empty observations.yml and ignored.yml."""
    values = collect(REPORT_FIELDS, given, ask)
    _check_slug(values["id"], "报告")
    if values["level"] not in ("city", "district"):
        raise ReportsiteError(f"--level: “{values['level']}”不是允许的值 — 允许：city（市）、district（区）")
    seed = project / "seeds" / values["seed"]
    if "/" in values["seed"] or "\\" in values["seed"] or not seed.is_file():
        raise ReportsiteError(f"--seed: seeds/ 中没有文件“{values['seed']}” — 请先把原文 .txt 放进 seeds/")
    values["seed_sha256"] = hashlib.sha256(seed.read_bytes()).hexdigest()
    folder = project / "content" / "reports" / values["id"]
    if folder.exists():
        raise ReportsiteError(f"{relpath(folder, project)} 已存在 — 不会覆盖已有报告")
    schemas = project / SCHEMA_DIR
    header = [
        "新报告（reportsite new report 生成）。每个字段上方的注释说明它的含义。",
        f"章节草稿：reportsite extract seeds/{values['seed']} --out drafts/{values['id']}，",
        "核对后把 chapters/、observations.yml、ignored.yml 复制到本文件夹。",
    ]
    report_path = folder / "report.yml"
    _write_checked(project, report_path, render(Report, values, header, str(modeline(report_path, schemas))), Report)
    written = [report_path]
    for name, key, doc in (
        ("observations.yml", "observations", "本报告的观测值：每个数字一项，附原文摘录（见 CONTRIBUTING.md）"),
        ("ignored.yml", "ignored", "原文中不作为观测值的数字及原因"),
    ):
        path = folder / name
        path.write_text(f"{modeline(path, schemas)}\n# {doc}\n{key}: []\n", encoding="utf-8")
        written.append(path)
    (folder / "chapters").mkdir(exist_ok=True)
    return written
