"""JSON Schemas of the content files, generated from the pydantic models, and the editor modelines.

Editors (VS Code with the YAML extension, and anything else built on yaml-language-server) read the
first line `# yaml-language-server: $schema=…` of a content file and then autocomplete field names,
show the Chinese description of each field on hover and underline mistakes while typing. The
schemas are generated from `models.py` (a test checks the committed copies in `schemas/` are current)
and published with the site under `schemas/`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from generator.content.fielddocs import FIELD_DOCS, MODEL_DOCS
from generator.content.models import PERIOD_RE, Chapter, IgnoredFile, Indicator, ObservationsFile, Report

SCHEMA_DIR = "schemas"
MODELINE = "# yaml-language-server: $schema="
DRAFT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class Kind:
    """One kind of content file: its model, its schema file and what it holds."""

    name: str
    model: type[BaseModel]
    title: str

    @property
    def file(self) -> str:
        return f"{self.name}.schema.json"


KINDS = {
    "report": Kind("report", Report, "报告元数据（content/reports/<报告 id>/report.yml）"),
    "chapter": Kind("chapter", Chapter, "一章的全文（content/reports/<报告 id>/chapters/NN.yml）"),
    "observations": Kind("observations", ObservationsFile, "报告的观测值（observations.yml）"),
    "ignored": Kind("ignored", IgnoredFile, "不作为观测值的数字（ignored.yml）"),
    "indicator": Kind("indicator", Indicator, "指标（content/indicators/<指标 id>.yml）"),
}


def kind_of(path: PurePosixPath | Path) -> Kind | None:
    """The kind of a content (or draft) file from where it sits: works for content/ and drafts/."""
    if path.suffix != ".yml":
        return None
    if path.parent.name == "indicators":
        return KINDS["indicator"]
    if path.parent.name == "chapters":
        return KINDS["chapter"]
    return {
        "report.yml": KINDS["report"],
        "observations.yml": KINDS["observations"],
        "ignored.yml": KINDS["ignored"],
    }.get(path.name)


def schema_for(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind of file, with every field described in Chinese."""
    schema = kind.model.model_json_schema(mode="validation")
    _describe(schema)
    for sub in schema.get("$defs", {}).values():
        _describe(sub)
    if kind.model is ObservationsFile:
        _observation_rules(schema["$defs"]["Observation"])
    return {"$schema": DRAFT, "title": kind.title, **{k: v for k, v in schema.items() if k != "title"}}


def _describe(schema: dict[str, Any]) -> None:
    name = schema.get("title", "")
    if name in MODEL_DOCS:
        schema["description"] = MODEL_DOCS[name]
    docs = FIELD_DOCS.get(name, {})
    for name, prop in schema.get("properties", {}).items():
        if name in docs:
            prop["description"] = docs[name]
            prop.pop("title", None)


def _observation_rules(obs: dict[str, Any]) -> None:
    """What the model checks in Python but a schema can also say: periods as written in YAML, value/unit."""
    obs["properties"]["period"] = {
        "description": obs["properties"]["period"]["description"],
        "anyOf": [
            {"type": "integer", "minimum": 1000, "maximum": 9999},
            {"type": "string", "pattern": PERIOD_RE.pattern},
        ],
    }
    obs["anyOf"] = [{"required": ["value"]}, {"required": ["text"]}]
    obs["dependentRequired"] = {"value": ["unit"]}


def schema_text(kind: Kind) -> str:
    """The schema as committed and published: stable key order, readable Chinese, final newline."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def schema_files() -> dict[str, bytes]:
    """`schemas/<kind>.schema.json` for every kind, for the site and for `reportsite schema`."""
    return {f"{SCHEMA_DIR}/{kind.file}": schema_text(kind).encode("utf-8") for kind in KINDS.values()}


def modeline(path: Path, schema_dir: Path) -> str | None:
    """The first line a content file should have, pointing at its schema relative to the file."""
    kind = kind_of(path)
    if kind is None:
        return None
    relative = os.path.relpath(schema_dir.resolve() / kind.file, path.resolve().parent)
    return MODELINE + Path(relative).as_posix()


def with_modeline(text: str, line: str) -> str:
    """`text` whose first line is `line`: an existing modeline is replaced, otherwise one is added."""
    if text.startswith(MODELINE):
        rest = text.split("\n", 1)[1] if "\n" in text else ""
        return f"{line}\n{rest}"
    return f"{line}\n{text}"


def content_files(project: Path) -> list[Path]:
    """Every YAML file under content/ that has a schema, in a stable order."""
    root = project / "content"
    return sorted(p for p in root.rglob("*.yml") if kind_of(p) is not None) if root.is_dir() else []


def add_modelines(files: list[Path], schema_dir: Path, write: bool = True) -> list[Path]:
    """Give each file its modeline; return the files that lacked it (or had a wrong one)."""
    changed = []
    for path in files:
        line = modeline(path, schema_dir)
        if line is None:
            continue
        text = path.read_text(encoding="utf-8")
        updated = with_modeline(text, line)
        if updated != text:
            changed.append(path)
            if write:
                path.write_text(updated, encoding="utf-8")
    return changed


def write_schemas(project: Path, write: bool = True) -> list[Path]:
    """Write `schemas/*.json` (only when different); return the files that were (or would be) changed."""
    changed = []
    for relative, data in schema_files().items():
        target = project / relative
        if target.is_file() and target.read_bytes() == data:
            continue
        changed.append(target)
        if write:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return changed
