"""Checks across files: references resolve, quotes are grounded in seeds, every number is accounted for."""

from __future__ import annotations

import difflib
import hashlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from generator.checks.mentions import find_mentions
from generator.content.load import Content, ReportContent
from generator.content.models import Paragraph
from generator.content.yamlfile import YamlDoc
from generator.errors import ContentError, Problem
from generator.rules.numbers import half_unit, numbers_in, parse_printed, same_number, strip_ws
from generator.rules.targets import RELATIVE_TOLERANCE
from generator.rules.units import convert
from generator.rules.vocabulary import ABOUT_WORDS, NOT_ABOVE, NOT_BELOW


def validate(content: Content, project: Path) -> None:
    """Raise ContentError with every cross-file problem; return quietly when all is well."""
    problems: list[Problem] = []
    seen_reports: set[str] = set()
    for item in content.reports:
        if item.report.id in seen_reports:
            problems.append(item.report_doc.problem(("id",), f"报告 id“{item.report.id}”重复"))
        seen_reports.add(item.report.id)
        try:
            _check_report(content, item, project, problems)
        except Exception as exc:  # a checker bug must still name the report, never print a traceback
            problems.append(
                Problem(item.report_doc.path, 1, 1, "", f"校验本报告时出错而中断（{type(exc).__name__}: {exc}）")
            )
    if problems:
        raise ContentError(problems)


def _check_report(content: Content, item: ReportContent, project: Path, problems: list[Problem]) -> None:
    seed_text = _check_seed(item, project, problems)
    paragraphs = _check_paragraphs(item, problems)
    broken = _check_observations(content, item, paragraphs, seed_text, problems)
    if content.complete(_folder(item) + "/"):  # a file that did not load would make numbers look unaccounted for
        _check_mentions(item, paragraphs, problems, broken)


def _folder(item: ReportContent) -> str:
    """The report folder as shown in messages (the folder of its report.yml)."""
    return item.report_doc.path.rpartition("/")[0]


def _check_seed(item: ReportContent, project: Path, problems: list[Problem]) -> str | None:
    seed = project / "seeds" / item.report.seed
    if seed.is_symlink():
        problems.append(
            item.report_doc.problem(("seed",), f"seeds/{item.report.seed} 是符号链接 — 原文必须是仓库中的普通文件")
        )
        return None
    if not seed.is_file():
        problems.append(item.report_doc.problem(("seed",), f"seeds/ 中没有文件“{item.report.seed}”"))
        return None
    raw = seed.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != item.report.seed_sha256:
        problems.append(
            item.report_doc.problem(("seed_sha256",), f"与 seeds/{item.report.seed} 的实际 sha256 {digest} 不符")
        )
    return strip_ws(raw.decode("utf-8", errors="replace"))


def _check_paragraphs(item: ReportContent, problems: list[Problem]) -> dict[str, Paragraph]:
    found: dict[str, Paragraph] = {}
    sources: list[tuple[YamlDoc, tuple[str | int, ...], Paragraph]] = [
        (item.report_doc, ("front_matter", i), p) for i, p in enumerate(item.report.front_matter)
    ]
    for chapter, doc in zip(item.chapters, item.chapter_docs, strict=True):
        sources += [(doc, loc, p) for loc, p in chapter.located_paragraphs()]
    first: dict[str, str] = {}
    for doc, loc, paragraph in sources:
        if paragraph.id in found:
            problems.append(
                doc.problem(
                    (*loc, "id"),
                    f"段落 id“{paragraph.id}”在本报告中重复（第一次出现在 {first[paragraph.id]}）— 每个段落 id 只能用一次",
                )
            )
            continue
        found[paragraph.id] = paragraph
        line, _ = doc.where((*loc, "id"))
        first[paragraph.id] = f"{doc.path}:{line}"
    numbers = [c.number for c in item.chapters]
    for number, doc in zip(numbers, item.chapter_docs, strict=True):
        if numbers.count(number) > 1:
            problems.append(doc.problem(("number",), f"章节编号“{number}”重复"))
    return found


def _check_observations(
    content: Content,
    item: ReportContent,
    paragraphs: dict[str, Paragraph],
    seed_text: str | None,
    problems: list[Problem],
) -> set[int]:
    """Check each observation; return the ids of those already reported as wrong (see _check_mentions)."""
    broken: set[int] = set()
    doc = item.observations_doc
    if doc is None:
        return broken
    chapters_loaded = content.complete(_folder(item) + "/chapters/")
    for i, obs in enumerate(item.observations):
        loc = ("observations", i)
        if obs.indicator not in content.indicators and content.complete(f"content/indicators/{obs.indicator}.y"):
            problems.append(
                doc.problem(
                    (*loc, "indicator"),
                    f"指标“{obs.indicator}”不存在 — 需要文件 content/indicators/{obs.indicator}.yml"
                    + _did_you_mean(obs.indicator, content.indicators),
                )
            )
        before = len(problems)
        quote = strip_ws(obs.quote)
        in_seed = seed_text is None or quote in seed_text
        if not in_seed:
            problems.append(
                doc.problem(
                    (*loc, "quote"),
                    f"引文在原文 seeds/{item.report.seed} 中找不到 — 引文必须逐字摘自原文（空格和换行除外）",
                )
            )
        paragraph = paragraphs.get(obs.paragraph)
        if paragraph is None and chapters_loaded:
            problems.append(doc.problem((*loc, "paragraph"), f"本报告没有段落“{obs.paragraph}”"))
        elif paragraph is not None and in_seed and quote not in strip_ws(paragraph.full_text):
            problems.append(doc.problem((*loc, "quote"), f"引文不在段落“{obs.paragraph}”中"))
        if obs.value is not None and in_seed:  # a wrong quote is the one mistake to report, not its value
            problems.extend(_check_value_in_quote(doc, loc, obs.value, obs.printed, quote))
        if len(problems) > before:
            broken.add(id(obs))
    _check_repeated_facts(item, problems)
    _check_shares(item, problems)
    return broken


def _did_you_mean(wrong: str, known: Iterable[str]) -> str:
    """`（是否应为“gdp”？）` when a known id is close to a mistyped one."""
    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    return f"（是否应为“{close[0]}”？）" if close else ""


def _check_value_in_quote(
    doc: YamlDoc, loc: tuple[str | int, ...], value: float, printed: str | None, quote: str
) -> list[Problem]:
    if printed is not None:
        if strip_ws(printed) not in quote:
            return [doc.problem((*loc, "printed"), f"“{printed}”不在引文中")]
        meant = parse_printed(printed)
        if meant is None or not same_number(meant, value):
            return [doc.problem((*loc, "value"), f"数值 {value} 与原文写法“{printed}”不符")]
        return []
    if not any(same_number(found, value) for found in numbers_in(quote)):
        return [
            doc.problem(
                (*loc, "value"), f"数值 {value} 不在引文中 — 引文必须包含该数值（原文写法不同时用 printed 字段）"
            )
        ]
    return []


def _check_repeated_facts(item: ReportContent, problems: list[Problem]) -> None:
    """The same quantity stated twice must agree (within rounding) unless an editor noted why."""
    first: dict[tuple, int] = {}
    for i, obs in enumerate(item.observations):
        if obs.value is None:
            continue
        key = (obs.indicator, obs.period, obs.kind, obs.measure, obs.unit, obs.qualifier)
        if key not in first:
            first[key] = i
            continue
        other = item.observations[first[key]]
        assert other.value is not None
        if not _agree(other.value, obs.value) and not (obs.note or other.note):
            assert item.observations_doc is not None
            problems.append(
                item.observations_doc.problem(
                    ("observations", i, "value"),
                    f"同一数量出现两次但数值不一致：{other.value}（“{other.quote}”）与 {obs.value}（“{obs.quote}”）"
                    " — 如原文如此，请在 note 中说明",
                )
            )


_SHARE_SCALE = {"%": 100.0, "成": 10.0}


def _check_shares(item: ReportContent, problems: list[Problem]) -> None:
    """A share declared with `share_of` must equal part ÷ whole within the rounding of all three numbers."""
    levels = {
        (o.indicator, o.period): o
        for o in item.observations
        if o.measure in ("level", "count") and o.value is not None and o.unit is not None and o.kind != "target"
    }
    for i, obs in enumerate(item.observations):
        if obs.share_of is None or obs.value is None or obs.unit not in _SHARE_SCALE:
            continue
        part = levels.get((obs.indicator, obs.period))
        whole = levels.get((obs.share_of, obs.period))
        assert item.observations_doc is not None
        if part is None or whole is None:
            missing = obs.indicator if part is None else obs.share_of
            problems.append(
                item.observations_doc.problem(
                    ("observations", i, "share_of"), f"找不到“{missing}”在 {obs.period} 年的总量，无法核对占比"
                )
            )
            continue
        if {part.qualifier, whole.qualifier} - {None, "达"}:
            continue  # an approximate part or whole (近万亿) cannot confirm or refute a share; 达 is exact
        part_value, whole_printed = part.value or 0, whole.value or 0
        whole_value = convert(float(whole_printed), whole.unit or "", part.unit or "")
        if not whole_value or not part_value:
            continue
        computed = part_value / whole_value * _SHARE_SCALE[obs.unit]
        slack = computed * (half_unit(part_value) / part_value + half_unit(whole_printed) / whole_printed)
        low, high = obs.value - half_unit(obs.value) - slack, obs.value + half_unit(obs.value) + slack
        if obs.qualifier in NOT_BELOW:
            high = float("inf")
        elif obs.qualifier in NOT_ABOVE:
            low = float("-inf")
        elif obs.qualifier in ABOUT_WORDS:
            low, high = low - abs(obs.value) * RELATIVE_TOLERANCE, high + abs(obs.value) * RELATIVE_TOLERANCE
        if not low <= computed <= high and not obs.note:
            problems.append(
                item.observations_doc.problem(
                    ("observations", i, "value"),
                    f"占比 {obs.value}{obs.unit} 与 {part.value}{part.unit}（“{part.quote}”）÷ {whole.value}{whole.unit}"
                    f"（“{whole.quote}”）= {computed:.2f}{obs.unit} 不符 — 如原文如此，请在 note 中说明",
                )
            )


def _agree(a: float, b: float) -> bool:
    """Within the rounding of the less precise of two printed numbers."""
    return abs(a - b) <= max(half_unit(a), half_unit(b)) + 1e-9


def _check_mentions(
    item: ReportContent, paragraphs: dict[str, Paragraph], problems: list[Problem], broken: set[int]
) -> None:
    """Every number in the text is an observation of its paragraph or ignored with a reason.

    An observation already reported as wrong (its quote or value) still accounts for one number of
    its paragraph, so one typo gives one message, not a second one about an "unaccounted" number.
    """
    if item.observations_doc is None and item.ignored_doc is None:
        return
    by_paragraph: dict[str, list] = {}
    for obs in item.observations:
        by_paragraph.setdefault(obs.paragraph, []).append(obs)
    ignored = Counter((entry.paragraph, entry.text) for entry in item.ignored)
    doc = item.ignored_doc or item.observations_doc
    assert doc is not None
    for pid, paragraph in paragraphs.items():
        text = paragraph.full_text
        compact = strip_ws(text)
        unused = [(obs, _spans(compact, strip_ws(obs.quote))) for obs in by_paragraph.get(pid, [])]
        kept_before = [0]  # non-whitespace characters before each position: maps text offsets to `compact`
        for ch in text:
            kept_before.append(kept_before[-1] + (not ch.isspace()))
        for mention in find_mentions(text):
            at = kept_before[mention.start]
            if _take_covering(mention, at, unused) or _take_broken(at, unused, broken):
                continue
            if ignored[(pid, mention.text)] > 0:
                ignored[(pid, mention.text)] -= 1
                continue
            problems.append(
                doc.problem(
                    ("ignored",) if item.ignored_doc else (),
                    f"段落“{pid}”中的数字“{mention.text}”（…{mention.before}{mention.text}…）既不是观测值，"
                    "也没有列入 ignored.yml — 请添加观测值，或在 ignored.yml 中写明原因",
                )
            )
    for i, entry in enumerate(item.ignored):
        if ignored[(entry.paragraph, entry.text)] > 0:
            ignored[(entry.paragraph, entry.text)] -= 1
            assert item.ignored_doc is not None
            problems.append(
                item.ignored_doc.problem(("ignored", i), f"段落“{entry.paragraph}”中没有多余的数字“{entry.text}”可忽略")
            )


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place the quote occurs in the (whitespace-free) paragraph text."""
    spans, start = [], text.find(quote)
    while quote and start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def _take_broken(at: int, unused: list, broken: set[int]) -> bool:
    """Let an observation already reported as wrong account for a number in its quote (or paragraph)."""
    for i, (obs, spans) in enumerate(unused):
        if id(obs) in broken and (not spans or any(begin <= at < end for begin, end in spans)):
            del unused[i]
            return True
    return False


def _take_covering(mention, at: int, unused: list) -> bool:
    """Use up the first observation whose quote spans this very number and whose value it is."""
    compact = strip_ws(mention.text)
    for i, (obs, spans) in enumerate(unused):
        if not any(begin <= at and at + len(compact) <= end for begin, end in spans):
            continue
        by_printed = obs.printed is not None and strip_ws(obs.printed).startswith(compact)
        if by_printed or (obs.value is not None and same_number(mention.value, obs.value)):
            del unused[i]
            return True
    return False
