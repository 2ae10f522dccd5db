"""Read one YAML file safely and remember where every value came from.

PyYAML's `safe_load` loses line numbers and silently accepts duplicate keys; editors need both, so
we compose the node graph with the safe loader and build plain Python values ourselves, keeping the
start mark of every value. Anchors and aliases are refused (content never needs them, and they are
how "billion laughs" documents blow up).

libyaml (PyYAML's C parser) reads the events, ~20× faster than PyYAML's pure-Python scanner and parser;
the composer stays PyYAML's, so the node and depth limits are counted as before and a huge or deep file
stops early. libyaml's error messages are not PyYAML's (which `yamlhints` explains), so a file libyaml
refuses, or one over a limit, is read again by the pure-Python loader for the message editors know.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from generator.content.yamlhints import explain
from generator.errors import Problem

Loc = tuple[str | int, ...]

# Limits far above real content (largest file: 66 KB, 3,000 values, 5 levels) and low enough that the
# pure-Python composer stays within a few seconds and a few hundred MB on any input.
MAX_BYTES = 2_000_000
MAX_NODES = 50_000
MAX_DEPTH = 60
_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_KEY_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass
class YamlDoc:
    """A parsed file: its data and the (line, column) of each value by location path."""

    path: str
    data: Any
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc) -> tuple[int, int]:
        """Line and column of the value at `loc`, or of its nearest located ancestor."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.marks:
                return self.marks[loc[:end]]
        return (1, 1)

    def problem(self, loc: Loc, message: str, at_key: bool = False) -> Problem:
        """A problem located at the value at `loc` (or at its key, for unknown fields)."""
        line, column = self.key_marks[loc] if at_key and loc in self.key_marks else self.where(loc)
        return Problem(self.path, line, column, format_loc(loc), message)


class YamlError(Exception):
    """A file that cannot be read as YAML; carries the located problem."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.format())


def format_loc(loc: Loc) -> str:
    """`('sections', 0, 'title')` → `sections[0].title`, as an editor sees the field."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _Limited(Composer):
    """PyYAML's composer, counting nodes and depth while composing: a huge or deep document stops early."""

    depth = 0
    nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.depth += 1
        self.nodes += 1
        if self.depth > MAX_DEPTH or self.nodes > MAX_NODES:
            mark = self.peek_event().start_mark
            reason = f"嵌套过深：超过 {MAX_DEPTH} 层" if self.depth > MAX_DEPTH else f"文件过大：超过 {MAX_NODES} 个值"
            raise _Limit(mark.line + 1, mark.column + 1, reason)
        try:
            return super().compose_node(parent, index)  # type: ignore[no-untyped-call]
        finally:
            self.depth -= 1


class _LimitedLoader(_Limited, yaml.SafeLoader):
    """The pure-Python safe loader with limits: its messages are the ones `yamlhints` explains."""


# Text the two parsers read differently (see _compose_fast).
_READ_DIFFERENTLY = re.compile("[\t\ufeff\x85\u2028\u2029?]|[|>][-+0-9]*#")
_CParser: Any = getattr(getattr(yaml, "_yaml", None), "CParser", None)  # None: PyYAML built without libyaml

if _CParser is not None:

    class _FastLoader(_Limited, _CParser, SafeConstructor, Resolver):  # type: ignore[misc]
        """libyaml's events, composed by the same limited composer (first in line, so libyaml's own C
        composer, which has no limits, is never used) and built by the same safe constructor."""

        def __init__(self, stream: str):
            _CParser.__init__(self, stream)
            _Limited.__init__(self)  # type: ignore[no-untyped-call]
            SafeConstructor.__init__(self)  # type: ignore[no-untyped-call]
            Resolver.__init__(self)  # type: ignore[no-untyped-call]

        def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or event.anchor is not None or getattr(event, "tag", None):
                raise _Unusual  # refused or rare: the two parsers differ on some tags (`!`), PyYAML decides
            return super().compose_node(parent, index)


class _Unusual(Exception):
    """A file the pure-Python loader must read (the fast path gives up, never decides)."""


def _compose_fast(text: str) -> tuple[yaml.Node | None, Any] | None:
    """The node graph composed from libyaml's events, or None when the pure-Python loader must decide.

    The fast path only ever succeeds; it gives up (None), and PyYAML reads the file, on a syntax error,
    a limit, a root that is not a mapping, a character PyYAML's reader refuses, no libyaml at all, and
    where the two parsers were found to differ (tests/test_yaml_fast.py fuzzes them against each other):
    tabs, a byte-order mark or NEL/LS/PS line breaks inside the text, `?` (explicit keys; plain scalars
    in flow collections), a block scalar header with a comment and no space (`|#`), tags, anchors and
    aliases. Real content has none of these but a rare `?`.
    """
    if _CParser is None or _READ_DIFFERENTLY.search(text) or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        # Not a mapping: refused by the caller, located where PyYAML puts it (libyaml marks an empty root elsewhere).
        return (node, loader) if isinstance(node, yaml.MappingNode) else None
    except (yaml.YAMLError, _Limit, _Unusual, RecursionError):
        return None
    finally:
        loader.dispose()


class _Limit(Exception):
    def __init__(self, line: int, column: int, reason: str):
        super().__init__(reason)
        self.line, self.column, self.reason = line, column, reason


class _Builder:
    """Turns a composed node graph into Python values with marks, enforcing limits."""

    def __init__(self, path: str, loader: SafeConstructor):
        self.path = path
        self.loader = loader
        self.marks: dict[Loc, tuple[int, int]] = {}
        self.key_marks: dict[Loc, tuple[int, int]] = {}
        self.seen: set[int] = set()
        self.count = 0

    def fail(self, node: yaml.Node, message: str, loc: Loc = ()) -> YamlError:
        mark = node.start_mark
        return YamlError(Problem(self.path, mark.line + 1, mark.column + 1, format_loc(loc), message))

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self.seen:
            raise self.fail(node, "不允许使用锚点和别名（& 与 *）— 请直接写出内容", loc)
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, f"文件过大：超过 {MAX_NODES} 个节点", loc)
        if len(loc) > MAX_DEPTH:
            raise self.fail(node, f"嵌套过深：超过 {MAX_DEPTH} 层", loc)
        self.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.tag not in _PLAIN_TAGS:
            raise self.fail(node, f"不允许的 YAML 标签 {node.tag}", loc)
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        if node.tag == _STR:
            return node.value  # what the safe constructor returns for text, without its bookkeeping
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            reason = getattr(exc, "problem", None) or str(exc)
            raise self.fail(node, f"无法识别的值：{reason}", loc) from None
        except ValueError as exc:  # e.g. a date that does not exist: 2024-02-30
            raise self.fail(node, f"无效的值“{node.value}”：{exc}", loc) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(node, "数值必须是有限的数字（不允许 .nan、.inf 或溢出的数）", loc)
        return value

    def build_mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "键必须是简单的文字", loc)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "不允许使用合并键 << 和别名 — 请直接写出内容", (*loc, "<<"))
            if key_node.tag not in _KEY_TAGS:
                raise self.fail(key_node, f"键不能带 YAML 标签 {key_node.tag} — 键必须是简单的文字", loc)
            try:
                key = key_node.value if key_node.tag == _STR else self.loader.construct_object(key_node)
            except (yaml.YAMLError, ValueError):
                raise self.fail(key_node, f"无法识别的键“{key_node.value}” — 键必须是简单的文字", loc) from None
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise self.fail(key_node, f"重复的键“{key}” — 每个键在同一层只能出现一次", (*loc, key))
            self.key_marks[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*loc, key))
        return out


def read_limited(path: Path) -> bytes:
    """The file's first MAX_BYTES + 1 bytes: enough to tell it is too big, so a 100 MB file costs nothing."""
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


def load_yaml(path: Path, shown_as: str, raw: bytes | None = None) -> YamlDoc:
    """Parse `path` (or its bytes `raw`, from read_limited) safely; raise YamlError with file, line and message."""
    if raw is None:
        raw = read_limited(path)
    if len(raw) > MAX_BYTES:
        size = path.stat().st_size
        raise YamlError(Problem(shown_as, 1, 1, "", f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(Problem(shown_as, line, 1, "", "文件不是有效的 UTF-8 编码 — 请以 UTF-8 保存")) from None
    fast = _compose_fast(text)
    node, loader = fast if fast is not None else _compose(text, shown_as)
    if node is None:
        raise YamlError(Problem(shown_as, 1, 1, "", "文件是空的 — 需要一个映射（键: 值）"))
    builder = _Builder(shown_as, loader)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise YamlError(Problem(shown_as, 1, 1, "", f"嵌套过深：超过 {MAX_DEPTH} 层")) from None
    return YamlDoc(shown_as, data, builder.marks, builder.key_marks)


def _compose(text: str, shown_as: str) -> tuple[yaml.Node | None, Any]:
    """The node graph composed by the pure-Python loader; raise YamlError with PyYAML's message explained."""
    try:
        loader = _LimitedLoader(text)  # the reader refuses NUL and other control characters here
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        message = f"YAML 语法错误：文件中有不允许的控制字符 {char} — 请删除它（常见于从其他软件复制的文字）"
        raise YamlError(Problem(shown_as, line, column, "", message)) from None
    try:
        node = loader.get_single_node()
    except _Limit as exc:
        raise YamlError(Problem(shown_as, exc.line, exc.column, "", exc.reason)) from None
    except yaml.MarkedYAMLError as exc:
        line, col, message = explain(exc)
        raise YamlError(Problem(shown_as, line, col, "", message)) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(shown_as, 1, 1, "", f"YAML 语法错误：{exc}")) from None
    except RecursionError:
        raise YamlError(Problem(shown_as, 1, 1, "", f"嵌套过深：超过 {MAX_DEPTH} 层")) from None
    finally:
        loader.dispose()
    return node, loader
