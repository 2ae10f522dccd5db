"""Build time of `reportsite build` against a bare `mkdocs build` of the same generated Markdown.

Usage: python bench/build_time.py [--runs 3]
Prints a table: median seconds of each, their ratio, pages, charts, size of site/ and of the search index.
The bare build uses a copy of mkdocs.yml without the hook, pointed at the already generated build/docs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "CI": "true"}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        for name in ("content", "seeds", "site_templates", "generator"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        (project / "build" / "docs").mkdir(parents=True)
        reportsite = [sys.executable, "-m", "generator.cli", "--project", str(project), "build"]
        subprocess.run(reportsite, cwd=project, env=env, check=True, capture_output=True)  # warm caches (SVG, jieba)
        full = [timed(reportsite, project, env) for _ in range(args.runs)]
        bare_config = project / "mkdocs-bare.yml"
        text = (project / "mkdocs.yml").read_text(encoding="utf-8")
        bare_config.write_text(text.replace("hooks:\n  - generator/hooks.py\n", ""), encoding="utf-8")
        nav = subprocess.run(
            [sys.executable, "-c", "import sys, yaml; from generator.build import generate; "
             "print(yaml.safe_dump({'nav': generate(__import__('pathlib').Path(sys.argv[1])).nav}, allow_unicode=True))",
             str(project)],
            cwd=project, env=env, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        bare_config.write_text(bare_config.read_text(encoding="utf-8") + nav, encoding="utf-8")
        bare_cmd = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(bare_config),
            "-d",
            str(Path(tmp) / "bare"),
        ]
        bare = [timed(bare_cmd, project, env) for _ in range(args.runs)]
        site = project / "site"
        pages = len(list(site.rglob("*.html")))
        charts = len(list(site.rglob("*.vl.json")))
        index = (site / "search" / "search_index.json").stat().st_size
        rows = [
            (f"reportsite build (median of {args.runs})", f"{statistics.median(full):.2f} s"),
            (f"bare mkdocs build (median of {args.runs})", f"{statistics.median(bare):.2f} s"),
            ("ratio", f"{statistics.median(full) / statistics.median(bare):.2f}"),
            ("HTML pages", str(pages)),
            ("charts", str(charts)),
            ("site/ size", f"{folder_size(site) / 1e6:.1f} MB"),
            ("search index", f"{index / 1e3:.0f} KB"),
        ]
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
