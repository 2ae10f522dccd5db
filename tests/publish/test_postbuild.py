"""The post-build steps run on any engine's output: the sitemap gets the build date MkDocs would have written."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

from generator.build import Generated
from generator.content.load import load_content
from generator.output.reproducible import content_epoch
from generator.output.write import WriteStats
from generator.publish import postbuild


def test_a_sitemap_stamped_today_gets_the_bytes_mkdocs_writes_for_the_content_date(real_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    site.mkdir()
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        shutil.copy(real_site / "site" / name, site / name)
    sitemap = site / "sitemap.xml"
    today = re.sub(r"<lastmod>[^<]*</lastmod>", "<lastmod>2031-02-03</lastmod>", sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(today, encoding="utf-8")
    packed = site / "sitemap.xml.gz"
    packed.write_bytes(gzip.compress(today.encode("utf-8"), mtime=1_927_000_000))
    epoch = content_epoch(item.report.date for item in load_content(real_site).reports)
    generated = Generated(0, 0, [], WriteStats(), 0.0, source_epoch=epoch)
    postbuild.after_build(site, generated)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        assert (site / name).read_bytes() == (real_site / "site" / name).read_bytes(), name
    stamped = {name: (site / name).stat().st_mtime_ns for name in ("sitemap.xml", "sitemap.xml.gz")}
    postbuild.after_build(site, generated)  # nothing left to change: nothing rewritten
    assert stamped == {name: (site / name).stat().st_mtime_ns for name in stamped}


def test_every_step_runs_on_a_site_without_the_files_it_rewrites(tmp_path: Path):
    """Zensical writes neither Material's search index nor a gzipped sitemap: the steps leave such a site alone."""
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    postbuild.after_build(tmp_path, Generated(0, 0, [], WriteStats(), 0.0))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]
