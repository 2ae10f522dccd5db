"""Same input, same output: the one date MkDocs writes into a build comes from the content.

MkDocs stamps `sitemap.xml` (lastmod) and the gzip header of `sitemap.xml.gz` with the build date
unless `SOURCE_DATE_EPOCH` is set (to something). Left alone, two builds of one commit on different days differ;
so when the variable is unset the build sets it, for its own duration, to the latest report date.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable

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
