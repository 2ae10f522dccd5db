"""Same input, same output: two builds of the real content are byte-identical, wherever they run."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import struct
from pathlib import Path

from conftest import copy_real_project
from generator.cli import main
from generator.content.load import load_content


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_in_different_folders_are_byte_identical(real_site: Path, tmp_path: Path, monkeypatch):
    """The second build renders every chart afresh (no SVG cache) in a folder of another depth, and in the build
    process before MkDocs starts, where the first (on two cores or more) made them in worker processes while
    MkDocs read the other pages (generator.build.LateCharts)."""
    other = copy_real_project(tmp_path / "elsewhere" / "deeper" / "project")
    monkeypatch.setenv("REPORTSITE_JOBS", "1")
    assert main(["--project", str(other), "build"]) == 0
    first, second = files_of(real_site / "site"), files_of(other / "site")
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    assert str(other) not in "".join(v.decode("utf-8", "replace") for k, v in second.items() if k.endswith(".html"))


def test_the_build_date_is_the_content_date_unless_given(real_site: Path):
    """sitemap lastmod and the gzip header carry SOURCE_DATE_EPOCH, or else the latest report date."""
    given = os.environ.get("SOURCE_DATE_EPOCH")
    if given:
        day = dt.datetime.fromtimestamp(int(given), dt.UTC).date()
    else:
        day = max(item.report.date for item in load_content(real_site).reports)
    sitemap = (real_site / "site/sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<lastmod>") >= 8 and sitemap.count(f"<lastmod>{day.isoformat()}</lastmod>") == sitemap.count(
        "<lastmod>"
    )
    packed = (real_site / "site/sitemap.xml.gz").read_bytes()
    (mtime,) = struct.unpack("<I", packed[4:8])
    assert dt.datetime.fromtimestamp(mtime, dt.UTC).date() == day
    assert gzip.decompress(packed).decode("utf-8") == sitemap
    assert "SOURCE_DATE_EPOCH" not in os.environ or given  # the build set it only for its own duration
