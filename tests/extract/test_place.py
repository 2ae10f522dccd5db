"""The review loop: `reportsite place` puts a draft into a project, and open items never reach the site.

Runs the CLI in-process on a tiny project (tests/conftest.py) with the extract fixture
tests/extract/fixtures/gov-work-report.txt (a fixture, never published).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from generator.cli import main
from tests.conftest import mini_files, write_project

FIXTURE = Path(__file__).parent / "fixtures" / "gov-work-report.txt"
MANIFEST = "seeds:\n  - file: mini-2024.txt\n    original_name: mini.txt\n    sha256: {sha}\n"


def _project(tmp_path: Path) -> Path:
    files = mini_files()
    files["seeds/manifest.yml"] = MANIFEST.format(sha=hashlib.sha256(files["seeds/mini-2024.txt"]).hexdigest())
    return write_project(tmp_path / "proj", files)


def _draft(project: Path, tmp_path: Path, capsys) -> Path:
    draft = tmp_path / "drafts" / "gov"
    assert main(["--project", str(project), "extract", str(FIXTURE), "--out", str(draft)]) == 0
    capsys.readouterr()
    return draft


def _tree(project: Path) -> dict[str, bytes]:
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for folder in ("content", "seeds")
        for p in sorted((project / folder).rglob("*"))
        if p.is_file()
    }


def test_place_puts_seed_manifest_report_and_new_indicators(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    draft = _draft(project, tmp_path, capsys)
    args = ["--project", str(project), "place", str(draft), "--seed", str(FIXTURE), "--id", "gov-2024"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "已放置 content/reports/gov-2024" in out and "处待确认的指标" in out
    seed = project / "seeds" / "gov-2024.txt"
    assert seed.read_bytes() == FIXTURE.read_bytes()
    manifest = yaml.safe_load((project / "seeds" / "manifest.yml").read_text(encoding="utf-8"))
    entry = manifest["seeds"][-1]
    assert manifest["seeds"][0]["file"] == "mini-2024.txt"  # the existing entry is kept
    assert entry["file"] == "gov-2024.txt" and entry["original_name"] == FIXTURE.name
    assert entry["sha256"] == hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    report_dir = project / "content" / "reports" / "gov-2024"
    report = yaml.safe_load((report_dir / "report.yml").read_text(encoding="utf-8"))
    assert report["id"] == "gov-2024" and report["seed"] == "gov-2024.txt"
    assert report["seed_sha256"] == entry["sha256"]
    assert sorted(p.name for p in (report_dir / "chapters").iterdir()) == ["01.yml", "02.yml"]
    # one proposed indicator per concept, renamed so that two placed reports never clash
    new = project / "content" / "indicators" / "new-gov-2024-1.yml"
    assert yaml.safe_load(new.read_text(encoding="utf-8"))["id"] == "new-gov-2024-1"
    observations = (report_dir / "observations.yml").read_text(encoding="utf-8")
    assert "| 候选 new-gov-2024-1" in observations and "候选 new-1" not in observations
    # the placed files point at the project's schemas
    assert (
        (report_dir / "report.yml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../../../schemas/report.schema.json")
    )


def test_place_refuses_an_existing_id_and_writes_nothing(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    draft = _draft(project, tmp_path, capsys)
    before = _tree(project)
    assert main(["--project", str(project), "place", str(draft), "--seed", str(FIXTURE), "--id", "mini-2024"]) == 1
    err = capsys.readouterr().err
    assert "不能放置草稿，未写入任何文件" in err and "content/reports/mini-2024 已存在" in err
    assert _tree(project) == before


def test_place_refuses_to_overwrite_a_different_seed_or_indicator(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    draft = _draft(project, tmp_path, capsys)
    (project / "seeds" / "gov-2024.txt").write_text("另一份原文\n", encoding="utf-8")
    (project / "content" / "indicators" / "new-gov-2024-1.yml").write_text("id: new-gov-2024-1\n", encoding="utf-8")
    before = _tree(project)
    assert main(["--project", str(project), "place", str(draft), "--seed", str(FIXTURE), "--id", "gov-2024"]) == 1
    err = capsys.readouterr().err
    assert "seeds/gov-2024.txt 已存在且内容不同" in err
    assert "content/indicators/new-gov-2024-1.yml 已存在" in err
    assert _tree(project) == before


def test_place_refuses_a_draft_of_another_seed(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    draft = _draft(project, tmp_path, capsys)
    other = tmp_path / "other.txt"
    other.write_bytes(FIXTURE.read_bytes() + "多一行。\n".encode())
    before = _tree(project)
    assert main(["--project", str(project), "place", str(draft), "--seed", str(other)]) == 1
    err = capsys.readouterr().err
    assert "report.yml: seed_sha256: 与" in err and "不符" in err
    assert _tree(project) == before
    assert main(["--project", str(project), "place", str(tmp_path / "nowhere")]) == 1
    assert "找不到草稿文件夹" in capsys.readouterr().err


def test_extract_place_in_one_step_then_build_refuses_open_items(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    site_before = project / "site"
    draft = tmp_path / "drafts" / "gov"
    args = ["--project", str(project), "extract", str(FIXTURE), "--out", str(draft), "--place", "--id", "gov-2024"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(["--project", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "待确认的指标：“新增国家级专精特新“小巨人”企业” — 候选：new-gov-2024-1" in err
    assert "content/indicators/new-gov-2024-1.yml:4:1: name_en: 待补全" in err
    assert "处待确认的指标" in err and "个字段待补全（TODO）" in err
    assert not site_before.exists()  # nothing published


def test_the_publication_read_from_the_seed_is_written_once_for_both_places(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    draft = _draft(project, tmp_path, capsys)
    assert main(["--project", str(project), "place", str(draft), "--seed", str(FIXTURE), "--id", "gov-2024"]) == 0
    out = capsys.readouterr().out
    manifest = yaml.safe_load((project / "seeds" / "manifest.yml").read_text(encoding="utf-8"))["seeds"]
    assert manifest[-1]["publication"] == "深圳特区报 2024年1月31日 第A01版"
    # place lists the TODO fields it placed, and says what becomes of the draft folder
    assert "待补全 content/indicators/new-gov-2024-1.yml:4: name_en" in out
    assert "个字段待补全（TODO，见上）" in out and "可删除草稿文件夹" in out


def test_validate_lists_the_manifest_publication_left_todo(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    draft = _draft(project, tmp_path, capsys)
    report = draft / "report.yml"  # a seed without a newspaper line: no publication read
    report.write_text(
        "".join(line for line in report.read_text(encoding="utf-8").splitlines(keepends=True)
                if not line.startswith("publication:")),
        encoding="utf-8",
    )  # fmt: skip
    assert main(["--project", str(project), "place", str(draft), "--seed", str(FIXTURE), "--id", "gov-2024"]) == 0
    capsys.readouterr()
    manifest = (project / "seeds" / "manifest.yml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(manifest, start=1) if text.strip().startswith("publication: TODO"))
    assert main(["--project", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert f"seeds/manifest.yml:{line}:5: publication: 待补全：仍是草稿占位 TODO" in err
    # once written, it is no longer listed
    fixed = "\n".join(
        t.replace("TODO（出处：报纸版面、会议、日期或网址）", "深圳特区报 2024年1月31日") for t in manifest
    )
    (project / "seeds" / "manifest.yml").write_text(fixed + "\n", encoding="utf-8")
    main(["--project", str(project), "validate"])
    assert "seeds/manifest.yml" not in capsys.readouterr().err
