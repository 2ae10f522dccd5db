"""The mistakes editors actually make: each gives one exact, located Chinese message, and the
JSON Schema their editor uses rejects the same file wherever a schema can say so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import mini_files, write_project
from generator.cli import main
from generator.content.schema import SCHEMA_DIR, add_modelines, content_files, kind_of, schema_for

OBS = "content/reports/mini-2024/observations.yml"
CH1 = "content/reports/mini-2024/chapters/01.yml"
CH2 = "content/reports/mini-2024/chapters/02.yml"
GDP = "content/indicators/gdp.yml"

# (file, text an editor replaced, what they typed, the exact message, rejected by the schema?)
MISTAKES = {
    "wrong indentation (YAML syntax)": (
        OBS,
        "  kind: actual\n  measure: level\n  value: 3.46",
        "   kind: actual\n  measure: level\n  value: 3.46",
        f"{OBS}:5:8: YAML 语法错误：这里不能出现“: ” — 可能是这一行比上一行多缩进了（同一层的字段必须左对齐），"
        "或值中含有“: ”（请给整个值加引号）",
        None,  # not YAML at all: the editor's YAML parser underlines it before any schema applies
    ),
    "wrong indentation (field one level out)": (
        CH1,
        "  - id: c1-s1-p1\n    text:",
        "  - id: c1-s1-p1\n  text:",
        f"{CH1}:9:3: sections[0].text: 缩进不对 — “text”属于 sections[0].paragraphs[0]，应与它的其他字段左对齐",
        True,
    ),
    "wrong indentation (dedented list item field)": (
        OBS,
        "  unit: 万亿元\n  quote: 地区生产总值 3.46 万亿元\n",
        "  unit: 万亿元\n quote: 地区生产总值 3.46 万亿元\n",
        f"{OBS}:9:2: YAML 语法错误：缩进不一致（请检查这一行和上一行）— 同一层的字段必须左对齐；"
        "列表项（- ）下的各字段要与第一个字段对齐",
        None,
    ),
    "a string where a number belongs": (
        OBS,
        "value: 3.46",
        "value: 约3.46",
        f"{OBS}:7:10: observations[0].value: 应为数字，实际为文字“约3.46” — 只写数字（如 3.46）；"
        "单位写在 unit，“约”“超”等写在 qualifier，原文写法写在 printed",
        True,
    ),
    "a quoted number": (
        OBS,
        "value: 3.46",
        "value: '3.46'",
        f"{OBS}:7:10: observations[0].value: 应为数字，实际为文字“3.46” — 去掉引号，直接写数字",
        True,
    ),
    "a misspelt field": (
        OBS,
        "  quote: 地区生产总值 3.46 万亿元\n",
        "  qoute: 地区生产总值 3.46 万亿元\n",
        f"{OBS}:9:3: observations[0].qoute: 未知字段 — 是否应为“quote”？允许的字段：indicator、period、kind、"
        "measure、value、unit、qualifier、printed、text、quote、paragraph、headline、target_type、share_of、share_computed、differs_from、note",
        True,
    ),
    "a misspelt enum value": (
        GDP,
        "theme: 经济运行",
        "theme: 经济",
        f"{GDP}:6:8: theme: 文字“经济”不是允许的值 — 允许：经济运行, 科技创新, 产业发展, 改革开放, 城市建设, 生态环境, 民生福祉",
        True,
    ),
    "a duplicated paragraph id": (
        CH2,
        "- id: c2-p1\n  text: ——GDP增长5.5%。\n",
        "- id: c2-p1\n  text: ——GDP增长5.5%。\n- id: c2-p1\n  text: 新增的一段。\n",
        f"{CH2}:8:7: paragraphs[1].id: 段落 id“c2-p1”在本报告中重复（第一次出现在 {CH2}:6）— 每个段落 id 只能用一次",
        False,  # ids across a file (and across files) are beyond a schema
    ),
    "a duplicated key": (
        OBS,
        "  headline: true\n- indicator: gdp\n  period: 2023\n  kind: actual\n  measure: growth",
        "  headline: true\n  headline: false\n- indicator: gdp\n  period: 2023\n  kind: actual\n  measure: growth",
        f"{OBS}:12:3: observations[0].headline: 重复的键“headline” — 每个键在同一层只能出现一次",
        None,  # duplicate keys are a YAML error in the editor, not a schema one
    ),
    "a reference to a missing indicator": (
        OBS,
        "- indicator: retail-sales",
        "- indicator: retail-sale",
        f"{OBS}:21:14: observations[2].indicator: 指标“retail-sale”不存在 — 需要文件 content/indicators/retail-sale.yml"
        "（是否应为 “retail-sales”（社会消费品零售总额，亿元）？请核对名称和单位再改）",
        False,
    ),
    "a quote that is not in the seed": (
        OBS,
        "  quote: 地区生产总值 3.46 万亿元\n",
        "  quote: 地区生产总值 3.47 万亿元\n",
        f"{OBS}:9:10: observations[0].quote: 引文在原文 seeds/mini-2024.txt 中找不到；最接近的原文是"
        "“…)经济发展稳中提质。地区生产总值3.4【6】万亿元、增长6.0%,社会…”：引文第 10 个字“7”（半角，U+0037），"
        "原文为“6”（半角，U+0036） — 引文必须逐字摘自原文（空格和换行除外），请从原文复制",
        False,
    ),
    "a value missing from its quote": (
        OBS,
        "  value: 3.46\n",
        "  value: 3.64\n",
        f"{OBS}:7:10: observations[0].value: 数值 3.64 不在引文中 — 引文必须包含该数值（原文写法不同时用 printed 字段）",
        False,
    ),
    "a missing required field": (
        GDP,
        "definition: 本地区常住单位生产活动的最终成果。\n",
        "",
        f"{GDP}:2:1: definition: 缺少必填字段 — 应填写：一句话定义：这个指标衡量什么",
        True,
    ),
}


def editor_project(root: Path) -> Path:
    """The mini project as editors see it: every content file starts with its schema line."""
    write_project(root, mini_files(), with_site=False)
    (root / "mkdocs.yml").write_text("site_name: mini\n", encoding="utf-8")
    assert len(add_modelines(content_files(root), root / SCHEMA_DIR)) == 7
    return root


def edit(root: Path, relative: str, old: str, new: str) -> Path:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def validate_cli(root: Path, capsys, *extra: str) -> tuple[int, list[str]]:
    code = main(["--project", str(root), "validate", *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.err.splitlines()


def schema_errors(path: Path) -> list[str]:
    """What yaml-language-server would underline: the file's data checked against its schema."""

    def plain(value):  # editors read dates as text (YAML 1.2)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    kind = kind_of(path)
    assert kind is not None
    validator = Draft202012Validator(schema_for(kind), format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [e.message for e in validator.iter_errors(plain(yaml.safe_load(path.read_text(encoding="utf-8"))))]


def test_the_editor_project_is_valid_for_both_validators(tmp_path: Path, capsys):
    root = editor_project(tmp_path / "p")
    assert validate_cli(root, capsys)[0] == 0
    for path in content_files(root):
        assert schema_errors(path) == [], path


@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_typical_mistake_gives_one_exact_located_message(tmp_path: Path, capsys, name: str):
    relative, old, new, message, _ = MISTAKES[name]
    root = editor_project(tmp_path / "p")
    edit(root, relative, old, new)
    code, err = validate_cli(root, capsys)
    assert code == 1
    assert err == [message, "内容校验失败：1 个问题。"]


@pytest.mark.parametrize("name", [n for n, m in MISTAKES.items() if m[4] is not None])
def test_the_schema_rejects_the_same_files_where_a_schema_can(tmp_path: Path, name: str):
    relative, old, new, _, expressible = MISTAKES[name]
    root = editor_project(tmp_path / "p")
    path = edit(root, relative, old, new)
    assert bool(schema_errors(path)) is expressible


@pytest.mark.parametrize("name", [n for n, m in MISTAKES.items() if m[4] is None])
def test_mistakes_that_are_not_yaml_are_refused_by_any_yaml_parser(tmp_path: Path, name: str):
    relative, old, new, _, _ = MISTAKES[name]
    root = editor_project(tmp_path / "p")
    path = edit(root, relative, old, new)
    if name == "a duplicated key":  # PyYAML keeps the last value; yaml-language-server flags it like us
        assert path.read_text(encoding="utf-8").count("  headline: ") == 4
        return
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load(path.read_text(encoding="utf-8"))


def test_every_mistake_in_every_file_in_one_run(tmp_path: Path, capsys):
    """A broken file does not hide the cross-file problems of the files that did load."""
    root = editor_project(tmp_path / "p")
    for name in ("a misspelt enum value", "a quote that is not in the seed", "wrong indentation (field one level out)"):
        relative, old, new, _, _ = MISTAKES[name]
        edit(root, relative, old, new)
    code, err = validate_cli(root, capsys)
    assert code == 1
    assert err == [
        MISTAKES["a misspelt enum value"][3],
        MISTAKES["wrong indentation (field one level out)"][3],
        MISTAKES["a quote that is not in the seed"][3],
        "内容校验失败：3 个问题。",
    ]


def test_github_annotations_are_exact_and_escaped(tmp_path: Path, capsys):
    root = editor_project(tmp_path / "p")
    relative, old, new, _, _ = MISTAKES["a misspelt field"]
    edit(root, relative, old, new)
    edit(root, GDP, "theme: 经济运行", 'theme: "100%,\\r\\n: x"')
    code = main(["--project", str(root), "validate", "--format", "github"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err == "内容校验失败：2 个问题。\n"
    assert captured.out.splitlines() == [
        f"::error file={GDP},line=6,col=8,title=theme::theme: 文字“100%25,\\r\\n: x”不是允许的值 — "
        "允许：经济运行, 科技创新, 产业发展, 改革开放, 城市建设, 生态环境, 民生福祉",
        f"::error file={OBS},line=9,col=3,title=observations[0].qoute::observations[0].qoute: 未知字段 — "
        "是否应为“quote”？允许的字段：indicator、period、kind、measure、value、unit、qualifier、printed、text、"
        "quote、paragraph、headline、target_type、share_of、share_computed、differs_from、note",
    ]


def test_annotation_properties_escape_colon_and_comma():
    from generator.errors import Problem

    problem = Problem("content/a,b:c.yml", 3, 4, "x,y:z", "坏了 50%\n第二行")
    assert problem.format_github() == (
        "::error file=content/a%2Cb%3Ac.yml,line=3,col=4,title=x%2Cy%3Az::x,y:z: 坏了 50%25%0A第二行"
    )
    assert Problem("a.yml", 1, 1, "", "坏").format_github() == "::error file=a.yml,line=1,col=1,title=内容校验::坏"


WEIRD_FILES = [
    "? !!python/name:os.system\n: 1\n",
    "!!binary aGVsbG8=\n",
    "- 1\n- 2\n",
    "id: [1, {a: 2}]\nname: {x: 1}\n",
    "a: &x 1\nb: *x\n",
    "\x00\x01",
    "id: gdp\n" * 3,
    "{" * 100 + "}" * 100,
    "id: !!timestamp 2024-13-01\n",
]


@pytest.mark.parametrize("text", WEIRD_FILES)
def test_no_traceback_whatever_the_input(tmp_path: Path, capsys, text: str):
    root = editor_project(tmp_path / "p")
    (root / GDP).write_text(text, encoding="utf-8")
    code, err = validate_cli(root, capsys)
    assert code == 1
    assert err[0].startswith(f"{GDP}:") and err[-1].startswith("内容校验失败")


def test_an_internal_error_is_a_message_not_a_traceback(tmp_path: Path, capsys, monkeypatch):
    """Even a bug in a checker names the report and exits 1 (with -v the traceback is there for developers)."""
    import generator.checks.validate

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    root = editor_project(tmp_path / "p")
    monkeypatch.setattr(generator.checks.validate, "_check_seed", broken)
    code, err = validate_cli(root, capsys)
    assert code == 1
    assert err == [
        "content/reports/mini-2024/report.yml:1:1: 校验本报告时出错而中断（RuntimeError: boom）",
        "内容校验失败：1 个问题。",
    ]
    monkeypatch.setattr(generator.checks.validate, "validate", broken)
    monkeypatch.setattr("generator.build.validate", broken)
    code, err = validate_cli(root, capsys)
    assert code == 1
    assert err == ["内部错误：RuntimeError: boom — 这是 reportsite 的缺陷，请报告（加 -v 可看详细信息）"]
