"""PyYAML's English syntax errors, explained in Chinese with where to look and what is allowed.

Editors mostly break YAML in a handful of ways (indentation, a stray `: ` in a value, an unclosed
quote, a tab); each gets a sentence that names the likely cause and the fix. Anything else keeps
PyYAML's own words after a Chinese prefix, so no error is ever hidden.
"""

from __future__ import annotations

import re

import yaml

_INDENT = "缩进不一致（请检查这一行和上一行）— 同一层的字段必须左对齐；列表项（- ）下的各字段要与第一个字段对齐"
_HINTS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^mapping values are not allowed here"),
        "这里不能出现“: ” — 可能是这一行比上一行多缩进了（同一层的字段必须左对齐），或值中含有“: ”（请给整个值加引号）",
    ),
    (re.compile(r"^expected <block end>, but found '<scalar>'"), "引号后面不能再有文字 — 请把整个值放进一对引号中"),
    (re.compile(r"^expected <block end>, but found"), _INDENT),
    (re.compile(r"^found character '\\t' that cannot start any token"), "不能用 Tab 缩进 — 请用空格"),
    (
        re.compile(r"^found character '(.)' that cannot start any token"),
        "值不能以“{0}”开头 — 请给整个值加引号",
    ),
    (re.compile(r"^found unexpected end of stream"), "引号没有闭合 — 请检查从这里开始的引号是否成对"),
    (re.compile(r"^expected ',' or '\]'"), "方括号列表没有正确结束 — 请检查 [ ] 是否成对、各项是否用逗号分隔"),
    (re.compile(r"^expected ',' or '\}'"), "花括号映射没有正确结束 — 请检查 { } 是否成对、各项是否用逗号分隔"),
    (
        re.compile(r"^could not find expected ':'"),
        "缺少“: ” — 每行应为“字段: 值”；若是上一行文字的延续，请放进引号或与上一行合并",
    ),
    (
        re.compile(r"^found unknown escape character"),
        "双引号中的反斜杠转义无效 — 请改用单引号，或把“\\”写成“\\\\”",
    ),
    (re.compile(r"but found another document"), "一个文件只能有一个文档 — 请删除多余的“---”"),
    (re.compile(r"alias"), "不允许使用锚点和别名（& 与 *）— 以 * 或 & 开头的值请加引号"),
]
# Errors whose start (an opening quote, the start of a key) is a better place to look than where
# the parser gave up (often the next line or the end of the file).
_USE_CONTEXT = (
    "while scanning a quoted scalar",
    "while scanning a double-quoted scalar",
    "while scanning a simple key",
)


def explain(exc: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    """(line, column, message) for a YAML syntax error, both 1-based."""
    problem = exc.problem or str(exc)
    mark = exc.problem_mark or exc.context_mark
    context = exc.context or ""
    if exc.context_mark is not None and context.startswith(_USE_CONTEXT):
        mark = exc.context_mark
    if "found another document" in problem and exc.problem_mark is not None:
        mark = exc.problem_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    for pattern, text in _HINTS:
        match = pattern.search(problem) or (pattern.search(context) if context else None)
        if match:
            hint = text.format(*match.groups()) if match.groups() else text  # "{ }" in a hint is text
            return line, column, "YAML 语法错误：" + hint
    return line, column, f"YAML 语法错误：{problem}"
