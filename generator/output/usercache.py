"""Files every project of this user can share: made from an installed package alone (vl-convert's Vega bundle),
the same bytes for every project, so a fresh clone or a new project does not make them again.

Kept in $XDG_CACHE_HOME/reportsite (by default ~/.cache/reportsite), the place pip, pre-commit and ruff keep
theirs; REPORTSITE_USER_CACHE=off turns it off. A project's own build/cache still holds its copy, so deleting
the user cache only costs one remake. Nothing in this folder is named from content.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

OFF = "off"


def folder() -> Path | None:
    """The user's cache folder for reportsite, or None when turned off."""
    if os.environ.get("REPORTSITE_USER_CACHE", "").lower() == OFF:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportsite"


def fetch(name: str, target: Path) -> bool:
    """Copy the user's cached `name` to `target`; False when there is none (or no usable folder)."""
    where = folder()
    source = where / name if where else None
    if source is None or not source.is_file() or source.stat().st_size == 0:
        return False
    return _copy(source, target)


def keep(name: str, source: Path) -> None:
    """Store a copy of `source` as the user's `name`; a cache that cannot be written is skipped."""
    where = folder()
    if where is not None:
        _copy(source, where / name)


def _copy(source: Path, target: Path) -> bool:
    """Copy through a temporary file in the target's folder, so no reader (another build) sees half a file."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        shutil.copyfile(source, tmp)
        tmp.replace(target)
    except OSError:
        return False
    return True
