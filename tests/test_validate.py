"""Validation of whole projects: every problem, located, in words an editor understands."""

import hashlib

import pytest
import yaml

from conftest import mini_files, write_project
from generator.checks.validate import validate
from generator.content.load import load_content
from generator.errors import ContentError


def problems(tmp_path, files) -> list[str]:
    root = write_project(tmp_path / "p", files, with_site=False)
    with pytest.raises(ContentError) as info:
        validate(load_content(root), root)
    return [p.format() for p in info.value.problems]


def test_the_mini_project_is_valid(tmp_path):
    root = write_project(tmp_path / "p", mini_files(), with_site=False)
    content = load_content(root)
    validate(content, root)
    assert [r.report.id for r in content.reports] == ["mini-2024"]
    assert len(content.reports[0].observations) == 4


def test_text_where_a_number_belongs(tmp_path):
    files = mini_files()
    files["content/reports/mini-2024/observations.yml"]["observations"][0]["value"] = "约6%"
    assert problems(tmp_path, files) == [
        "content/reports/mini-2024/observations.yml:6:10: observations[0].value: 应为数字，实际为文字“约6%”"
        " — 只写数字（如 3.46）；单位写在 unit，“约”“超”等写在 qualifier，原文写法写在 printed"
    ]


def test_misspelt_field_lists_the_allowed_ones(tmp_path):
    files = mini_files()
    files["content/indicators/gdp.yml"]["defintion"] = files["content/indicators/gdp.yml"].pop("definition")
    assert problems(tmp_path, files) == [
        "content/indicators/gdp.yml:9:1: defintion: 未知字段 — 是否应为“definition”？"
        "允许的字段：id、name、name_en、unit、theme、counts、definition、aliases、former_ids"
    ]


def test_bad_enum_and_slug(tmp_path):
    files = mini_files()
    obs = files["content/reports/mini-2024/observations.yml"]["observations"]
    obs[0]["kind"] = "actualy"
    obs[1]["paragraph"] = "../../etc/passwd"
    found = problems(tmp_path, files)
    assert "observations[0].kind: 文字“actualy”不是允许的值 — 允许：actual, estimate, target" in found[0]
    assert "observations[1].paragraph: 文字“../../etc/passwd”不是有效的 id" in found[1]


def test_quote_not_in_seed_and_value_not_in_quote(tmp_path):
    files = mini_files()
    obs = files["content/reports/mini-2024/observations.yml"]["observations"]
    obs[0]["quote"] = "地区生产总值 3.47 万亿元"
    obs[2]["value"] = 1.5
    found = problems(tmp_path, files)
    assert any("observations[0].quote: 引文在原文 seeds/mini-2024.txt 中找不到" in f for f in found)
    assert any("observations[2].value: 数值 1.5 不在引文中" in f for f in found)


def test_reference_to_missing_indicator_and_paragraph(tmp_path):
    files = mini_files()
    obs = files["content/reports/mini-2024/observations.yml"]["observations"]
    obs[2]["indicator"] = "retail"
    obs[3]["paragraph"] = "c9-p1"
    found = problems(tmp_path, files)
    assert any(
        "observations[2].indicator: 指标“retail”不存在 — 需要文件 content/indicators/retail.yml" in f for f in found
    )
    assert any("observations[3].paragraph: 本报告没有段落“c9-p1”" in f for f in found)


def test_seed_hash_must_match(tmp_path):
    files = mini_files()
    files["content/reports/mini-2024/report.yml"]["seed_sha256"] = hashlib.sha256(b"other").hexdigest()
    found = problems(tmp_path, files)
    assert len(found) == 1 and "seed_sha256: 与 seeds/mini-2024.txt 的实际 sha256" in found[0]


def test_duplicate_paragraph_ids(tmp_path):
    files = mini_files()
    files["content/reports/mini-2024/chapters/02.yml"]["paragraphs"][0]["id"] = "c1-s1-p1"
    found = problems(tmp_path, files)
    assert any(
        "content/reports/mini-2024/chapters/02.yml" in f and "段落 id“c1-s1-p1”在本报告中重复" in f for f in found
    )


def test_every_number_must_be_accounted_for(tmp_path):
    files = mini_files()
    files["content/reports/mini-2024/observations.yml"]["observations"].pop(2)
    found = problems(tmp_path, files)
    assert len(found) == 1
    assert "段落“c1-s1-p1”中的数字“1.05”" in found[0] and "ignored.yml" in found[0]
    files["content/reports/mini-2024/ignored.yml"] = {
        "ignored": [{"paragraph": "c1-s1-p1", "text": "1.05", "reason": "repeat"}]
    }
    root = write_project(tmp_path / "q", files, with_site=False)
    validate(load_content(root), root)


def test_stale_ignored_entries_are_reported(tmp_path):
    files = mini_files()
    files["content/reports/mini-2024/ignored.yml"] = {
        "ignored": [{"paragraph": "c2-p1", "text": "2024", "reason": "date"}]
    }
    found = problems(tmp_path, files)
    assert found == [
        "content/reports/mini-2024/ignored.yml:2:3: ignored[0]: 段落“c2-p1”中没有多余的数字“2024”可忽略"
        " — 这个数字已由观测值覆盖，或段落中没有它（或出现次数更少）：删去这一条，或改正 paragraph/text"
    ]


def test_all_problems_of_all_files_in_one_run(tmp_path):
    files = mini_files()
    files["content/indicators/gdp.yml"]["theme"] = "经济"
    files["content/reports/mini-2024/chapters/01.yml"]["number"] = "1"
    files["content/reports/mini-2024/report.yml"]["level"] = "province"
    found = problems(tmp_path, files)
    assert len(found) == 3
    assert [f.split(":")[0] for f in found] == [
        "content/indicators/gdp.yml",
        "content/reports/mini-2024/chapters/01.yml",
        "content/reports/mini-2024/report.yml",
    ]


def test_repeated_fact_must_agree(tmp_path):
    files = mini_files()
    obs = files["content/reports/mini-2024/observations.yml"]["observations"]
    obs.append({**obs[2], "indicator": "gdp"})
    found = problems(tmp_path, files)
    assert any("同一数量出现两次但数值不一致：3.46" in f and "1.05" in f for f in found)


def test_yaml_dump_of_mini_files_round_trips():
    files = mini_files()
    text = yaml.safe_dump(files["content/reports/mini-2024/report.yml"], allow_unicode=True)
    assert "2024-01-30" in text


def test_markup_is_refused_in_titles_that_reach_the_navigation(tmp_path):
    files = mini_files()
    files["content/reports/mini-2024/chapters/01.yml"]["title"] = "</title><script>alert('x')</script>"
    found = problems(tmp_path, files)
    assert found == [
        "content/reports/mini-2024/chapters/01.yml:2:8: title: 标题和名称中不能包含 <、>、HTML 实体（如 &lt;）或控制字符"
    ]


def _with_share(value, note=None, share_computed=None):
    files = mini_files()
    seed = files["seeds/mini-2024.txt"].decode().replace("1.05 万亿元。", f"1.05 万亿元、占 GDP 比重 {value}%。")
    files["seeds/mini-2024.txt"] = seed.encode()
    report = files["content/reports/mini-2024/report.yml"]
    report["seed_sha256"] = hashlib.sha256(seed.encode()).hexdigest()
    paragraph = files["content/reports/mini-2024/chapters/01.yml"]["sections"][0]["paragraphs"][0]
    paragraph["text"] = paragraph["text"].replace("1.05万亿元。", f"1.05万亿元、占GDP比重{value}%。")
    share = {"indicator": "retail-sales", "period": 2023, "kind": "actual", "measure": "share", "value": value,
             "unit": "%", "quote": f"占 GDP 比重 {value}%", "paragraph": "c1-s1-p1", "share_of": "gdp"}  # fmt: skip
    if note:
        share["note"] = note
    if share_computed is not None:
        share["share_computed"] = share_computed
    files["content/reports/mini-2024/observations.yml"]["observations"].append(share)
    return files


def test_a_share_must_equal_part_over_whole(tmp_path):
    root = write_project(tmp_path / "ok", _with_share(30.3), with_site=False)
    validate(load_content(root), root)  # 1.05 / 3.46 = 30.35 %, printed 30.3: within rounding
    found = problems(tmp_path, _with_share(33.3))
    assert len(found) == 1
    assert "占比 33.3% 与 1.05万亿元（“社会消费品零售总额 1.05 万亿元”）÷ 3.46万亿元" in found[0]
    assert "= 30.35% 不符" in found[0]
    # a note alone does not silence the check: the difference is declared, and the check reads it
    found = problems(tmp_path / "noted", _with_share(33.3, note="原文如此"))
    assert len(found) == 1 and "写 share_computed: 30.35 并在 note 中说明" in found[0]
    root = write_project(
        tmp_path / "declared", _with_share(33.3, "原文口径不同", share_computed=30.35), with_site=False
    )
    validate(load_content(root), root)
