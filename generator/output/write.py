"""Write generated files into the build folder: only what changed, never outside it."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import BuildError

KEEP = ".gitkeep"  # keeps the build folder in git so a fresh clone's `mkdocs build` finds docs_dir

# What this process last wrote or found in each build folder: relative path → (size, mtime_ns, digest).
# A file whose size and mtime are still the recorded ones is compared by digest, not read again
# (the preview rewrites the tree on every save; reading 1,500 unchanged files cost a second).
_Stamp = tuple[int, int, bytes]
_known: dict[Path, dict[str, _Stamp]] = {}
_KNOWN_ROOTS = 4  # tests build many projects in one process: remember only the last few folders


@dataclass
class WriteStats:
    """What a write pass did, for the build summary and the incremental benchmark."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0


def safe_target(root: Path, relative: str) -> Path:
    """`root/relative`, refusing absolute paths, `..` and anything that resolves outside `root`."""
    _check_relative(relative)
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise BuildError(f"拒绝写入输出文件夹之外的路径：{relative!r}")
    return target


def _check_relative(relative: str) -> None:
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in relative or "\0" in relative:
        raise BuildError(f"拒绝写入不安全的路径：{relative!r}")


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


class _Folders:
    """Each folder of the tree resolved once: a symbolic link may not lead a write outside the root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.resolved: dict[str, Path] = {"": root}

    def target(self, relative: str) -> Path:
        _check_relative(relative)
        folder, _, name = relative.rpartition("/")
        parent = self.resolved.get(folder)
        if parent is None:
            parent = (self.root / folder).resolve()
            if not parent.is_relative_to(self.root):
                raise BuildError(f"拒绝写入输出文件夹之外的路径：{relative!r}")
            self.resolved[folder] = parent
        return parent / name  # a link in place of the file itself is replaced, never written through


def write_tree(root: Path, files: dict[str, bytes]) -> WriteStats:
    """Make `root` hold exactly `files`: rewrite changed files, keep equal ones, delete the rest."""
    stats = WriteStats()
    root.mkdir(parents=True, exist_ok=True)
    root = root.resolve()
    known = _known.pop(root, {})
    _known[root] = known  # most recent last
    while len(_known) > _KNOWN_ROOTS:
        del _known[next(iter(_known))]
    folders = _Folders(root)
    for relative, data in sorted(files.items()):
        target = folders.target(relative)
        digest = _digest(data)
        if _unchanged(target, relative, data, digest, known):
            stats.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        stat = target.stat()
        known[relative] = (stat.st_size, stat.st_mtime_ns, digest)
        stats.written += 1
    stats.removed = _remove_others(root, files, known)
    return stats


def _unchanged(target: Path, relative: str, data: bytes, digest: bytes, known: dict[str, _Stamp]) -> bool:
    """Whether `target` already holds `data`: by the recorded stamp when the file is untouched, else by reading it."""
    try:
        stat = target.stat()
    except OSError:
        return False
    if stat.st_size != len(data):
        return False
    stamp = known.get(relative)
    if stamp is not None and stamp[:2] == (stat.st_size, stat.st_mtime_ns):
        return stamp[2] == digest
    if target.is_file() and target.read_bytes() == data:
        known[relative] = (stat.st_size, stat.st_mtime_ns, digest)
        return True
    return False


def _remove_others(root: Path, files: dict[str, bytes], known: dict[str, _Stamp]) -> int:
    """Delete every file under `root` that is not in `files` (the build folder's marker aside), then empty folders."""
    removed = 0
    for folder, dirnames, filenames in os.walk(root, topdown=False):
        here = Path(folder)
        prefix = here.relative_to(root).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        for name in filenames:
            relative = prefix + name
            if relative not in files and name != KEEP:
                (here / name).unlink()
                known.pop(relative, None)
                removed += 1
        for name in dirnames:
            path = here / name
            if path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
                path.rmdir()
    return removed
