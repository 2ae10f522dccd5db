"""The words Chinese plan reports put around a number, and what each means: the one list every stage reads.

A qualifier says where the true value lies relative to the printed number (超3000户: above 3000) and,
on a target, how the target is judged (增长5%以上: a floor). The content models accept exactly these
words, the checks bound a share with them, the tracker judges targets by them, extract finds them, the
pages print them on the right side of the number, and the tracker page's rule table is made from them.

| word                                      | printed | target                 | says of the true value      |
|-------------------------------------------|---------|------------------------|-----------------------------|
| 以上 超 超过 突破 逾                        | ↔       | floor                  | above the number            |
| 不少于 不低于                               | before  | floor                  | at least the number         |
| 达                                        | before  | floor                  | the number (reached)        |
| 控制在                                     | before  | ceiling                | at most the number          |
| 以内 以下                                   | after   | ceiling                | below the number            |
| 左右 约                                    | ↔       | about (floor, tolerance)| about the number           |
| 持平                                      | after   | flat (0 ± tolerance)   | —                           |
| 近                                        | before  | — (a plain floor)      | below the number            |

A fall (下降3%, 减少2个百分点) is not a qualifier: it is the sign of a change, read from `FALL_WORDS`. A growth
or change so worded is stored negative (value: -3); pages print the report's words (下降3%), data files and
charts the sign (`rules/signs.py`).

What a count counts is read from the word before its number: 新增/新开工/新建/新孵化/新推出 … (`NEW_WORDS`) a
count of what was added in the period, 累计/总数/总量 (`TOTAL_WORDS`) a total; the indicator's `counts` must agree.
Words that only look like a new word (创新建设, 更新改造, 新能源, 新增长点: `NOT_NEW_WORDS`) say nothing of a count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TargetSense = Literal["floor", "ceiling", "about", "flat"]
Bound = Literal["above", "at-least", "exact", "at-most", "below", "about"]


@dataclass(frozen=True)
class Qualifier:
    """One qualifier word: where it is printed, how a target worded with it is judged, what it says of a value."""

    word: str
    after: bool  # printed after the number (3%左右) rather than before it (约3%)
    target: TargetSense | None  # None: not a target word (a target printed with it is read as a plain number)
    bound: Bound | None  # where the true value lies relative to the printed number
    with_number: bool = True  # printed next to a number (持平 stands alone: 与上年持平)


QUALIFIER_TABLE: tuple[Qualifier, ...] = (
    Qualifier("约", after=False, target="about", bound="about"),
    Qualifier("左右", after=True, target="about", bound="about"),
    Qualifier("超", after=False, target="floor", bound="above"),
    Qualifier("超过", after=False, target="floor", bound="above"),
    Qualifier("以上", after=True, target="floor", bound="above"),
    Qualifier("突破", after=False, target="floor", bound="above"),
    Qualifier("近", after=False, target=None, bound="below"),
    Qualifier("逾", after=False, target="floor", bound="above"),
    Qualifier("达", after=False, target="floor", bound="exact"),
    Qualifier("不少于", after=False, target="floor", bound="at-least"),
    Qualifier("不低于", after=False, target="floor", bound="at-least"),
    Qualifier("控制在", after=False, target="ceiling", bound="at-most"),
    Qualifier("以内", after=True, target="ceiling", bound="below"),
    Qualifier("以下", after=True, target="ceiling", bound="below"),
    Qualifier("持平", after=True, target="flat", bound=None, with_number=False),
)
QUALIFIERS: tuple[str, ...] = tuple(q.word for q in QUALIFIER_TABLE)
_BY_WORD = {q.word: q for q in QUALIFIER_TABLE}

# Words a report prints for a fall: the value of a change or growth so worded is a decrease.
FALL_WORDS: tuple[str, ...] = ("下降", "降低", "减少", "回落", "下调", "压减", "收窄", "下滑", "缩小", "缩减")
# Printed right before a number instead of a fall word (增长-2.1%, 负增长2.1%): the number is a fall too.
MINUS_SIGNS: tuple[str, ...] = ("-", "－", "−", "负增长", "负")

# What an indicator counts (`Indicator.counts`), in the words a report prints before a number:
# new: added in the period (a flow); total: all there are (a stock, or a period's total amount); rate: a ratio.
COUNTS: tuple[str, ...] = ("total", "new", "rate")
COUNTS_LABEL: dict[str, str] = {"total": "总量", "new": "期内新增", "rate": "比率"}
# The verbs a report prints before a count of what was added in the period (新增上市企业32家, 新孵化香港创业团队228家,
# 恢复和新开22条航线, 新一批22条举措): 新 + a verb of setting up, opening, bringing in, building, listing or
# launching. Gathered from the seeds and the genre's ways of writing; matched longest first.
NEW_WORDS: tuple[str, ...] = (
    # the commonest first (messages and the data dictionary quote the first three)
    "新增", "新开工", "新建",
    # set up, registered
    "新设", "新设立", "新成立", "新组建", "新登记", "新注册", "新创建", "新培育", "新孵化", "新打造",
    # built, opened, started
    "新建成", "新改建", "新扩建", "新改扩建", "新改造", "新配建", "新筹建", "新筹集",
    "新开", "新开通", "新开设", "新开辟", "新开展", "新投产", "新投用", "新投运", "新投放", "新上线",
    "新铺设", "新敷设", "新安装", "新种植", "新植", "新供应", "新提供",
    # brought in, settled, listed, recognised
    "新引进", "新引入", "新招引", "新签约", "新落户", "新落地", "新入驻", "新进驻", "新纳入", "新升规", "新入规",
    "新入库", "新上市", "新认定", "新入选", "新当选", "新上榜", "新晋", "新获", "新挂牌", "新授牌", "新命名",
    # launched, issued, promoted
    "新推出", "新推广", "新出台", "新制定", "新发布", "新布局",
    # a new batch of: 新一批22条创新举措
    "新一批",
)  # fmt: skip
# Words that only look like a new count: 新 is part of another word (创新建设, 更新改造, 重新认定, 全新推出), or
# the word names a kind of thing, an era or a goal, not an addition (新型, 新能源, 新兴, 新质, 新一轮, 新增长点,
# 新开发区, 新设备). A new word whose 新 lies inside one of these is not read as new.
NOT_NEW_WORDS: tuple[str, ...] = (
    "创新", "更新", "重新", "革新", "刷新", "翻新", "焕新", "全新", "崭新", "最新", "维新",
    "新型", "新能源", "新兴", "新质", "新一轮", "新一代", "新时代", "新征程", "新阶段", "新格局", "新高", "新冠",
    "新增长点", "新增长极", "新增长动能", "新增长引擎", "新开发区", "新开发银行", "新开局", "新开端", "新开篇",
    "新开放型", "新设备", "新设施", "新设计", "新获得感",
)  # fmt: skip
# Kept for importers: the characters before 新 and after a new word that make it part of another word (coarse;
# `NOT_NEW_WORDS` is the rule `rules/signs.py` reads).
NOT_NEW_BEFORE: tuple[str, ...] = tuple(dict.fromkeys(w[0] for w in NOT_NEW_WORDS if len(w) == 2 and w[1] == "新"))
NOT_NEW_AFTER: dict[str, str] = {"新增": "长"}
TOTAL_WORDS: tuple[str, ...] = ("累计", "总数", "总量")


def qualifier(word: str) -> Qualifier:
    """The entry of a qualifier word (KeyError for a word that is not one)."""
    return _BY_WORD[word]


def words(
    *, target: TargetSense | None = None, bounds: tuple[Bound, ...] = (), after: bool | None = None
) -> tuple[str, ...]:
    """Qualifier words, in table order, that judge a target as `target`, bound a value by `bounds`, or sit `after`."""
    return tuple(
        q.word
        for q in QUALIFIER_TABLE
        if (target is None or q.target == target)
        and (not bounds or q.bound in bounds)
        and (after is None or q.after == after)
    )


def printed_after(word: str | None) -> bool:
    """True when the report prints `word` after the number (3%左右); unknown words go after too."""
    return word is not None and (word not in _BY_WORD or _BY_WORD[word].after)


# Printed next to a number, before or after it; longest first, so 超过 is matched before 超.
BEFORE_WORDS = tuple(sorted(words(after=False), key=len, reverse=True))
AFTER_WORDS = tuple(sorted((w for w in words(after=True) if qualifier(w).with_number), key=len, reverse=True))
FLOOR_WORDS = frozenset(words(target="floor"))
CEILING_WORDS = frozenset(words(target="ceiling"))
ABOUT_WORDS = frozenset(words(target="about"))
FLAT_WORDS = frozenset(words(target="flat"))
# What a printed outcome says of the true value, for the tracker (strictly above or below the number) and for
# the checks that bound a share from its parts (at least or at most the number).
STRICTLY_ABOVE = frozenset(words(bounds=("above",)))
STRICTLY_BELOW = frozenset(words(bounds=("below",)))
NOT_BELOW = frozenset(words(bounds=("above", "at-least")))
NOT_ABOVE = frozenset(words(bounds=("below", "at-most")))

# What a report prints between the thing it compares with and a rank or fraction: 稳居全国第三, 上升至全国城市第二,
# 降至全国平均水平的1/3. The words after the last of these (全国, 全国平均水平的) name what the value is of.
REFERENCE_VERBS = ("居", "至", "为", "达到", "达", "保持", "排名", "列", "占")

# What a report prints before 第 when the number after it is a rank among places (稳居全国第三, 全市各区第二,
# 上升至全国城市第二, 亚洲第一): the field the rank is in. 第 after any other word is an ordinal (第一批, 第25届).
RANK_SCOPES: tuple[str, ...] = (
    "全国", "全省", "全市", "全区", "全球", "亚洲", "世界", "国内", "各区", "城市", "城区", "省内", "市内",
    "排名", "位列", "位居",
)  # fmt: skip
# A percentage or multiple of a reference rather than of a whole: 完成率达139.3% (of the plan), 超过全市平均水平3.5倍,
# 降至全国平均水平的1/3. Such a value is a ratio (a fraction of a reference: unit 倍), not a share.
RATIO_WORDS: tuple[str, ...] = ("完成率", "平均水平", "平均值")
# A value the report gives before the year's statistics are final: 预计实现800亿元, 主要指标预计完成情况如下.
ESTIMATE_WORDS: tuple[str, ...] = ("预计",)
# A value a change started from: 由18类扩大到22类, 从3家增至8家 — the first number is the previous period's.
FROM_WORDS: tuple[str, ...] = ("由", "从")
# A qualifier word that ends another word is not a qualifier: 签约30个项目, 节约用水, 预约.
NOT_QUALIFIER_AFTER: dict[str, str] = {"约": "签预节合条公制履违特邀集"}


def qualifier_before(words: str) -> str | None:
    """The qualifier printed right before a number, at the end of `words` (超过, 约 …), longest first; None
    when there is none or the word ends another word (签约)."""
    for word in BEFORE_WORDS:
        if words.endswith(word):
            char = words[-len(word) - 1 : -len(word)]
            return None if char and char in NOT_QUALIFIER_AFTER.get(word, "") else word
    return None


# Part of a year (上半年实现增加值120亿元): a period the content cannot hold as a year; the draft leaves it TODO.
PART_YEAR_WORDS: tuple[str, ...] = ("上半年", "下半年", "前三季度", "一季度", "二季度", "三季度", "四季度")
