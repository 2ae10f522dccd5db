"""Generate, then publish: the generator makes the complete input, an engine's adapter builds `site/` from it.

The input is `build/docs` (pages, charts, data files, assets), the navigation and the site's identity
(`config.SiteConfig`); the adapter is `publish/engines/<engine>.py`. The post-build steps run after any
engine (`publish/postbuild.py`): in MkDocs' `on_post_build`, or here for an engine that runs no plugin.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import cast

from generator.build import Generated
from generator.config import read_config
from generator.errors import ReportsiteError
from generator.model.urls import ENGINE_LINKS
from generator.publish.engines import DEFAULT, ENGINES, Engine
from generator.publish.session import Session


def adapter(engine: str) -> Engine:
    """The adapter module of `engine`."""
    if engine not in ENGINES:
        raise ReportsiteError(f"未知的引擎“{engine}” — 可用：{'、'.join(ENGINES)}")
    return cast(Engine, importlib.import_module(f"generator.publish.engines.{engine}"))


def build_site(project: Path, site_dir: Path, engine: str = DEFAULT, strict: bool | None = None) -> Generated:
    """Run the generator, then `engine` into `site_dir`; return what the generator made."""
    module = adapter(engine)
    config = read_config(project)  # a wrong identity stops here, before anything is generated
    module.check_installed()
    # the MkDocs adapter does not wait for cold charts: MkDocs reads other pages while they are made
    session = Session(late=engine == "mkdocs", links=ENGINE_LINKS[engine])
    generated = session.generate(project, config=config)
    try:
        module.build(project, site_dir, generated, strict)
    finally:
        session.close()
    return generated
