"""Turn pydantic validation errors into located, plain-Chinese problems for editors."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .models import CONTROL_CHARS, SLUG_PATTERN
from .yamlfile import Loc, YamlDoc

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
        return "缺少必填字段"
    if kind == "extra_forbidden":
        allowed = "、".join(_allowed_fields(model, loc[:-1]))
        return f"未知字段 — 允许的字段：{allowed}"
    if kind in _TYPE_NAMES:
        return f"应为{_TYPE_NAMES[kind]}，实际为{describe(value)}"
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


def _allowed_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the (nested) model at `loc`, for 'unknown field' messages."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field is None:
            break
        current = _model_in(field.annotation) or current
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The BaseModel inside `list[Model]`, `Model | None`, … if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


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
    problems = []
    for loc, messages in by_loc.items():
        typed = [m for m in messages if m.startswith("应为") and "，实际为" in m]
        if len(typed) > 1:
            expected = "或".join(m.split("，实际为")[0].removeprefix("应为") for m in typed)
            rest = [m for m in messages if m not in typed]
            messages = [f"应为{expected}，实际为{typed[0].split('，实际为')[1]}", *rest]
        problems.append(doc.problem(loc, "；".join(messages), at_key=loc in unknown))
    return problems
