"""Small pieces the whole site rests on, tested on their own: where files may be written, which words
of a paragraph become number links."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import mini_files, write_project
from generator.content.load import load_content
from generator.errors import BuildError
from generator.model.links import link_numbers
from generator.model.site import build_model
from generator.output.write import safe_target, write_tree


def test_safe_target_keeps_plain_paths_inside_the_output_folder(tmp_path: Path):
    assert safe_target(tmp_path, "indicators/gdp/index.md") == (tmp_path / "indicators/gdp/index.md").resolve()
    assert safe_target(tmp_path, "data/年份.csv") == (tmp_path / "data/年份.csv").resolve()


@pytest.mark.parametrize("relative", ["", "/etc/passwd", "../x.md", "a/../../x.md", "a\\..\\x.md", "a\0.md"])
def test_safe_target_refuses_paths_that_could_leave_it(tmp_path: Path, relative: str):
    with pytest.raises(BuildError, match="拒绝写入不安全的路径"):
        safe_target(tmp_path / "docs", relative)


def test_safe_target_refuses_a_symbolic_link_out_of_the_folder(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "docs" / "link").symlink_to(tmp_path / "outside")
    with pytest.raises(BuildError, match="拒绝写入输出文件夹之外的路径"):
        safe_target(tmp_path / "docs", "link/x.md")


def test_write_tree_refuses_a_symbolic_link_out_of_the_folder(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "docs" / "link").symlink_to(tmp_path / "outside")
    with pytest.raises(BuildError, match="拒绝写入输出文件夹之外的路径"):
        write_tree(tmp_path / "docs", {"link/x.md": b"x"})
    assert not (tmp_path / "outside" / "x.md").exists()


def test_write_tree_rewrites_a_file_changed_behind_its_back(tmp_path: Path):
    """Unchanged files are recognised by the stamp of the last write; a file edited since then is compared."""
    docs = tmp_path / "docs"
    assert write_tree(docs, {"a.md": b"one", "b/c.md": b"two"}).written == 2
    assert write_tree(docs, {"a.md": b"one", "b/c.md": b"two"}).unchanged == 2
    (docs / "a.md").write_bytes(b"ONE")  # same size, other bytes, another time
    stats = write_tree(docs, {"a.md": b"one", "b/c.md": b"two"})
    assert (stats.written, stats.unchanged) == (1, 1) and (docs / "a.md").read_bytes() == b"one"
    stats = write_tree(docs, {"a.md": b"one"})
    assert stats.removed == 1 and not (docs / "b").exists()


@pytest.fixture(scope="module")
def mini_model(tmp_path_factory: pytest.TempPathFactory):
    project = write_project(tmp_path_factory.mktemp("mini"), mini_files(), with_site=False)
    return build_model(load_content(project))


def test_link_numbers_links_each_quoted_number_and_keeps_every_character(mini_model):
    """The quotes have spaces the clean text lacks; each observation links only its own number."""
    views = [v for v in mini_model.views if v.place.paragraph.id == "c1-s1-p1"]
    paragraph = views[0].place.paragraph
    segments = link_numbers(paragraph, views)
    assert "".join(s.text for s in segments) == paragraph.full_text
    assert [(s.text, s.indicator.id) for s in segments if s.indicator] == [
        ("3.46", "gdp"),
        ("6.0", "gdp"),
        ("1.05", "retail-sales"),
    ]
    assert all(s.label.startswith(f"{s.indicator.name}（2023年") for s in segments if s.indicator)


def test_link_numbers_leaves_text_without_observations_alone(mini_model):
    paragraph = next(v.place.paragraph for v in mini_model.views if v.place.paragraph.id == "c1-s1-p1")
    segments = link_numbers(paragraph, [])
    assert [(s.text, s.indicator) for s in segments] == [(paragraph.full_text, None)]


def test_a_charts_axis_is_in_the_unit_its_labels_use():
    from generator.rules.display import axis_unit

    # 3.68万亿元 beside 5704.55亿元: an axis in 万亿元 (0–4), never 36,800 on an 亿元 axis
    assert axis_unit(["万亿元", "亿元"], 36800.0) == "万亿元"
    assert axis_unit(["亿元", "万亿元"], 36800.0) == "万亿元"
    # below 1万亿 the 亿元 the labels print; a unit the labels never use is never chosen
    assert axis_unit(["万亿元", "亿元"], 5704.55) == "亿元"
    assert axis_unit(["亿元"], 36800.0) == "亿元"
    assert axis_unit(["万人", "人"], 120000.0) == "万人" and axis_unit(["%"], 6.0) == "%"
