"""Reading YAML: safe, located, and strict about what editors get wrong."""

from pathlib import Path

import pytest

from generator.content.yamlfile import YamlError, load_yaml


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "x.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_yaml(path, "content/x.yml")


def error(tmp_path: Path, text: str | bytes) -> str:
    with pytest.raises(YamlError) as info:
        load(tmp_path, text)
    return info.value.problem.format()


def test_values_keep_their_line_and_column(tmp_path):
    doc = load(tmp_path, "a: 1\nitems:\n  - name: x\n    value: 2\n")
    assert doc.data == {"a": 1, "items": [{"name": "x", "value": 2}]}
    assert doc.where(("items", 0, "value")) == (4, 12)
    assert doc.problem(("items", 0, "value"), "坏了").format() == "content/x.yml:4:12: items[0].value: 坏了"


def test_a_missing_key_is_located_at_its_parent(tmp_path):
    doc = load(tmp_path, "a: 1\nitems:\n  - name: x\n")
    assert doc.where(("items", 0, "value")) == (3, 5)


def test_duplicate_keys_are_refused_with_the_line_of_the_second(tmp_path):
    assert error(tmp_path, "a: 1\nb: 2\na: 3\n") == "content/x.yml:3:1: a: 重复的键“a” — 每个键在同一层只能出现一次"


def test_syntax_errors_name_the_line(tmp_path):
    message = error(tmp_path, "a: 1\n  b: 2\n")
    assert message.startswith("content/x.yml:2:4: YAML 语法错误")


def test_tabs_for_indentation_are_a_syntax_error(tmp_path):
    assert "YAML 语法错误" in error(tmp_path, "a:\n\t- 1\n")


def test_python_tags_never_construct_objects(tmp_path):
    message = error(tmp_path, "a: !!python/object/apply:os.system ['echo pwned']\n")
    assert message.startswith("content/x.yml:1:4: a: ")


def test_aliases_are_refused(tmp_path):
    message = error(tmp_path, "a: &x [1, 2]\nb: *x\n")
    assert "不允许使用锚点和别名" in message


def test_empty_and_comment_only_files(tmp_path):
    assert error(tmp_path, "") == "content/x.yml:1:1: 文件是空的 — 需要一个映射（键: 值）"
    assert error(tmp_path, "# only a comment\n") == "content/x.yml:1:1: 文件是空的 — 需要一个映射（键: 值）"


def test_bom_is_accepted_and_bad_encoding_is_named(tmp_path):
    assert load(tmp_path, b"\xef\xbb\xbfa: 1\n").data == {"a": 1}
    assert "UTF-8" in error(tmp_path, b"a: 1\nb: " + "中文".encode("gbk") + b"\n")


def test_non_finite_numbers_and_impossible_dates(tmp_path):
    assert "有限的数字" in error(tmp_path, "v: .nan\n")
    assert "有限的数字" in error(tmp_path, "v: 1.0e+309\n")
    assert error(tmp_path, "d: 2024-02-30\n").startswith("content/x.yml:1:4: d: 无效的值“2024-02-30”")
