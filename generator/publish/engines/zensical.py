"""The Zensical adapter: Material's successor reads mkdocs.yml and Material's overrides but runs no MkDocs plugin.

So everything the plugin does for MkDocs is done here or before: the generator has written `build/docs`
(links as Zensical reads them: `model/urls.py`'s `SOURCE`), the navigation goes into a config file that
inherits mkdocs.yml (`.zensical.yml` in the project, for the build's duration: Zensical resolves paths from
its config file's folder and keeps `site_dir` inside it), and the post-build steps run after it here.
What still breaks on Zensical is listed in docs/engines.md.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from generator.build import Generated
from generator.errors import ReportsiteError
from generator.publish.postbuild import after_build

CONFIG = ".zensical.yml"
INSTALL = "pip install -c constraints.txt -e '.[engines]'"


def check_installed() -> None:
    if importlib.util.find_spec("zensical") is None:
        raise ReportsiteError(f"Zensical 未安装 — 请运行 {INSTALL}")


def config_text(site_dir: Path, project: Path, generated: Generated) -> str:
    """mkdocs.yml, plus the navigation and the site folder of this build (JSON is YAML)."""
    site = site_dir.resolve().relative_to(project.resolve()).as_posix()
    return f"INHERIT: mkdocs.yml\nsite_dir: {json.dumps(site)}\nnav: {json.dumps(generated.nav, ensure_ascii=False)}\n"


def build(project: Path, site_dir: Path, generated: Generated, strict: bool | None) -> None:
    """Build `site_dir` with Zensical from `build/docs`, then run the post-build steps."""
    config = project / CONFIG
    config.write_text(config_text(site_dir, project, generated), encoding="utf-8")
    try:
        command = [sys.executable, "-m", "zensical", "build", "-f", CONFIG, *(["--strict"] if strict else [])]
        done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    finally:
        config.unlink(missing_ok=True)
    if done.returncode != 0:
        raise ReportsiteError(f"Zensical 构建失败：\n{(done.stderr or done.stdout).strip()[-4000:]}")
    after_build(site_dir, generated)
