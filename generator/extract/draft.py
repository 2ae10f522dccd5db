"""Write a complete draft report folder from a seed: the starting point an editor then curates.

Writes only into the folder it is given (the CLI defaults to drafts/<seed name>/ and refuses to
overwrite without --force); nothing here knows about content/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.checks.mentions import find_mentions, propose_ignored, propose_observations
from generator.content.models import Observation
from generator.extract.clean import clean_report
from generator.extract.structure import Chapter, Draft, Paragraph, parse_structure
from generator.extract.yamlout import annotate_masked, dump_yaml, report_skeleton, write_report_files
from generator.rules.numbers import strip_ws
from generator.rules.signs import counted_as, states_fall

EXECUTION_MARK = "执行情况"


def is_plan_chapter(chapter: Chapter, plan_year: int | None) -> bool:
    """A chapter about the plan year (targets and tasks), not the review of the past year."""
    return plan_year is not None and f"{plan_year}年" in chapter.title and EXECUTION_MARK not in chapter.title


def _paragraphs_with_plan(draft: Draft, plan_year: int | None) -> list[tuple[Paragraph, bool]]:
    rows: list[tuple[Paragraph, bool]] = [(p, False) for p in draft.front_matter]
    rows += [(p, is_plan_chapter(chapter, plan_year)) for chapter, p in draft.paragraphs()]
    return rows


def sign_and_counts(obs: dict[str, Any], text: str = "") -> dict[str, Any]:
    """Apply the sign convention (下降3% → value -3) and say which kind of indicator a 新增/累计 number needs.

    The counting word is looked for in the paragraph `text` up to the quote's end, within the number's
    clause, so 新增…34家、“圳品”681个 hints a new-count indicator for 681 even when its quote is shorter.
    """
    value = obs.get("value")
    if not isinstance(value, int | float):
        return obs
    probe = Observation.model_construct(**obs)  # a draft is not valid yet (TODO fields): read it, do not check it
    if value > 0 and states_fall(probe):
        obs["value"] = -value
    quote = str(obs.get("quote", ""))
    at = text.find(quote) if quote else -1
    context = Observation.model_construct(**{**obs, "quote": text[: at + len(quote)]}) if at >= 0 else probe
    counted = counted_as(context)
    if counted is not None and str(obs.get("indicator", "")).startswith("TODO"):
        obs["indicator"] = f"{obs['indicator']}（counts: {counted} 的指标）"
    return obs


def propose(
    draft: Draft, year_covered: int | None, plan_year: int | None, seed_compact: str | None = None
) -> tuple[list[dict], list[dict]]:
    """Proposed observations and ignored entries for every paragraph, in reading order."""
    observations: list[dict[str, Any]] = []
    ignored: list[dict[str, Any]] = []
    for paragraph, plan in _paragraphs_with_plan(draft, plan_year):
        text = paragraph.full_text
        year = plan_year if plan else year_covered
        proposed = propose_observations(paragraph.id, text, plan=plan, year=year, seed_compact=seed_compact)
        observations += [sign_and_counts(obs, text) for obs in proposed]
        ignored += propose_ignored(paragraph.id, text)
    return observations, ignored


def write_draft(seed_path: Path, out_dir: Path) -> dict[str, int]:
    """Write report.yml, chapters/, observations.yml and ignored.yml for a seed; return counts."""
    raw = seed_path.read_text(encoding="utf-8")
    clean = clean_report(raw)
    draft = parse_structure(clean.text)
    annotate_masked(draft)
    report = report_skeleton(draft, clean, seed_path)
    write_report_files(draft, report, out_dir)
    observations, ignored = propose(draft, report.get("year_covered"), report.get("plan_year"), strip_ws(raw))
    (out_dir / "observations.yml").write_text(dump_yaml({"observations": observations}), encoding="utf-8")
    (out_dir / "ignored.yml").write_text(dump_yaml({"ignored": ignored}), encoding="utf-8")
    mentions = sum(len(find_mentions(p.full_text)) for p, _ in _paragraphs_with_plan(draft, None))
    return {
        **draft.counts(),
        "mentions": mentions,
        "observations": len(observations),
        "ignored": len(ignored),
    }
