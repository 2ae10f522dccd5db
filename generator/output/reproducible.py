"""Same input, same output: the one date MkDocs writes into a build comes from the content.

MkDocs stamps `sitemap.xml` (lastmod) and the gzip header of `sitemap.xml.gz` with the build date
unless `SOURCE_DATE_EPOCH` is set (to something). Left alone, two builds of one commit on different days differ;
so when the variable is unset the build sets it, for its own duration, to the latest report date.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import struct
from collections.abc import Iterable
from pathlib import Path

VAR = "SOURCE_DATE_EPOCH"


def content_epoch(dates: Iterable[dt.date]) -> int:
    """Seconds since 1970 of the latest date (midnight UTC); 0 when there is no report."""
    latest = max(dates, default=dt.date(1970, 1, 1))
    return int(dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC).timestamp())


class SourceDate:
    """Sets SOURCE_DATE_EPOCH while a build runs unless the caller chose one; restores it after.

    An empty variable counts as unset (`SOURCE_DATE_EPOCH=` in a shell or a CI file): MkDocs would
    otherwise fail on int("").
    """

    def __init__(self) -> None:
        self.owned = False
        self.previous: str | None = None

    def apply(self, epoch: int) -> None:
        if os.environ.get(VAR, "").strip() and not self.owned:
            return
        if not self.owned:
            self.previous = os.environ.get(VAR)
        os.environ[VAR] = str(epoch)
        self.owned = True

    def release(self) -> None:
        if self.owned:
            if self.previous is None:
                os.environ.pop(VAR, None)
            else:
                os.environ[VAR] = self.previous
            self.owned = False


def build_epoch(content: int) -> int:
    """The build date every engine's output carries: SOURCE_DATE_EPOCH when set (not empty), else the content's."""
    given = os.environ.get(VAR, "").strip()
    return int(given) if given else content


_LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")


def stamp_sitemap(site_dir: Path, content: int) -> bool:
    """Give `sitemap.xml` and the gzip header of `sitemap.xml.gz` the build date (a post-build step, any engine).

    MkDocs already wrote that date (SourceDate, during its build): then nothing is rewritten. An engine that
    stamps today's date gets the same bytes MkDocs would have written. Returns whether a file changed.
    """
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return False
    day = dt.datetime.fromtimestamp(build_epoch(content), dt.UTC).date()
    midnight = content_epoch([day])  # MkDocs stamps the gzip header with the pages' date, at midnight UTC
    text = path.read_text(encoding="utf-8")
    stamped = _LASTMOD.sub(f"<lastmod>{day.isoformat()}</lastmod>", text)
    changed = stamped != text
    if changed:
        path.write_text(stamped, encoding="utf-8")
    packed = path.with_name("sitemap.xml.gz")
    if packed.is_file() or changed:
        old = packed.read_bytes() if packed.is_file() else b""
        if changed or len(old) < 8 or struct.unpack("<I", old[4:8])[0] != midnight:
            with (
                open(packed, "wb") as handle,
                gzip.GzipFile(fileobj=handle, filename=str(packed), mode="wb", mtime=midnight) as gz,
            ):
                gz.write(stamped.encode("utf-8"))
            changed = True
    return changed
