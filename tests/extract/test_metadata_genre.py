"""Metadata of the genre's government work reports: title, region and level, plan year, date.

The texts below are fixtures written for these tests (a made-up 东江市 and its 南湖区); never published.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from generator.cli import main
from generator.extract.clean import clean_report
from generator.extract.metadata import read_metadata
from generator.extract.structure import parse_structure

ROOT = Path(__file__).resolve().parents[2]
BODY = """各位代表：
现在，我代表人民政府，向大会报告工作，请予审议。
一、过去一年工作回顾
全年地区生产总值1200亿元、增长5.1%。
二、今年主要目标任务
地区生产总值增长5%左右。
"""


def meta(head: str) -> dict:
    return read_metadata(parse_structure(clean_report(head + BODY).text))


def test_a_newspaper_page_line_run_into_the_title_is_not_the_title() -> None:
    found = meta(
        "东江日报/2025年/1月/22日/第A01版 政府工作报告\n——2025年1月18日在东江市第八届人民代表大会第四次会议上\n"
    )
    assert found["title"] == "政府工作报告"
    assert found["government_report"] is True


def test_region_and_level_from_the_occasion_line_when_the_title_has_none() -> None:
    city = meta("政府工作报告\n——2025年1月18日在东江市第八届人民代表大会第四次会议上\n")
    assert (city["region"], city["level"]) == ("东江市", "city")
    district = meta("政府工作报告\n（2025年1月9日在东江市南湖区第三届人民代表大会第五次会议上）\n")
    assert (district["region"], district["level"]) == ("南湖区", "district")


def test_region_from_the_speakers_title() -> None:
    found = meta("政府工作报告\n南湖区区长 王芳\n")
    assert (found["region"], found["level"], found["issuer"]) == ("南湖区", "district", "南湖区人民政府")


def test_a_government_work_report_plans_the_year_of_its_congress() -> None:
    found = meta("政府工作报告\n——2025年1月18日在东江市第八届人民代表大会第四次会议上\n")
    assert found["plan_year"] == 2025
    assert found["year_covered"] == 2024  # 过去一年, said at a congress of 2025


def test_a_dateline_with_or_without_dashes_gives_the_date() -> None:
    for line in (
        "——2025年1月18日在东江市第八届人民代表大会第四次会议上",
        "2025年1月18日在东江市第八届人民代表大会第四次会议上",
        "（2025年1月18日在东江市第八届人民代表大会第四次会议上）",
        "—— 2025 年 1 月 18 日",
    ):
        assert meta(f"政府工作报告\n{line}\n")["date"] == dt.date(2025, 1, 18), line


def test_what_the_text_does_not_print_stays_unread() -> None:
    found = meta("政府工作报告\n")
    assert found["region"] is found["level"] is found["plan_year"] is found["date"] is None
    assert found["year_covered"] is None  # 过去一年 with no year of the congress: not read


def test_the_draft_report_carries_what_was_read_and_todo_for_the_rest(tmp_path: Path) -> None:
    seed = tmp_path / "nanhu-2025.txt"
    seed.write_text(
        "东江日报/2025年/1月/12日/第A01版 政府工作报告\n2025年1月9日在东江市南湖区第三届人民代表大会第五次会议上\n"
        + BODY,
        encoding="utf-8",
    )
    out = tmp_path / "draft"
    assert main(["--project", str(ROOT), "extract", str(seed), "--out", str(out)]) == 0
    report = yaml.safe_load((out / "report.yml").read_text(encoding="utf-8"))
    assert (report["title"], report["region"], report["level"]) == ("政府工作报告", "南湖区", "district")
    assert (report["plan_year"], report["year_covered"], report["date"]) == (2025, 2024, dt.date(2025, 1, 9))
    assert report["occasion"] == "在东江市南湖区第三届人民代表大会第五次会议上"
    assert report["short_title"] == "南湖区2025年政府工作报告"
    assert report["publication"] == "东江日报 2025年1月12日 第A01版"
    assert report["issuer"] == "TODO"  # no speaker line: who issued it is not printed
