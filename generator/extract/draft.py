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
from generator.extract.draftnotes import linked_comment
from generator.extract.link import Catalogue, Proposal, propose_links
from generator.extract.newindicators import write_new_indicators
from generator.extract.robust import is_traditional, read_seed
from generator.extract.structure import Chapter, Draft, Paragraph, parse_structure
from generator.extract.yamlout import annotate_masked, dump_yaml, report_skeleton, write_report_files
from generator.rules.numbers import strip_ws
from generator.rules.script import to_simplified
from generator.rules.signs import counted_as, states_fall
from generator.rules.vocabulary import ESTIMATE_WORDS

EXECUTION_MARK = "执行情况"
OPEN_MARK = "TODO"
TRADITIONAL_NOTE = "原文为繁体字：数字、单位和指标名称按简体（OpenCC t2s）读出并与目录对照；正文和引文按原文照录。"
CANDIDATES_MARK = "| 候选"
LIST_ITEM_MARK = "——"  # a main-indicator list item: ——地区生产总值5704.55亿元；


def announces_estimates(text: str) -> bool:
    """A paragraph that opens a list of estimates (主要指标预计完成情况如下：): its `——` items are estimates."""
    return any(word in text for word in ESTIMATE_WORDS) and text.rstrip().endswith(("：", ":"))


def is_plan_chapter(chapter: Chapter, plan_year: int | None) -> bool:
    """A chapter about the plan year (targets and tasks), not the review of the past year."""
    return plan_year is not None and f"{plan_year}年" in chapter.title and EXECUTION_MARK not in chapter.title


def _paragraphs_with_plan(draft: Draft, plan_year: int | None) -> list[tuple[Paragraph, bool]]:
    rows: list[tuple[Paragraph, bool]] = [(p, False) for p in draft.front_matter]
    rows += [(p, is_plan_chapter(chapter, plan_year)) for chapter, p in draft.paragraphs()]
    return rows


def sign_and_counts(obs: dict[str, Any], text: str = "", hint: bool = True) -> dict[str, Any]:
    """Apply the sign convention (下降3% → value -3) and say which kind of indicator a 新增/累计 number needs.

    The counting word is looked for in the paragraph `text` up to the quote's end, within the number's
    clause, so 新增…34家、“圳品”681个 hints a new-count indicator for 681 even when its quote is shorter.
    Without `hint` (a catalogue linked the draft: the linker already chose by 新增/累计) only the sign is set.
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
    if hint and counted is not None and str(obs.get("indicator", "")).startswith("TODO"):
        obs["indicator"] = f"{obs['indicator']}（counts: {counted} 的指标）"
    return obs


def propose(
    draft: Draft,
    year_covered: int | None,
    plan_year: int | None,
    seed_compact: str | None = None,
    catalogue: Catalogue | None = None,
    reading: Draft | None = None,
) -> tuple[list[dict], list[dict], list[Proposal]]:
    """Proposed observations, ignored entries and indicator proposals for every paragraph, in reading order.

    With a catalogue each observation's `indicator` is a linked id or `TODO <subject>`, and the matching
    `Proposal` (same index) says why; without one every indicator is `TODO <words>`.
    `reading`: the same draft in simplified characters (a traditional-character seed, `rules/script.py`): the
    numbers and names are read there, and every quote, printed form and ignored text is taken back from `draft`.
    """
    observations: list[dict[str, Any]] = []
    ignored: list[dict[str, Any]] = []
    proposals: list[Proposal] = []
    under_estimate = False
    printed_rows = _paragraphs_with_plan(draft, plan_year)
    rows = _paragraphs_with_plan(reading, plan_year) if reading is not None else printed_rows
    if reading is not None and seed_compact is not None:
        seed_compact = to_simplified(seed_compact)
    for (paragraph, plan), (printed, _) in zip(rows, printed_rows, strict=True):
        text = paragraph.full_text
        year = plan_year if plan else year_covered
        under_estimate = under_estimate and text.startswith(LIST_ITEM_MARK)
        drafted = propose_observations(
            paragraph.id, text, plan=plan, year=year, seed_compact=seed_compact, estimate=under_estimate
        )
        under_estimate = under_estimate or announces_estimates(text)
        if catalogue is not None:
            links = propose_links(text, drafted, catalogue)
            for obs, link in zip(drafted, links, strict=True):
                apply_link(obs, link)
            proposals += links
        drafted = [sign_and_counts(obs, text, hint=catalogue is None) for obs in drafted]
        skipped = propose_ignored(paragraph.id, text)
        if printed is not paragraph:
            _as_printed(drafted, skipped, text, printed.full_text)
        observations += drafted
        ignored += skipped
    return observations, ignored, proposals


def _as_printed(drafted: list[dict[str, Any]], skipped: list[dict[str, Any]], read: str, printed: str) -> None:
    """Quotes, printed forms and ignored texts found in the simplified `read` text, taken back from the `printed`
    one at the same place (the conversion keeps positions)."""
    for obs in drafted:
        quote = str(obs.get("quote", ""))
        at = read.find(quote)
        if quote and at >= 0:
            obs["quote"] = printed[at : at + len(quote)]
            form = obs.get("printed")
            if isinstance(form, str) and form and (inner := quote.find(form)) >= 0:
                obs["printed"] = obs["quote"][inner : inner + len(form)]
    for entry in skipped:
        at = read.find(str(entry.get("text", "")))
        if at >= 0:
            entry["text"] = printed[at : at + len(entry["text"])]


def checkable_shares(observations: list[dict[str, Any]]) -> None:
    """`share_of` only where the draft also holds the part's and the whole's values of the same period: validate
    checks part ÷ whole = share, and a report often prints a share without its part (占GDP比重41.9%)."""
    levels = {
        (o.get("indicator"), o.get("period"))
        for o in observations
        if o.get("measure") in ("level", "count") and o.get("kind") != "target"
    }
    for obs in observations:
        whole = obs.get("share_of")
        period = obs.get("period")
        if whole and not ((obs.get("indicator"), period) in levels and (whole, period) in levels):
            del obs["share_of"]


def apply_link(obs: dict[str, Any], link: Proposal) -> None:
    """Set the observation's indicator (and share_of) from a proposal.

    An open item reads `TODO <subject> | 候选 a, b`: the validator lists it with its candidates.
    """
    if link.indicator is None:
        subject = link.subject or obs["indicator"].removeprefix("TODO ")
        candidates = f" {CANDIDATES_MARK} {', '.join(link.offered)}" if link.offered else ""
        obs["indicator"] = f"{OPEN_MARK} {subject}{candidates}"
        return
    obs["indicator"] = link.indicator
    if link.measure:
        obs["measure"] = link.measure
    if link.share_of and obs["measure"] in ("share", "level"):
        obs["measure"] = "share"
        keys = list(obs)
        obs["share_of"] = link.share_of
        # keep the content order: share_of after paragraph-independent fields, before quote
        for key in keys[keys.index("quote") :]:
            obs[key] = obs.pop(key)


def write_draft(seed_path: Path, out_dir: Path, catalogue: Catalogue | None = None) -> dict[str, int]:
    """Write report.yml, chapters/, observations.yml, ignored.yml (and indicators/ for concepts the
    catalogue lacks) for a seed; return counts. Without a catalogue every indicator stays `TODO`."""
    raw = read_seed(seed_path)
    clean = clean_report(raw)
    draft = parse_structure(clean.text)
    reading = parse_structure(to_simplified(clean.text)) if is_traditional(raw) else None
    if reading is not None and reading.counts() != draft.counts():
        reading = None  # never seen (the conversion keeps lines and punctuation): read the text as printed
    annotate_masked(draft)
    report = report_skeleton(draft, clean, seed_path, reading)
    if is_traditional(raw):
        report.setdefault("notes", []).append(TRADITIONAL_NOTE)
    write_report_files(draft, report, out_dir)
    years = [report.get(key) if isinstance(report.get(key), int) else None for key in ("year_covered", "plan_year")]
    observations, ignored, proposals = propose(draft, years[0], years[1], strip_ws(raw), catalogue, reading)
    checkable_shares(observations)
    # first the new indicators: they name themselves as the candidates of the open observations
    new = write_new_indicators(observations, proposals, out_dir / "indicators", catalogue)
    (out_dir / "observations.yml").write_text(observations_yaml(observations, proposals), encoding="utf-8")
    (out_dir / "ignored.yml").write_text(dump_yaml({"ignored": ignored}), encoding="utf-8")
    mentions = sum(len(find_mentions(p.full_text)) for p, _ in _paragraphs_with_plan(draft, None))
    linked = sum(1 for p in proposals if p.indicator)
    return {
        **draft.counts(),
        "mentions": mentions,
        "observations": len(observations),
        "ignored": len(ignored),
        "linked": linked,
        "open": len(observations) - linked,
        "new_indicators": new,
        "traditional": int(is_traditional(raw)),
    }


def observations_yaml(observations: list[dict[str, Any]], proposals: list[Proposal]) -> str:
    """observations.yml with a comment above each item saying why it is linked, or why it is open."""
    if not proposals:
        return dump_yaml({"observations": observations})
    parts = ["observations:\n"]
    for obs, link in zip(observations, proposals, strict=True):
        comment = linked_comment(link.indicator, link.why) if link.indicator else f"# 待确认：{link.why}"
        parts.append(f"{comment}\n{dump_yaml([obs])}")
    return "".join(parts)
