"""Parallelism: cold chart rendering (vl-convert) in this process and in one worker process per core; page rendering time.

Page rendering (Jinja) is pure Python and holds the GIL, so it is timed but not split: see the note.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any


def measure(project: Path, limit: int = 40) -> dict[str, Any]:
    """Seconds to render `limit` of the real chart specs into an empty cache here and on N worker processes
    (their engine start-up included: what a cold build pays)."""
    from generator.build import generate
    from generator.output.svg import SvgRenderer

    docs = project / "build" / "docs"
    specs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(docs.rglob("*.vl.json"))][:limit]
    cores = os.cpu_count() or 1
    out: dict[str, Any] = {"charts_rendered": len(specs), "cores": cores}
    with tempfile.TemporaryDirectory() as tmp:
        SvgRenderer(Path(tmp) / "warm").svg(specs[0])  # start vl-convert's engine once, outside the timing
        for attempt in range(2):  # alternated, twice: the machine's other load changes from minute to minute
            for workers in sorted({1, cores}):
                renderer = SvgRenderer(Path(tmp) / f"w{workers}-{attempt}", workers=workers)
                started = time.perf_counter()
                renderer.svgs(specs)
                out.setdefault(f"svg_{workers}_worker_s", []).append(round(time.perf_counter() - started, 2))
    from generator.config import read_identity
    from generator.content.load import load_content
    from generator.model.site import build_model
    from generator.output.render import make_environment, render_page
    from generator.pages.builders import build_pages

    generate(project)
    pages = build_pages(build_model(load_content(project)))
    env = make_environment(project / "site_templates")
    identity = read_identity(project)
    started = time.perf_counter()
    for page in pages:
        render_page(env, page, identity)
    out["page_render_s"] = round(time.perf_counter() - started, 3)
    out["pages_rendered"] = len(pages)
    return out
