"""Find every number in a paragraph, with the words that qualify it.

A number token is a run of ASCII or full-width digits with an optional decimal part and an
optional `/digits` fraction (`3.46`, `6.0`, `1/3`, `2024`); `20+8` is two tokens, `20` and `8`.
These are what the build accounts for (validate: `find_mentions(text, chinese=False)`).

Extract also reads the Chinese numerals the genre prints as values (`Mention.printed` holds the printed
form), only where the wording says it is one — a rank after the field it is in (稳居全国第三, 全市各区第二),
tenths after a qualifier or share word (超两成, 占全市近七成), a round magnitude after a qualifier (近万亿元,
超百万人, 超百场), a count built or set up (组建两个…). Elsewhere a Chinese numeral is part of a word (一批,
统一, 两个维护, 第一批) and is not a mention. The proposals made here are drafts for an editor, never content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from generator.rules.numbers import parse_chinese
from generator.rules.numbers import parse_token as parse_number
from generator.rules.units import unit_measure
from generator.rules.vocabulary import (
    AFTER_WORDS,
    BEFORE_WORDS,
    ESTIMATE_WORDS,
    FALL_WORDS,
    FROM_WORDS,
    PART_YEAR_WORDS,
    RANK_SCOPES,
    RATIO_WORDS,
    qualifier_before,
)

NUMBER_RE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?(?:/[0-9０-９]+)?")
UNITS = sorted(
    (
        "万亿元", "亿元", "万元", "元", "亿美元", "万美元", "美元", "%", "个百分点", "万人次", "亿人次",
        "人次", "万人", "人", "家", "个", "项", "户", "万户", "件", "万件", "倍", "年", "月", "日",
        "平方米", "万平方米", "平方公里", "公顷", "公里", "千米", "米", "座", "所", "张", "套", "万套",
        "间", "条", "支", "届", "台", "万台", "辆", "万辆", "宗", "名", "种", "类", "栋", "场次", "场",
        "次", "架次", "万架次", "万个", "万家", "万张", "吨", "万吨", "号线", "周年", "微克/立方米",
        "英寸", "GHz", "KV", "P", "强", "天", "小时", "分钟", "批", "只", "块", "处", "期", "版",
        "万标准箱", "万千瓦", "千瓦", "千伏", "万", "亿", "市", "县", "门", "成", "批次", "万套(间)", "套(间)",
    ),
    key=len,
    reverse=True,
)  # fmt: skip
GROWTH_CUES = ("增长", "下降", "提高", "同比", "增速", "涨幅", "提升")
SHARE_CUES = ("占", "比重", "占比")
RANK_CUES = ("第", "位居", "排名", "居全", "居国内", "居全省", "居全市")
LEVEL_AFTER = ("至", "到")  # 提升至48.5%: a level reached, not a growth rate
APPROX_AFTER = ("余", "多")  # 1700余项, 40多家: the unit follows the approximation
BEFORE_QUALIFIERS = BEFORE_WORDS
AFTER_QUALIFIERS = AFTER_WORDS
COUNT_UNITS = frozenset(
    ("家", "个", "项", "户", "件", "人", "名", "所", "座", "张", "套", "条", "支", "栋", "台", "辆", "宗", "种", "类",
     "万家", "万个", "万户", "万人", "万件", "万套", "万张", "门", "市", "县", "场", "场次", "处", "只", "万辆",
     "套(间)", "万套(间)", "万")
)  # fmt: skip
# A percentage or multiple is a growth only after a growth word (增长6.0%, 增长10倍); 提升绿道365公里 is a length.
GROWTH_UNITS = ("%", "倍")
# `/` after a unit joins a per-unit (9.4批次/千人, 微克/立方米).
PER_UNITS = ("千人", "万人", "百人", "人", "户", "立方米", "平方公里", "平方米")
# A unit that is a noun itself: 参与人次达1451万 is 1451万人次.
NOUN_UNITS = ("人次", "架次", "场次")
RANGE_DASHES = "—－-～~"
NUMERAL_CHARS = "一二两三四五六七八九十"
CHINESE_RANK_RE = re.compile(rf"(?:{'|'.join(RANK_SCOPES)})第(?P<n>[{NUMERAL_CHARS}]+)(?=[，,。；;、）)位名]|$)")
CHINESE_TENTHS_RE = re.compile(rf"(?P<n>[{NUMERAL_CHARS[:-1]}])成")
# Verbs of building or setting up before a Chinese count (组建两个技工教育集团, 新建三所学校).
BUILD_VERBS = ("组建", "新建", "建成", "新增", "培育", "引进", "设立", "新设", "打造")
TIME_UNITS = frozenset(("年", "月", "日", "天", "周年", "小时", "分钟", "期", "届", "批", "号线"))
CLAUSE_BOUNDARY = "，。；、,;：:！？!?"
YEAR_RE = re.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")
YEAR_ANNUAL_RE = re.compile(r"(?<![0-9])(20[0-9]{2})年度")  # 评为2022年度…: the year a count is of
# “十四五”期间: the N-th five-year plan, N ≥ 3, ran from 1966 + 5 × (N − 3) (十四五: 2021-2025).
FIVE_YEAR_PLAN_RE = re.compile(r"十([一二三四五六七八九])五")
RANK_UNIT = "位"  # a rank: value 3, unit 位, printed 三 in 全国第三
OPEN_QUOTES = "“‘《「"
CLOSE_QUOTES = "”’》」"
BEFORE_CHARS = 12
STRIP_CUES = (
    *GROWTH_CUES, *BEFORE_QUALIFIERS, *SHARE_CUES, "分别", "完成", "提升至", "降至", "增至", "达到", "至", "为", "累计",
    "第", *RANK_SCOPES, "稳居", "位居", "居", "保持", "上升至",
)  # fmt: skip
TASK_NUMBER_RE = re.compile(r"^[(（][0-9]{1,3}[)）]")
DATE_WORD_RE = re.compile(r"[0-9０-９]+[年月日]")
CJK_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]+")


@dataclass(frozen=True)
class Mention:
    """One number in a text: where it is, what it reads, and the cues around it.

    `printed` is set for a Chinese numeral (一 of 全国第一, 两成, 万亿 of 近万亿元): the form a draft
    keeps in its `printed` field; a digit mention has none.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    before: str
    growth: bool = False
    share: bool = False
    rank: bool = False
    year: int | None = None
    qualifier: str | None = None
    printed: str | None = None
    ratio: bool = False
    fall: bool = False
    estimate: bool = False
    previous_period: bool = False
    period: str | None = None  # a span (“十四五”期间: 2021-2025) or a part of a year left open (TODO 上半年)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]: from after the previous `，。；、` to before the next."""
    left = start
    while left > 0 and text[left - 1] not in CLAUSE_BOUNDARY:
        left -= 1
    right = end
    while right < len(text) and text[right] not in CLAUSE_BOUNDARY:
        right += 1
    return left, right


def _unit_at(text: str, pos: int) -> str | None:
    if text.startswith(APPROX_AFTER, pos):
        pos += 1
    for unit in UNITS:
        if text.startswith(unit, pos):
            per = pos + len(unit)
            if text.startswith("/", per):
                return next((f"{unit}/{p}" for p in PER_UNITS if text.startswith(p, per + 1)), unit)
            return unit
    if text.startswith("大", pos):  # 7大场景, 十大专班: so many of a kind
        return "个"
    return None


def _range_unit(text: str, end: int) -> str | None:
    """The unit of a range's end for its start: 1—2个, 3-5家 (the first number has no unit of its own)."""
    if end < len(text) and text[end] in RANGE_DASHES:
        match = NUMBER_RE.match(text, end + 1)
        if match:
            return _unit_at(text, match.end())
    return None


def find_mentions(text: str, *, chinese: bool = True) -> list[Mention]:
    """Every number in `text`, in order, with unit, context and cues; without `chinese`, only the digit tokens."""
    spans: list[tuple[int, int, str, tuple[float, str, str] | None]]
    spans = [(m.start(), m.end(), m.group(), None) for m in NUMBER_RE.finditer(text)]
    if chinese:
        taken = [(a, b) for a, b, _, _ in spans]
        spans += [s for s in _chinese_spans(text) if not any(a < s[1] and s[0] < b for a, b in taken)]
        spans.sort()
    mentions: list[Mention] = []
    for start, end, token, numeral in spans:
        mention = _mention(text, start, end, token, numeral)
        if mentions and _continues_run(text, mentions[-1], mention):
            mention = replace(
                mention,
                growth=mention.growth or mentions[-1].growth,
                share=mention.share or mentions[-1].share,
                ratio=mention.ratio or mentions[-1].ratio,
                fall=mention.fall or mentions[-1].fall,
                unit=mention.unit or (mentions[-1].unit if mentions[-1].ratio else None),
            )
        mentions.append(mention)
    return mentions


def _mention(text: str, start: int, end: int, token: str, numeral: tuple[float, str, str] | None) -> Mention:
    """One mention with its cues; `numeral` (value, unit, printed) for a Chinese numeral."""
    if numeral is None:
        value, printed = parse_number(token), None
        unit = _unit_at(text, end) or _range_unit(text, end)
        if unit is None and text[:start].endswith(tuple(f"{scope}第" for scope in RANK_SCOPES)):
            unit = RANK_UNIT  # 全国第3: a rank among places, not an ordinal
    else:
        value, unit, printed = numeral
    left, right = clause_bounds(text, start, end)
    before_clause = text[left:start]
    after = text[end:right]
    after = after[after.find(unit) + len(unit) :] if unit and unit in after else after
    if unit in ("万", "亿"):
        noun = next((n for n in NOUN_UNITS if n in before_clause), None)
        unit = f"{unit}{noun}" if noun else unit
    qualifier = qualifier_before(before_clause)
    qualifier = next((q for q in AFTER_QUALIFIERS if after.startswith(q)), qualifier)
    years = [int(y) for y in YEAR_RE.findall(before_clause)]
    years = years or [int(y) for y in YEAR_ANNUAL_RE.findall(after)]
    ratio = unit == "倍" or any(word in before_clause for word in RATIO_WORDS)
    fall = any(word in before_clause for word in FALL_WORDS)
    if "/" in token and before_clause.endswith("的"):
        ratio, unit = True, unit or "倍"  # 全国平均水平的1/3: a fraction of a reference
    return Mention(
        start=start,
        end=end,
        text=token,
        value=value,
        unit=unit,
        before=text[max(0, start - BEFORE_CHARS) : start],
        growth=(fall or any(cue in before_clause for cue in GROWTH_CUES)) and not before_clause.endswith(LEVEL_AFTER),
        share=any(cue in before_clause for cue in SHARE_CUES),
        rank=unit == RANK_UNIT or any(cue in before_clause for cue in RANK_CUES),
        year=years[-1] if years else None,
        qualifier=qualifier,
        printed=printed,
        ratio=ratio,
        fall=fall,
        estimate=any(word in before_clause for word in ESTIMATE_WORDS),
        previous_period=before_clause.endswith(FROM_WORDS) and any(w in after for w in ("到", "至")),
        period=_period_words(before_clause),
    )


def _period_words(before_clause: str) -> str | None:
    """The period a clause names in words: a five-year plan's span, or TODO for a part of a year."""
    part = next((word for word in PART_YEAR_WORDS if word in before_clause), None)
    if part:
        return f"TODO {part}"
    plan = FIVE_YEAR_PLAN_RE.search(before_clause)
    if plan:
        first = 1966 + 5 * (10 + "一二三四五六七八九".index(plan[1]) + 1 - 3)
        return f"{first}-{first + 4}"
    return None


def _continues_run(text: str, previous: Mention, mention: Mention) -> bool:
    """`mention` continues a run of numbers that share one wording: 增长175.7%、24.4%、16.6%; 的1/3、1/8、1/5."""
    left, _ = clause_bounds(text, mention.start, mention.end)
    if left == 0 or text[left - 1] != "、" or text[left : mention.start].strip():
        return False
    between = text[previous.end : left - 1]
    return between in ("", previous.unit or "") or between.lstrip("".join(APPROX_AFTER)) == (previous.unit or "")


def _chinese_spans(text: str) -> list[tuple[int, int, str, tuple[float, str, str]]]:
    """Chinese numerals printed as values, by the genre's wording (see the module docstring)."""
    found: list[tuple[int, int, str, tuple[float, str, str]]] = []
    for match in CHINESE_RANK_RE.finditer(text):
        n = match["n"]
        found.append((match.start("n"), match.end("n"), n, (parse_chinese(n) or 0.0, RANK_UNIT, n)))
    for match in CHINESE_TENTHS_RE.finditer(text):
        left, _ = clause_bounds(text, match.start(), match.end())
        before = text[left : match.start()]
        after = text[match.end() :]
        if qualifier_before(before) or before.endswith(SHARE_CUES) or after.startswith(AFTER_QUALIFIERS):
            printed = match.group()
            found.append((match.start(), match.end(), printed, (parse_chinese(match["n"]) or 0.0, "成", printed)))
    for qualifier in BEFORE_QUALIFIERS:
        for at in _find_all(text, qualifier):
            spot = _magnitude(text, at + len(qualifier)) if qualifier_before(text[: at + len(qualifier)]) else None
            if spot:
                found.append(spot)
    for verb in BUILD_VERBS:
        for at in _find_all(text, verb):
            spot = _magnitude(text, at + len(verb), counts_only=True)
            if spot:
                found.append(spot)
    unique = {s[0]: s for s in found if not _inside_quotes(text, s[0])}
    return [unique[k] for k in sorted(unique)]


def _find_all(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)]


def _magnitude(text: str, pos: int, counts_only: bool = False) -> tuple[int, int, str, tuple[float, str, str]] | None:
    """A round Chinese number right at `pos` with its unit: 万亿元 (1), 百万人 (100), 百场 (100), 两个 (2)."""
    numeral = re.match(rf"[{NUMERAL_CHARS}百千]*", text[pos:]).group()  # type: ignore[union-attr]
    unit = _unit_at(text, pos + len(numeral)) if not text.startswith(APPROX_AFTER, pos + len(numeral)) else None
    if unit is None or unit in TIME_UNITS or unit in ("大", "成", "P") or unit.isascii():
        return None
    multiplier = re.match(r"[万亿]*", unit).group()  # type: ignore[union-attr]
    if counts_only and (unit not in COUNT_UNITS or multiplier or numeral in ("", "一")):
        return None
    if not numeral and (not multiplier or multiplier == unit):
        return None  # 达万亿级, 近万: no number
    value = parse_chinese(numeral) if numeral else 1.0
    if value is None:
        return None
    shown = "大" if text.startswith("大", pos + len(numeral)) else unit  # 八大: so many of a kind
    # 两个 as printed; 八大 (eight of a kind) keeps the numeral only, shown 八个 like 7大 → 7个
    printed = numeral + multiplier if multiplier else numeral + (unit if counts_only and shown != "大" else "")
    if text.startswith(AFTER_QUALIFIERS, pos + len(numeral) + len(unit)) and not numeral:
        return None  # 亿元以上投资项目: a class of projects, not an amount
    return (pos, pos + len(numeral) + len(multiplier), printed, (value, unit, printed))


def _inside_quotes(text: str, start: int) -> bool:
    depth = 0
    for char in text[:start]:
        if char in OPEN_QUOTES:
            depth += 1
        elif char in CLOSE_QUOTES and depth:
            depth -= 1
    return depth > 0


def ignore_reason(text: str, mention: Mention) -> str | None:
    """Why a mention is obviously not a fact, or None when it may be one.

    date: a year, month or day (`2024年`, `1月`); duration: `连续4年`, `75周年`; ordinal: a task
    number `(1)`, `第25届`, a list number `1.`; name: inside quotes (`“1310”`, `“20+8”`), glued
    to Latin letters (`5G`, `B2B`) or a line number (`15号线`). A percentage in quotes (“三个100%”) is
    a value, and so is a number before a Latin unit (超4000P) or after 第 following a field (全国第3).
    A Chinese numeral is only read where the wording makes it a value, so it is never ignored.
    """
    if mention.printed is not None:
        return None
    before = text[mention.start - 1] if mention.start else ""
    after = text[mention.end] if mention.end < len(text) else ""
    if before in "(（" and after in ")）":
        return "ordinal"
    if mention.start == 0 and after == ".":
        return "ordinal"
    if (before == "第" and mention.unit != RANK_UNIT) or mention.unit in ("届", "号线", "期"):
        return "ordinal" if before == "第" else "name"
    if _inside_quotes(text, mention.start) and mention.unit != "%":
        return "name"
    latin_unit = mention.unit is not None and mention.unit.isascii() and mention.unit.isalpha()
    if (after.isascii() and after.isalpha() and not latin_unit) or (before.isascii() and before.isalpha()):
        return "name"
    if mention.unit == "年" and len(mention.text) == 4:
        return "date"
    if mention.unit in ("年", "周年") and "." not in mention.text:
        return "duration"
    if mention.unit in ("月", "日") and "." not in mention.text:
        return "date"
    if mention.unit is None and re.fullmatch(r"20[0-9]{2}", mention.text):
        return "date"
    return None


def _measure(mention: Mention) -> str:
    """What the number measures, from its unit and cues (a genre rule each; tests/extract/test_mentions.py)."""
    if mention.unit == RANK_UNIT or (mention.rank and mention.unit is None):
        return "rank"  # 稳居全国第三
    if mention.unit == "个百分点":
        return "change"
    if mention.growth and (mention.unit in GROWTH_UNITS or mention.unit is None):
        return "growth"  # 下降16.1% is a growth of -16.1: one measure per meaning (rules/measures.py)
    if mention.unit == "成":
        return "share"  # 超两成: tenths of a whole
    if mention.ratio:
        return "ratio"  # 完成率达139.3%, 全市平均水平3.5倍, 全国平均水平的1/3
    if mention.share or mention.unit == "%":
        return "share"  # a percentage that is not a growth is a share of a whole (优良率98.3%)
    if mention.unit in COUNT_UNITS or unit_measure(mention.unit) == "count":
        return "count"  # 家, 个 … and 人次, 架次: numbers of people, visits, items (rules/units.py)
    return "level"


def _indicator_guess(text: str, mention: Mention) -> str:
    """Words before the number, without cue words; `增长6.0%` borrows the previous clause's subject."""
    left, _ = clause_bounds(text, mention.start, mention.end)
    guess = _strip_cues("".join(CJK_RE.findall(DATE_WORD_RE.sub("", text[left : mention.start]))))
    if not guess and left > 1:
        previous, _ = clause_bounds(text, left - 1, left - 1)
        segment = TASK_NUMBER_RE.sub("", DATE_WORD_RE.sub("", text[previous : left - 1]))
        head = re.split(r"[0-9０-９]", segment, maxsplit=1)[0]
        guess = _strip_cues("".join(CJK_RE.findall(head)))
    return guess[-12:] or "?"


def _strip_cues(words: str) -> str:
    return strip_endings(words, STRIP_CUES)


def strip_endings(words: str, endings: Iterable[str]) -> str:
    """`words` without any of `endings` at its end, repeatedly (地区生产总值增长 → 地区生产总值)."""
    endings = tuple(endings)
    changed = True
    while words and changed:
        changed = False
        for ending in endings:
            if words.endswith(ending):
                words, changed = words[: -len(ending)], True
    return words


def fit_quote(text: str, left: int, right: int, mention: Mention, seed_compact: str) -> str:
    """The longest part of text[left:right] around the number that occurs in the seed.

    A clause that crosses a page footer in the seed (`19.7` … footer … `万人`) cannot be quoted
    whole; the quote is shortened towards the number until it is found in the whitespace-free seed.
    """
    best = text[mention.start : mention.end]
    for start in range(left, mention.start + 1):
        for end in range(right, mention.end - 1, -1):
            if end - start <= len(best):
                break
            if "".join(text[start:end].split()) in seed_compact:
                best = text[start:end]
                break
    return best


def propose_observations(
    paragraph_id: str,
    text: str,
    *,
    plan: bool = False,
    year: int | None = None,
    seed_compact: str | None = None,
    estimate: bool = False,
) -> list[dict[str, Any]]:
    """Observation drafts for the mentions that are not obviously dates, ordinals or names.

    `plan` marks paragraphs of the plan chapters (kind target, period = `year`); otherwise the
    period is the year named in the clause, else `year` (the year before for the start of a change:
    由18类扩大到22类). A clause saying 预计, or `estimate` (a list under 主要指标预计完成情况如下),
    makes an estimate. A Chinese numeral keeps its form in `printed`. The indicator is a visible placeholder
    (`TODO 地区生产总值`) that fails validation until an editor picks a real indicator id.
    With `seed_compact` (the seed without whitespace) quotes are shortened to occur in the seed.
    """
    out: list[dict[str, Any]] = []
    for mention in find_mentions(text):
        if ignore_reason(text, mention):
            continue
        left, right = clause_bounds(text, mention.start, mention.end)
        value: float | int = mention.value
        printed = None
        if mention.printed is not None:
            value, printed = int(mention.value), mention.printed
        elif "/" in mention.text:
            value, printed = round(mention.value, 3), mention.text
        elif "." not in mention.text and "．" not in mention.text:
            value = int(mention.value)
        period: int | str | None = year if plan else (mention.year or year)
        if mention.previous_period and not plan and not mention.year and isinstance(period, int):
            period -= 1
        if mention.period and not mention.year:
            period = mention.period
        kind = "target" if plan else "estimate" if (estimate or mention.estimate) else "actual"
        obs: dict[str, Any] = {
            "indicator": f"TODO {_indicator_guess(text, mention)}",
            "period": period if period is not None else "TODO",
            "kind": kind,
            "measure": _measure(mention),
            "value": value,
            "unit": mention.unit or "TODO",
        }
        if mention.qualifier:
            obs["qualifier"] = mention.qualifier
        if printed:
            obs["printed"] = printed
        obs["quote"] = fit_quote(text, left, right, mention, seed_compact) if seed_compact else text[left:right]
        obs["paragraph"] = paragraph_id
        out.append(obs)
    return out


def propose_ignored(paragraph_id: str, text: str) -> list[dict[str, Any]]:
    """Ignored-entry drafts (one per occurrence) for dates, ordinals and names (digits only: see validate)."""
    out: list[dict[str, Any]] = []
    for mention in find_mentions(text, chinese=False):
        reason = ignore_reason(text, mention)
        if reason:
            out.append({"paragraph": paragraph_id, "text": mention.text, "reason": reason})
    return out
