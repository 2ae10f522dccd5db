"""YAML syntax errors in Chinese: where to look and what to write instead, never PyYAML's English alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.yamlfile import YamlError, load_yaml

CASES = [
    ("a:\n\t- 1\n", "x.yml:2:1: YAML 语法错误：不能用 Tab 缩进 — 请用空格"),
    ("a: 1\nb: '未闭合\nc: 2\n", "x.yml:2:4: YAML 语法错误：引号没有闭合 — 请检查从这里开始的引号是否成对"),
    ("a: 1\nb: @某\n", "x.yml:2:4: YAML 语法错误：值不能以“@”开头 — 请给整个值加引号"),
    (
        "a: 1\nb\nc: 2\n",
        "x.yml:2:1: YAML 语法错误：缺少“: ” — 每行应为“字段: 值”；若是上一行文字的延续，请放进引号或与上一行合并",
    ),
    ("a: 1\n---\nb: 2\n", "x.yml:2:1: YAML 语法错误：一个文件只能有一个文档 — 请删除多余的“---”"),
    ("a: [1, 2\nb: 3\n", "x.yml:2:2: YAML 语法错误：方括号列表没有正确结束 — 请检查 [ ] 是否成对、各项是否用逗号分隔"),
    ('a: "\\q"\n', "x.yml:1:4: YAML 语法错误：双引号中的反斜杠转义无效 — 请改用单引号，或把“\\”写成“\\\\”"),
    ("a: '引文' 多余\n", "x.yml:1:9: YAML 语法错误：引号后面不能再有文字 — 请把整个值放进一对引号中"),
    (
        "quote: 原文: 3.46\n",
        "x.yml:1:10: YAML 语法错误：这里不能出现“: ” — 可能是这一行比上一行多缩进了（同一层的字段必须左对齐），"
        "或值中含有“: ”（请给整个值加引号）",
    ),
    (
        "a: 1\nb: x\x01y\n",
        "x.yml:2:5: YAML 语法错误：文件中有不允许的控制字符 U+0001 — 请删除它（常见于从其他软件复制的文字）",
    ),
    (
        "? !!python/name:os.system\n: 1\n",
        "x.yml:1:3: 键不能带 YAML 标签 tag:yaml.org,2002:python/name:os.system — 键必须是简单的文字",
    ),
]


@pytest.mark.parametrize(("text", "message"), CASES)
def test_syntax_errors_are_explained(tmp_path: Path, text: str, message: str):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlError) as info:
        load_yaml(path, "x.yml")
    assert info.value.problem.format() == message
