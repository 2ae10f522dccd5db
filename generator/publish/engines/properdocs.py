"""The ProperDocs adapter: the maintained fork of MkDocs 1.x runs our MkDocs plugin and Material unchanged.

ProperDocs aliases every `mkdocs.*` import to `properdocs.*` once loaded, so it cannot share a process with
MkDocs: it runs as `python -m properdocs build` on the generator's handed result (`publish/handoff.py`), and
the plugin there only sets the navigation and runs the post-build steps (`on_post_build`).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from generator.build import Generated
from generator.errors import ReportsiteError
from generator.publish.handoff import VAR, write_handoff
from generator.publish.postbuild import after_build

INSTALL = "pip install -c constraints.txt -e '.[engines]'"


def check_installed() -> None:
    if importlib.util.find_spec("properdocs") is None:
        raise ReportsiteError(f"ProperDocs 未安装 — 请运行 {INSTALL}")


def build(project: Path, site_dir: Path, generated: Generated, strict: bool | None) -> None:
    """Build `site_dir` with ProperDocs from `build/docs` and the handed navigation."""
    command = [sys.executable, "-m", "properdocs", "build", "-q", "-f", str(project / "mkdocs.yml")]
    command += ["-d", str(site_dir), *(["--strict"] if strict else [])]
    env = {**os.environ, VAR: str(write_handoff(project, generated))}
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ReportsiteError(f"ProperDocs 构建失败：\n{(done.stderr or done.stdout).strip()[-4000:]}")
    after_build(site_dir, generated)  # here, where the model is: the search index is made from it
