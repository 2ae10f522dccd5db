"""Generated Markdown: golden files for the mini project, escaping, links, and incremental writes."""

import hashlib
import os
from pathlib import Path

import pytest

from conftest import ROOT, mini_files, seed_from, write_project
from generator.build import DOCS_DIR, generate

GOLDEN = ROOT / "tests" / "golden" / "mini"
GOLDEN_PAGES = ["reports/mini-2024/c1.md", "indicators/gdp.md", "reports/mini-2024/index.md"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project's Markdown, generated once for the tests that only read it."""
    project = write_project(tmp_path_factory.mktemp("generated") / "p", mini_files())
    generate(project)
    return project / DOCS_DIR


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_pages_match_golden_files(generated: Path, page: str):
    """Refresh after an intended change with: UPDATE_GOLDEN=1 python -m pytest tests/test_generate.py"""
    produced = (generated / page).read_text(encoding="utf-8")
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")


def test_chapter_numbers_link_to_their_indicator(generated: Path):
    text = (generated / "reports/mini-2024/c1.md").read_text(encoding="utf-8")
    assert (
        '<a class="rs-num" href="../../../indicators/gdp/" title="地区生产总值（2023年实际）：3.46万亿元">3.46</a>'
        in text
    )
    assert 'href="../../../indicators/retail-sales/"' in text


def test_truncated_chapter_says_so(generated: Path):
    assert "原文至此中断" in (generated / "reports/mini-2024/c2.md").read_text(encoding="utf-8")
    assert "原文至此中断" not in (generated / "reports/mini-2024/c1.md").read_text(encoding="utf-8")


def test_derived_values_are_labelled_with_their_formula(generated: Path):
    text = (generated / "indicators/gdp.md").read_text(encoding="utf-8")
    assert "3.46 ÷ (1 + 6.0%) ≈ 3.264" in text
    assert "推算" in text


@pytest.mark.slow  # generates its own project
def test_hostile_text_is_escaped_for_html_and_markdown(tmp_path: Path):
    files = mini_files()
    chapter = files["content/reports/mini-2024/chapters/01.yml"]
    chapter["sections"][0]["title"] = "*强调* {{ seven*seven }}"
    chapter["sections"][0]["paragraphs"][0]["lead"] = "<script>alert('x')</script>"
    chapter["sections"][0]["paragraphs"].append(
        {
            "id": "c1-s1-p2",
            "text": '<img src=x onerror="alert(`x`)"> [链接](javascript:alert(`x`)) {% if true %}x{% endif %}',
        }
    )
    files["content/indicators/gdp.yml"]["definition"] = "<b>粗</b> | 表格 |"
    with_own_seed(files)
    project = write_project(tmp_path / "p", files)
    generate(project)
    chapter_md = (project / DOCS_DIR / "reports/mini-2024/c1.md").read_text(encoding="utf-8")
    assert "<script>" not in chapter_md and "&lt;script&gt;" in chapter_md
    assert "\\*强调\\*" in chapter_md and "\\{\\{ seven\\*seven \\}\\}" in chapter_md
    assert "<img" not in chapter_md and "&lt;img src=x onerror=&#34;alert(`x`)&#34;&gt;" in chapter_md
    assert "{% if true %}x{% endif %}" in chapter_md  # shown as text, never evaluated
    indicator_md = (project / DOCS_DIR / "indicators/gdp.md").read_text(encoding="utf-8")
    assert "&lt;b&gt;粗&lt;/b&gt;" in indicator_md


@pytest.mark.slow  # generates its own project
def test_second_run_rewrites_nothing_and_one_edit_rewrites_few(tmp_path: Path):
    project = write_project(tmp_path / "p", mini_files())
    first = generate(project)
    assert first.stats.written == len(first.files)
    again = generate(project)
    assert again.stats.written == 0 and again.stats.unchanged == len(first.files)
    before = {p: p.read_bytes() for p in (project / DOCS_DIR).rglob("*") if p.is_file()}
    definition = project / "content/indicators/retail-sales.yml"
    definition.write_text(definition.read_text(encoding="utf-8").replace("零售额。", "零售总额。"), encoding="utf-8")
    edited = generate(project)
    changed = {p.relative_to(project / DOCS_DIR).as_posix() for p, data in before.items() if p.read_bytes() != data}
    # a definition shows on its indicator page, the glossary and the data files that list indicators
    assert changed == {
        "indicators/retail-sales.md", "glossary.md", "data/indicators.csv", "data/indicators/retail-sales.json",
        "data/observations.json", "data/observations.xlsx",
    }  # fmt: skip
    assert edited.stats.written == len(changed)


@pytest.mark.slow  # generates its own project
def test_stale_pages_are_removed(tmp_path: Path):
    project = write_project(tmp_path / "p", mini_files())
    generate(project)
    (project / "content/indicators/retail-sales.yml").unlink()
    obs = project / "content/reports/mini-2024/observations.yml"
    import yaml

    data = yaml.safe_load(obs.read_text(encoding="utf-8"))
    data["observations"] = [o for o in data["observations"] if o["indicator"] != "retail-sales"]
    obs.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    ign = project / "content/reports/mini-2024/ignored.yml"
    ign.write_text("ignored:\n- {paragraph: c1-s1-p1, text: '1.05', reason: repeat}\n", encoding="utf-8")
    result = generate(project)
    gone = ["indicators/retail-sales.md", "data/indicators/retail-sales.csv", "data/indicators/retail-sales.json"]
    assert result.stats.removed == len(gone)
    assert not any((project / DOCS_DIR / path).exists() for path in gone)


@pytest.mark.slow  # generates its own project
def test_closing_paragraphs_follow_the_sections(tmp_path: Path):
    files = mini_files()
    files["content/reports/mini-2024/chapters/01.yml"]["closing"] = [{"id": "c1-p1", "text": "过去一年成绩来之不易。"}]
    with_own_seed(files)
    project = write_project(tmp_path / "p", files)
    generate(project)
    text = (project / DOCS_DIR / "reports/mini-2024/c1.md").read_text(encoding="utf-8")
    assert text.index('id="c1-s1-p1"') < text.index('id="c1-p1"')


@pytest.mark.slow  # generates its own project
def test_chapter_chart_follows_the_text_and_the_cut_off_note(tmp_path: Path):
    files = mini_files()
    files["content/reports/mini-2024/chapters/01.yml"]["truncated"] = True
    files["content/reports/mini-2024/chapters/02.yml"]["truncated"] = False
    obs = files["content/reports/mini-2024/observations.yml"]["observations"]
    obs.append({**obs[1], "indicator": "retail-sales", "quote": "增长 6.0%", "headline": False, "note": "测试"})
    obs.append({**obs[1], "indicator": "retail-sales", "period": 2022, "quote": "增长 6.0%", "headline": False})
    project = write_project(tmp_path / "p", files)
    generate(project)
    text = (project / DOCS_DIR / "reports/mini-2024/c1.md").read_text(encoding="utf-8")
    assert text.index('id="c1-s1-p1"') < text.index("原文至此中断") < text.index("\n\n## 本章数据\n")


def with_own_seed(files: dict) -> None:
    """A test fixture whose chapters were changed gets a seed holding exactly that text (the text is the report's)."""
    seed = seed_from(files).encode("utf-8")
    files["seeds/mini-2024.txt"] = seed
    files["content/reports/mini-2024/report.yml"]["seed_sha256"] = hashlib.sha256(seed).hexdigest()
