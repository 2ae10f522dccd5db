"""`reportsite diff BASE`: the data change of a pull request, for reviewers, from a real git repository."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from test_editor_mistakes import OBS, editor_project

from generator.cli import main
from generator.editor.diff import snippets


def git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=编辑", "-c", "user.email=editor@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The mini project committed on `main`, as a pull request's base."""
    root = editor_project(tmp_path / "repo")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def edit_yaml(path: Path, change) -> None:
    """Change a content file the way an editor would, keeping its schema line."""
    text = path.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    data = yaml.safe_load(rest)
    change(data)
    path.write_text(first + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_changes(root: Path) -> None:
    def observations(data):
        obs = data["observations"]
        obs[0]["value"] = 3.47
        obs[1]["qualifier"] = "约"
        obs[1]["quote"] = "地区生产总值 3.46 万亿元、增长约 6.0%"
        del obs[2]
        estimate = {**obs[2], "kind": "estimate", "value": 5.0}
        del estimate["target_type"]
        obs.append(estimate)

    def chapter(data):
        data["paragraphs"][0]["text"] = "——GDP增长5.5%左右。"

    def indicator(data):
        data["name"] = "地区生产总值（GDP）"

    edit_yaml(root / OBS, observations)
    edit_yaml(root / "content/reports/mini-2024/chapters/02.yml", chapter)
    edit_yaml(root / "content/indicators/gdp.yml", indicator)


def run_diff(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--project", str(root), "diff", *args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def test_no_change_says_so(repo: Path, capsys):
    code, out, _ = run_diff(repo, capsys, "main")
    assert code == 0
    assert out == "内容变化（与 main 相比）：观测值 无变化；段落 无变化\n"


def test_every_changed_observation_and_paragraph_as_text(repo: Path, capsys):
    make_changes(repo)
    code, out, _ = run_diff(repo, capsys, "main")
    assert code == 0
    assert out.splitlines() == [
        "内容变化（与 main 相比）：指标 修改 1；观测值 新增 1、删除 1、修改 2；段落 修改 1",
        "  指标 修改 gdp：name: 地区生产总值 → 地区生产总值（GDP）",
        "  观测值 修改 mini-2024 gdp 2023 actual/level：3.46万亿元 → 3.47万亿元",
        "  观测值 修改 mini-2024 gdp 2023 actual/growth："
        "6.0%；quote: …6 万亿元、增长 6.0% → 约6.0%；quote: …6 万亿元、增长约 6.0%",
        "  观测值 删除 mini-2024 retail-sales 2023 actual/level：1.05万亿元 → —",
        "  观测值 新增 mini-2024 gdp 2024 estimate/growth：— → 5.0%",
        "  段落 修改 mini-2024 二、2024年主要目标 c2-p1：——GDP增长5.5%。 → ——GDP增长5.5%左右。",
    ]


def test_markdown_goes_to_the_job_summary_and_appends(repo: Path, capsys, tmp_path: Path, monkeypatch):
    make_changes(repo)
    summary = tmp_path / "summary.md"
    summary.write_text("# 之前的步骤\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run_diff(repo, capsys, "HEAD", "--format", "markdown")
    assert code == 0
    written = summary.read_text(encoding="utf-8")
    assert written == "# 之前的步骤\n" + out + "\n"
    lines = out.splitlines()
    assert lines[0] == "## 内容变化（与 `HEAD` 相比）"
    assert "| 变化 | 报告 | 指标 | 时期 | 类型 · 量度 | 之前 | 之后 |" in lines
    assert (
        "| 修改 | `mini-2024` | 地区生产总值（GDP） (`gdp`) | 2023 | actual · level | 3.46万亿元 | 3.47万亿元 |"
        in lines
    )
    assert (
        "| 删除 | `mini-2024` | 社会消费品零售总额 (`retail-sales`) | 2023 | actual · level | 1.05万亿元 | — |" in lines
    )
    assert "| 修改 | `mini-2024` | 二、2024年主要目标 | `c2-p1` | ——GDP增长5.5%。 | ——GDP增长5.5%左右。 |" in lines


def test_markdown_cells_cannot_break_the_table(repo: Path, capsys):
    def chapter(data):
        data["paragraphs"][0]["text"] = "——GDP增长5.5%。| <script>x</script>"

    edit_yaml(repo / "content/reports/mini-2024/chapters/02.yml", chapter)
    _, out, _ = run_diff(repo, capsys, "main", "--format", "markdown")
    row = next(line for line in out.splitlines() if "`c2-p1`" in line)
    assert row.endswith("| ——GDP增长5.5%。 | ——GDP增长5.5%。\\| &lt;script&gt;x&lt;/script&gt; |")


def test_added_report_and_files_that_do_not_load(repo: Path, capsys):
    (repo / "content/reports/mini-2025").mkdir()
    (repo / "content/reports/mini-2025/report.yml").write_text(
        (repo / "content/reports/mini-2024/report.yml").read_text(encoding="utf-8").replace("mini-2024", "mini-2025"),
        encoding="utf-8",
    )
    (repo / "content/indicators/retail-sales.yml").write_text("id: [\n", encoding="utf-8")
    _, out, _ = run_diff(repo, capsys, "main")
    lines = out.splitlines()
    assert (
        lines[0] == "内容变化（与 main 相比）：报告 新增 1；观测值 无变化；段落 无变化"
    )  # retail-sales: not "removed"
    assert "  报告 新增 mini-2025" in lines
    assert lines[-1] == "  未计入（无法读取）：content/indicators/retail-sales.yml"


def test_an_unknown_revision_is_a_clear_error(repo: Path, capsys):
    code, _, err = run_diff(repo, capsys, "no-such-branch")
    assert code == 1
    assert err.startswith("错误：无法读取 git 版本“no-such-branch”中的 content/：")
    assert err.rstrip().endswith("— 请给出存在的提交、分支或标签，如 origin/main")


def test_snippets_show_the_change_with_a_little_context():
    before = "甲" * 40 + "增长6.0%" + "乙" * 40
    after = "甲" * 40 + "增长6.5%" + "乙" * 40
    assert snippets(before, after, 3) == ("…长6.0%乙乙…", "…长6.5%乙乙…")
    assert snippets("abc", "abc", 3) == ("abc", "abc")
    assert snippets("", "新", 3) == ("", "新")
