"""Issue 28's done criterion: the review loop followed end to end in a copy of a project, as CONTRIBUTING tells
a new editor — extract → place → resolve (rename, link, fill) → validate → build.

The seed below is a fixture written for this test (a made-up 东江市 government work report); never published.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import mini_files, write_project
from generator.cli import main
from generator.extract.draftnotes import true_notes

SEED = """东江日报/2025年/1月/22日/第A01版 政府工作报告
2025年1月18日在东江市第八届人民代表大会第四次会议上
各位代表：
现在，我代表市人民政府，向大会报告工作，请予审议。
一、过去一年工作回顾
全市地区生产总值3200亿元、增长5.1%。新增瞪羚企业40家、众创空间12家，累计分别达310家、144家。全口径税收收入900亿元。
二、今年主要目标任务
地区生产总值增长5%左右。
"""
REPORT = "content/reports/dongjiang-2025"
OBS = f"{REPORT}/observations.yml"


def _indicator(key: str, name: str, unit: str, counts: str, definition: str) -> dict:
    return {"id": key, "name": name, "name_en": "x", "unit": unit, "theme": "科技创新", "counts": counts,
            "definition": definition}  # fmt: skip


def _project(tmp_path: Path) -> Path:
    """The mini project with a few more indicators, committed: what is in the commit is published."""
    files = mini_files()
    sha = hashlib.sha256(files["seeds/mini-2024.txt"]).hexdigest()
    files["seeds/manifest.yml"] = f"seeds:\n  - file: mini-2024.txt\n    original_name: mini.txt\n    sha256: {sha}\n"
    for key, name, unit, counts, definition in (
        ("gazelles", "瞪羚企业", "家", "total", "瞪羚企业的数量。"),
        ("new-gazelles", "新增瞪羚企业", "家", "new", "一定时期内新增的瞪羚企业数量。"),
        ("hubs", "众创空间", "家", "total", "众创空间的数量。"),
        ("tax-revenue", "税收收入", "亿元", "total", "一般公共预算收入中来自税收的部分。"),
    ):
        files[f"content/indicators/{key}.yml"] = _indicator(key, name, unit, counts, definition)
    project = write_project(tmp_path / "project", files)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "published"]):
        subprocess.run(["git", "-C", str(project), *command], check=True, env=env, capture_output=True)
    return project


def _observations(project: Path) -> list[dict]:
    return yaml.safe_load((project / OBS).read_text(encoding="utf-8"))["observations"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_extract_place_resolve_validate_build(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    seed = tmp_path / "dongjiang.txt"
    seed.write_text(SEED, encoding="utf-8")
    run = ["--project", str(project)]

    # extract: metadata read from the text, the genre's classes linked right or left open
    draft = project / "drafts" / "dongjiang"
    assert main([*run, "extract", str(seed), "--out", str(draft)]) == 0
    report = yaml.safe_load((draft / "report.yml").read_text(encoding="utf-8"))
    assert (report["region"], report["level"], report["plan_year"], report["year_covered"]) == (
        "东江市",
        "city",
        2025,
        2024,
    )
    assert report["title"] == "政府工作报告" and report["issuer"] == "TODO"
    drafted = yaml.safe_load((draft / "observations.yml").read_text(encoding="utf-8"))["observations"]
    by_value = {o["value"]: o["indicator"] for o in drafted}
    assert (by_value[40], by_value[310], by_value[144]) == ("new-gazelles", "gazelles", "hubs")  # 分别, in order
    assert by_value[12].startswith("TODO 众创空间")  # 新增 never goes to the total
    assert by_value[900] == "TODO 全口径税收收入 | 候选 tax-revenue"  # 全口径 changes the concept

    # place: the TODO fields are listed with the open items; the draft folder is done with
    assert main([*run, "place", str(draft), "--seed", str(seed), "--id", "dongjiang-2025"]) == 0
    out = capsys.readouterr().out
    assert f"待补全 {REPORT}/report.yml:" in out and ": issuer" in out
    assert "有 2 处待确认的指标" in out and "可删除草稿文件夹" in out
    manifest = yaml.safe_load((project / "seeds/manifest.yml").read_text(encoding="utf-8"))["seeds"]
    assert manifest[-1]["publication"] == "东江日报 2025年1月22日 第A01版"  # one publication, read once

    # resolve 1: a new indicator for the 新增 count, first under a hasty id, linked, then renamed
    hasty = project / "content/indicators/hubs-new.yml"
    hasty.write_text(
        yaml.safe_dump(
            _indicator("hubs-new", "新增众创空间", "家", "new", "一定时期内新增的众创空间数量。"), allow_unicode=True
        ),
        encoding="utf-8",
    )
    _edit(project / OBS, "indicator: TODO 众创空间 | 候选 hubs, gazelles, new-gazelles", "indicator: hubs-new")
    assert main([*run, "rename", "indicator", "hubs-new", "new-hubs"]) == 0
    captured = capsys.readouterr()
    assert "它从未发布" in captured.out and "内容还有" in captured.out
    assert captured.err == ""  # not the whole validate list
    renamed = yaml.safe_load((project / "content/indicators/new-hubs.yml").read_text(encoding="utf-8"))
    assert "former_ids" not in renamed  # never published: no redirect for an id that was never live
    text = (project / OBS).read_text(encoding="utf-8")
    assert "# 待确认：原文有“新增”" not in text  # the comment of the settled item is gone
    assert "indicator: new-hubs" in text

    # resolve 2: a published indicator renamed while an open item offers it: the candidate follows the rename
    assert main([*run, "rename", "indicator", "tax-revenue", "budget-tax-revenue"]) == 0
    assert "跳转到新页面" in capsys.readouterr().out
    text = (project / OBS).read_text(encoding="utf-8")
    assert "TODO 全口径税收收入 | 候选 budget-tax-revenue" in text
    # …and the editor settles it with an indicator of its own
    (project / "content/indicators/all-tax-revenue.yml").write_text(
        yaml.safe_dump(
            {**_indicator("all-tax-revenue", "全口径税收收入", "亿元", "total", "辖区内征收的各项税收之和。"),
             "theme": "经济运行"},
            allow_unicode=True,
        ),
        encoding="utf-8",
    )  # fmt: skip
    _edit(project / OBS, "indicator: TODO 全口径税收收入 | 候选 budget-tax-revenue", "indicator: all-tax-revenue")
    _edit(project / f"{REPORT}/report.yml", "issuer: TODO", "issuer: 东江市人民政府")

    # validate and build: green, the renamed pages where they belong, each page linking to its YAML files
    assert main([*run, "validate"]) == 0, capsys.readouterr().err
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("repo_url: https://git.example.org/reportsite\nedit_uri: edit/main/\n")
    assert main([*run, "build"]) == 0, capsys.readouterr().err
    site = project / "site"
    for page, files in (
        ("indicators/new-hubs", ["content/indicators/new-hubs.yml", OBS]),
        ("reports/dongjiang-2025", [f"{REPORT}/report.yml"]),
        ("reports/dongjiang-2025/c1", [f"{REPORT}/chapters/01.yml", OBS]),
    ):
        html = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        edit = html.select_one("article .rs-sources")
        assert edit is not None and edit.get_text().startswith("编辑此页："), page
        assert [a["href"] for a in edit.select("a")] == [
            f"https://git.example.org/reportsite/edit/main/{f}" for f in files
        ]
    assert "编辑此页" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")  # not page text
    assert (site / "indicators/new-hubs/index.html").is_file()
    assert not (site / "indicators/hubs-new").exists()
    assert (site / "indicators/tax-revenue/index.html").is_file()  # the published id redirects
    assert "dongjiang-2025" in {p.name for p in (site / "reports").iterdir()}
    assert {o["indicator"] for o in _observations(project)} >= {"new-hubs", "all-tax-revenue", "gazelles", "hubs"}


def test_true_notes_drops_stale_comments_and_missing_candidates() -> None:
    text = (
        "observations:\n"
        "# 依据（gdp）：名称“地区生产总值”\n- indicator: gdp\n  value: 1\n"
        "# 依据（hubs）：分别列举第2项\n- indicator: gazelles\n  value: 2\n"
        "# 待确认：名称前另有限定词\n- indicator: tax\n  value: 3\n"
        "# 待确认：目录中没有同名指标\n- indicator: TODO 某某 | 候选 gone, tax\n  value: 4\n"
        "# 待确认：目录中没有同名指标\n- indicator: TODO 某某 | 候选 gone\n  value: 5\n"
    )
    kept = true_notes(text, lambda i: i != "gone")
    assert kept == (
        "observations:\n"
        "# 依据（gdp）：名称“地区生产总值”\n- indicator: gdp\n  value: 1\n"
        "- indicator: gazelles\n  value: 2\n"
        "- indicator: tax\n  value: 3\n"
        "# 待确认：目录中没有同名指标\n- indicator: TODO 某某 | 候选 tax\n  value: 4\n"
        "# 待确认：目录中没有同名指标\n- indicator: TODO 某某\n  value: 5\n"
    )
