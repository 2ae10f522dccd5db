"""Propose one new indicator file per concept the catalogue lacks, not one per mention.

Open items with no candidate are grouped by their subject (normalized: short forms, quotes and place
words as in `link.normalize`); each group becomes `indicators/new-N.yml` in the draft folder with the
subject as name, the unit most of its numbers are printed in, and a theme guessed from the indicators
linked in the same paragraphs. The id, English name and definition are for the editor (`TODO`), and the
observations stay open with the new id as their candidate, so nothing new is published unreviewed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from generator.content.models import Theme
from generator.extract.link import BARE_HEADS, Catalogue, Proposal, normalize, only_verbs
from generator.extract.yamlout import dump_yaml
from generator.rules.signs import says_new

NEW_PREFIX = "new"
MIN_SUBJECT = 2
MAX_SUBJECT = 20
RATE_MEASURES = ("growth", "change")


def concepts(observations: list[dict[str, Any]], proposals: list[Proposal]) -> dict[str, list[int]]:
    """Indices of open, candidate-less observations grouped by normalized subject (reading order)."""
    groups: dict[str, list[int]] = {}
    for index, (obs, link) in enumerate(zip(observations, proposals, strict=True)):
        subject = normalize(link.subject)
        if link.indicator or link.candidates or not MIN_SUBJECT <= len(subject) <= MAX_SUBJECT:
            continue
        if obs["measure"] in RATE_MEASURES or subject in BARE_HEADS or only_verbs(subject):
            continue
        groups.setdefault(subject, []).append(index)
    return groups


def _theme(paragraphs: set[str], observations: list[dict], proposals: list[Proposal], catalogue: Catalogue) -> str:
    themes = Counter(
        catalogue.indicators[link.indicator].theme.value
        for obs, link in zip(observations, proposals, strict=True)
        if link.indicator and obs["paragraph"] in paragraphs
    )
    return themes.most_common(1)[0][0] if themes else Theme.ECONOMY.value


def write_new_indicators(
    observations: list[dict[str, Any]], proposals: list[Proposal], folder: Path, catalogue: Catalogue | None
) -> int:
    """Write the proposed indicator files; point each open observation at its new id; return how many."""
    if catalogue is None or not proposals:
        return 0
    groups = concepts(observations, proposals)
    for n, indices in enumerate(groups.values(), start=1):
        new_id = f"{NEW_PREFIX}-{n}"
        first = proposals[indices[0]]
        units = Counter(observations[i].get("unit") for i in indices if observations[i].get("unit") != "TODO")
        paragraphs = {observations[i]["paragraph"] for i in indices}
        data = {
            "id": new_id,
            "name": first.subject,
            "name_en": "TODO",
            "unit": units.most_common(1)[0][0] if units else "TODO",
            "theme": _theme(paragraphs, observations, proposals, catalogue),
            "definition": f"TODO（草稿：原文“{observations[indices[0]]['quote']}”）",
            "counts": _counts(first.subject, [observations[i] for i in indices]),
        }
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{new_id}.yml").write_text(dump_yaml(data), encoding="utf-8")
        for i in indices:
            proposals[i].candidates = [new_id]
            proposals[i].why = f"目录中没有同名指标，建议新指标 {new_id}"
            observations[i]["indicator"] = f"{observations[i]['indicator']} | 候选 {new_id}"
    return len(groups)


def _counts(name: str, observations: list[dict[str, Any]]) -> str:
    """What a proposed indicator counts: new when its name or quotes say 新增…, a rate for %, else a total."""
    if says_new(name) or any(says_new(str(obs.get("quote", ""))) for obs in observations):
        return "new"
    if all(obs.get("unit") in ("%", "个百分点") for obs in observations):
        return "rate"
    return "total"
