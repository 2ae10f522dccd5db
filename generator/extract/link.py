"""Propose an indicator from the catalogue for every drafted observation, or leave it open.

The rules follow how plan reports are written, one function each:

- `normalize`: the short forms reports use (规上 ↔ 规模以上, 社零, 固投, GDP in any case, 地方一般公共预算收入 ↔
  一般公共预算收入), quotes and spaces ignored, so `规上工业增加值` meets the name `规模以上工业增加值`;
- `name_match`: a subject links when it *is* a name or alias, or ends with one and what stands before it
  only places it (全市, 全年, 其中, 实现 …); any other word before the name (新增, 累计, 国家级 …) may change the
  concept, so the item stays open with the name as a candidate;
- `subject_of`: the words before a number in its clause; a bare clause (`增长6.0%`, `增加值增长…`) carries
  the subject named earlier in the sentence, a share (`占GDP比重41.9%`) belongs to the subject whose share it is;
- `list_subjects`: `A、B、C分别…x、y、z` maps the n-th number to the n-th name, also where the names stand in
  an earlier clause;
- `fits`: the unit and measure must fit the indicator (a count in 家 never links to an indicator in 亿元);
- `clause_names`: when the words right before a number name nothing, the number's own stretch of the clause
  (from the number before it to the number after it) is searched for names: reports often put the subject
  after the number (`完成19个易涝点整治工程`) or wrap the name in verbs (`首批落地10个…场景`). A name's core
  (the name without 新增/累计, judged apart, and without the genre's measure words 数量, 总数, 里程 …) must
  stand where a subject stands: ending the words before the number after only verbs and place words, or
  starting the words after it; the longest such name links only when every other fitting name written in
  the stretch is part of it (进出口 inside 跨境电商进出口额), else the item stays open with them as candidates;
- `creation_verbs`: a creation verb (建成, 创建 …) puts a number under 新增 unless the catalogue's plain
  indicator is defined as what that verb made (`建成的分布式光伏发电项目数量`), not as a running total (累计).

**Never a confident wrong link**: an open item costs the editor a look, a wrong link that looks done
costs the reader a wrong number. Anything ambiguous stays open (`TODO …`) with its candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from generator.checks.mentions import (
    CLAUSE_BOUNDARY,
    Mention,
    clause_bounds,
    find_mentions,
    ignore_reason,
    strip_endings,
)
from generator.content.models import Indicator
from generator.rules.signs import counting_word_before, counts_of_word, leading_new_word, says_new, without_new_words
from generator.rules.units import base_unit
from generator.rules.vocabulary import AFTER_WORDS, BEFORE_WORDS, FALL_WORDS, TOTAL_WORDS

SHORT_FORMS: tuple[tuple[str, str], ...] = (
    ("规上", "规模以上"),
    ("社零总额", "社会消费品零售总额"),
    ("社零", "社会消费品零售总额"),
    ("固投", "固定资产投资"),
    ("地方一般公共预算收入", "一般公共预算收入"),
    ("一般预算收入", "一般公共预算收入"),
    ("gdp", "地区生产总值"),
    ("生产总值", "地区生产总值"),
)
IGNORED_CHARS = re.compile(r"[\s“”‘’\"'《》「」()（）—–-]")
# Words that only place a subject (where, when, which part) and never change the concept.
PLACE_WORDS = (
    "全市", "全区", "全省", "全县", "全国", "全年", "其中", "今年", "去年", "上年", "本年", "年度", "实现", "完成",
    "达到", "达", "累计达", "共", "合计", "总计", "同比", "比上年", "辖区", "本地", "当年",
    "我市", "我区", "本市", "本区", "市内", "区内", "各类", "各级",
)  # fmt: skip
# Words of a plan that say how hard a target is pursued (力争…增至385家, 确保…), never what is counted.
EFFORT_WORDS = ("力争", "确保", "推动", "加快", "持续", "全力", "有力", "积极", "大力", "高水平", "高标准")
# Verbs that open a clause before the thing counted (获批…18家, 创建…150个): they say what happened to it,
# and the catalogue names the thing; 新增/累计/总数 are handled apart (they choose between indicators).
# Creation verbs (创建, 建成, 引进 …) say the number counts what is new this year: they act as 新增.
CREATION_VERBS = (
    "创建", "建成", "新建", "开通", "引进", "新引进", "认定", "新认定", "新登记", "培育", "新培育", "打造", "筹集",
    "新开工", "开工",
)  # fmt: skip
ACTION_VERBS = (
    *CREATION_VERBS, "获批的", "获批", "获评", "获得", "提供", "吸引", "发布", "推出", "新推出", "上线", "落地",
    "登记", "建设", "投入", "实施", "开展", "新开展", "组织", "举办", "服务", "率先", "落户", "入驻", "开放", "整治",
    "改造", "贯通", "出台", "组建", "新组建", "孵化", "新孵化", "改建", "新改建", "升级改造", "洽谈", "挖掘",
    "支撑", "做好", "布局", "获",
)  # fmt: skip
# Words between a subject and its number that say how the number relates (增长, 提升至 …), never what it is.
LINK_WORDS = (
    "同比增长", "同比下降", "比上年增长", "比上年下降", "增长", "下降", "减少", "提高", "提升至", "提升", "降至",
    "增至", "达到", "为", "实现", "完成", "分别", "均", "同比", "增速", "涨幅", "规模", "总量", "年均", "累计",
    "至", "到", "首次", "再次", "数量", "总数", "共计", "合计", "累计达", "预计", "预计实现",
    *FALL_WORDS, *BEFORE_WORDS, *AFTER_WORDS,  # fall words and qualifiers (约, 超过, 控制在, 以上 …): generator/rules/vocabulary.py
)  # fmt: skip
# A bare head word in a clause (`增加值增长8.8%`, `总额…`) means the subject named earlier in the sentence.
QUANTITY_WORDS = ("新增", "累计", "总数")
STOCK_WORDS = ("总数", "保有量", "累计")
TOTAL_QUANTITY_WORDS = ("累计", "总数")  # QUANTITY_WORDS but 新增, which `rules/signs.py` reads with its look-alikes
# A clause that only says a carried subject reached a number (`新增A 900家，达到1.9万家`) gives its total.
REACH_WORDS = ("达到", "达")
COUNT_CLASSIFIERS = ("个", "家", "项", "条", "所", "座", "支", "张", "种", "类", "件", "户", "名", "栋", "台", "辆")
HEAD_NOUNS = ("增加值", "产值", "总额", "总量", "规模", "收入", "营收", "营业收入", "投资", "金额", "产业", "额")
COMPOSE_HEADS = ("总产值", "产值", "总额", "总量", "规模", "收入", "营收")  # the head a bare head replaces
BARE_HEADS = ("增加值", "总额", "总量", "规模", "收入", "产值", "营收", "营业收入", "投资", "金额")
SHARE_RE = re.compile(r"占(?P<whole>[^，。；、,;]{0,20}?)(?:比重|的比重|比例|份额|$)|占比")
LIST_WORD = "分别"
LIST_GROWTH_WORDS = ("增长", "提高", "增加", "同比", *FALL_WORDS)
LIST_SPLIT_RE = re.compile(r"[、和及与]")
SENTENCE_END = "。；;！!？?"
PERCENT_UNITS = ("%",)
RATE_MEASURES = ("growth", "change", "share")
CANDIDATE_LIMIT = 4
# Open items the clause search must not settle: the text's own name is ambiguous in the catalogue.
KEEP_OPEN = ("名称可能是简称", "多个指标同名", "简称，前文未写全称")
# Words a catalogue name ends with that only say how the thing is measured (易涝点整治数量, 非机动车道建设里程):
# a report writes the thing and its number, the measure word is the number itself.
MEASURE_SUFFIXES = ("数量", "总数", "个数", "里程", "总量", "规模")
NAME_MIN = 3  # a name core shorter than this (绿道) is found only by the rules that read a subject whole
LEAD_MAX = 2  # characters between a number's unit and the name after it (余, 多, 以上)
TAIL_MAX = 4  # characters after a name that follows its number (`易涝点整治工程`)


def normalize(text: str) -> str:
    """The comparable form of a name or phrase: no quotes or spaces, ASCII lower-case, short forms expanded."""
    out = IGNORED_CHARS.sub("", text).lower()
    for short, full in SHORT_FORMS:
        out = re.sub(f"{re.escape(full)}|{re.escape(short)}", full, out)  # the full form is left as it is
    return out


@dataclass(frozen=True)
class Term:
    """One name or alias of an indicator, normalized."""

    text: str
    indicator: str
    source: str  # "名称" or "别名"


@dataclass
class Catalogue:
    """The indicator catalogue as terms to look for in a text (longest first)."""

    indicators: dict[str, Indicator]
    terms: list[Term] = field(default_factory=list)
    cores: list[tuple[Term, str, frozenset[str]]] = field(default_factory=list)
    by_pair: dict[str, list[int]] = field(default_factory=dict)  # a core's first two characters → its index
    # made on first use: validate's assigned check reads every paragraph with the whole catalogue, so a scan of
    # every term per number grew with indicators × numbers (10,000 indicators: minutes)
    _quantities: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _by_bigram: dict[str, list[int]] | None = field(default=None, repr=False, compare=False)
    _by_quantity: dict[str, list[Term]] | None = field(default=None, repr=False, compare=False)

    def quantity_words(self, indicator_id: str) -> tuple[str, ...]:
        """The quantity words of an indicator (`_quantity_of`), found once per catalogue."""
        found = self._quantities.get(indicator_id)
        if found is None:
            found = self._quantities[indicator_id] = tuple(_find_quantity_words(self.indicators[indicator_id]))
        return found

    def terms_with_quantity(self, word: str) -> list[Term]:
        """The terms whose indicator carries the quantity word, in catalogue order."""
        if self._by_quantity is None:
            self._by_quantity = {}
            for term in self.terms:
                for found in self.quantity_words(term.indicator):
                    self._by_quantity.setdefault(found, []).append(term)
        return self._by_quantity.get(word, [])

    def terms_containing(self, text: str) -> list[Term]:
        """The terms that may contain `text` (they hold its first two characters), in catalogue order."""
        if self._by_bigram is None:
            self._by_bigram = {}
            for i, term in enumerate(self.terms):
                for pair in {term.text[k : k + 2] for k in range(len(term.text) - 1)}:
                    self._by_bigram.setdefault(pair, []).append(i)
        if len(text) < 2:
            return list(self.terms)
        return [self.terms[i] for i in self._by_bigram.get(text[:2], [])]

    def cores_in(self, *parts: str) -> list[tuple[Term, str, frozenset[str]]]:
        """The cores that may occur in the parts (their first two characters do), in catalogue order."""
        found = {i for part in parts for k in range(len(part) - 1) for i in self.by_pair.get(part[k : k + 2], ())}
        return [self.cores[i] for i in sorted(found)]

    @classmethod
    def of(cls, indicators: Mapping[str, Indicator]) -> Catalogue:
        """Index every name and alias (and their forms without 全市/全区) of the given indicators."""
        seen: set[tuple[str, str]] = set()
        terms: list[Term] = []
        for indicator in indicators.values():
            names = [(indicator.name, "名称")] + [(a, "别名") for a in indicator.aliases]
            for name, source in names:
                text = _strip_place(normalize(name))
                if len(text) >= 2 and (text, indicator.id) not in seen:
                    seen.add((text, indicator.id))
                    terms.append(Term(text, indicator.id, source))
        terms.sort(key=lambda t: (-len(t.text), t.text, t.indicator))
        cores = [(t, core, frozenset(core)) for t in terms if len(core := name_core(t.text)) >= NAME_MIN]
        by_pair: dict[str, list[int]] = {}
        for i, (_, core, _) in enumerate(cores):
            by_pair.setdefault(core[:2], []).append(i)
        return cls(dict(indicators), terms, cores, by_pair)

    def exact(self, phrase: str) -> list[Term]:
        """Terms equal to the phrase."""
        return [t for t in self.terms if t.text == phrase]

    def contained(self, phrase: str) -> list[Term]:
        """Terms that occur in the phrase, longest first."""
        return [t for t in self.terms if t.text in phrase]


def name_core(text: str) -> str:
    """A normalized name without its quantity word (新增 …, judged apart) and measure words (数量, 里程 …)."""
    for word in QUANTITY_WORDS:
        text = text.removeprefix(word)
    text = text.removeprefix(leading_new_word(text) or "")
    return strip_endings(text, MEASURE_SUFFIXES)


def _strip_place(words: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in PLACE_WORDS:
            if words.startswith(word) and len(words) > len(word):
                words, changed = words[len(word) :], True
    return words


def _strip_link_words(words: str) -> str:
    return strip_endings(words, LINK_WORDS)


@dataclass
class Proposal:
    """The outcome for one observation: a link with its reason, or an open item with candidates."""

    indicator: str | None
    why: str
    subject: str
    candidates: list[str] = field(default_factory=list)
    share_of: str | None = None
    measure: str | None = None  # set when the rule knows better than the number finder (分别增长 → growth)
    named: list[str] = field(default_factory=list)  # for an open item: other indicators its sentence names

    @property
    def offered(self) -> list[str]:
        """What the open item offers the editor: the rule's candidates, then what the sentence names."""
        return _unique([*self.candidates, *self.named])[:CANDIDATE_LIMIT]


def name_match(catalogue: Catalogue, subject: str) -> tuple[list[Term], list[Term]]:
    """(confident terms, candidate terms) for a subject phrase.

    Confident: the phrase equals a term, or ends with one and the words before it only place it.
    Candidates: any term occurring in the phrase (the editor decides).
    """
    phrase = _strip_place(normalize(subject))
    if not phrase:
        return [], []
    exact = catalogue.exact(phrase)
    if exact:
        return exact, []
    contained = catalogue.contained(phrase)
    suffix = [t for t in contained if phrase.endswith(t.text)]
    if suffix:
        longest = len(suffix[0].text)
        head = phrase[: len(phrase) - longest]
        top = [t for t in suffix if len(t.text) == longest]
        if not head or only_verbs(head):
            return top, ([] if not head else contained)
        return [], contained
    return [], contained


def only_verbs(head: str) -> bool:
    """The head is made only of action verbs (创建, 获批的 …), effort words (力争 …) and place words."""
    head = _strip_place(head)
    changed = True
    while head and changed:
        changed = False
        for verb in sorted((*ACTION_VERBS, *EFFORT_WORDS), key=len, reverse=True):
            if head.startswith(verb):
                head, changed = _strip_place(head[len(verb) :]), True
    return not head


def fits(indicator: Indicator, mention: Mention, measure: str) -> bool:
    """The mention's unit and measure fit the indicator (a count in 家 never meets 亿元)."""
    unit = mention.unit or ""
    if measure in ("growth", "change"):
        return unit in (*PERCENT_UNITS, "个百分点")
    if unit in PERCENT_UNITS:
        return indicator.unit in PERCENT_UNITS or measure == "share"
    if not unit:
        return False
    return _counted_in(unit) == _counted_in(indicator.unit)


def _counted_in(unit: str) -> str:
    """The base a unit counts in; 万/亿 before a classifier only scale it (1.5万套 is 15,000 套)."""
    base = base_unit(unit)
    if base == unit and len(unit) > 1 and unit[0] in "万亿" and base_unit(unit[1:]) == unit[1:]:
        return unit[1:]
    return base


def _local_subject(text: str, left: int, start: int) -> str:
    """The words before a number in its clause, without link words and dates."""
    words = re.sub(r"[0-9０-９.]+[年月日]?", "", text[left:start])
    return _strip_link_words(words)


def _share_split(subject: str) -> tuple[str, str | None]:
    """(`part`, `whole`) of a share phrase `X占Y比重`; whole None when there is no share wording."""
    match = SHARE_RE.search(subject)
    if not match:
        return subject, None
    return subject[: match.start()], match.groupdict().get("whole") or ""


def _sentence_start(text: str, pos: int) -> int:
    start = pos
    while start > 0 and text[start - 1] not in SENTENCE_END:
        start -= 1
    return start


@dataclass(frozen=True)
class Listed:
    """A number after `分别`: the name it maps to in order, or None when the list cannot be mapped (it stays open)."""

    name: str | None
    position: int
    measure: str  # `growth` after 分别增长…, else empty (the number's own)
    scope: tuple[str, ...] | None = None  # the quantity words of the 分别 clause; None: the number's own
    names: tuple[str, ...] = ()  # every name listed (the candidates of a list that cannot be mapped)


def list_subjects(text: str, mentions: list[Mention]) -> dict[int, Listed]:
    """Mentions after `分别`, mapped in order to the names listed before it.

    The names are the `、`-separated items right before 分别, or, when 分别 opens its clause (after only
    quantity and link words: 累计分别达…), the items of the clause before, also when each item carries its own
    number (`新增A 12家、B 3家，累计分别达80家、9家`: the names are A and B, the quantity word is the 分别
    clause's). A list whose length differs from the numbers that follow maps nothing: those numbers stay open.
    """
    out: dict[int, Listed] = {}
    for match in re.finditer(LIST_WORD, text):
        left = _run_left(text, match.start())
        head = text[left : match.start()]
        end = _sentence_end(text, match.end())
        first = min([m.start for m in mentions if match.end() <= m.start < end], default=end)
        own = _own_quantity(head + text[match.end() : first])
        names, scope = _names(re.sub(r"[0-9０-９.]+[年月日]", "", head)), None
        if left > 1 and _bare(head):
            prev_left = _run_left(text, left - 1)
            names, inherited = _item_names(text[prev_left : left - 1])
            scope = tuple(own or inherited)
        following = [m for m in mentions if match.end() <= m.start < end and not ignore_reason(text, m)]
        following = _same_run(text, following)
        measure = "growth" if text.startswith(LIST_GROWTH_WORDS, match.end()) else ""
        if len(names) < 2 or len(names) != len(following):
            for n, mention in enumerate(following, start=1):
                out[mention.start] = Listed(None, n, measure, None, tuple(names))
            continue
        names = _share_prefix(names)
        for n, (name, mention) in enumerate(zip(names, following, strict=True), start=1):
            out[mention.start] = Listed(name, n, measure, scope, tuple(names))
    return out


def _run_left(text: str, pos: int) -> int:
    """The start of the `、`-joined run of clauses that holds text[pos]."""
    left, _ = clause_bounds(text, pos, pos)
    while left > 0 and text[left - 1] == "、":
        left, _ = clause_bounds(text, left - 1, left - 1)
    return left


def _names(names_text: str) -> list[str]:
    return [n for n in LIST_SPLIT_RE.split(names_text) if n]


def _bare(head: str) -> bool:
    """Only quantity, link and place words before 分别 (`累计`, `全年累计`): the names are in the clause before."""
    words = _strip_place(normalize(head))
    changed = True
    while words and changed:
        changed = False
        for word in (*QUANTITY_WORDS, *TOTAL_WORDS, *LINK_WORDS):
            if words.endswith(word) or words.startswith(word):
                words = words.removesuffix(word) if words.endswith(word) else words[len(word) :]
                words, changed = _strip_place(words), True
    return not words


def _own_quantity(words: str) -> list[str]:
    """The quantity word of a 分别 clause (`累计分别达`), as `_quantity_words` names it; 达/达到 alone say a total."""
    word = counting_word_before(words)
    if word is not None:
        return ["新增"] if counts_of_word(word) == "new" else ["累计"]
    return ["累计"] if any(w in words for w in REACH_WORDS) else []


def _item_names(run: str) -> tuple[list[str], list[str]]:
    """(names, quantity words) of a run of items; an item with a number is named by the words before it
    (`全年新增A 12家` → A, with 新增 as the run's quantity word)."""
    items = [item for item in re.split("[、和及与]", run) if item]
    if not any(re.search(r"[0-9０-９]", item) for item in items):
        return _names(re.sub(r"[0-9０-９.]+[年月日]", "", run)), []
    names: list[str] = []
    inherited: list[str] = []
    for item in items:
        words = _strip_link_words(re.split(r"[0-9０-９]", item, maxsplit=1)[0])
        words = _strip_place(normalize(words))
        for word in QUANTITY_WORDS:
            if words.startswith(word):
                words, inherited = words[len(word) :], inherited or [word]
        new = leading_new_word(words)
        if new:
            words, inherited = words[len(new) :], inherited or ["新增"]
        names.append(words)
    return ([] if not all(names) else names), inherited


def _sentence_end(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] not in SENTENCE_END + "，,":
        pos += 1
    return pos


def _same_run(text: str, mentions: list[Mention]) -> list[Mention]:
    """The numbers of one list run: consecutive mentions joined by `、` / `和` (with unit words between)."""
    run: list[Mention] = []
    for mention in mentions:
        if run:
            between = text[run[-1].end : mention.start]
            if not any(sep in between for sep in "、和及") or len(between) > 8:
                break
        run.append(mention)
    return run


def _share_prefix(names: list[str]) -> list[str]:
    """`万元GDP能耗、水耗` → a short name with the same head character as the first (耗) borrows its modifier."""
    first = names[0]
    out = [first]
    for name in names[1:]:
        if len(name) <= 3 and len(first) > len(name) + 1 and name[-1] == first[-1]:
            out.append(first[: len(first) - len(name)] + name)
        else:
            out.append(name)
    return out


def propose_links(text: str, observations: list[dict], catalogue: Catalogue, candidates: bool = True) -> list[Proposal]:
    """One proposal per observation drafted from `text` (same order as `propose_observations`).

    Without `candidates` (validate reads only the links) an open item lists only what its own rule found."""
    mentions = find_mentions(text)
    kept = [m for m in mentions if not ignore_reason(text, m)]
    listed = list_subjects(text, mentions)
    proposals = []
    for mention, obs in zip(kept, observations, strict=False):
        proposal = _propose_one(text, mention, obs["measure"], catalogue, listed)
        if proposal.indicator is None and mention.start not in listed and proposal.why not in KEEP_OPEN:
            proposal = clause_names(catalogue, text, mention, kept, obs["measure"]) or proposal
        proposal = counts_agree(catalogue, text, mention, proposal)
        if proposal.indicator is None and candidates:
            proposal.named = sentence_candidates(catalogue, text, mention, obs["measure"])
        proposals.append(proposal)
    return proposals


def counts_agree(catalogue: Catalogue, text: str, mention: Mention, proposal: Proposal) -> Proposal:
    """A total (累计/总数/总量 nearest before the number) never goes to a `counts: new` indicator, a 新增 never to
    a total: such a link is left open with the indicator as a candidate (validate refuses it the same way)."""
    if proposal.indicator is None:
        return proposal
    indicator = catalogue.indicators[proposal.indicator]
    said = counts_of_word(counting_word_before(text[_sentence_start(text, mention.start) : mention.start]))
    if said is None or indicator.counts == "rate" or said == indicator.counts or proposal.measure in RATE_MEASURES:
        return proposal
    word = "累计/总数/总量" if said == "total" else "新增"
    why = f"原文数字前写“{word}”，但“{indicator.name}”是 counts: {indicator.counts}"
    return Proposal(None, why, proposal.subject, [proposal.indicator])


def sentence_candidates(catalogue: Catalogue, text: str, mention: Mention, measure: str) -> list[str]:
    """Every indicator whose name or alias the number's sentence writes and whose unit fits, nearest first,
    also a bare head joined to the subject before it (`工业总产值…，增加值…` → 工业增加值): an open item
    always offers what the sentence names."""
    start = _sentence_start(text, mention.start)
    end = mention.end
    while end < len(text) and text[end] not in SENTENCE_END:
        end += 1
    sentence = normalize(text[start:end])
    at = len(normalize(text[start : mention.start]))
    phrases = [sentence]
    clause = len(normalize(text[start : clause_bounds(text, mention.start, mention.end)[0]]))
    for head in BARE_HEADS:
        for found in re.finditer(re.escape(head), sentence[clause:at]):
            before = sentence[: clause + found.start()]
            for stem_end in (m.start() for m in re.finditer("|".join(map(re.escape, COMPOSE_HEADS)), before)):
                phrases.append(before[:stem_end] + head)
    found_terms = [
        (abs(phrase.find(t.text) - at) if phrase is sentence else -1, t)
        for phrase in phrases
        for t in catalogue.contained(phrase)
        if fits(catalogue.indicators[t.indicator], mention, measure)
        or (measure in RATE_MEASURES and catalogue.indicators[t.indicator].unit not in PERCENT_UNITS)
    ]
    return _unique(t.indicator for _, t in sorted(found_terms, key=lambda pair: pair[0]))


def _propose_one(
    text: str, mention: Mention, measure: str, catalogue: Catalogue, listed: dict[int, Listed]
) -> Proposal:
    left, _ = clause_bounds(text, mention.start, mention.end)
    scope = _quantity_words(text, mention.start)
    if mention.start in listed:
        item = listed[mention.start]
        if item.name is None:
            pool = _unique(
                t.indicator
                for name in item.names
                for t in name_match(catalogue, name)[1] or name_match(catalogue, name)[0]
            )
            return Proposal(
                None, "“分别”前列举的名称与其后的数字个数对不上", "、".join(item.names), pool[:CANDIDATE_LIMIT]
            )
        confident, candidates = name_match(catalogue, item.name)
        proposal = _decide(
            catalogue,
            mention,
            item.measure or measure,
            item.name,
            confident,
            candidates,
            list(item.scope) if item.scope is not None else scope,
            before=text[: mention.start],
        )
        proposal.why = f"分别列举第{item.position}项：{proposal.why}" if proposal.indicator else proposal.why
        proposal.measure = item.measure or None
        return proposal
    local = _local_subject(text, left, mention.start)
    part, whole = _share_split(local)
    share_of = None
    if whole is not None:
        whole_terms, _ = name_match(catalogue, whole)
        ids = {t.indicator for t in whole_terms}
        share_of = ids.pop() if len(ids) == 1 else None
        measure = "share"
    part = _strip_link_words(part)
    core = _strip_place(normalize(part))
    for word in QUANTITY_WORDS:
        core = core.removeprefix(word)
    if not core or core in BARE_HEADS:
        previous = None if _names_after(text, mention) else _previous_subject(text, mention.start, left, catalogue)
        if previous is None:
            return Proposal(None, "承前主语不明", part)
        subject, confident, inherited = previous
        scope = scope or _carried_total(text, left, mention.start, subject, inherited) or inherited
        bare_head = next((h for h in BARE_HEADS if core == h), "")
        if bare_head and not normalize(subject).endswith(bare_head):
            stem = next((subject[: -len(h)] for h in HEAD_NOUNS if subject.endswith(h)), subject)
            subject = stem + bare_head
            confident, _ = name_match(catalogue, subject)
        new = leading_new_word(normalize(subject))
        if scope and scope[0] != "新增" and new:
            subject = subject[len(new) :]
            confident, _ = name_match(catalogue, subject)
        proposal = _decide(
            catalogue, mention, measure, subject, confident, [], scope, carried=True, before=text[: mention.start]
        )
    else:
        confident, candidates = name_match(catalogue, part)
        if not confident and mention.unit in COUNT_CLASSIFIERS:
            after = _after_noun(text, mention)
            after_confident, _ = name_match(catalogue, after) if after else ([], [])
            head = _strip_place(normalize(part))
            for word in QUANTITY_WORDS:
                head = head.removeprefix(word)
            if after_confident and (not head or only_verbs(head)):
                part, confident, candidates = after, after_confident, []
        proposal = _decide(
            catalogue, mention, measure, part, confident, candidates, scope, before=text[: mention.start]
        )
    proposal.share_of = share_of if proposal.indicator else None
    return proposal


def _carried_total(text: str, left: int, start: int, subject: str, inherited: list[str]) -> list[str]:
    """`累计` when a bare clause gives the total of a subject named with 新增 (`新增A 900家，总量1.9万家` or
    `…，达到1.9万家`): the carried subject is the thing, not what was added of it."""
    words = text[left:start]
    said = counts_of_word(counting_word_before(words))
    if said == "total":
        return ["累计"]
    new_subject = bool(inherited) or leading_new_word(normalize(subject)) is not None
    return ["累计"] if said is None and new_subject and any(w in words for w in REACH_WORDS) else []


def _quantity_words(text: str, start: int) -> list[str]:
    """The quantity words (新增, 累计, 总数 …) in force at a number: in its clause and the `、` clauses before it.

    `累计建成投用充电桩28.7万个、超充站161座`: 累计 applies to 超充站 as well.
    """
    left, _ = clause_bounds(text, start, start)
    while left > 0 and text[left - 1] == "、":
        left, _ = clause_bounds(text, left - 1, left - 1)
    scope = text[left:start]
    said = counting_word_before(scope)  # 新开展, 新推出 … (rules/vocabulary.py), read as 新增; 累计, 总数 as written
    if said in TOTAL_QUANTITY_WORDS:
        return [said]
    new = counts_of_word(said) == "new" or any(verb in scope for verb in CREATION_VERBS)
    return ["新增"] if new else []


def _previous_subject(
    text: str, start: int, left: int, catalogue: Catalogue
) -> tuple[str, list[Term], list[str]] | None:
    """The subject named earlier in the sentence, for a bare clause (`…1.45万亿元、增长8.8%`).

    Walks back clause by clause; the first clause that opens with words (before its number) decides:
    a catalogue name carries over (with the quantity word it was written with, 新增 …), anything else
    means the subject is unknown (None).
    """
    sentence = _sentence_start(text, start)
    pos = left - 1
    while pos > sentence:
        clause_left, _ = clause_bounds(text, pos - 1, pos - 1)
        clause = text[clause_left:pos]
        pos = clause_left - 1
        head = re.split(r"[0-9０-９]", clause, maxsplit=1)[0]
        head = _strip_link_words(re.sub(r"[0-9０-９.]+[年月日]", "", head))
        part, _ = _share_split(head)
        core = _strip_place(normalize(part))
        if not core or core in BARE_HEADS:
            continue
        confident, _ = name_match(catalogue, part)
        if confident:
            return part, confident, []
        word = leading_new_word(core)
        if word:
            confident, _ = name_match(catalogue, core[len(word) :])
            return (part, confident, ["新增"]) if confident else None
        return None
    return None


def _names_after(text: str, mention: Mention) -> bool:
    """Words follow the number in its clause (`完成超6000个既有公共建筑BIM精细化建模`): the clause names its own
    subject after the number, so the subject of an earlier clause does not carry over."""
    words = normalize(_after_noun(text, mention))
    words = next((words[len(w) :] for w in AFTER_WORDS if words.startswith(w)), words)
    return len(re.sub(r"[0-9０-９.%]", "", words)) >= 2


def _after_noun(text: str, mention: Mention) -> str:
    """The noun after a counted number (`新开展37个重大科技专项`): the rest of the clause after the unit."""
    _, right = clause_bounds(text, mention.start, mention.end)
    after = text[mention.end : right]
    after = after.lstrip("余多")
    if mention.unit and after.startswith(mention.unit):
        after = after[len(mention.unit) :]
    return after


def clause_names(
    catalogue: Catalogue, text: str, mention: Mention, kept: list[Mention], measure: str
) -> Proposal | None:
    """The catalogue names written in the number's own stretch of its clause, before or after it.

    None when no fitting name stands where a subject stands; a link when the longest name found there
    contains every other fitting name written in the stretch; else an open item listing them.
    """
    parts = number_stretch(text, mention, kept)
    longest: dict[str, tuple[Term, str]] = {}  # every fitting name written in the stretch, per indicator
    where: set[str] = set()  # the indicators whose name stands where a subject stands
    for term, core, _ in catalogue.cores_in(*parts):
        written = [n for n, part in enumerate(parts) if core in part]
        if not written or not fits(catalogue.indicators[term.indicator], mention, measure):
            continue
        if term.indicator not in longest or len(longest[term.indicator][1]) < len(core):
            longest[term.indicator] = (term, core)
        if any(placed(core, parts[n], before=n == 0) for n in written):
            where.add(term.indicator)
    if not where:
        return None
    scope = _quantity_words(text, mention.start)
    found = [term for term, _ in longest.values()]
    terms = [t for t in found if _quantity_fits(catalogue, t.indicator, text, mention, measure, scope)]
    subject = "".join(parts)
    if not terms:
        why = f"原文有“{'、'.join(scope)}”，目录中没有对应的指标" if scope else "句中指标名称带“新增/累计”，原文没有"
        return Proposal(None, why, subject, _unique(t.indicator for t in found)[:CANDIDATE_LIMIT])
    cores = {t.indicator: longest[t.indicator][1] if t.indicator in longest else name_core(t.text) for t in terms}
    best = max(terms, key=lambda t: (len(cores[t.indicator]), t.indicator))
    if best.indicator not in where or any(core not in cores[best.indicator] for core in cores.values()):
        pool = _unique(t.indicator for t in sorted(terms, key=lambda t: -len(cores[t.indicator])))
        return Proposal(None, "句中有多个指标名称", subject, pool[:CANDIDATE_LIMIT])
    quantity = f"（{'、'.join(scope)}）" if scope and _quantity_of(catalogue, best.indicator) else ""
    return Proposal(best.indicator, f"句中{best.source}“{_shown(catalogue, best)}”{quantity}", subject)


def number_stretch(text: str, mention: Mention, kept: list[Mention]) -> tuple[str, str]:
    """(before, after): the number's clause from the number before it to the number after it, normalized."""
    left, right = clause_bounds(text, mention.start, mention.end)
    left = max([m.end for m in kept if left <= m.end <= mention.start], default=left)
    right = min([m.start for m in kept if mention.end <= m.start < right], default=right)
    after = mention.end + (len(mention.unit) if mention.unit and text.startswith(mention.unit, mention.end) else 0)
    return normalize(text[left : mention.start]), normalize(text[after:right])


def placed(core: str, part: str, before: bool) -> bool:
    """The name stands where a subject stands: ending the words before the number (after only verbs and place
    words: `首批落地`, `全年`), or starting the words after it (`完成19个易涝点整治工程`, at most LEAD_MAX
    characters in between and TAIL_MAX after); a name inside a longer phrase (`一般贸易进出口`,
    `社康中心获…认证`) is a modifier, not the subject."""
    low = part.find(core)
    if low < 0:
        return False
    high = low + len(core)
    if before:
        head = _without_quantity_words(part[:low])
        return (not head or only_verbs(head)) and not _strip_link_words(part[high:])
    return low <= LEAD_MAX and len(part) - high <= TAIL_MAX


def _quantity_fits(
    catalogue: Catalogue, indicator_id: str, text: str, mention: Mention, measure: str, scope: list[str]
) -> bool:
    """新增/累计/总数 as written fit the indicator found by a name core (which leaves these words out).

    An indicator whose name says 新增 (or 累计 …) needs the word in the text; a plain one takes no 新增, but
    累计/总数 (its stock), and a creation verb when it counts what that verb made (`_counts_what_was_made`).
    """
    if measure in RATE_MEASURES:
        return True
    words = _quantity_of(catalogue, indicator_id)
    if words:
        return bool(set(words) & set(scope))
    if not scope or scope[0] in STOCK_WORDS:
        return True
    return _counts_what_was_made(catalogue, indicator_id, creation_verbs(text, mention.start))


def _decide(
    catalogue: Catalogue,
    mention: Mention,
    measure: str,
    subject: str,
    confident: list[Term],
    candidates: list[Term],
    scope: list[str],
    carried: bool = False,
    before: str = "",
) -> Proposal:
    """Link when exactly one indicator fits by name, unit, measure and quantity words; else list candidates."""
    fitting = [t for t in confident if fits(catalogue.indicators[t.indicator], mention, measure)]
    introduced = [t for t in fitting if _short_form_introduced(catalogue, t, before)]
    why_not = "" if len(introduced) == len(fitting) else "简称，前文未写全称"
    fitting = introduced
    verbs = creation_verbs(before, len(before))
    fitting, why_quantity = _by_quantity(catalogue, fitting, scope, mention, measure, verbs)
    why_not = why_quantity or why_not
    ids = sorted({t.indicator for t in fitting})
    phrase = _strip_place(normalize(subject))
    verb_head = bool(fitting) and phrase != fitting[0].text
    longer = _longer_names(catalogue, fitting, mention, measure, strict=verb_head)
    if len(ids) == 1 and not longer:
        term = fitting[0]
        how = "承前主语：" if carried else ""
        quantity = f"（{'、'.join(scope)}）" if scope else ""
        return Proposal(ids[0], f"{how}{term.source}“{_shown(catalogue, term)}”{quantity}", subject)
    pool = _unique(t.indicator for t in [*fitting, *longer, *confident, *candidates])[:CANDIDATE_LIMIT]
    if longer:
        why = "名称可能是简称"
    elif len(ids) > 1:
        why = "多个指标同名"
    elif why_not:
        why = why_not
    elif confident:
        why = "单位或口径不符"
    else:
        why = "名称前另有限定词" if candidates else "目录中没有同名指标"
    return Proposal(None, why, subject, pool)


def _short_form_introduced(catalogue: Catalogue, term: Term, before: str) -> bool:
    """An alias that is the indicator's name without its modifier (`意向投资额` of `招商项目意向投资额`) counts
    only where the modifier was written earlier in the paragraph: reports shorten a name once it is introduced."""
    name = _strip_place(normalize(catalogue.indicators[term.indicator].name))
    if term.source != "别名" or len(name) <= len(term.text) or not name.endswith(term.text):
        return True
    return name[: -len(term.text)] in normalize(before)


def _by_quantity(
    catalogue: Catalogue, terms: list[Term], scope: list[str], mention: Mention, measure: str, verbs: list[str]
) -> tuple[list[Term], str]:
    """新增 / 累计 / 总数 choose between sibling indicators (new-x vs x); a word no name carries leaves it open.

    `verbs`: the creation verbs that alone gave the 新增 (`建成…22个`), for `_counts_what_was_made`.
    """
    if not terms or measure in ("growth", "change", "share"):
        return terms, ""
    if not scope:
        plain = [t for t in terms if _is_plain(catalogue, t.indicator)]
        return (plain or terms), ""
    wanted = [t for t in terms if set(_quantity_of(catalogue, t.indicator)) & set(scope)]
    if wanted:
        return wanted, ""
    siblings = [
        term
        for word in scope
        for term in catalogue.terms_with_quantity(word)
        if any(t.text in term.text or term.text in (word + t.text) for t in terms)
        and fits(catalogue.indicators[term.indicator], mention, measure)
    ]
    if siblings:
        return siblings, ""
    if scope[0] in STOCK_WORDS:  # 累计/总数 of a thing named plainly: the plain indicator is the stock
        plain = [t for t in terms if _is_plain(catalogue, t.indicator)]
        if plain:
            return plain, ""
    made = [t for t in terms if _counts_what_was_made(catalogue, t.indicator, verbs)]
    if made:
        return made, ""
    return [], f"原文有“{'、'.join(scope)}”，目录中没有对应的指标"


def creation_verbs(text: str, start: int) -> list[str]:
    """The creation verbs (建成, 创建 …) that alone put a number under 新增: none when 新增/累计/总数 is written."""
    left, _ = clause_bounds(text, start, start)
    while left > 0 and text[left - 1] == "、":
        left, _ = clause_bounds(text, left - 1, left - 1)
    scope = text[left:start]
    if any(word in scope for word in QUANTITY_WORDS):
        return []
    return [verb for verb in CREATION_VERBS if verb in scope]


def _counts_what_was_made(catalogue: Catalogue, indicator_id: str, verbs: list[str]) -> bool:
    """A plain indicator defined as the things a verb made (`建成的分布式光伏发电项目数量`) takes the number that
    verb introduces (`建成分布式光伏项目22个`); one defined as a running total (累计) never does."""
    indicator = catalogue.indicators[indicator_id]
    said = indicator.name + indicator.definition
    plain = not _quantity_of(catalogue, indicator_id)
    return plain and not any(word in said for word in STOCK_WORDS) and any(verb in said for verb in verbs)


def _is_plain(catalogue: Catalogue, indicator_id: str) -> bool:
    """A stock named as a thing (`国际友城`): no quantity word, and no verb of building in its name (`超充站建设`)."""
    name = catalogue.indicators[indicator_id].name
    return not _quantity_of(catalogue, indicator_id) and not any(verb in name for verb in (*ACTION_VERBS, "建设"))


def _quantity_of(catalogue: Catalogue, indicator_id: str) -> tuple[str, ...]:
    """The quantity words an indicator's name and aliases carry (新增, 累计 …); 总数/保有量 count as 累计."""
    return catalogue.quantity_words(indicator_id)


def _without_quantity_words(text: str) -> str:
    """`text` without 新增/累计/总数 and the other words of an addition (新引进 …; 创新 and 新能源 stay)."""
    text = without_new_words(text)
    for word in TOTAL_QUANTITY_WORDS:
        text = text.replace(word, "")
    return text


def _has_quantity_word(text: str) -> bool:
    return any(w in text for w in TOTAL_QUANTITY_WORDS) or says_new(text) is not None


def _find_quantity_words(indicator: Indicator) -> list[str]:
    words = "".join([indicator.name, *indicator.aliases])
    found = [w for w in QUANTITY_WORDS if w in words]
    if any(w in words for w in STOCK_WORDS):
        found += [w for w in ("累计", "总数") if w not in found]
    if indicator.counts == "new" or says_new(indicator.name):
        found += ["新增"] if "新增" not in found else []
    return found


def _longer_names(
    catalogue: Catalogue, terms: list[Term], mention: Mention, measure: str, strict: bool = False
) -> list[Term]:
    """Other indicators whose name extends the matched one (`新能源汽车` → `新能源汽车出口`): the head was left out.

    A name that only adds 新增/累计 counts too when the text opened with a verb (`创建…小区` may be the new ones).
    """
    if not terms:
        return []
    ids = {t.indicator for t in terms}
    return [
        other
        for t in terms
        for other in catalogue.terms_containing(t.text)
        if other.indicator not in ids
        and (other.text.startswith(t.text) or (strict and t.text in other.text))
        and len(other.text) > len(t.text)
        and (strict or not (_has_quantity_word(other.text) and not _has_quantity_word(t.text)))
        and fits(catalogue.indicators[other.indicator], mention, measure)
    ]


def _shown(catalogue: Catalogue, term: Term) -> str:
    indicator = catalogue.indicators[term.indicator]
    for name in [indicator.name, *indicator.aliases]:
        if _strip_place(normalize(name)) == term.text:
            return name
    return term.text


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


__all__ = ["CLAUSE_BOUNDARY", "Catalogue", "Proposal", "fits", "list_subjects", "name_match", "normalize"]
