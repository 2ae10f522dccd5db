"""JSON Schemas for editors: generated from the models, committed, current, referenced by every
content file and published with the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from test_editor_mistakes import schema_errors

from conftest import ROOT
from generator.cli import main
from generator.content.fielddocs import FIELD_DOCS, MODEL_DOCS
from generator.content.schema import KINDS, MODELINE, SCHEMA_DIR, content_files, kind_of, modeline, schema_files
from generator.content.yamlfile import load_yaml


def test_committed_schemas_are_the_generated_ones():
    generated = schema_files()
    committed = {f"{SCHEMA_DIR}/{p.name}": p.read_bytes() for p in (ROOT / SCHEMA_DIR).glob("*.json")}
    assert committed == generated, "run `reportsite schema` and commit schemas/"


def test_every_schema_is_a_valid_draft_2020_12_schema():
    for kind in KINDS.values():
        schema = json.loads((ROOT / SCHEMA_DIR / kind.file).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["additionalProperties"] is False


def test_every_field_of_every_model_is_explained_in_chinese():
    models = {kind.model for kind in KINDS.values()}
    seen: set[type] = set()
    while models:
        model = models.pop()
        seen.add(model)
        assert model.__name__ in MODEL_DOCS
        assert set(FIELD_DOCS[model.__name__]) == set(model.model_fields), model.__name__
        for field in model.model_fields.values():
            for arg in [field.annotation, *getattr(field.annotation, "__args__", ())]:
                for inner in [arg, *getattr(arg, "__args__", ())]:
                    if isinstance(inner, type) and hasattr(inner, "model_fields") and inner not in seen:
                        models.add(inner)
    assert {m.__name__ for m in seen} == {
        "Report", "Paragraph", "Chapter", "Section", "Indicator", "ObservationsFile", "Observation",
        "IgnoredFile", "IgnoredMention",
    }  # fmt: skip


def test_every_content_file_starts_with_its_schema_line():
    files = content_files(ROOT)
    assert len(files) > 300
    all_yaml = sorted((ROOT / "content").rglob("*.yml"))
    assert files == all_yaml, "every content YAML file has a kind"
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        kind = kind_of(path)
        assert kind is not None
        assert first == modeline(path, ROOT / SCHEMA_DIR), path
        target = (path.parent / first.removeprefix(MODELINE)).resolve()
        assert target == (ROOT / SCHEMA_DIR / kind.file).resolve() and target.is_file()


@pytest.mark.slow  # every real content file through jsonschema
def test_every_real_content_file_satisfies_its_schema():
    for path in content_files(ROOT):
        assert schema_errors(path) == [], path


def test_the_schema_line_keeps_line_numbers_right(tmp_path: Path):
    path = tmp_path / "content" / "indicators" / "x.yml"
    path.parent.mkdir(parents=True)
    path.write_text(f"{MODELINE}../../schemas/indicator.schema.json\nid: x\nname: 名\n", encoding="utf-8")
    doc = load_yaml(path, "content/indicators/x.yml")
    assert doc.data == {"id": "x", "name": "名"}
    assert doc.where(("name",)) == (3, 7)


def test_reportsite_schema_repairs_lines_and_schemas_and_check_reports_drift(tmp_path: Path, capsys):
    project = tmp_path / "p"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / SCHEMA_DIR, project / SCHEMA_DIR)
    shutil.copy(ROOT / "mkdocs.yml", project)
    assert main(["--project", str(project), "schema", "--check"]) == 0
    gdp = project / "content/indicators/gdp.yml"
    original = gdp.read_text(encoding="utf-8")
    gdp.write_text(original.split("\n", 1)[1], encoding="utf-8")  # an editor deleted the first line
    (project / SCHEMA_DIR / "report.schema.json").write_text("{}\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--project", str(project), "schema", "--check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/indicators/gdp.yml:1:1: 第一行应为“# yaml-language-server: $schema=../../schemas/indicator.schema.json”"
        " — 运行 reportsite schema 可自动写入",
        "schemas/report.schema.json:1:1: 不是由模型生成的最新版本 — 请运行 reportsite schema",
        "内容校验失败：2 个问题。",
    ]
    assert main(["--project", str(project), "schema", "--check", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "::error file=content/indicators/gdp.yml,line=1,col=1,title=内容校验::第一行应为“# yaml-language-server: "
        "$schema=../../schemas/indicator.schema.json” — 运行 reportsite schema 可自动写入"
    )
    assert main(["--project", str(project), "schema"]) == 0
    assert gdp.read_text(encoding="utf-8") == original
    assert main(["--project", str(project), "schema", "--check"]) == 0


def test_extract_drafts_point_at_the_schemas(tmp_path: Path):
    out = tmp_path / "drafts" / "futian-2024"
    assert main(["--project", str(ROOT), "extract", str(ROOT / "seeds/futian-2024.txt"), "--out", str(out)]) == 0
    drafts = sorted(out.rglob("*.yml"))
    assert len([p for p in drafts if p.parent.name != "indicators"]) == 6  # and indicators/new-N.yml proposals
    for path in drafts:
        line = path.read_text(encoding="utf-8").split("\n", 1)[0]
        kind = kind_of(path)
        assert kind is not None and line.startswith(MODELINE)
        assert (path.parent / line.removeprefix(MODELINE)).resolve() == (ROOT / SCHEMA_DIR / kind.file).resolve()


def test_schemas_are_published_with_the_site(real_site: Path):
    for kind in KINDS.values():
        published = real_site / "site" / SCHEMA_DIR / kind.file
        assert published.read_bytes() == (ROOT / SCHEMA_DIR / kind.file).read_bytes()
