"""Every benchmark of reportsite in one run, printed as a table (and written as JSON with --json PATH).

Usage: python bench/run.py [--quick] [--json PATH] [--runs 3] [--sizes 1000,3000]
       python bench/run.py --scale 1000,10000 [--json PATH]
  --quick  skips the 10,000-indicator scale run and the two-year regions run (a few minutes instead of ~half an hour on 2 cores)
  --scale  only the synthetic scale builds, at these sizes: the figures to note after every merge
           (CI does not run it; 10,000 indicator pages take minutes, so run it with `nice`)
Timings are printed, never asserted: they depend on the machine and its load, printed alongside.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's generator, not an installed one

import extract_quality
import full_build
import hugo
import incremental
import parallel
import scale
import weight
from common import copy_project, load_average


def sizes(text: str) -> list[int]:
    return [int(x) for x in text.split(",")]


def machine() -> str:
    return f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def collect(quick: bool, runs: int, sizes: list[int] | None) -> dict[str, Any]:
    results: dict[str, Any] = {"machine": machine(), "load_before": load_average()}
    with tempfile.TemporaryDirectory(prefix="reportsite-bench-") as tmp:
        project = copy_project(Path(tmp) / "project")
        results.update(full_build.measure(project, runs))
        results.update(hugo.measure(project, results["bare_mkdocs_s"], runs))
        results["weight"] = weight.measure(project / "site")
        results.update(incremental.measure(project))
        results["parallel"] = parallel.measure(project)
    results["scale"] = scale.measure(sizes or ([1000, 3000] if quick else [1000, 3000, 10000]))
    results["extract_quality"] = extract_quality.rows(extract_quality.measure())
    results["regions"] = scale.measure_regions([1, 3] if quick else [1, 2, 3])
    results["load_after"] = load_average()
    return results


def scale_table(r: dict[str, Any]) -> list[tuple[str, str]]:
    head = [("machine", r["machine"]), ("load average before / after", f"{r['load_before']} / {r['load_after']}")]
    return head + scale_rows(r["scale"])


def table(r: dict[str, Any]) -> str:
    rows: list[tuple[str, str]] = [
        ("machine", r["machine"]),
        ("load average before / after", f"{r['load_before']} / {r['load_after']}"),
        ("real content", f"{r['html_pages']} HTML pages, {r['charts']} charts, site {r['site_bytes'] / 1e6:.1f} MB"),
        (f"reportsite build (median of {len(r['full_build_runs'])})", f"{r['full_build_s']:.2f} s  {r['full_build_runs']}"),
        (f"bare mkdocs build (median of {len(r['bare_mkdocs_runs'])})", f"{r['bare_mkdocs_s']:.2f} s  {r['bare_mkdocs_runs']}"),
        ("ratio (goal ≤ 1.3)", f"{r['ratio']:.2f}"),
        ("CPU seconds: reportsite / bare (ratio)", f"{r['full_build_cpu_s']:.1f} / {r['bare_mkdocs_cpu_s']:.1f} ({r['ratio_cpu']:.2f})"),
    ]  # fmt: skip
    if r.get("hugo_s") is not None:
        rows.append(("hugo, same pages (median)", f"{r['hugo_s']:.2f} s  ({r['hugo_pages']} pages)"))
        rows.append(("bare mkdocs ÷ hugo", f"{r['bare_mkdocs_over_hugo']:.1f}×"))
    else:
        rows.append(("hugo", r.get("hugo_note", "not run")))
    rows += [
        ("incremental: generator (median, goal < 1 s)", f"{r['incremental_generator_s']:.3f} s  {r['incremental_runs']}"),
        ("incremental: generator CPU time (median)", f"{r['incremental_generator_cpu_s']:.3f} s"),
        ("incremental: files written", f"{r['incremental_files_written']} {r['incremental_changed_files']}"),
    ]  # fmt: skip
    p = r["parallel"]
    threads = [f"{k.split('_')[1]} worker(s) {v} s" for k, v in p.items() if k.startswith("svg_")]
    rows.append((f"cold SVG render of {p['charts_rendered']} charts", ", ".join(threads)))
    rows.append((f"page rendering ({p['pages_rendered']} pages, 1 thread)", f"{p['page_render_s']:.2f} s"))
    for name, w in r["weight"].items():
        if name == "search index":
            rows.append(("weight: search index", f"{w['bytes'] / 1e3:.0f} KB, gzip {w['gz'] / 1e3:.0f} KB"))
            continue
        rows.append((
            f"weight: {name} ({w['pages']})",
            f"HTML {w['median_html'] / 1e3:.1f} KB (max {w['max_html'] / 1e3:.0f}), gzip {w['median_html_gz'] / 1e3:.1f} KB, "
            f"transferred {w['median_transferred_gz'] / 1e3:.0f} KB, JS {w['median_js'] / 1e3:.0f} KB "
            f"(gzip {w['median_js_gz'] / 1e3:.0f}), Vega on {w['with_vega']}",
        ))  # fmt: skip
    rows += scale_rows(r["scale"])
    for g in r.get("regions", []):
        rows.append((
            f"regions: city + 10 districts × {g['years']} year(s) ({g['reports']} reports, {g['html_pages']} pages)",
            f"{g['build_s']:.0f} s (generator {g['generator_s']} s, CPU {g['cpu_s']:.0f} s = "
            f"{g['cpu_s'] / g['reports']:.1f} s/report), GDP page {g['gdp_page_bytes'] / 1e3:.0f} KB, "
            f"gzip {g['gdp_page_gzip_bytes'] / 1e3:.1f} KB (goal ≤ 30)",
        ))  # fmt: skip
    rows += [tuple(row) for row in r.get("extract_quality", [])]  # one line per seed and catalogue
    return aligned(rows)


def scale_rows(scale: list[dict[str, Any]]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for s in scale:
        rows.append((
            f"scale: {s['indicator_pages']} indicators ({s['reports']} reports, {s['html_pages']} pages, {s['charts']} charts)",
            f"{s['build_s']:.0f} s (generator {s['generator_s']} s), {s['ms_per_page']} ms/page, "
            f"CPU {s['cpu_s']:.0f} s = {s['cpu_ms_per_page']} ms/page, "
            f"peak {s['peak_mb']} MB, search index {s['search_index_bytes'] / 1e6:.1f} MB "
            f"(gzip {s['search_index_gzip_bytes'] / 1e6:.2f} MB)",
        ))  # fmt: skip
    if len(scale) > 1:
        first, last = scale[0], scale[-1]
        rows.append((
            f"ms/page at {last['indicator_pages']} ÷ at {first['indicator_pages']} (goal ≤ 1.2)",
            f"{last['ms_per_page'] / first['ms_per_page']:.2f} (CPU time: {last['cpu_ms_per_page'] / first['cpu_ms_per_page']:.2f})",
        ))  # fmt: skip
    return rows


def aligned(rows: list[tuple[str, str]]) -> str:
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-indicator scale run")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this path")
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each full build (median)")
    parser.add_argument("--sizes", type=sizes, help="scale sizes of the full run, e.g. 200,600")
    parser.add_argument("--scale", type=sizes, help="run only the scale builds at these sizes, e.g. 1000,10000")
    args = parser.parse_args()
    if args.scale:
        results = {"machine": machine(), "load_before": load_average(), "scale": scale.measure(args.scale)}
        results["load_after"] = load_average()
        print(aligned(scale_table(results)))
    else:
        results = collect(args.quick, args.runs, args.sizes)
        print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
