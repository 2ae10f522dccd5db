"""The curated content: complete, grounded and consistent (the build enforces the same rules).

Every expectation is derived from `content/` and `seeds/manifest.yml`, never from a list of today's
reports: adding a report (another district, next year's plan) must not break these tests.
"""

import re
from collections import defaultdict

import pytest
import yaml

from conftest import ROOT
from generator.checks.validate import validate
from generator.content.load import load_content
from generator.rules.derive import city_of

CHAPTER_NUMBERS = "一二三四五六七八九十"
# A district and its city side by side (城市与区对比) is worth a page only with this many indicators in both.
SHARED_MINIMUM = 12


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


@pytest.fixture(scope="module")
def manifest() -> dict[str, dict]:
    entries = yaml.safe_load((ROOT / "seeds" / "manifest.yml").read_text(encoding="utf-8"))["seeds"]
    return {entry["file"]: entry for entry in entries}


def test_real_content_passes_every_check(content):
    validate(content, ROOT)  # grounding, references, and every number accounted for


def test_every_seed_of_the_manifest_is_published_as_its_report(content, manifest):
    assert sorted(item.report.seed for item in content.reports) == sorted(manifest)
    for item in content.reports:
        assert item.report.region == manifest[item.report.seed]["region"], item.report.id
        assert item.report.title == manifest[item.report.seed]["title"], item.report.id


def test_every_report_accounts_for_its_numbers(content):
    for item in content.reports:
        assert item.observations_doc is not None, f"{item.report.id}: observations.yml missing"
        assert item.ignored_doc is not None, f"{item.report.id}: ignored.yml missing"
        assert item.observations, item.report.id


def test_chapters_run_in_order_and_only_the_last_may_be_cut_off(content):
    for item in content.reports:
        numbers = [c.number for c in item.chapters]
        assert numbers == list(CHAPTER_NUMBERS[: len(numbers)]), item.report.id
        assert not any(c.truncated for c in item.chapters[:-1]), item.report.id


def test_a_chapter_marked_cut_off_ends_with_the_seeds_last_words(content):
    """`truncated: true` means the source text stops inside the chapter: its last paragraph is the seed's end."""
    for item in content.reports:
        last = item.chapters[-1]
        if not last.truncated:
            continue
        seed = re.sub(r"\s", "", (ROOT / "seeds" / item.report.seed).read_text(encoding="utf-8"))
        *_, (_, paragraph) = last.located_paragraphs()  # in reading order
        final = paragraph.text
        assert seed.endswith(re.sub(r"\s", "", final)[-20:]), item.report.id


def test_a_district_and_its_city_share_enough_indicators_to_compare(content):
    observed = defaultdict(set)
    for item in content.reports:
        for obs in item.observations:
            observed[item.report.id].add(obs.indicator)
    reports = [item.report for item in content.reports]
    for district in reports:
        city = city_of(district, reports)
        if city is not None:
            shared = observed[district.id] & observed[city.id]
            assert len(shared) >= SHARED_MINIMUM and "gdp" in shared, (district.id, city.id, sorted(shared))


def test_headline_targets_are_typed(content):
    for item in content.reports:
        targets = [o for o in item.observations if o.headline and o.kind == "target"]
        assert targets, item.report.id
        assert all(o.target_type in ("expected", "binding") for o in targets)
        assert {o.target_type for o in targets} == {"expected", "binding"}


def test_every_indicator_is_used(content):
    used = {o.indicator for item in content.reports for o in item.observations}
    assert set(content.indicators) - used == set()
