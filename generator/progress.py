"""Build progress an editor can follow: stages with counts, a bar on long stages in a terminal."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger("mkdocs.plugins.reportsite")


class Progress:
    """Logs each stage; draws a progress bar on stderr only when it is a terminal (not in CI)."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.tty = sys.stderr.isatty() and not _ci()

    def stage(self, message: str) -> None:
        log.info("reportsite: %s", message)

    def track(self, items: Iterable[T], total: int, label: str) -> Iterator[T]:
        """Yield items, drawing `label [#####     ] 12/40` when attached to a terminal."""
        if not self.tty or total < 20:
            yield from items
            return
        width = 30
        for done, item in enumerate(items, start=1):
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r  {label} [{'#' * filled}{' ' * (width - filled)}] {done}/{total}")
            sys.stderr.flush()
            yield item
        sys.stderr.write("\n")

    def elapsed(self) -> float:
        return time.perf_counter() - self.started


def _ci() -> bool:
    import os

    return os.environ.get("CI", "").lower() in ("1", "true", "yes")
