"""Scale: synthetic projects of 1,000, 3,000 and 10,000 indicator pages built from scratch.

Per size: wall time of `reportsite build` (cold: empty build/ and chart caches), the generator's share,
peak resident memory of the build process, and the size of the search index. `measure_regions`: one city
and ten districts over one, two and three years (bench/synthetic.py `make_regions_project`), with the size of
the GDP indicator page, the page with the most regions and years.
"""

from __future__ import annotations

import gzip
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from common import reportsite, run
from synthetic import make_project, make_regions_project

GENERATOR_DONE = re.compile(r"生成完成：.*（([0-9.]+) 秒）")


def measure_one(indicators: int, workdir: Path) -> dict[str, Any]:
    project = workdir / f"scale-{indicators}"
    counts = make_project(project, indicators)
    result = run(reportsite(project, "build"), project)
    found = GENERATOR_DONE.search(result.stderr)
    site = project / "site"
    pages = len(list(site.rglob("*.html")))
    row = {
        "indicator_pages": indicators,
        "reports": counts["reports"],
        "observations": counts["observations"],
        "html_pages": pages,
        "charts": len(list(site.rglob("*.vl.json"))),
        "build_s": round(result.seconds, 1),
        "generator_s": float(found.group(1)) if found else None,
        "ms_per_page": round(1000 * result.seconds / pages, 1),
        "cpu_s": round(result.cpu_s, 1),
        "cpu_ms_per_page": round(1000 * result.cpu_s / pages, 1),
        "peak_mb": round(result.peak_mb),
        # the whole index (generator/output/searchindex.py) in its files; one query fetches a few of them
        "search_index_bytes": sum(p.stat().st_size for p in (site / "search").rglob("*.json")),
        "search_index_gzip_bytes": sum(
            len(gzip.compress(p.read_bytes(), 6)) for p in (site / "search").rglob("*.json")
        ),
        "indicator_page_bytes": (site / "indicators" / "ind-00001" / "index.html").stat().st_size,
        "largest_theme_page_bytes": max(p.stat().st_size for p in (site / "themes").rglob("index.html")),
    }
    shutil.rmtree(project)
    return row


def measure(sizes: list[int]) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="reportsite-scale-") as tmp:
        return [measure_one(n, Path(tmp)) for n in sizes]


def measure_regions_one(years: int, workdir: Path, indicators: int = 30) -> dict[str, Any]:
    """One city and ten districts, `years` reports each: build time and the GDP page (11 regions) in bytes."""
    project = workdir / f"regions-{years}"
    counts = make_regions_project(project, years=years, indicators=indicators)
    result = run(reportsite(project, "build"), project)
    found = GENERATOR_DONE.search(result.stderr)
    page = (project / "site" / "indicators" / "gdp" / "index.html").read_bytes()
    row = {
        "years": years,
        "reports": counts["reports"],
        "observations": counts["observations"],
        "html_pages": len(list((project / "site").rglob("*.html"))),
        "build_s": round(result.seconds, 1),
        "generator_s": float(found.group(1)) if found else None,
        "cpu_s": round(result.cpu_s, 1),
        "gdp_page_bytes": len(page),
        "gdp_page_gzip_bytes": len(gzip.compress(page, 6)),
    }
    shutil.rmtree(project)
    return row


def measure_regions(years: list[int]) -> list[dict[str, Any]]:
    """The growth axis of regions and years (goal: GDP page ≤ 30 KB gzipped, build time linear in reports)."""
    with tempfile.TemporaryDirectory(prefix="reportsite-regions-") as tmp:
        return [measure_regions_one(n, Path(tmp)) for n in years]
