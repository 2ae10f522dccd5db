"""The district's share of the city total: computed in one unit, only where the two can be added up."""

import datetime as dt
from typing import Any

from generator.content.models import Observation, Report
from generator.rules.derive import city_of, derive_shares


def report(report_id: str, region: str, level: str, plan_year: int = 2024) -> Report:
    return Report(
        id=report_id, region=region, level=level, title=region, short_title=region, year_covered=plan_year - 1,
        plan_year=plan_year, issuer="发改委", date=dt.date(plan_year, 1, 1), seed="x.txt", seed_sha256="0" * 64,
    )  # fmt: skip


def obs(indicator: str, value: float, unit: str, **extra: Any) -> Observation:
    fields = {"period": "2023", "kind": "actual", "measure": "level", "quote": "x", "paragraph": "p1"}
    return Observation(**{**fields, "indicator": indicator, "value": value, "unit": unit, **extra})


CITY, DISTRICT = report("city", "深圳市", "city"), report("district", "福田区", "district")


def test_share_is_computed_in_one_unit_and_rounded_to_a_tenth_of_a_percent():
    [share] = derive_shares(
        DISTRICT, [obs("gdp", 5704.55, "亿元", kind="estimate")], CITY, [obs("gdp", 3.46, "万亿元")]
    )
    assert share.value == round(5704.55 / 34600 * 100, 1) == 16.5
    assert share.kind == "derived-share" and share.unit == "%" and share.report == "district"
    assert share.formula == "福田区 5704.55亿元 ÷ 深圳市 3.46万亿元（= 34600亿元） × 100% ≈ 16.5%（福田区为预计数）"


def test_no_share_where_units_do_not_convert_are_not_additive_or_the_part_exceeds_the_whole():
    city = [obs("a", 21, "家"), obs("b", 97.8, "%", measure="share"), obs("c", 126, "微克/立方米"), obs("d", 300, "项")]
    district = [
        obs("a", 3, "个"),
        obs("b", 98.3, "%", measure="share"),
        obs("c", 30, "微克/立方米"),
        obs("d", 301, "项"),
    ]
    assert derive_shares(DISTRICT, district, CITY, city) == []


def test_share_needs_the_same_year_and_measure():
    city = [obs("gdp", 3.46, "万亿元"), obs("jobs", 18, "万人", period="2024", kind="target", measure="count")]
    district = [obs("gdp", 5704.55, "亿元", period="2022"), obs("jobs", 2, "万人", period="2024", kind="target")]
    assert derive_shares(DISTRICT, district, CITY, city) == []


def test_a_district_belongs_to_the_one_city_report_of_its_plan_year():
    assert city_of(DISTRICT, [CITY, DISTRICT]) == CITY
    assert city_of(CITY, [CITY, DISTRICT]) is None
    assert city_of(DISTRICT, [report("old", "深圳市", "city", 2023), DISTRICT]) is None
