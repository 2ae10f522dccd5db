"""One adapter per static-site engine: each takes the generator's complete input and builds `site/` from it.

`mkdocs` (the default; also the `reportsite` MkDocs plugin), `properdocs` (the maintained MkDocs 1.x fork, which
runs the same plugin) and `zensical` (Material's successor, which runs no MkDocs plugin). Every reliance on an
engine's internals lives in its adapter; docs/engines.md says what each needs and what breaks today.
"""

from __future__ import annotations

ENGINES = ("mkdocs", "properdocs", "zensical")
DEFAULT = "mkdocs"
