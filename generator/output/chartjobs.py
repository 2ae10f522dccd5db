"""Charts made while the pages are rendered: on a cold build, the specs Altair has not built yet and the SVGs
the cache lacks are made in worker processes, side by side, while this process renders the pages without charts.

Each chart costs ~50 ms of CPU in Altair and ~0.1 s per static SVG in vl-convert, against ~3 ms a page in
Jinja, so on a cold build of many charts the build waits for them; on two cores the workers take both
and this process's page rendering fills the gaps. The bytes are those of building and rendering here
(tests/test_chart_svg.py).
"""

from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model.site import ChartRef
from generator.output import charts, svg
from generator.output.fontsubset import spec_chars
from generator.output.svg import SvgRenderer, _Worker


@dataclass(frozen=True)
class Made:
    """A chart's phone layout spec and its two static SVGs (its spec is the one its `ChartRef` holds)."""

    narrow: dict[str, Any]
    wide_svg: str
    narrow_svg: str


class ChartJobs:
    """Makes every chart of a build: `start` begins (in the background when it pays), `made`/`finish` wait.

    `pending` are the specs `charts.deferred` left empty; each is filled in place before its SVGs are made.
    """

    def __init__(self, renderer: SvgRenderer, chart_refs: list[ChartRef], pending: dict[str, charts.Pending]):
        self.renderer = renderer
        self.specs = list({id(c.spec): c.spec for c in chart_refs}.values())  # a spec shared by two charts is made once
        self.pending = {id(p.spec): p for p in pending.values()}
        self._pool: svg.WorkerPool | None = None
        self._futures: dict[int, Future[Made]] = {}
        self._done: dict[int, Made] = {}
        self.bundle_made: Future[str] | None = None  # vl-convert's Vega bundle, when a worker makes it

    @property
    def background(self) -> bool:
        """Whether the charts are being made in worker processes (`start` decided)."""
        return self._pool is not None

    def start(self, bundle: bool = False) -> None:
        """Make the charts: in worker processes in the background when there are enough cold ones, else here, now.
        With `bundle`, a worker first makes vl-convert's Vega bundle too (`bundle_made`)."""
        cold = len(self.pending) + sum(
            1 for spec in self.specs if id(spec) not in self.pending and self._uncached(spec)
        )
        if self.renderer.workers > 1 and cold >= svg.PROCESS_MIN:
            self.renderer.progress.stage(f"{cold} 张图表在 {self.renderer.workers} 个进程中生成，同时渲染页面 …")
            # the font subset (on a cold cache ~1–2 s in child processes) is made while this process renders pages;
            # each worker starts once it is ready
            maker = ThreadPoolExecutor(1)
            fast = maker.submit(self.renderer.fast_fonts, self._chars(), 2 * cold)
            maker.shutdown(wait=False)
            self._pool = svg.WorkerPool(self.renderer.workers, self.renderer.font_dirs, fast)
            if bundle:
                self.bundle_made = self._pool.submit(lambda worker, _: worker.bundle(), None)
            self._futures = {id(spec): self._pool.submit(self._make, spec) for spec in self.specs}
            return
        for p in self.pending.values():
            charts.fill(p, charts.build(p.builder, p.args))
        narrow = [charts.narrow(spec) for spec in self.specs]
        svgs = self.renderer.svgs(
            [charts.static_layout(spec, charts.WIDE_WIDTH) for spec in self.specs]
            + [charts.static_layout(spec, charts.NARROW_WIDTH) for spec in narrow]
        )
        n = len(self.specs)
        self._done = {id(spec): Made(narrow[i], svgs[i], svgs[n + i]) for i, spec in enumerate(self.specs)}

    def made(self, spec: dict[str, Any]) -> Made:
        """One chart, waiting for it if it is still being made (BuildError if it could not be)."""
        if id(spec) not in self._done:
            try:
                self._done[id(spec)] = self._futures[id(spec)].result()
            except BaseException:
                self.close()
                raise
        return self._done[id(spec)]

    def finish(self) -> dict[int, Made]:
        """Wait for every chart; each `Made` by the id of its spec. The worker processes end."""
        made = {id(spec): self.made(spec) for spec in self.specs}
        self.close()
        return made

    def close(self) -> None:
        """End the worker processes (charts not started yet are dropped)."""
        if self._pool is not None:
            self._pool.close()

    def _chars(self) -> frozenset[str]:
        """The characters the charts will most likely show, for the font subset (fontsubset.py): those of the
        built specs, of the pending specs' data, and of charts.py's own titles and labels. A spec with others
        is still rendered right: with the real font, in this process."""
        pending = {"args": [list(p.args) for p in self.pending.values()]}
        source = Path(charts.__file__).read_text(encoding="utf-8")
        source += re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), source)  # its "\u2e80"s too
        return spec_chars([*self.specs, pending]) | frozenset(source)

    def _uncached(self, spec: dict[str, Any]) -> bool:
        _keyed, _found, missing = self.renderer.lookup(
            [
                charts.static_layout(spec, charts.WIDE_WIDTH),
                charts.static_layout(charts.narrow(spec), charts.NARROW_WIDTH),
            ]
        )
        return bool(missing)

    def _make(self, worker: _Worker, spec: dict[str, Any]) -> Made:
        pending = self.pending.get(id(spec))
        if pending is not None:
            charts.fill(pending, worker.spec(pending.builder, pending.args))
        narrow = charts.narrow(spec)
        wide_svg, narrow_svg = self.renderer.svgs_on(
            worker, [charts.static_layout(spec, charts.WIDE_WIDTH), charts.static_layout(narrow, charts.NARROW_WIDTH)]
        )
        return Made(narrow, wide_svg, narrow_svg)
