"""One adapter per static-site engine: each takes the generator's complete input and builds `site/` from it.

`mkdocs` (the default; also the `reportsite` MkDocs plugin), `properdocs` (the maintained MkDocs 1.x fork, which
runs the same plugin) and `zensical` (Material's successor, which runs no MkDocs plugin). Every reliance on an
engine's internals lives in its adapter; docs/engines.md says what each needs and what breaks today.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from generator.build import Generated


class Engine(Protocol):
    """What an adapter module provides."""

    def check_installed(self) -> None:
        """Raise a ReportsiteError saying how to install the engine when it is missing."""

    def build(self, project: Path, site_dir: Path, generated: Generated, strict: bool | None) -> None:
        """Build `site_dir` from the generator's output in `build/docs` and `generated` (the navigation …)."""


ENGINES = ("mkdocs", "properdocs", "zensical")
DEFAULT = "mkdocs"
