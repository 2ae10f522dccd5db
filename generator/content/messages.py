"""Turn pydantic validation errors into located, plain-Chinese problems for editors."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.content.fielddocs import field_doc
from generator.content.models import CONTROL_CHARS, SLUG_PATTERN
from generator.content.yamlfile import Loc, YamlDoc, format_loc
from generator.errors import Problem

_TYPE_NAMES = {
    "string_type": "文字",
    "int_type": "整数",
    "float_type": "数字",
    "bool_type": "true 或 false",
    "date_type": "日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "日期（YYYY-MM-DD）",
    "dict_type": "映射（键: 值）",
    "model_type": "映射（键: 值）",
    "model_attributes_type": "映射（键: 值）",
    "list_type": "列表（- 项目）",
}


def describe(value: Any) -> str:
    """Name the kind of value an editor wrote, quoting short text."""
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}"
    if isinstance(value, int | float):
        return f"数字 {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:30] + "…"
        shown = CONTROL_CHARS.sub(lambda m: repr(m.group())[1:-1], shown)  # one message, one line
        return f"文字“{shown}”"
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, bytes):
        return "二进制数据"
    return type(value).__name__


def _data_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """The part of a pydantic location that exists in the YAML (drops union member tags)."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            out.append(part)
            if part not in node:
                break
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        else:
            break
    return tuple(out)


def _message(error: Any, model: type[BaseModel], loc: Loc) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        doc = field_doc(_model_at(model, loc[:-1]).__name__, str(loc[-1])) if loc else ""
        return f"缺少必填字段 — 应填写：{doc}" if doc else "缺少必填字段"
    if kind == "extra_forbidden":
        allowed = "、".join(_allowed_fields(model, loc[:-1]))
        return f"未知字段 — 允许的字段：{allowed}"
    if kind in _TYPE_NAMES:
        return f"应为{_TYPE_NAMES[kind]}，实际为{describe(value)}{_type_hint(kind, value)}"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"{describe(value)}不是允许的值 — 允许：{expected}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == SLUG_PATTERN:
            return f"{describe(value)}不是有效的 id — 只允许小写字母、数字和连字符（如 gdp、retail-sales）"
        return f"{describe(value)}格式不符 — 应匹配 {ctx.get('pattern')}"
    if kind == "string_too_short":
        return "不能为空"
    if kind == "string_too_long":
        return f"太长 — 最多 {ctx.get('max_length')} 个字符"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": "≥", "less_than_equal": "≤", "greater_than": ">", "less_than": "<"}[kind]
        limit = next(iter(ctx.values()), "")
        return f"{describe(value)}超出范围 — 应 {bound} {limit}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in ("date_from_datetime_parsing", "date_parsing"):
        return f"{describe(value)}不是有效日期 — 格式 YYYY-MM-DD"
    return f"{error['msg']}（{describe(value)}）"


def _type_hint(kind: str, value: Any) -> str:
    """What to write instead, for the type mistakes editors actually make."""
    if kind in ("int_type", "float_type") and isinstance(value, str):
        if _is_number(value):
            return " — 去掉引号，直接写数字"
        return " — 只写数字（如 3.46）；单位写在 unit，“约”“超”等写在 qualifier，原文写法写在 printed"
    if kind == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return f" — 请加引号：'{value}'"
    if kind == "bool_type":
        return " — 只能写 true 或 false"
    if kind == "list_type":
        return " — 每项单独一行，以“- ”开头"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return " — 每个字段单独一行，写成“字段: 值”"
    return ""


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _allowed_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the (nested) model at `loc`, for 'unknown field' messages."""
    return list(_model_at(model, loc).model_fields)


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel]:
    """The (nested) model whose fields are at `loc`, or the deepest one found on the way."""
    current = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        if field is None:
            break
        current = _model_in(field.annotation) or current
    return current


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The BaseModel inside `list[Model]`, `Model | None`, … if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _merge_misspelt(by_loc: dict[Loc, list[str]], unknown: set[Loc], model: type[BaseModel], prefix: Loc) -> None:
    """A misspelt field is one mistake: say so at the misspelt key, and drop the 'missing' message it caused."""
    missing_at = {loc: m for loc, m in by_loc.items() if loc and m and m[0].startswith("缺少必填字段")}
    for loc in sorted(unknown, key=str):
        parent, wrong = loc[:-1], str(loc[-1])
        misplaced = [
            m for m in missing_at if m[-1] == wrong and m[:-1] != parent and m in by_loc and _nested(m[:-1], parent)
        ]
        if misplaced:  # the field exists, one level off: an indentation mistake
            owner = misplaced[0][:-1]
            del by_loc[misplaced[0]]
            by_loc[loc] = [f"缩进不对 — “{wrong}”属于 {format_loc(owner)}，应与它的其他字段左对齐"]
            continue
        allowed = _allowed_fields(model, parent[len(prefix) :])
        close = difflib.get_close_matches(wrong, allowed, n=1, cutoff=0.6)
        if not close:
            continue
        missing = (*parent, close[0])
        if missing in by_loc and by_loc[missing] and by_loc[missing][0].startswith("缺少必填字段"):
            del by_loc[missing]
        by_loc[loc] = [f"未知字段 — 是否应为“{close[0]}”？允许的字段：{'、'.join(allowed)}"]


def _nested(a: Loc, b: Loc) -> bool:
    """One location is inside the other (a field moved one indentation level stays on this line)."""
    return a[: len(b)] == b or b[: len(a)] == a


def problems_from(exc: ValidationError, doc: YamlDoc, model: type[BaseModel], prefix: Loc = ()) -> list[Problem]:
    """One problem per located field; union alternatives at one place merge into one message."""
    by_loc: dict[Loc, list[str]] = {}
    unknown: set[Loc] = set()
    for error in exc.errors():
        loc = _data_loc(doc.data, (*prefix, *error["loc"]))
        if error["type"] == "extra_forbidden":
            unknown.add(loc)
        message = _message(error, model, loc[len(prefix) :])
        messages = by_loc.setdefault(loc, [])
        if message not in messages:
            messages.append(message)
    _merge_misspelt(by_loc, unknown, model, prefix)
    problems = []
    for loc, messages in by_loc.items():
        typed = [m for m in messages if m.startswith("应为") and "，实际为" in m]
        if len(typed) > 1:
            names = [m.split("，实际为")[0].removeprefix("应为") for m in typed]
            expected = "数字" if set(names) == {"整数", "数字"} else "或".join(names)  # int | float is a number
            rest = [m for m in messages if m not in typed]
            messages = [f"应为{expected}，实际为{typed[0].split('，实际为')[1]}", *rest]
        problems.append(doc.problem(loc, "；".join(messages), at_key=loc in unknown))
    return problems
