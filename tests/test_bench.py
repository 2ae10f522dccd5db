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
