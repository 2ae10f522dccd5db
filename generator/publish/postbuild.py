"""What runs on the built site after any engine: the one list of post-build steps, in order.

A step takes the finished site folder and what the generator made (`Generated`: the model's pages, the source
date); it rewrites files in place and is a no-op when there is nothing to change, so running the list after
an engine that already did a step's work leaves the site byte-identical. A new step is one line in `STEPS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build import Generated
from generator.output.reproducible import stamp_sitemap
from generator.publish.search_index import compact_search_index

Step = Callable[[Path, Generated], object]

STEPS: list[Step] = [
    lambda site, generated: compact_search_index(site),  # the engine's search index as UTF-8
    lambda site, generated: stamp_sitemap(site, generated.source_epoch),  # the build date is the content's
]


def after_build(site_dir: Path, generated: Generated) -> None:
    """Run every post-build step on `site_dir`."""
    for step in STEPS:
        step(site_dir, generated)
