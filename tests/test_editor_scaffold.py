"""`reportsite new indicator|report`: valid as scaffolded, every field explained, no terminal needed."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_editor_mistakes import editor_project, schema_errors

from generator.build import check
from generator.cli import main
from generator.content.fielddocs import FIELD_DOCS
from generator.content.schema import SCHEMA_DIR, modeline
from generator.errors import ContentError

INDICATOR = [
    "--id", "gdp-per-capita", "--name", "人均地区生产总值", "--name-en", "GDP per capita", "--unit", "元",
    "--theme", "经济运行", "--counts", "rate", "--definition", "地区生产总值除以常住人口。",
    "--aliases", "人均GDP、人均生产总值",
]  # fmt: skip
REPORT = [
    "--id", "mini-2025", "--region", "某市", "--level", "city", "--title", "关于某市2023年计划执行情况的报告",
    "--short-title", "某市2025年计划报告", "--year-covered", "2024", "--plan-year", "2025",
    "--issuer", "某市发展和改革委员会", "--date", "2025-01-20", "--seed", "mini-2024.txt", "--speaker", "张三",
]  # fmt: skip


def new(root: Path, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--project", str(root), "new", *args, "--no-input"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def test_new_indicator_is_valid_commented_and_has_its_schema_line(tmp_path: Path, capsys):
    root = editor_project(tmp_path / "p")
    code, out, _ = new(root, capsys, "indicator", *INDICATOR)
    assert code == 0 and out.startswith("已创建 content/indicators/gdp-per-capita.yml\n")
    path = root / "content/indicators/gdp-per-capita.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == modeline(path, root / SCHEMA_DIR)
    for field, doc in FIELD_DOCS["Indicator"].items():
        assert f"# {doc}" in lines, field
        assert lines[lines.index(f"# {doc}") + 1].startswith((f"{field}:", f"# {field}:"))  # optional: commented out
    assert "aliases:" in lines and "- 人均GDP" in lines and "- 人均生产总值" in lines
    check(root)  # the whole project still validates, with the new file in it
    assert schema_errors(path) == []


def test_new_report_is_valid_and_optional_fields_are_shown_commented_out(tmp_path: Path, capsys):
    root = editor_project(tmp_path / "p")
    code, out, _ = new(root, capsys, "report", *REPORT)
    assert code == 0
    folder = root / "content/reports/mini-2025"
    assert out.splitlines()[:3] == [
        f"已创建 content/reports/mini-2025/{n}" for n in ("report.yml", "observations.yml", "ignored.yml")
    ]
    text = (folder / "report.yml").read_text(encoding="utf-8")
    assert "speaker: 张三\n" in text and "\n# occasion:\n" in text and "\n# publication:\n" in text
    assert "date: 2025-01-20\n" in text and "seed_sha256: " in text
    with pytest.raises(ContentError) as failed:  # every file loads; what is left is the report's text
        check(root)
    (problem,) = failed.value.problems
    assert problem.path == "content/reports/mini-2025/report.yml" and "原文" in problem.message
    assert "之后还有" in problem.message  # the chapters are still to be written from the seed
    for name in ("report.yml", "observations.yml", "ignored.yml"):
        assert schema_errors(folder / name) == [], name


def test_without_a_terminal_missing_flags_are_named(tmp_path: Path, capsys):
    root = editor_project(tmp_path / "p")
    code, _, err = new(root, capsys, "indicator", "--id", "x", "--name", "某指标")
    assert code == 1
    assert (
        err
        == "错误：缺少必填参数 --name-en、--unit、--theme、--counts、--definition — 没有终端时（如 CI）必须用参数给出\n"
    )
    assert not (root / "content/indicators/x.yml").exists()


def test_prompts_fill_what_the_flags_left_out(tmp_path: Path):
    from generator.editor.scaffold import new_indicator

    root = editor_project(tmp_path / "p")
    answers = iter(["Retail per capita", "元", "经济运行", "rate", "社会消费品零售总额除以常住人口。"])
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    given = {"id": "retail-per-capita", "name": "人均社会消费品零售总额"}
    [path] = new_indicator(root, given, ask)
    assert [p.split("（")[0] for p in asked] == ["name_en", "unit", "theme", "counts", "definition"]
    assert "unit: 元\n" in path.read_text(encoding="utf-8")
    check(root)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("--id", "GDP/../x"),
            "错误：--id: “GDP/../x”不是有效的指标 id — 只允许小写字母、数字和连字符（如 gdp、retail-sales）\n",
        ),
        (("--id", "gdp"), "错误：content/indicators/gdp.yml 已存在 — 不会覆盖已有文件\n"),
        (
            ("--theme", "经济"),
            "错误：--theme: “经济”不是允许的主题 — 允许：经济运行、科技创新、产业发展、改革开放、城市建设、生态环境、民生福祉\n",
        ),
        (
            ("--counts", "stock"),
            "错误：--counts: “stock”不是允许的值 — 允许：total（总量）、new（期内新增）、rate（比率）\n",
        ),
        (
            ("--name", "<b>x</b>"),
            "content/indicators/gdp-per-capita.yml:8:7: name: 标题和名称中不能包含 <、>、HTML 实体（如 &lt;）或控制字符\n内容校验失败：1 个问题。\n",
        ),
    ],
)
def test_bad_values_are_refused_before_anything_is_written(tmp_path: Path, capsys, change, message):
    root = editor_project(tmp_path / "p")
    args = list(INDICATOR)
    args[args.index(change[0]) + 1] = change[1]
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    code, _, err = new(root, capsys, "indicator", *args)
    assert code == 1 and err == message
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--seed", "../secret.txt"), "错误：--seed: seeds/ 中没有文件“../secret.txt” — 请先把原文 .txt 放进 seeds/\n"),
        (("--date", "2025-02-30"), "错误：--date: “2025-02-30”不是日期 — 格式 YYYY-MM-DD，如 2024-01-30\n"),
        (("--plan-year", "明年"), "错误：--plan-year: “明年”不是年份 — 应为四位数字，如 2024\n"),
        (("--level", "province"), "错误：--level: “province”不是允许的值 — 允许：city（市）、district（区）\n"),
        (("--id", "mini-2024"), "错误：content/reports/mini-2024 已存在 — 不会覆盖已有报告\n"),
    ],
)
def test_bad_report_values_are_refused(tmp_path: Path, capsys, change, message):
    root = editor_project(tmp_path / "p")
    args = list(REPORT)
    args[args.index(change[0]) + 1] = change[1]
    code, _, err = new(root, capsys, "report", *args)
    assert code == 1 and err == message
    assert not (root / "content/reports/mini-2025").exists()


@pytest.mark.parametrize(
    "command", [[], ["build"], ["validate"], ["serve"], ["extract"], ["new"], ["new", "indicator"], ["new", "report"],
                ["diff"], ["schema"]],
)  # fmt: skip
def test_every_help_page_renders(capsys, command: list[str]):
    """Field texts contain `%` (argparse formats help with %): every help page must still print."""
    with pytest.raises(SystemExit) as info:
        main([*command, "--help"])
    assert info.value.code == 0
    assert "usage: reportsite" in capsys.readouterr().out
