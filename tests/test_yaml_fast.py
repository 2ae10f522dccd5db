"""libyaml reads the events, the pure-Python loader gives the messages: both must agree on every input.

`load_yaml` composes libyaml's events and falls back to PyYAML's pure-Python loader for anything that
is not a plain success. These tests check that a file reads the same either way — the same data, the
same line and column of every value and key, or the same message — on the real content, the hostile
project, the bad-input corpus and random YAML-like text (hypothesis).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from bad_inputs import CASES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, mini_files, write_project
from generator.content import yamlfile
from generator.content.yamlfile import YamlError, load_yaml


def outcome(path: Path) -> tuple[Any, ...]:
    """What an editor gets from one file: the data (as repr, so 1, 1.0 and True differ) and marks, or the message."""
    try:
        doc = load_yaml(path, "content/x.yml")
    except YamlError as exc:
        return ("error", exc.problem.format())
    return ("ok", repr(doc.data), doc.marks, doc.key_marks)


def both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    fast = outcome(path)
    with monkeypatch.context() as patch:
        patch.setattr(yamlfile, "_CParser", None)
        pure = outcome(path)
    return fast, pure


def test_libyaml_is_there_and_reads_every_real_file():
    assert yamlfile._CParser is not None, "PyYAML without libyaml: reading YAML is ~6× slower"
    files = sorted((ROOT / "content").rglob("*.yml"))
    assert len(files) > 100
    for path in files:
        assert yamlfile._compose_fast(path.read_text(encoding="utf-8")) is not None, path


def test_real_content_reads_the_same_with_libyaml(monkeypatch):
    for path in sorted((ROOT / "content").rglob("*.yml")):
        fast, pure = both(path, monkeypatch)
        assert fast == pure, path


def test_hostile_project_reads_the_same_with_libyaml(monkeypatch, tmp_path):
    from hostile import hostile_files

    project = write_project(tmp_path / "hostile", hostile_files(), with_site=False)
    files = sorted((project / "content").rglob("*.yml"))
    assert files
    for path in files:
        fast, pure = both(path, monkeypatch)
        assert fast == pure, path


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.slow) if c.name == "half-million-values" else c  # seconds to read
        for c in CASES
        if c.name != "file-over-100mb"
    ],
    ids=lambda c: c.name,
)
def test_bad_inputs_read_the_same_with_libyaml(case, monkeypatch, tmp_path):
    project = write_project(tmp_path / "p", mini_files(), with_site=False)
    case.write(project)
    for path in sorted((project / "content").rglob("*.yml")):
        if path.is_file() and not path.is_symlink():
            fast, pure = both(path, monkeypatch)
            assert fast == pure, path


@pytest.mark.slow  # documents at every limit, read twice
def test_limits_give_the_pure_loaders_message():
    deep = "a: " + "[" * 70 + "]" * 70 + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yml"
        path.write_text(deep, encoding="utf-8")
        assert outcome(path) == ("error", "content/x.yml:1:63: 嵌套过深：超过 60 层")
        path.write_text("a: [" + ", ".join(["1"] * 60_000) + "]\n", encoding="utf-8")
        assert outcome(path)[1].startswith("content/x.yml:1:")
        assert "文件过大：超过 50000 个值" in outcome(path)[1]


# Characters that make YAML interesting: indicators, quotes, escapes, flow brackets, anchors, tags,
# comments, tabs, odd line breaks, a BOM inside, CJK and a character beyond U+FFFF.
TOKENS = [*"ab1.-: \n\t'\"\\#[]{},&*!|>%@?`~=<", "\r", "\x85", "\u2028", "\ufeff", "地", "：", "𠀋", "0x1F", "1e3"]
WORDS = st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)
LINES = st.lists(WORDS, max_size=8).map("\n".join)
DOCS = st.one_of(
    LINES,
    st.builds(lambda k, v, tail: f"{k}: {v}\n{tail}", WORDS, WORDS, LINES),
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8), st.dates()),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=12,
    ).map(lambda data: yaml.safe_dump({"k": data}, allow_unicode=True, default_flow_style=None)),
)


@pytest.mark.slow  # hypothesis examples
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=DOCS)
def test_random_text_reads_the_same_with_libyaml(text, monkeypatch):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yml"
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        fast, pure = both(path, monkeypatch)
        assert fast == pure, text


def test_an_unclosed_flow_mapping_is_explained_not_a_traceback(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("{a", encoding="utf-8")
    assert outcome(path) == (
        "error",
        "content/x.yml:1:3: YAML 语法错误：花括号映射没有正确结束 — 请检查 { } 是否成对、各项是否用逗号分隔",
    )
