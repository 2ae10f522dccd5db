"""A linked number whose sentence gives it to another indicator: what extract would not propose, validate refuses.

The linking rules of `reportsite extract` (`extract/link.py`: a `分别` list in order, 新增/累计 choosing between
a new count and its total, the name nearest the number) read the observation's paragraph; when they link the
observation's number confidently to another indicator of the catalogue, the observation is refused with a
message naming that indicator and the rule. Where the rules leave a number open, nothing is said: an editor's
choice the rules cannot read is not second-guessed.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.checks.mentions import find_mentions, ignore_reason, propose_observations
from generator.content.load import Content, ReportContent
from generator.content.models import Paragraph
from generator.content.yamlfile import YamlDoc
from generator.errors import Problem
from generator.extract.link import Catalogue, Proposal, propose_links
from generator.rules.numbers import matches_printed, strip_ws

Number = tuple[int, int, str, Proposal]  # (start, end, printed number, proposal) in a paragraph's text
# The numbers read per paragraph text, for the one catalogue they were read with: serve's rebuilds reread little.
_READ: dict[str, list[Number]] = {}
_READ_WITH: list[Catalogue] = []
READ_MAX = 4000


def check_assigned(
    content: Content,
    item: ReportContent,
    paragraphs: dict[str, Paragraph],
    skip: Iterable[int],
    problems: list[Problem],
    catalogue: Catalogue | None = None,
) -> None:
    """Refuse each linked observation (not in `skip`, ids of observations already reported) that the rules give
    to another indicator."""
    doc = item.observations_doc
    if doc is None:
        return
    skipped = set(skip)
    catalogue = catalogue or Catalogue.of(content.indicators)
    proposals: dict[str, list[Number]] = {}
    found: list[tuple[int, str, Number]] = []  # (observation, its indicator, its number)
    for i, obs in enumerate(item.observations):
        paragraph = paragraphs.get(obs.paragraph)
        if obs.value is None or id(obs) in skipped or paragraph is None or obs.indicator not in catalogue.indicators:
            continue
        text = strip_ws(paragraph.full_text)
        if obs.paragraph not in proposals:
            proposals[obs.paragraph] = _proposals(text, obs.paragraph, catalogue)
        quote = strip_ws(obs.quote)
        at = text.find(quote)
        here = [
            number
            for number in proposals[obs.paragraph]
            if quote and at >= 0 and at <= number[0] and number[1] <= at + len(quote)
            if matches_printed(number[2], abs(obs.value))
        ]
        if len(here) == 1:
            found.append((i, obs.indicator, here[0]))
    # one number may be several indicators' (`A、B均达到99%`): refused only when none of them is the rules' choice
    chosen: dict[int, set[str]] = {}
    for _, indicator, number in found:
        chosen.setdefault(id(number), set()).add(indicator)
    for i, indicator, number in found:
        proposal = number[3]
        if proposal.indicator is not None and proposal.indicator not in chosen[id(number)]:
            problems.append(_problem(doc, i, indicator, proposal, catalogue))


def _proposals(text: str, paragraph_id: str, catalogue: Catalogue) -> list[Number]:
    """(start, end, printed number, proposal) for every number the rules read in a paragraph."""
    if not _READ_WITH or _READ_WITH[0] is not catalogue or len(_READ) >= READ_MAX:
        _READ.clear()
        _READ_WITH[:] = [catalogue]
    if text not in _READ:
        _READ[text] = _read(text, paragraph_id, catalogue)
    return _READ[text]


def _read(text: str, paragraph_id: str, catalogue: Catalogue) -> list[Number]:
    kept = [m for m in find_mentions(text) if not ignore_reason(text, m)]
    links = propose_links(text, propose_observations(paragraph_id, text), catalogue, candidates=False)
    return [(m.start, m.end, m.text, p) for m, p in zip(kept, links, strict=False)]


def _problem(doc: YamlDoc, i: int, current: str, proposal: Proposal, catalogue: Catalogue) -> Problem:
    assert proposal.indicator is not None
    other = catalogue.indicators[proposal.indicator]
    mine = catalogue.indicators[current]
    return doc.problem(
        ("observations", i, "indicator"),
        f"原文这句把这个数字归于指标“{other.id}”（{other.name}，{other.unit}；依据：{proposal.why}），"
        f"不是“{current}”（{mine.name}） — 核对原文后改挂“{other.id}”",
    )
