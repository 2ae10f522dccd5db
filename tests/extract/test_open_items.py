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
    assert "# 依据：名称“地区生产总值”\n- indicator: gdp\n" in text
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
