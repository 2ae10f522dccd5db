"""Write generated files into the build folder: only what changed, never outside it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import BuildError

KEEP = ".gitkeep"  # keeps the build folder in git so a fresh clone's `mkdocs build` finds docs_dir


@dataclass
class WriteStats:
    """What a write pass did, for the build summary and the incremental benchmark."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0


def safe_target(root: Path, relative: str) -> Path:
    """`root/relative`, refusing absolute paths, `..` and anything that resolves outside `root`."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in relative or "\0" in relative:
        raise BuildError(f"拒绝写入不安全的路径：{relative!r}")
    target = (root / pure).resolve()
    if not target.is_relative_to(root.resolve()):
        raise BuildError(f"拒绝写入输出文件夹之外的路径：{relative!r}")
    return target


def write_tree(root: Path, files: dict[str, bytes]) -> WriteStats:
    """Make `root` hold exactly `files`: rewrite changed files, keep equal ones, delete the rest."""
    stats = WriteStats()
    root.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for relative, data in sorted(files.items()):
        target = safe_target(root, relative)
        wanted.add(target)
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            stats.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        stats.written += 1
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file() and path.resolve() not in wanted and path.name != KEEP:
            path.unlink()
            stats.removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return stats
