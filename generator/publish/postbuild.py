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
from generator.output.searchindex import write_search_index

Step = Callable[[Path, Generated], object]


def _search_index(site: Path, generated: Generated) -> None:
    """The site's own search index (output/searchindex.py); an engine's process handed no model leaves it to
    the process that generated (the ProperDocs adapter runs the steps again there)."""
    if generated.model is not None:
        write_search_index(generated.model, generated.page_list, site)


STEPS: list[Step] = [
    _search_index,  # the site's own index, from the model
    lambda site, generated: stamp_sitemap(site, generated.source_epoch),  # the build date is the content's
]


def after_build(site_dir: Path, generated: Generated) -> None:
    """Run every post-build step on `site_dir`."""
    for step in STEPS:
        step(site_dir, generated)
