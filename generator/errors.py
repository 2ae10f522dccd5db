"""The few exception types the command line understands (one place turns them into messages)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located as precisely as the source allows."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def format(self) -> str:
        """Render as `path:line:column: field: message`, the form editors and tools expect."""
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def format_github(self) -> str:
        """Render as a GitHub Actions annotation on the file, line and column of the pull request diff.

        Escaping follows the runner's workflow-command rules: in the message `%`, CR and LF; in the
        properties also `:` and `,` (which would otherwise end a property).
        """
        text = f"{self.field}: {self.message}" if self.field else self.message
        title = self.field or "内容校验"
        props = f"file={_escape_property(self.path)},line={self.line},col={self.column},title={_escape_property(title)}"
        return f"::error {props}::{escape_data(text)}"


def escape_data(text: str) -> str:
    """Escape the message part of a GitHub workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class ReportsiteError(Exception):
    """Base class: an error the CLI reports without a traceback."""


class ContentError(ReportsiteError):
    """The content is invalid; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class BuildError(ReportsiteError):
    """The build could not complete for a reason outside the content (e.g. MkDocs failed)."""


def relpath(path: Path, root: Path) -> str:
    """Path as shown in messages: relative to the project when possible, POSIX separators."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
