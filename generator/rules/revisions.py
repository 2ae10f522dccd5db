"""Revisions: a later report printing a figure for a period an earlier report already gave.

Each year's report restates last year's outcomes, and statistics are revised (a census, a preliminary
figure replaced by the final one). One fact stated twice within one report must agree (see
`checks.validate`); across reports of one region the later report's figure is the current one and the
earlier one is kept as its source said it. Reports are ordered by date: the newest date wins.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.content.models import Observation, Report
from generator.rules.units import convert

OUTCOME_KINDS = ("actual", "estimate")


@dataclass(frozen=True)
class Stated:
    """An outcome as one report states it."""

    report: Report
    obs: Observation
    index: int  # position in its report's observations.yml, for located messages


@dataclass(frozen=True)
class Revision:
    """The current figure (newest report) and the earlier statements of the same fact that differ from it."""

    current: Stated
    earlier: tuple[Stated, ...]


def fact_key(report: Report, obs: Observation) -> tuple[str, str, str, str, str | None]:
    """What makes two outcomes the same fact: region, indicator, period, measure and qualifier."""
    return (report.region, obs.indicator, obs.period, obs.measure, obs.qualifier)


def _differs(a: Observation, b: Observation) -> bool:
    if a.value is None or b.value is None or a.unit is None or b.unit is None:
        return False
    value = convert(float(b.value), b.unit, a.unit)
    return value is not None and abs(float(a.value) - value) > 1e-9 * max(1.0, abs(value))


def find_revisions(stated: list[Stated]) -> list[Revision]:
    """Facts stated by more than one report of a region with different values, newest report first."""
    grouped: dict[tuple, list[Stated]] = defaultdict(list)
    for s in stated:
        if s.obs.kind in OUTCOME_KINDS and s.obs.value is not None:
            grouped[fact_key(s.report, s.obs)].append(s)
    out = []
    for group in grouped.values():
        if len({s.report.id for s in group}) < 2:
            continue
        group.sort(key=lambda s: (s.report.date, s.obs.kind == "actual"), reverse=True)
        current = group[0]
        earlier = tuple(s for s in group[1:] if s.report.id != current.report.id and _differs(current.obs, s.obs))
        if earlier:
            out.append(Revision(current, earlier))
    return out


def superseded(stated: list[Stated]) -> set[int]:
    """`id()` of every outcome a newer report of the same region restates (revised or not)."""
    grouped: dict[tuple, list[Stated]] = defaultdict(list)
    for s in stated:
        if s.obs.kind in OUTCOME_KINDS and s.obs.value is not None:
            grouped[fact_key(s.report, s.obs)].append(s)
    out: set[int] = set()
    for group in grouped.values():
        newest = max(s.report.date for s in group)
        out.update(id(s.obs) for s in group if s.report.date < newest)
    return out
