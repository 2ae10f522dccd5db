"""Checks across files: references resolve, quotes are grounded in seeds, every number is accounted for."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

from generator.checks.assigned import check_assigned
from generator.checks.fidelity import check_text
from generator.checks.mentions import find_mentions
from generator.checks.quotes import closest, miss_hint
from generator.checks.suggest import missing_indicator
from generator.content.load import Content, ReportContent
from generator.content.models import Observation, Paragraph
from generator.content.yamlfile import YamlDoc
from generator.errors import ContentError, Problem
from generator.extract.link import Catalogue
from generator.rules.display import display_value
from generator.rules.measures import measure_mismatch
from generator.rules.numbers import (
    FULLWIDTH_DIGITS,
    NUMBER_TOKEN,
    format_value,
    half_unit,
    matches_printed,
    printed_value,
    same_number,
    strip_ws,
)
from generator.rules.revisions import Stated, find_revisions
from generator.rules.signs import SIGNED_MEASURES, counted_as, counting_word, fall_word, says_new
from generator.rules.targets import RELATIVE_TOLERANCE
from generator.rules.units import convert
from generator.rules.vocabulary import ABOUT_WORDS, COUNTS_LABEL, FALL_WORDS, NEW_WORDS, NOT_ABOVE, NOT_BELOW


def validate(content: Content, project: Path) -> None:
    """Raise ContentError with every cross-file problem; return quietly when all is well."""
    problems: list[Problem] = []
    _check_former_ids(content, problems)
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
    _check_indicator_counts(content, problems)
    if problems:
        raise ContentError(problems)


def _check_former_ids(content: Content, problems: list[Problem]) -> None:
    """An old id redirects to one page only and never shadows a current indicator's page."""
    owner: dict[str, str] = {}
    for ind_id, indicator in sorted(content.indicators.items()):
        for k, old in enumerate(indicator.former_ids):
            if old in content.indicators or old in owner:
                taken = f"现有指标“{old}”" if old in content.indicators else f"指标“{owner[old]}”的旧 id"
                problems.append(
                    content.indicator_docs[ind_id].problem(
                        ("former_ids", k), f"旧 id“{old}”已是{taken} — 一个网址只能属于一个指标，删去这一项"
                    )
                )
            owner.setdefault(old, ind_id)


def _check_report(content: Content, item: ReportContent, project: Path, problems: list[Problem]) -> None:
    before = len(problems)
    raw_seed = _check_seed(item, project, problems)
    seed_text = None if raw_seed is None else strip_ws(raw_seed)
    paragraphs = _check_paragraphs(item, problems)
    altered: set[str] = set()  # paragraphs whose text is not the seed's: their quotes and numbers wait for it
    if raw_seed is not None and len(problems) == before and content.complete(_folder(item) + "/chapters/"):
        text_problems, altered = check_text(item, raw_seed)  # the seed is the registered one, every chapter loaded
        problems.extend(text_problems)
    broken = _check_observations(content, item, paragraphs, seed_text, altered, problems)
    _check_signs(item, problems, broken)
    miscounted = _check_counted(content, item, problems, broken)
    _check_measures(item, problems, broken)
    check_assigned(content, item, paragraphs, [*broken, *miscounted], problems, _catalogue(content))
    if content.complete(_folder(item) + "/"):  # a file that did not load would make numbers look unaccounted for
        _check_mentions(item, paragraphs, problems, broken, altered)


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
    return raw.decode("utf-8", errors="replace")


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


Covered = dict[int, tuple[str, list[tuple[int, int]]]]  # id(observation) → (paragraph id, spans)


def _check_observations(
    content: Content,
    item: ReportContent,
    paragraphs: dict[str, Paragraph],
    seed_text: str | None,
    altered: set[str],
    problems: list[Problem],
) -> Covered:
    """Check each observation; return those already reported as wrong, with where they would have been.

    `_check_mentions` does not count the numbers a wrong observation would have accounted for, so one
    mistake gives one message.
    """
    broken: Covered = {}
    doc = item.observations_doc
    if doc is None:
        return broken
    chapters_loaded = content.complete(_folder(item) + "/chapters/")
    compact = {pid: strip_ws(p.full_text) for pid, p in paragraphs.items()}
    for i, obs in enumerate(item.observations):
        loc = ("observations", i)
        if obs.indicator not in content.indicators and content.complete(f"content/indicators/{obs.indicator}.y"):
            problems.append(doc.problem((*loc, "indicator"), missing_indicator(obs, content, item)))
        before = len(problems)
        quote = strip_ws(obs.quote)
        in_seed = seed_text is None or quote in seed_text
        if not in_seed and seed_text is not None:
            hint = miss_hint(quote, seed_text)
            problems.append(
                doc.problem(
                    (*loc, "quote"),
                    f"引文在原文 seeds/{item.report.seed} 中找不到"
                    + (f"；{hint}" if hint else "")
                    + " — 引文必须逐字摘自原文（空格和换行除外），请从原文复制",
                )
            )
        paragraph = paragraphs.get(obs.paragraph)
        if paragraph is None and chapters_loaded:
            home = _home(quote, compact)
            where = f"（引文在段落“{home}”中）" if home else ""
            problems.append(
                doc.problem((*loc, "paragraph"), f"本报告没有段落“{obs.paragraph}”{where} — 写引文所在段落的 id")
            )
        elif paragraph is not None and in_seed and obs.paragraph not in altered and quote not in compact[obs.paragraph]:
            home = _home(quote, compact)
            where = f"，而在段落“{home}”中 — 把 paragraph 改为“{home}”" if home else " — 引文必须摘自该段落"
            problems.append(doc.problem((*loc, "quote"), f"引文不在段落“{obs.paragraph}”中{where}"))
        if obs.value is not None and in_seed:  # a wrong quote is the one mistake to report, not its value
            problems.extend(_check_value_in_quote(doc, loc, obs.value, obs.printed, quote))
        if len(problems) > before:
            broken[id(obs)] = _would_cover(quote, obs.paragraph, compact)
    _check_repeated_facts(item, problems)
    _check_shares(item, problems)
    return broken


def _home(quote: str, compact: dict[str, str]) -> str | None:
    """The one paragraph whose text holds the quote exactly."""
    homes = [pid for pid, text in compact.items() if quote and quote in text]
    return homes[0] if len(homes) == 1 else None


def _would_cover(quote: str, pid: str, compact: dict[str, str]) -> tuple[str, list[tuple[int, int]]]:
    """Where a wrong observation's quote was meant to be: its exact place, else the closest passage."""
    home = pid if pid in compact and quote in compact[pid] else _home(quote, compact)
    if home is not None:
        return home, _spans(compact[home], quote)
    candidates = [(pid, closest(quote, compact[pid]))] if pid in compact else []
    if not candidates or candidates[0][1] is None:
        candidates = [(p, closest(quote, text)) for p, text in compact.items()]
    scored = [(passage.agreeing, p, passage) for p, passage in candidates if passage is not None]
    if not scored:
        return pid, []  # nowhere close: its whole paragraph is left to the editor's fix
    _, best, passage = max(scored, key=lambda s: s[0])
    return best, [(max(0, passage.start), passage.start + len(quote))]


def _check_value_in_quote(
    doc: YamlDoc, loc: tuple[str | int, ...], value: float, printed: str | None, quote: str
) -> list[Problem]:
    if printed is not None:
        if strip_ws(printed) not in quote:
            return [doc.problem((*loc, "printed"), f"“{printed}”不在引文中 — printed 写引文中这个数字的原样写法")]
        if not matches_printed(printed, abs(value)):  # a fall is stored negative
            meant = printed_value(printed)
            reading = f"“{printed}”读作 {float(meant):g}" if meant is not None else f"“{printed}”不是数字写法"
            return [
                doc.problem(
                    (*loc, "value"),
                    f"数值 {value} 与原文写法“{printed}”不符（{reading}）— printed 只接受数字的写法：阿拉伯数字"
                    "（3.46、1/3）或中文数字（两成、二十、百万、万亿），value 写它的值；“首”“第一”等不是数字写法",
                )
            ]
        return []
    if not any(
        matches_printed(m.group(), abs(value)) for m in NUMBER_TOKEN.finditer(quote.translate(FULLWIDTH_DIGITS))
    ):
        return [
            doc.problem(
                (*loc, "value"), f"数值 {value} 不在引文中 — 引文必须包含该数值（原文写法不同时用 printed 字段）"
            )
        ]
    return []


def revisions(content: Content) -> list[Problem]:
    """Facts a later report restates with another value: revisions, reported as notes, never as errors.

    Within one report a fact stated twice must agree (`_check_repeated_facts`); across reports of one
    region the later report revises the earlier one (see `rules/revisions.py`).
    """
    stated = [Stated(item.report, obs, i) for item in content.reports for i, obs in enumerate(item.observations)]
    docs = {item.report.id: item.observations_doc for item in content.reports}
    notes = []
    for revision in find_revisions(stated):
        current = revision.current
        doc = docs[current.report.id]
        if doc is None:
            continue
        before = "；".join(
            f"{display_value(s.obs.value, s.obs.unit, s.obs.qualifier)}（{s.report.short_title}，{s.report.date}）"
            for s in revision.earlier
        )
        shown = display_value(current.obs.value, current.obs.unit, current.obs.qualifier)
        notes.append(
            doc.problem(
                ("observations", current.index, "value"),
                f"修订：{current.obs.period}年数值 {shown} 与较早报告的 {before} 不同 — 网站显示本报告的数值并注明两处出处（这不是错误）",
            )
        )
    return notes


def _check_repeated_facts(item: ReportContent, problems: list[Problem]) -> None:
    """The same quantity stated twice must agree (within rounding), whatever the notes say.

    When the report really prints two values, the later observation says so with `differs_from`: the
    other value as printed. The check reads it — it must be the value of the earlier observation — so a
    note explains a difference and never hides one.
    """
    first: dict[tuple, int] = {}
    assert item.observations_doc is not None or not item.observations
    for i, obs in enumerate(item.observations):
        if obs.value is None:
            continue
        key = (obs.indicator, obs.period, obs.kind, obs.measure, obs.unit, obs.qualifier, _rank_scope(obs))
        if key not in first:
            first[key] = i
            if obs.differs_from is not None:
                problems.append(
                    item.observations_doc.problem(  # type: ignore[union-attr]
                        ("observations", i, "differs_from"),
                        f"differs_from: {obs.differs_from}，但本报告之前没有同一数量（指标、时期、类型、度量、单位）的观测值"
                        " — differs_from 只用于原文两处数值不一致的第二处",
                    )
                )
            continue
        other = item.observations[first[key]]
        assert other.value is not None and item.observations_doc is not None
        if _agree(other.value, obs.value):
            continue
        if obs.differs_from is not None and same_number(obs.differs_from, other.value):
            continue
        hint = (
            f"differs_from 写的是 {obs.differs_from}，但另一处是 {other.value}"
            if obs.differs_from is not None
            else f"如原文确实两处不同，写 differs_from: {other.value} 并在 note 中说明；否则改正指标或数值"
        )
        problems.append(
            item.observations_doc.problem(
                ("observations", i, "value"),
                f"同一数量出现两次但数值不一致：{other.value}（“{other.quote}”）与 {obs.value}（“{obs.quote}”）— {hint}",
            )
        )


_RANK_RE = re.compile(r"第([0-9一二三四五六七八九十两]+)")
SCOPE_CHARS = 2  # 全国第三、亚洲第四: the two characters before 第 name the field ranked in


def _rank_scope(obs: Observation) -> str:
    """For a rank, the field it ranks in as printed before 第 (全国, 亚洲): different fields, different facts."""
    if obs.measure != "rank" or obs.value is None:
        return ""
    quote = strip_ws(obs.quote)
    for match in _RANK_RE.finditer(quote):
        number = match.group(1)
        if (obs.printed and strip_ws(obs.printed) == number) or matches_printed(number, obs.value):
            return quote[max(0, match.start() - SCOPE_CHARS) : match.start()]
    return ""


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
            role, missing = ("部分", obs.indicator) if part is None else ("总量", obs.share_of)
            problems.append(
                item.observations_doc.problem(
                    ("observations", i, "share_of"),
                    f"本报告没有“{missing}”在 {obs.period} 年的数值（占比的{role}），无法核对 部分 ÷ 总量 = 占比"
                    f" — 原文写了这个数就把它录为一条观测值（measure: level 或 count）；"
                    "原文没有写就删去 share_of（占比照原文发布，只是不做这项核对）",
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
        found = _share_problem(obs, part, whole, computed, low <= computed <= high)
        if found:
            problems.append(item.observations_doc.problem(("observations", i, found[0]), found[1]))


def _share_problem(
    obs: Observation, part: Observation, whole: Observation, computed: float, agrees: bool
) -> tuple[str, str] | None:
    """The field and message of what is wrong with a share against part ÷ whole, if anything.

    A share the report prints although it differs from part ÷ whole is declared with `share_computed`
    (part ÷ whole as the check computes it) and a note: the check reads the declaration, so a note explains
    a difference and never hides one, and a declaration left behind when the numbers agree is refused.
    """
    declared = obs.share_computed
    mismatch = (
        f"占比 {obs.value}{obs.unit} 与 {part.value}{part.unit}（“{part.quote}”）÷ {whole.value}{whole.unit}"
        f"（“{whole.quote}”）= {computed:.2f}{obs.unit} 不符"
    )
    if agrees:
        if declared is None:
            return None
        return "share_computed", (
            f"share_computed: {declared}，但占比 {obs.value}{obs.unit} 与 部分 ÷ 总量 = {computed:.2f}{obs.unit} 相符"
            " — share_computed 只用于原文占比与 部分 ÷ 总量 不符时，请删去"
        )
    if declared is None:
        return (
            "value",
            f"{mismatch} — 如原文确实如此，写 share_computed: {computed:.2f} 并在 note 中说明；否则改正数值或 share_of",
        )
    if abs(declared - computed) <= half_unit(declared) + 1e-9:
        return None
    return "value", f"{mismatch} — share_computed 写的是 {declared}，但 部分 ÷ 总量 = {computed:.2f}"


def _agree(a: float, b: float) -> bool:
    """Within the rounding of the less precise of two printed numbers."""
    return abs(a - b) <= max(half_unit(a), half_unit(b)) + 1e-9


def _check_mentions(
    item: ReportContent, paragraphs: dict[str, Paragraph], problems: list[Problem], broken: Covered, altered: set[str]
) -> None:
    """Every number in the text is an observation of its paragraph or ignored with a reason.

    Numbers inside the passage a wrong observation was meant to quote (see `_would_cover`), and every
    number of a paragraph whose text is not the seed's, are left alone until that mistake is fixed:
    one mistake gives one message, not more about "unaccounted" or "superfluous" numbers.
    """
    if item.observations_doc is None and item.ignored_doc is None:
        return
    by_paragraph: dict[str, list] = {}
    waiting: dict[str, list[tuple[int, int]]] = {}
    for obs in item.observations:
        if id(obs) in broken:
            pid, spans = broken[id(obs)]
            waiting.setdefault(pid, []).extend(spans or [(0, 1 << 30)])
        else:
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
        for mention in find_mentions(text, chinese=False):
            at = kept_before[mention.start]
            if _take_covering(mention, at, unused):
                continue
            if ignored[(pid, mention.text)] > 0:
                ignored[(pid, mention.text)] -= 1
                continue
            if pid in altered or any(begin <= at < end for begin, end in waiting.get(pid, [])):
                continue
            problems.append(
                doc.problem(
                    ("ignored",) if item.ignored_doc else (),
                    f"段落“{pid}”中的数字“{mention.text}”（…{mention.before}{mention.text}…）既不是观测值，"
                    "也没有列入 ignored.yml — 请添加观测值，或在 ignored.yml 中写明原因（date、ordinal、name、page、"
                    "duration、repeat）",
                )
            )
    for i, entry in enumerate(item.ignored):
        key = (entry.paragraph, entry.text)
        if ignored[key] > 0:
            ignored[key] -= 1
            if entry.paragraph in altered or entry.paragraph in waiting:
                continue  # its number may be the one the wrong observation or text hides
            assert item.ignored_doc is not None
            problems.append(
                item.ignored_doc.problem(
                    ("ignored", i),
                    f"段落“{entry.paragraph}”中没有多余的数字“{entry.text}”可忽略 — 这个数字已由观测值覆盖，"
                    "或段落中没有它（或出现次数更少）：删去这一条，或改正 paragraph/text",
                )
            )


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place the quote occurs in the (whitespace-free) paragraph text."""
    spans, start = [], text.find(quote)
    while quote and start >= 0:
        spans.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return spans


def _take_covering(mention, at: int, unused: list) -> bool:
    """Use up the first observation whose quote spans this very number and whose value it is."""
    compact = strip_ws(mention.text)
    for i, (obs, spans) in enumerate(unused):
        if not any(begin <= at and at + len(compact) <= end for begin, end in spans):
            continue
        by_printed = obs.printed is not None and strip_ws(obs.printed).startswith(compact)
        if by_printed or (obs.value is not None and matches_printed(mention.text, abs(obs.value))):
            del unused[i]
            return True
    return False


def _check_signs(item: ReportContent, problems: list[Problem], broken: Covered) -> None:
    """A growth or change the quote prints as a fall (下降16.1%) is negative; any other is not."""
    doc = item.observations_doc
    for i, obs in enumerate(item.observations):
        if obs.value is None or obs.measure not in SIGNED_MEASURES or id(obs) in broken or doc is None:
            continue
        word = fall_word(obs)
        printed = display_value(abs(obs.value), obs.unit, obs.qualifier)
        if word is not None and obs.value > 0:
            problems.append(
                doc.problem(
                    ("observations", i, "value"),
                    f"引文写“{word}{printed}”，是下降，数值应为负数 — 请写 value: {format_value(-obs.value)}"
                    f"（页面仍照原文显示“{word}{printed}”，数据文件和图表用负数）",
                )
            )
        elif word is None and obs.value < 0:
            falls = "、".join(FALL_WORDS[:4])
            problems.append(
                doc.problem(
                    ("observations", i, "value"),
                    f"数值 {format_value(obs.value)} 是负数，但引文没有在数字前写明下降（{falls}…）"
                    f" — 只有原文写下降的增速或变化记为负数；原文是增长时请写 value: {format_value(-obs.value)}",
                )
            )


def _check_counted(content: Content, item: ReportContent, problems: list[Problem], broken: Covered) -> set[int]:
    """A number the quote calls new (新增34家) belongs to a `counts: new` indicator, a total (累计742家) to a total.

    Returns the ids of the observations refused."""
    doc = item.observations_doc
    refused: set[int] = set()
    for i, obs in enumerate(item.observations):
        indicator = content.indicators.get(obs.indicator)
        counted = counted_as(obs)
        if indicator is None or counted is None or indicator.counts == counted or id(obs) in broken or doc is None:
            continue
        word = counting_word(obs)
        if counted == "new":
            fix = "请改挂 counts: new 的新增指标（名称写明“新增…”，如 new-" + obs.indicator.removeprefix("new-") + "）"
        else:
            fix = "请改挂 counts: total 的总量指标"
        refused.add(id(obs))
        problems.append(
            doc.problem(
                ("observations", i, "indicator"),
                f"引文在数字前写“{word}”，是{COUNTS_LABEL[counted]}数，但指标“{obs.indicator}”（{indicator.name}）"
                f"是 counts: {indicator.counts}（{COUNTS_LABEL[indicator.counts]}） — {fix}",
            )
        )
    return refused


def _catalogue(content: Content) -> Catalogue:
    """The indicator catalogue as the linking rules read it, made once per set of indicators (serve's rebuilds and
    the test sessions load the same indicators again and again)."""
    key = hash(
        tuple((i.id, i.name, tuple(i.aliases), i.unit, i.counts, i.definition) for i in content.indicators.values())
    )
    if key not in _CATALOGUES:
        _CATALOGUES.clear()
        _CATALOGUES[key] = (content.indicators, Catalogue.of(content.indicators))
    return _CATALOGUES[key][1]


_CATALOGUES: dict[int, tuple[object, Catalogue]] = {}


def _check_measures(item: ReportContent, problems: list[Problem], broken: Covered) -> None:
    """One measure per meaning (`rules/measures.py`): % changes are growth, 个百分点 change, 人次 count, 亿元 level."""
    doc = item.observations_doc
    for i, obs in enumerate(item.observations):
        wrong = measure_mismatch(obs.measure, obs.unit)
        if wrong is None or id(obs) in broken or doc is None:
            continue
        problems.append(
            doc.problem(
                ("observations", i, "measure"),
                f"单位“{obs.unit}”的数值应为 measure: {wrong.measure}，不是 {obs.measure} — {wrong.why}"
                "（规则见 content/README.md，“一个含义一种 measure”）",
            )
        )


def _check_indicator_counts(content: Content, problems: list[Problem]) -> None:
    """A new-count indicator says so in its name and definition (新增…); no other indicator's name does."""
    words = "、".join(NEW_WORDS[:3])
    for indicator_id, indicator in content.indicators.items():
        doc = content.indicator_docs.get(indicator_id)
        if doc is None:
            continue
        named = says_new(indicator.name)
        if indicator.counts == "new" and named is None:
            problems.append(
                doc.problem(
                    ("name",),
                    f"counts: new 的指标名称须写明是新增数（{words}…），如“新增{indicator.name}” — 否则读者会当作总数",
                )
            )
        elif (
            indicator.counts == "new" and says_new(indicator.definition) is None and "增加" not in indicator.definition
        ):
            problems.append(
                doc.problem(("definition",), "counts: new 的指标定义须写明是期内新增数，如“一定时期内新增的……数量”")
            )
        elif indicator.counts != "new" and named is not None:
            problems.append(
                doc.problem(
                    ("counts",),
                    f"名称“{indicator.name}”写“{named}”，是期内新增数 — 应为 counts: new"
                    f"（总数请另建 counts: {indicator.counts} 的指标，名称不写“{named}”）",
                )
            )
