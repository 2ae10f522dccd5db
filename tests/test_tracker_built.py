"""The plan tracker on the built site: statuses on fixture content with outcomes, and every real 2024 target."""

import copy
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI_SEED, mini_files, soup, write_project
from generator.content.load import load_content

pytestmark = pytest.mark.slow  # a site built from the tracker fixture (module fixture)

TARGETS_2024 = "——GDP 增长 5.5%,居民消费价格涨幅控制在 3%左右,社会消费品零售总额增长 5%左右,进出口总额持平,新增就业 10 万人,外贸稳规模。\n"
OUTCOMES_2024 = (
    "正文复制\n关于某市2024年计划执行情况的报告\n一、2024年计划执行情况\n"
    "全年地区生产总值增长 5.8%,社会消费品零售总额增长 4.6%,居民消费价格上涨 3.6%,进出口总额下降 0.3%。\n"
)
# indicator → (target wording, status the tracker must compute from the 2024 outcome)
EXPECTED = {
    "gdp": ("5.5%", "met"),  # plain number: floor; 5.8 ≥ 5.5
    "retail-sales": ("5%左右", "tolerance"),  # floor with 0.5 points tolerance; 4.6 is 0.4 short
    "cpi": ("控制在3%左右", "missed"),  # ceiling with tolerance; 3.6 > 3.5
    "imports-exports": ("持平", "tolerance"),  # band around zero; 下降0.3% is within 0.5
    "new-jobs": ("10万人", "no-data"),  # no outcome reported
    "trade-policy": ("稳规模", "text"),  # text target: no numeric status
}


def _indicator(ind_id: str, name: str, unit: str) -> dict[str, Any]:
    return {
        "id": ind_id,
        "name": name,
        "name_en": name,
        "unit": unit,
        "theme": "经济运行",
        "counts": "new" if name.startswith("新增") else "total",  # a 新增 name is a new count (issue 18)
        "definition": f"{name}。",
    }


def tracker_files() -> dict[str, Any]:
    """The mini project with six 2024 targets (one per rule) and a 2025 report giving 2024 outcomes."""
    files = copy.deepcopy(mini_files())
    seed = MINI_SEED.replace("——GDP 增长 5.5%。\n", TARGETS_2024).encode("utf-8")
    files["seeds/mini-2024.txt"] = seed
    files["content/reports/mini-2024/report.yml"]["seed_sha256"] = hashlib.sha256(seed).hexdigest()
    files["content/reports/mini-2024/chapters/02.yml"]["paragraphs"][0]["text"] = (
        "——GDP增长5.5%,居民消费价格涨幅控制在3%左右,社会消费品零售总额增长5%左右,进出口总额持平,新增就业10万人,外贸稳规模。"
    )
    for ind_id, name, unit in [
        ("cpi", "居民消费价格", "%"),
        ("imports-exports", "进出口总额", "亿元"),
        ("new-jobs", "新增就业", "万人"),
        ("trade-policy", "外贸政策", "项"),
    ]:
        files[f"content/indicators/{ind_id}.yml"] = _indicator(ind_id, name, unit)
    target = {"period": 2024, "kind": "target", "paragraph": "c2-p1", "target_type": "expected"}
    files["content/reports/mini-2024/observations.yml"]["observations"] += [
        {**target, "indicator": "cpi", "measure": "growth", "value": 3, "unit": "%", "qualifier": "控制在",
         "quote": "居民消费价格涨幅控制在3%左右"},
        {**target, "indicator": "retail-sales", "measure": "growth", "value": 5, "unit": "%", "qualifier": "左右",
         "quote": "社会消费品零售总额增长5%左右"},
        {**target, "indicator": "imports-exports", "measure": "growth", "qualifier": "持平", "text": "持平",
         "quote": "进出口总额持平"},
        {**target, "indicator": "new-jobs", "measure": "count", "value": 10, "unit": "万人", "quote": "新增就业10万人",
         "target_type": "binding"},
        {**target, "indicator": "trade-policy", "measure": "growth", "text": "稳规模", "quote": "外贸稳规模"},
    ]  # fmt: skip
    later = OUTCOMES_2024.encode("utf-8")
    files["seeds/mini-2025.txt"] = later
    files["content/reports/mini-2025/report.yml"] = {
        **files["content/reports/mini-2024/report.yml"], "id": "mini-2025", "title": "关于某市2024年计划执行情况的报告",
        "short_title": "某市2025年计划报告", "year_covered": 2024, "plan_year": 2025, "date": dt.date(2025, 1, 20),
        "seed": "mini-2025.txt", "seed_sha256": hashlib.sha256(later).hexdigest(),
    }  # fmt: skip
    files["content/reports/mini-2025/chapters/01.yml"] = {
        "number": "一", "title": "2024年计划执行情况",
        "paragraphs": [{"id": "c1-p1", "text": "全年地区生产总值增长5.8%,社会消费品零售总额增长4.6%,居民消费价格上涨3.6%,进出口总额下降0.3%。"}],
    }  # fmt: skip
    actual = {"period": 2024, "kind": "actual", "measure": "growth", "unit": "%", "paragraph": "c1-p1"}
    files["content/reports/mini-2025/observations.yml"] = {"observations": [
        {**actual, "indicator": "gdp", "value": 5.8, "quote": "地区生产总值增长5.8%"},
        {**actual, "indicator": "retail-sales", "value": 4.6, "quote": "社会消费品零售总额增长4.6%"},
        {**actual, "indicator": "cpi", "value": 3.6, "quote": "居民消费价格上涨3.6%"},
        {**actual, "indicator": "imports-exports", "value": -0.3, "quote": "进出口总额下降0.3%"},
    ]}  # fmt: skip
    files["content/reports/mini-2025/ignored.yml"] = {"ignored": []}
    return files


@pytest.fixture(scope="module")
def tracker_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.cli import main

    project = write_project(tmp_path_factory.mktemp("tracker") / "proj", tracker_files())
    assert main(["--project", str(project), "build", "--strict"]) == 0
    return project / "site"


def rows_of(page: Path) -> dict[str, Any]:
    doc = soup(page)
    return {row.find("a")["href"].rstrip("/").rsplit("/", 1)[-1]: row for row in doc.select(".rs-tracker tbody tr")}


@pytest.mark.parametrize("page", ["targets/index.html", "targets/mini-2024/index.html"])
def test_tracker_statuses_on_fixture_content_with_outcomes(tracker_site: Path, page: str):
    from generator.rules.targets import STATUS_LABEL

    rows = rows_of(tracker_site / page)
    assert set(rows) == set(EXPECTED)
    for indicator, (wording, status) in EXPECTED.items():
        row = rows[indicator]
        cells = row.find_all("td")
        assert row["data-status"] == status, indicator
        assert cells[2].select_one(".rs-status").get_text() == STATUS_LABEL[status]
        assert wording in cells[1].get_text(), (indicator, cells[1].get_text())
    assert rows["new-jobs"].select_one(".rs-target-type").get_text() == "约束性"
    assert rows["gdp"].select_one(".rs-target-type").get_text() == "预期性"
    # the outcome that decided the status is shown and links to its sentence in the 2025 report
    outcome = rows["cpi"].find_all("td")[2].select_one("a.rs-src")
    assert outcome.get_text() == "3.6%" and "reports/mini-2025/c1/" in outcome["href"]
    # the 2023 outcome of the same indicator: GDP grew 6.0% in 2023 (mini-2024 report)
    assert rows["gdp"].find_all("td")[3].select_one("a.rs-src").get_text() == "6.0%"


def test_tracker_chart_compares_targets_with_the_year_before(tracker_site: Path):
    import json

    # two plan years (2024 and 2025 reports): one chart per plan year; the 2025 report sets no targets
    assert not (tracker_site / "targets" / "tracker-growth-2025.vl.json").exists()
    spec = json.loads((tracker_site / "targets" / "tracker-growth-2024.vl.json").read_text(encoding="utf-8"))
    values = spec["layer"][0]["data"]["values"] if "data" not in spec else spec["data"]["values"]
    gdp = {v["系列"]: v["增速"] for v in values if v["行"].startswith("地区生产总值")}
    assert gdp == {"2023年实际": 6.0, "2024年目标": 5.5, "2024年实际": 5.8}  # the year before, the target, the outcome


def test_tracker_and_comparison_pages_are_in_the_navigation(tracker_site: Path):
    doc = soup(tracker_site / "index.html")
    nav = [a["href"] for a in doc.select("nav.md-nav--primary a[href]")]
    assert any(h.rstrip("/").endswith("targets") for h in nav), nav
    assert not (tracker_site / "compare" / "index.html").exists()  # two city reports: no district to compare


def test_every_real_2024_target_is_on_the_tracker_with_no_data_or_text(real_site: Path):
    content = load_content(real_site)
    for item in content.reports:
        targets = [o for o in item.observations if o.kind == "target" and o.period == str(item.report.plan_year)]
        page = real_site / "site" / "targets" / item.report.id / "index.html"
        doc = soup(page)
        rows = doc.select(".rs-tracker tbody tr")
        assert len(rows) == len(targets)
        text_targets = sum(1 for o in targets if o.value is None and o.qualifier != "持平")
        assert sum(1 for r in rows if r["data-status"] == "text") == text_targets
        assert {r["data-status"] for r in rows} <= {"no-data", "text"}  # no 2024 outcomes are published yet
        # binding and expected targets are named as such
        binding = sum(1 for o in targets if o.target_type == "binding")
        assert sum(1 for r in rows if r.select_one(".rs-target-type").get_text() == "约束性") == binding
    combined = soup(real_site / "site" / "targets" / "index.html")
    total = sum(1 for item in content.reports for o in item.observations if o.kind == "target")
    assert len(combined.select(".rs-tracker tbody tr")) == total
