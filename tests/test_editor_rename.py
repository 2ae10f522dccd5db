"""`reportsite rename indicator OLD NEW`: the file, every reference, and a redirect from the old URL."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import mini_files, write_project
from generator.cli import main

OBS = "content/reports/mini-2024/observations.yml"


class Refresh(HTMLParser):
    """Collects the meta refresh target and the links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refresh: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and (found.get("http-equiv") or "").lower() == "refresh":
            self.refresh = found.get("content")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")


@pytest.mark.slow  # builds a site
def test_rename_moves_the_file_and_every_reference_and_keeps_the_old_url(tmp_path: Path, capsys):
    files = mini_files()
    project = write_project(tmp_path / "p", files)
    obs_file = project / OBS
    obs_file.write_text("# 观测值（测试夹具）\n" + obs_file.read_text(encoding="utf-8"), encoding="utf-8")
    gdp_before = (project / "content/indicators/gdp.yml").read_text(encoding="utf-8")

    assert main(["--project", str(project), "rename", "indicator", "gdp", "regional-gdp"]) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert "已修改 content/indicators/regional-gdp.yml" in out and f"已修改 {OBS}" in out

    assert not (project / "content/indicators/gdp.yml").exists()
    renamed = (project / "content/indicators/regional-gdp.yml").read_text(encoding="utf-8")
    assert renamed.startswith(gdp_before.replace("id: gdp\n", "id: regional-gdp\n"))
    assert renamed.endswith("former_ids:  # 以前用过的 id：旧网址自动跳转到本页\n- gdp\n")
    text = obs_file.read_text(encoding="utf-8")
    assert text.startswith("# 观测值（测试夹具）\n")  # comments and layout stay
    assert "indicator: gdp\n" not in text and text.count("indicator: regional-gdp\n") == 3

    assert main(["--project", str(project), "build"]) == 0, capsys.readouterr().err
    site = project / "site"
    assert (site / "indicators/regional-gdp/index.html").is_file()
    page = Refresh()
    page.feed((site / "indicators/gdp/index.html").read_text(encoding="utf-8"))
    assert page.refresh == "0; url=../regional-gdp/"
    assert page.links == ["../regional-gdp/"]


def test_references_are_found_in_every_spelling_and_nothing_else_changes(tmp_path: Path):
    from generator.editor.rename import rename_indicator

    project = write_project(tmp_path / "p", mini_files(), with_site=False)
    lines = [
        "observations:",
        "- indicator: gdp",
        "  share_of: 'gdp'  # 总量",
        '- indicator: "gdp"',
        "- indicator: gdp-per-capita",
        "  note: indicator: gdp",
    ]
    (project / OBS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    rename_indicator(project, "gdp", "regional-gdp")
    assert (project / OBS).read_text(encoding="utf-8").splitlines() == [
        "observations:",
        "- indicator: regional-gdp",
        "  share_of: 'regional-gdp'  # 总量",
        '- indicator: "regional-gdp"',
        "- indicator: gdp-per-capita",
        "  note: indicator: gdp",
    ]


def test_an_observation_still_using_the_old_id_is_told_the_new_one(tmp_path: Path, capsys):
    project = write_project(tmp_path / "p", mini_files(), with_site=False)
    (project / "mkdocs.yml").write_text("site_name: x\n")
    assert main(["--project", str(project), "rename", "indicator", "gdp", "regional-gdp"]) == 0
    capsys.readouterr()
    obs_file = project / OBS
    text = obs_file.read_text(encoding="utf-8")
    obs_file.write_text(text.replace("indicator: regional-gdp", "indicator: gdp", 1), encoding="utf-8")
    assert main(["--project", str(project), "validate"]) == 1
    assert "observations[0].indicator: 指标“gdp”已改名为“regional-gdp” — 把 indicator 改为“regional-gdp”" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("gdp", "retail-sales", "content/indicators/retail-sales.yml 已存在"),
        ("gdp", "Bad_ID", "新 id“Bad_ID”不是有效的 id"),
        ("nothing", "something", "没有指标文件 content/indicators/nothing.yml"),
    ],
)
def test_a_rename_that_cannot_be_done_changes_nothing(tmp_path: Path, capsys, old: str, new: str, message: str):
    project = write_project(tmp_path / "p", mini_files(), with_site=False)
    (project / "mkdocs.yml").write_text("site_name: x\n")
    before = {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()}
    assert main(["--project", str(project), "rename", "indicator", old, new]) == 1
    assert message in capsys.readouterr().err
    assert {p: p.read_bytes() for p in (project / "content").rglob("*") if p.is_file()} == before
