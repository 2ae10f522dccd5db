"""The held-out search queries a reader types, with the page each must find (shared by the engine-neutral ranking
tests in tests/output/test_searchindex.py, the browser tests in tests/browser/test_search.py and the engine tests in
tests/publish/test_engines.py), and the runner of the query code over a built index, in Node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

# (query, what it is, the expected page: a path, or a path prefix for a family of indicators)
SEARCHES = [
    ("地区生产总值", "indicator name", "indicators/gdp/"),
    ("GDP", "alias", "indicators/gdp/"),
    ("生产总值", "alias", "indicators/gdp/"),
    ("3.46", "number", "indicators/gdp/"),
    ("3.46万亿元", "number glued to its unit", "indicators/gdp/"),
    ("5704.55亿元", "number glued to its unit (福田)", "indicators/gdp/"),
    ("固定资产投资", "indicator name", "indicators/fixed-asset-investment/"),
    ("固投", "alias", "indicators/fixed-asset-investment/"),
    ("社会消费品零售总额", "indicator name", "indicators/retail-sales/"),
    ("社零", "alias", "indicators/retail-sales/"),
    ("规模以上工业增加值", "indicator name", "indicators/industrial-value-added/"),
    ("进出口总额", "indicator name", "indicators/imports-exports/"),
    ("3.87万亿元", "number glued to its unit", "indicators/imports-exports/"),
    ("一般公共预算收入", "indicator name", "indicators/budget-revenue/"),
    ("财政收入", "alias", "indicators/budget-revenue/"),
    ("CPI", "alias", "indicators/cpi/"),
    ("居民消费价格", "indicator name", "indicators/cpi/"),
    ("河套", "place", "indicators/hetao-"),
    ("低空经济", "programme", "indicators/low-altitude-economy-output/"),
    ("低空经", "programme, still being typed", "indicators/low-altitude-economy-output/"),
    ("专精特新小巨人", "alias", "indicators/little-giant-enterprises/"),
    ("超充站", "alias", "indicators/supercharging-stations"),
    ("万元GDP能耗", "indicator name with Latin letters inside", "indicators/energy-use-per-gdp/"),
    ("地铁运营里程", "indicator name", "indicators/metro-length/"),
    ("567.1公里", "number glued to its unit", "indicators/metro-length/"),
    ("战略性新兴产业增加值", "indicator name", "indicators/strategic-emerging-industries-value-added/"),
    ("城中村改造", "alias", "indicators/urban-village-pilots/"),
    ("保障性住房", "alias", "indicators/affordable-housing"),
    ("深港通", "programme", "indicators/shenzhen-hk-connect-"),
    ("西丽湖", "place", "indicators/xili-"),
    ("前海", "place", "indicators/qianhai-"),
]

# More multi-character queries for the ranking test: phrases that share characters with many other names.
PHRASES = [
    ("专精特新", "phrase inside names", "indicators/little-giant-enterprises/"),
    ("消费品", "word inside a name", "indicators/retail-sales/"),
    ("城中村", "word inside an alias", "indicators/urban-village-"),
    ("科技创新", "phrase of chapter text", "reports/"),
    ("营商环境", "phrase of chapter text", "reports/"),
]


RUNNER = Path(__file__).parent / "output" / "run_query.js"
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node (npm ci installs the test tools)")


def run_queries(site: Path, queries: list[str]) -> list[dict[str, Any]]:
    """Each query's results from the site's own index in `site`, ranked by the query code the browser runs."""
    done = subprocess.run(
        ["node", str(RUNNER), str(site), *queries], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def misses(site: Path, searches: list[tuple[str, str, str]]) -> list[str]:
    """The held-out queries whose page is not among the first five results on `site`."""
    answers = {a["query"]: a for a in run_queries(site, [q for q, _, _ in searches])}
    found = []
    for query, what, expected in searches:
        urls = [r["url"] for r in answers[query]["results"][:5]]
        if not any(url.startswith(expected) for url in urls):
            found.append(f"{query}（{what}）: 期望 {expected}，前五条为 {urls}")
    return found
