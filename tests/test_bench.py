"""The benchmarks measure what they claim: synthetic content is valid, the Hugo site has the same pages,
the reader-weight scan sees Vega only where a chart is. Timings are printed by bench/run.py, never tested."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, mini_files, write_project
from generator.build import generate
from generator.cli import main
from generator.content.load import load_content

sys.path.insert(0, str(ROOT / "bench"))

import hugo
import synthetic
import weight


@pytest.mark.slow  # generates a 90-indicator project
def test_synthetic_project_is_valid_content_with_one_page_per_indicator(tmp_path: Path, capsys):
    project = tmp_path / "synthetic"
    counts = synthetic.make_project(project, indicators=90, per_report=30)
    assert counts["reports"] == 3
    assert main(["--project", str(project), "validate"]) == 0, capsys.readouterr().err
    content = load_content(project)
    assert len(content.indicators) == 90
    assert sum(len(item.observations) for item in content.reports) == counts["observations"] > 90
    result = generate(project)
    pages = {
        f for f in result.files if f.startswith("indicators/") and f.endswith(".md") and f != "indicators/index.md"
    }
    assert len(pages) == 90 and result.charts >= 1  # shared indicators get a level chart


def test_synthetic_indicator_names_are_unique_at_the_largest_scale():
    names = [synthetic.indicator_name(i) for i in range(10_000)]
    assert len(set(names)) == len(names)
    assert not any(ch.isdigit() for name in names for ch in name)  # digits in a name would be mentions


@pytest.mark.skipif(shutil.which("hugo") is None, reason="needs Debian's hugo")
def test_hugo_builds_the_same_pages(mini_project: Path, tmp_path: Path):
    generate(mini_project)
    docs = mini_project / "build" / "docs"
    pages = hugo.make_site(docs, tmp_path / "hugo")
    assert pages == len(list(docs.rglob("*.md")))
    subprocess.run(["hugo", "--quiet", "-s", str(tmp_path / "hugo")], check=True, capture_output=True)
    public = tmp_path / "hugo" / "public"
    gdp = (public / "indicators" / "gdp" / "index.html").read_text(encoding="utf-8")
    assert "<table" in gdp and "地区生产总值" in gdp  # raw HTML kept, not escaped
    assert (public / "indicators" / "gdp" / "gdp-level.svg").is_file()


@pytest.mark.slow  # builds a site
def test_weight_counts_vega_only_on_pages_with_a_chart(tmp_path: Path):
    project = write_project(tmp_path / "p", mini_files())
    assert main(["--project", str(project), "build"]) == 0
    site = project / "site"
    with_chart = weight.page_weight(site, site / "indicators" / "gdp" / "index.html")
    without = weight.page_weight(site, site / "about" / "index.html")
    assert with_chart["vega"] and not without["vega"]
    assert with_chart["js"] > without["js"] + 500_000  # the Vega bundle
    assert 0 < without["html_gz"] < without["html"] and without["transferred_gz"] > without["html_gz"]
    summary = weight.measure(site)
    assert summary["indicator"]["pages"] == 2 and summary["search index"]["gz"] > 0


@pytest.fixture(scope="module")
def regions_site(regions_project: Path) -> Path:
    """The many-regions project (tests/conftest.py: one city and ten districts, three reports each, five
    indicators: the GDP page is the same as with thirty), built once per session; its site."""
    return regions_project / "site"


def test_regions_gdp_page_changes_form_beyond_six_regions_and_stays_small(regions_site: Path):
    import gzip
    import json

    from bs4 import BeautifulSoup

    folder = regions_site / "indicators" / "gdp"
    html = (folder / "index.html").read_bytes()
    assert len(gzip.compress(html, 6)) <= 30_000  # the goal of issue 13 (measured: bench/run.py)
    for name in ("gdp-level.vl.json", "gdp-growth.vl.json"):
        spec = json.loads((folder / name).read_text(encoding="utf-8"))
        rows = spec["layer"][0]["data"]["values"] if "data" not in spec else spec["data"]["values"]
        assert {r["时期"] for r in rows} == {"2025"}  # the latest year, ranked: eleven rows, not eleven colours
        assert len({r["地区"] for r in rows}) == 11
        assert "color" not in spec["layer"][0]["encoding"]
        printed = [r["数值"] for r in rows if r["类别"] == "原文"]
        order = spec["layer"][0]["encoding"]["y"]["sort"]
        assert [r["地区"] for r in sorted((r for r in rows if r["类别"] == "原文"), key=lambda r: -r["数值"])] == order
        assert len(printed) == 11
    doc = BeautifulSoup(html, "html.parser")
    cards = [c.get_text() for c in doc.select(".rs-card:not(.rs-card--target) .rs-card__region")]
    assert len(cards) == len(set(cards)) == 11  # one latest card per region
    table = doc.select(".rs-compare tbody tr")  # one comparison table of the latest year, sorted by value
    assert len(table) == 11 and len(doc.select(".rs-compare")) == 1
    values = [float(r.find_all("td")[0].get_text().rstrip("亿元")) for r in table[1:]]
    assert values == sorted(values, reverse=True)


def test_regions_compare_ranks_districts_and_gives_each_its_own_page(regions_site: Path):
    """Ten districts over three years: the comparison page ranks the districts' latest figures per headline
    indicator (no page per district and year, no ten-colour chart); each district has a page beside the city."""
    from bs4 import BeautifulSoup

    from conftest import soup

    overview = soup(regions_site / "compare" / "index.html")
    chips = overview.select("nav.rs-chooser a.rs-chip")
    assert len(chips) == 10 and not overview.select("nav.rs-chooser [aria-current]")
    tables = overview.select(".rs-compare--ranked table")
    assert len(tables) == 5  # one per headline indicator of the city
    assert not overview.select(".md-content .rs-chart, .md-content img")  # tables, not charts
    gdp = tables[0]
    heads = [th.get_text() for th in gdp.select("thead th")]
    assert heads == ["地区", "2025年 总量", "2025年 增速", "占深圳市"]  # the latest period only
    rows = gdp.select("tbody tr")
    assert rows[0].th.get_text() == "深圳市" and len(rows) == 11
    levels = [float(r.find("td").get_text().removesuffix("亿元")) for r in rows[1:]]
    assert levels == sorted(levels, reverse=True)
    assert all(r.select_one("td a.rs-src--value")["href"].startswith("../reports/") for r in rows)
    for row in rows[1:]:
        page = regions_site / "compare" / row.th.a["href"] / "index.html"
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert doc.h1.get_text().startswith(f"深圳市与{row.th.get_text()}")
        assert doc.select_one("nav.rs-chooser [aria-current=page]").get_text() == row.th.get_text()
        head = [th.get_text(" ") for th in doc.select(".rs-compare.rs-stack thead th")][:3]
        assert head == ["指标", "深圳市 2025年", f"{row.th.get_text()} 2025年"]  # the latest pair of the district
        cell = doc.select_one(".rs-compare.rs-stack tbody td")
        assert cell["data-label"] == "深圳市2025年"  # labels each value when the table stacks on a phone
    size = max(p.stat().st_size for p in (regions_site / "compare").rglob("index.html"))
    assert size < 200_000  # pages do not grow with districts × years
