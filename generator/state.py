"""State that must outlive one MkDocs config load (hook modules are re-imported on each rebuild)."""

from __future__ import annotations

from typing import Any

command: str | None = None
last: Any = None
source_date: Any = None  # reproducible.SourceDate of the running build
