"""Incremental rebuild as `reportsite serve` does it: one value changed in one YAML file, generator only.

The generator runs in this process, as under `mkdocs serve` (which keeps the process and re-runs the
hook after every edit): the first run warms the caches, then each edit is timed.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from common import median

EDITED = "content/indicators/gdp.yml"
AFFECTED = ["indicators/gdp.md"]  # the definition is shown on the indicator's own page only


def measure(project: Path, edits: int = 5) -> dict[str, Any]:
    """Median generator seconds over `edits` edits of one indicator's definition, and files rewritten."""
    from generator.build import generate

    generate(project)
    path = project / EDITED
    original = path.read_text(encoding="utf-8")
    assert "\ndefinition: " in original
    seconds, cpu, written, changed = [], [], [], set()
    for n in range(1, edits + 1):
        before = _snapshot(project / "build" / "docs")
        path.write_text(original.replace("\ndefinition: ", f"\ndefinition: （修订{n}）", 1), encoding="utf-8")
        started, started_cpu = time.perf_counter(), time.process_time()
        result = generate(project)
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        written.append(result.stats.written)
        after = _snapshot(project / "build" / "docs")
        changed |= {p for p in after if after[p] != before.get(p)}
    path.write_text(original, encoding="utf-8")
    generate(project)
    return {
        "incremental_generator_s": round(median(seconds), 3),
        "incremental_runs": [round(s, 3) for s in seconds],
        "incremental_generator_cpu_s": round(median(cpu), 3),
        "incremental_files_written": max(written),
        "incremental_changed_files": sorted(changed),
        "incremental_only_affected": sorted(changed) == AFFECTED,
    }


def _snapshot(docs: Path) -> dict[str, int]:
    """Modification time of every generated file: what a live-reloading server would see change."""
    return {p.relative_to(docs).as_posix(): p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
