"""The `reportsite` command in-process: exit codes, messages without tracebacks, atomic site swap."""

from pathlib import Path

import pytest

from conftest import ROOT, mini_files, write_project
from generator.cli import main


def test_validate_ok_and_failing(tmp_path: Path, capsys):
    project = write_project(tmp_path / "p", mini_files())
    assert main(["--project", str(project), "validate"]) == 0
    assert "内容校验通过" in capsys.readouterr().out
    (project / "content/indicators/gdp.yml").write_text("id: gdp\nname: [1\n", encoding="utf-8")
    assert main(["--project", str(project), "validate"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("content/indicators/gdp.yml:3:1: YAML 语法错误")
    assert "Traceback" not in err and "内容校验失败：1 个问题。" in err


def test_github_annotation_format(tmp_path: Path, capsys):
    files = mini_files()
    files["content/indicators/gdp.yml"]["theme"] = "经济"
    project = write_project(tmp_path / "p", files)
    assert main(["--project", str(project), "validate", "--format", "github"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(
        "::error file=content/indicators/gdp.yml,line=5,col=8,title=theme::theme: 文字“经济”不是允许的值"
    )


@pytest.mark.slow  # builds a site
def test_build_summarises_and_a_failed_build_keeps_the_old_site(tmp_path: Path, capsys):
    project = write_project(tmp_path / "p", mini_files())
    assert main(["--project", str(project), "build"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("reportsite: 13 个页面，4 张图表，用时 ") and out.rstrip().endswith("→ site/")
    index = project / "site" / "index.html"
    before = index.read_bytes()
    observations = project / "content/reports/mini-2024/observations.yml"
    observations.write_text(observations.read_text(encoding="utf-8").replace("3.46", "3.47"), encoding="utf-8")
    assert main(["--project", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert "observations[0].quote: 引文在原文 seeds/mini-2024.txt 中找不到" in err and "Traceback" not in err
    assert index.read_bytes() == before
    assert not list(project.glob(".site-*"))


def test_outside_a_project_is_a_clear_error(tmp_path: Path, capsys):
    assert main(["--project", str(tmp_path), "validate"]) == 1
    assert "没有 mkdocs.yml" in capsys.readouterr().err


def test_extract_writes_a_draft_and_refuses_to_overwrite(tmp_path: Path, capsys):
    out = tmp_path / "draft"
    assert main(["extract", str(ROOT / "seeds" / "futian-2024.txt"), "--out", str(out)]) == 0
    assert "草稿已写入" in capsys.readouterr().out
    assert (out / "report.yml").is_file() and len(list((out / "chapters").glob("*.yml"))) == 3
    assert (out / "observations.yml").is_file() and (out / "ignored.yml").is_file()
    assert main(["extract", str(ROOT / "seeds" / "futian-2024.txt"), "--out", str(out)]) == 1
    assert "已存在" in capsys.readouterr().err
