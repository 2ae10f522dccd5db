"""`reportsite validate` lists every open item of a draft with its candidates and ends with the count."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "gov-work-report.txt"


def test_validate_lists_open_items_with_candidates(tmp_path: Path, capsys) -> None:
    project = tmp_path / "project"
    for name in ("content", "seeds"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copy(FIXTURE, project / "seeds" / "gov-2024.txt")
    draft = project / "content" / "reports" / "gov-2024"
    assert (
        main(["--project", str(project), "extract", str(project / "seeds" / "gov-2024.txt"), "--out", str(draft)]) == 0
    )
    capsys.readouterr()
    observations = draft / "observations.yml"
    text = observations.read_text(encoding="utf-8")
    assert "# 依据（gdp）：名称“地区生产总值”\n- indicator: gdp\n" in text
    observations.write_text(
        text.replace("indicator: gdp\n", "indicator: TODO 地区生产总值 | 候选 gdp, budget-revenue\n", 1)
    )
    assert main(["--project", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert (
        "observations[0].indicator: 待确认的指标：“地区生产总值” — 候选：gdp（地区生产总值）、budget-revenue（一般公共预算收入）"
        in err
    )
    assert "还有 1 处待确认的指标" in err.splitlines()[-1]


def test_the_preview_sets_open_items_aside_and_build_keeps_refusing(tmp_path: Path, capsys) -> None:
    """`check_preview` (serve) builds a placed draft without its open observations; `check` (build) refuses it."""
    import hashlib

    import pytest

    from generator.build import check, check_preview
    from generator.errors import ContentError
    from tests.conftest import mini_files, write_project

    files = mini_files()
    sha = hashlib.sha256(files["seeds/mini-2024.txt"]).hexdigest()
    files["seeds/manifest.yml"] = f"seeds:\n  - file: mini-2024.txt\n    original_name: mini.txt\n    sha256: {sha}\n"
    project = write_project(tmp_path / "p", files)
    args = [
        "--project",
        str(project),
        "extract",
        str(FIXTURE),
        "--out",
        str(tmp_path / "d"),
        "--place",
        "--id",
        "g-2024",
    ]
    assert main(args) == 0
    observations = project / "content" / "reports" / "g-2024" / "observations.yml"
    text = observations.read_text(encoding="utf-8")
    # a part of a year the draft could not hold as a period: the model refuses it, the preview sets it aside
    observations.write_text(text.replace("period: 2023", "period: TODO 上半年", 1), encoding="utf-8")
    with pytest.raises(ContentError):
        check(project)
    content, items = check_preview(project)
    kept = content.report("g-2024").observations
    assert kept and all(not o.indicator.startswith("TODO") for o in kept)
    fields = sorted(i.problem.field.split(".")[-1] for i in items)
    assert fields == ["definition", "indicator", "indicator", "indicator", "name_en", "period"]  # publication: read
    assert all(i.quote and i.paragraph for i in items if i.problem.path.endswith("observations.yml"))
    # any other mistake still fails the preview, as in build
    (project / "content" / "indicators" / "gdp.yml").write_text("id: gdp\n", encoding="utf-8")
    with pytest.raises(ContentError):
        check_preview(project)
