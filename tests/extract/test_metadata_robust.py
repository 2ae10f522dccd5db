"""Metadata from any report of the genre, and a clear answer for any file given to `extract`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.extract.clean import clean_report
from generator.extract.metadata import read_metadata
from generator.extract.structure import parse_structure

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def meta_of(path: Path) -> dict:
    return read_metadata(parse_structure(clean_report(path.read_text(encoding="utf-8")).text))


def test_plan_reports_of_city_and_district() -> None:
    city = meta_of(ROOT / "seeds" / "shenzhen-2024.txt")
    assert (city["region"], city["level"], city["year_covered"], city["plan_year"]) == ("深圳市", "city", 2023, 2024)
    assert city["issuer"] == "深圳市发展和改革委员会" and city["speaker"] == "郭子平"
    district = meta_of(ROOT / "seeds" / "futian-2024.txt")
    assert (district["region"], district["level"], district["year_covered"], district["plan_year"]) == (
        "福田区",
        "district",
        2023,
        2024,
    )


def test_government_work_report_with_newspaper_header(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    assert main(["--project", str(ROOT), "extract", str(FIXTURES / "gov-work-report.txt"), "--out", str(out)]) == 0
    report = yaml.safe_load((out / "report.yml").read_text(encoding="utf-8"))
    assert report["title"] == "政府工作报告" and report["region"] == "深圳市" and report["level"] == "city"
    assert (report["year_covered"], report["plan_year"]) == (2023, 2024)  # from 一、2023年工作回顾 / 二、2024年工作安排
    assert (report["issuer"], report["speaker"]) == ("深圳市人民政府", "覃伟中")
    assert report["publication"] == "深圳特区报 2024年1月31日 第A01版"
    observations = yaml.safe_load((out / "observations.yml").read_text(encoding="utf-8"))["observations"]
    assert [o["indicator"] for o in observations[:4]] == ["gdp", "gdp", "industrial-value-added", "retail-sales"]


def test_unreadable_metadata_stays_todo(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    assert main(["--project", str(ROOT), "extract", str(FIXTURES / "no-headings.txt"), "--out", str(out)]) == 0
    report = yaml.safe_load((out / "report.yml").read_text(encoding="utf-8"))
    assert report["region"] == report["year_covered"] == report["plan_year"] == "TODO"


def test_traditional_text_gives_a_draft_with_a_note(tmp_path: Path) -> None:
    out = tmp_path / "draft"
    assert main(["--project", str(ROOT), "extract", str(FIXTURES / "traditional.txt"), "--out", str(out)]) == 0
    report = yaml.safe_load((out / "report.yml").read_text(encoding="utf-8"))
    assert any("繁体" in note for note in report["notes"])
    # read through the converter: metadata and links as for a simplified text; the text kept as printed
    assert (report["region"], report["level"], report["year_covered"], report["plan_year"]) == (
        "某市",
        "city",
        2023,
        2024,
    )
    assert report["title"] == "關於某市2023年國民經濟和社會發展計劃執行情況與2024年計劃草案的報告"
    observations = yaml.safe_load((out / "observations.yml").read_text(encoding="utf-8"))["observations"]
    assert [o["indicator"] for o in observations] == ["gdp", "gdp", "industrial-value-added", "gdp"]
    assert observations[0]["quote"] == "全市地區生產總值3.46萬億元"
    seed = (FIXTURES / "traditional.txt").read_text(encoding="utf-8")
    assert all(o["quote"] in seed for o in observations)
    chapter = (out / "chapters" / "01.yml").read_text(encoding="utf-8")
    assert "地區生產總值3.46萬億元" in chapter


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件为空"),
        (b"   \n\n", "文件为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "二进制文件"),
        ("关于某市的报告，地区生产总值增长6%。".encode("gbk"), "不是 UTF-8 编码"),
        (b"just some english text 123", "几乎没有中文"),
    ],
)
def test_bad_files_end_with_a_located_message(tmp_path: Path, capsys, content: bytes, message: str) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_bytes(content)
    assert main(["extract", str(seed), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{seed}:1:1: " in err and message in err and "Traceback" not in err


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path, capsys) -> None:
    seed = tmp_path / "big.txt"
    with seed.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    assert main(["extract", str(seed), "--out", str(tmp_path / "out")]) == 1
    assert "文件过大（52.4 MB）" in capsys.readouterr().err
