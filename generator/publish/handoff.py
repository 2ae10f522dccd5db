"""The generator's result for an engine that runs in another process (ProperDocs, Zensical): a small JSON file.

`build/docs` holds the pages and files; this file adds what is not a file there: the navigation, the source
date and the counts. The engine's process reads it (`REPORTSITE_HANDOFF` names it) instead of generating.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from generator.build import BUILD_DIR, Generated
from generator.errors import ReportsiteError
from generator.output.write import WriteStats

VAR = "REPORTSITE_HANDOFF"
FILE = "handoff.json"


def write_handoff(project: Path, generated: Generated) -> Path:
    """Write the handoff file into the project's build folder; return its path."""
    path = project / BUILD_DIR / FILE
    data = {
        "nav": generated.nav,
        "source_epoch": generated.source_epoch,
        "pages": generated.pages,
        "charts": generated.charts,
        "files": generated.files,
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def handed() -> Generated | None:
    """The generator's result handed to this process, or None when this process must generate."""
    name = os.environ.get(VAR)
    if not name:
        return None
    try:
        data = json.loads(Path(name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ReportsiteError(f"{VAR}={name}: 无法读取生成结果：{exc}") from None
    return Generated(data["pages"], data["charts"], data["nav"], WriteStats(), 0.0, data["files"], data["source_epoch"])
