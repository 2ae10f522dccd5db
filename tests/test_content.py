"""The curated content: complete, grounded and consistent (the build enforces the same rules)."""

from collections import defaultdict

import pytest

from conftest import ROOT
from generator.checks.validate import validate
from generator.content.load import load_content

SHARED = {
    "gdp", "retail-sales", "fixed-asset-investment", "imports-exports", "budget-revenue", "water-use-per-gdp",
    "energy-use-per-gdp", "modern-services-value-added", "strategic-emerging-industries-value-added",
    "national-high-tech-enterprises", "cross-border-ecommerce", "financial-value-added",
}  # fmt: skip


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT)


def test_real_content_passes_every_check(content):
    validate(content, ROOT)  # grounding, references, and every number accounted for


def test_every_report_accounts_for_its_numbers(content):
    for item in content.reports:
        assert item.observations_doc is not None, f"{item.report.id}: observations.yml missing"
        assert item.ignored_doc is not None, f"{item.report.id}: ignored.yml missing"
        assert len(item.observations) > 100, item.report.id


def test_both_reports_are_marked_cut_off_where_the_text_stops(content):
    for item in content.reports:
        assert [c.number for c in item.chapters] == ["一", "二", "三"]
        assert [c.truncated for c in item.chapters] == [False, False, True]


def test_shared_concepts_have_observations_from_both_reports(content):
    regions = defaultdict(set)
    for item in content.reports:
        for obs in item.observations:
            regions[obs.indicator].add(item.report.id)
    both = {ind for ind, reports in regions.items() if len(reports) == len(content.reports)}
    assert both >= SHARED, SHARED - both


def test_headline_targets_are_typed(content):
    for item in content.reports:
        targets = [o for o in item.observations if o.headline and o.kind == "target"]
        assert targets, item.report.id
        assert all(o.target_type in ("expected", "binding") for o in targets)
        assert {o.target_type for o in targets} == {"expected", "binding"}


def test_every_indicator_is_used(content):
    used = {o.indicator for item in content.reports for o in item.observations}
    assert set(content.indicators) - used == set()
