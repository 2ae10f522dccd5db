"""Find every number printed with Arabic digits in a paragraph, with the words that qualify it.

A number token is a run of ASCII or full-width digits with an optional decimal part and an
optional `/digits` fraction (`3.46`, `6.0`, `1/3`, `2024`); `20+8` is two tokens, `20` and `8`.
Chinese numerals (两成, 三分之一) are not mentions: the build only has to account for digits.
The proposals made here are drafts for an editor, never content by themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.rules.numbers import parse_token as parse_number
from generator.rules.vocabulary import AFTER_WORDS, BEFORE_WORDS

NUMBER_RE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?(?:/[0-9０-９]+)?")
UNITS = sorted(
    (
        "万亿元", "亿元", "万元", "元", "亿美元", "万美元", "美元", "%", "个百分点", "万人次", "亿人次",
        "人次", "万人", "人", "家", "个", "项", "户", "万户", "件", "万件", "倍", "年", "月", "日",
        "平方米", "万平方米", "平方公里", "公顷", "公里", "千米", "米", "座", "所", "张", "套", "万套",
        "间", "条", "支", "届", "台", "万台", "辆", "万辆", "宗", "名", "种", "类", "栋", "场次", "场",
        "次", "架次", "万架次", "万个", "万家", "万张", "吨", "万吨", "号线", "周年", "微克/立方米",
        "英寸", "GHz", "KV", "P", "强", "天", "小时", "分钟", "批", "只", "块", "处", "期", "版",
        "万标准箱", "万千瓦", "千瓦", "千伏", "万", "亿", "市", "县", "门", "成",
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
     "万家", "万个", "万户", "万人", "万件", "万套", "万张")
)  # fmt: skip
CLAUSE_BOUNDARY = "，。；、,;：:！？!?"
YEAR_RE = re.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")
OPEN_QUOTES = "“‘《「"
CLOSE_QUOTES = "”’》」"
BEFORE_CHARS = 12
STRIP_CUES = (
    *GROWTH_CUES, *BEFORE_QUALIFIERS, *SHARE_CUES, "分别", "完成", "提升至", "降至", "增至", "达到", "至", "为", "累计",
)  # fmt: skip
TASK_NUMBER_RE = re.compile(r"^[(（][0-9]{1,3}[)）]")
DATE_WORD_RE = re.compile(r"[0-9０-９]+[年月日]")
CJK_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]+")


@dataclass(frozen=True)
class Mention:
    """One number in a text: where it is, what it reads, and the cues around it."""

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
            return unit
    return None


def find_mentions(text: str) -> list[Mention]:
    """Every Arabic-digit number token in `text`, in order, with unit, context and cues."""
    mentions: list[Mention] = []
    for match in NUMBER_RE.finditer(text):
        start, end = match.span()
        unit = _unit_at(text, end)
        left, right = clause_bounds(text, start, end)
        before_clause = text[left:start]
        after = text[end:right]
        after = after[after.find(unit) + len(unit) :] if unit else after
        qualifier = next((q for q in BEFORE_QUALIFIERS if before_clause.endswith(q)), None)
        qualifier = next((q for q in AFTER_QUALIFIERS if after.startswith(q)), qualifier)
        years = [int(y) for y in YEAR_RE.findall(text[left:start])]
        mentions.append(
            Mention(
                start=start,
                end=end,
                text=match.group(),
                value=parse_number(match.group()),
                unit=unit,
                before=text[max(0, start - BEFORE_CHARS) : start],
                growth=any(cue in before_clause for cue in GROWTH_CUES) and not before_clause.endswith(LEVEL_AFTER),
                share=any(cue in before_clause for cue in SHARE_CUES),
                rank=any(cue in before_clause for cue in RANK_CUES),
                year=years[-1] if years else None,
                qualifier=qualifier,
            )
        )
    return mentions


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
    to Latin letters (`5G`, `B2B`) or a line number (`15号线`).
    """
    before = text[mention.start - 1] if mention.start else ""
    after = text[mention.end] if mention.end < len(text) else ""
    if before in "(（" and after in ")）":
        return "ordinal"
    if mention.start == 0 and after == ".":
        return "ordinal"
    if before == "第" or mention.unit in ("届", "号线", "期"):
        return "ordinal" if before == "第" else "name"
    if _inside_quotes(text, mention.start):
        return "name"
    if (after.isascii() and after.isalpha()) or (before.isascii() and before.isalpha()):
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
    if mention.unit == "个百分点":
        return "change"
    if mention.growth:
        return "growth"
    if mention.share:
        return "share"
    if mention.rank and mention.unit is None:
        return "rank"
    if mention.unit in COUNT_UNITS:
        return "count"
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
    paragraph_id: str, text: str, *, plan: bool = False, year: int | None = None, seed_compact: str | None = None
) -> list[dict[str, Any]]:
    """Observation drafts for the mentions that are not obviously dates, ordinals or names.

    `plan` marks paragraphs of the plan chapters (kind target, period = `year`); otherwise the
    period is the year named in the clause, else `year`. The indicator is a visible placeholder
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
        if "/" in mention.text:
            value, printed = round(mention.value, 3), mention.text
        elif "." not in mention.text and "．" not in mention.text:
            value = int(mention.value)
        period = year if plan else (mention.year or year)
        obs: dict[str, Any] = {
            "indicator": f"TODO {_indicator_guess(text, mention)}",
            "period": period if period is not None else "TODO",
            "kind": "target" if plan else "actual",
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
    """Ignored-entry drafts (one per occurrence) for dates, ordinals and names."""
    out: list[dict[str, Any]] = []
    for mention in find_mentions(text):
        reason = ignore_reason(text, mention)
        if reason:
            out.append({"paragraph": paragraph_id, "text": mention.text, "reason": reason})
    return out
