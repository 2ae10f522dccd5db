"""Full build of the real content: `reportsite build` against a bare `mkdocs build` of the same Markdown.

The bare build uses a copy of mkdocs.yml without the reportsite plugin and with the nav the generator made, pointed
at the already generated build/docs: it is what MkDocs + Material cost on their own.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml
from common import folder_bytes, median, reportsite, run


def bare_config(project: Path) -> Path:
    """mkdocs.yml without the reportsite plugin (the generator), with the generated nav written in."""
    from generator.build import generate

    nav = generate(project).nav
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # The plugin is the last entry of `plugins:`, its options indented below it, up to the next top-level key.
    without_plugin = re.sub(r"\n  - reportsite:\n(?:(?:    .*)?\n)*", "\n", text)
    assert without_plugin != text, "mkdocs.yml no longer has the plugin this benchmark removes"
    config = project / "mkdocs-bare.yml"
    config.write_text(without_plugin + yaml.safe_dump({"nav": nav}, allow_unicode=True), encoding="utf-8")
    return config


def measure(project: Path, runs: int = 3) -> dict[str, Any]:
    """Median of `runs` builds each, alternating, after one warm-up build (SVG and spec caches, jieba)."""
    run(reportsite(project, "build"), project)
    config = bare_config(project)
    bare = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(project / "bare-site")]
    full, bare_runs = [], []
    for _ in range(runs):
        full.append(run(reportsite(project, "build"), project))
        bare_runs.append(run(bare, project))
    full_s, bare_s = [r.seconds for r in full], [r.seconds for r in bare_runs]
    full_cpu, bare_cpu = median([r.cpu_s for r in full]), median([r.cpu_s for r in bare_runs])
    site = project / "site"
    return {
        "full_build_s": round(median(full_s), 2),
        "bare_mkdocs_s": round(median(bare_s), 2),
        "ratio": round(median(full_s) / median(bare_s), 3),
        "full_build_runs": [round(s, 2) for s in full_s],
        "bare_mkdocs_runs": [round(s, 2) for s in bare_s],
        "full_build_cpu_s": round(full_cpu, 2),
        "bare_mkdocs_cpu_s": round(bare_cpu, 2),
        "ratio_cpu": round(full_cpu / bare_cpu, 3),
        "html_pages": len(list(site.rglob("*.html"))),
        "charts": len(list(site.rglob("*.vl.json"))),
        "site_bytes": folder_bytes(site),
        "search_index_bytes": (site / "search" / "search_index.json").stat().st_size,
    }
