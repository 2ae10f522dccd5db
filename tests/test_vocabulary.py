"""The qualifier vocabulary is the one list the models, checks, tracker, pages and extract read."""

from __future__ import annotations

import typing

import pytest

from generator.checks.mentions import find_mentions
from generator.content.models import Observation
from generator.pages.tracker import RULES
from generator.rules import vocabulary
from generator.rules.display import display_value
from generator.rules.targets import rule_for


def test_models_accept_exactly_the_vocabulary() -> None:
    field = Observation.model_fields["qualifier"].annotation
    allowed = {arg for arg in typing.get_args(field) if arg is not type(None)}
    (literal,) = allowed
    assert set(typing.get_args(literal)) == set(vocabulary.QUALIFIERS)


def test_tracker_rule_table_names_every_target_word_once() -> None:
    listed = [word for words, _ in RULES for word in words.split("、") if word in vocabulary.QUALIFIERS]
    target_words = [q.word for q in vocabulary.QUALIFIER_TABLE if q.target is not None]
    assert sorted(listed) == sorted(target_words)


@pytest.mark.parametrize("q", vocabulary.QUALIFIER_TABLE, ids=lambda q: q.word)
def test_display_puts_each_word_where_reports_print_it(q: vocabulary.Qualifier) -> None:
    shown = display_value(5.5, "%", q.word)
    assert shown == (f"5.5%{q.word}" if q.after else f"{q.word}5.5%")


@pytest.mark.parametrize("q", [q for q in vocabulary.QUALIFIER_TABLE if q.with_number], ids=lambda q: q.word)
def test_extract_finds_each_word_beside_its_number(q: vocabulary.Qualifier) -> None:
    text = f"全市地区生产总值增长{q.word}5.5%，" if not q.after else f"全市地区生产总值增长5.5%{q.word}，"
    (mention,) = [m for m in find_mentions(text) if m.value == 5.5]
    assert mention.qualifier == q.word


@pytest.mark.parametrize(
    ("q", "direction"),
    [(q, "ceiling" if q.target == "ceiling" else "floor") for q in vocabulary.QUALIFIER_TABLE if q.with_number],
    ids=lambda v: v.word if isinstance(v, vocabulary.Qualifier) else v,
)
def test_targets_judge_by_the_words_meaning(q: vocabulary.Qualifier, direction: str) -> None:
    quote = f"增长{q.word}5.5%" if not q.after else f"增长5.5%{q.word}"
    target = Observation(
        indicator="gdp", period="2024", kind="target", measure="growth", value=5.5, unit="%",
        qualifier=q.word, quote=quote, paragraph="c2-p1",
    )  # fmt: skip
    rule = rule_for(target)
    assert rule.direction == direction
    assert (rule.tolerance > 0) == (q.target == "about")


# What a count counts (issue 29): every verb form the genre prints before a count of additions is read as new, and the
# words that only look like one are not. Sentences are written in the reports' manner; none is copied from a report.


def _count(quote: str, value: float, unit: str = "个") -> Observation:
    return Observation(
        indicator="x", period="2023", kind="actual", measure="count", value=value, unit=unit,
        quote=quote, paragraph="c1-p1",
    )  # fmt: skip


@pytest.mark.parametrize("word", vocabulary.NEW_WORDS)
def test_every_new_word_before_a_count_makes_it_a_new_count(word: str) -> None:
    from generator.rules.signs import counted_as, counting_word

    quote = f"全年{word}重点项目12个"
    assert (counting_word(_count(quote, 12)), counted_as(_count(quote, 12))) == (word, "new")


@pytest.mark.parametrize(
    ("quote", "value", "unit", "word"),
    [
        ("新孵化香港创业团队228家", 228, "家", "新孵化"),
        ("新开展37个重大科技专项", 37, "个", "新开展"),
        ("新推出数字孪生应用场景30个", 30, "个", "新推出"),
        ("新推出10栋以上专业特色楼宇", 10, "栋", "新推出"),
        ("新开马德里等7条国际货运航线", 7, "条", "新开"),
        ("恢复和新开22条国际及地区客运航线", 22, "条", "新开"),
        ("新开通无人机航线77条", 77, "条", "新开通"),
        ("新改建非机动车道432公里", 432, "公里", "新改建"),
        ("新建成社区公园15个", 15, "个", "新建成"),
        ("综合改革试点新一批22条创新举措在全国推广", 22, "条", "新一批"),
        ("新引进高层次人才团队30个", 30, "个", "新引进"),
        ("新上榜专精特新“小巨人”企业21家", 21, "家", "新上榜"),
        ("新升规工业企业300家", 300, "家", "新升规"),
        ("新获批国家级孵化器5家", 5, "家", "新获"),
        ("新筹集保障性住房8万套", 8, "万套", "新筹集"),
        ("新投产重大项目40个", 40, "个", "新投产"),
        ("新落地世界500强企业项目9个", 9, "个", "新落地"),
    ],
)
def test_the_genres_new_words_in_sentences(quote: str, value: float, unit: str, word: str) -> None:
    from generator.rules.signs import counted_as, counting_word

    assert counting_word(_count(quote, value, unit)) == word
    assert counted_as(_count(quote, value, unit)) == "new"


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("加快创新建设步伐，建成5G基站7.5万个", 7.5, "万个"),  # 创新建设 is not 新建
        ("实施城市更新改造项目42个", 42, "个"),  # 更新改造 is not 新改造
        ("重新认定高新技术企业120家", 120, "家"),  # 重新认定 is a renewal
        ("全新推出文旅消费季活动300场", 300, "场"),  # 全新 is brand-new, not an addition
        ("推广新能源汽车23.2万辆", 23.2, "万辆"),
        ("新型储能装机规模30万千瓦", 30, "万千瓦"),
        ("战略性新兴产业增加值1.5万亿元", 1.5, "万亿元"),
        ("新质生产力重点项目80个", 80, "个"),
        ("新一轮技术改造项目200个", 200, "个"),
        ("培育新增长点12个", 12, "个"),
        ("新开发区规划面积30平方公里", 30, "平方公里"),
        ("购置新设备1200台", 1200, "台"),
        ("创新推出金融产品25项", 25, "项"),
    ],
)
def test_words_that_only_look_like_new_words_count_nothing(quote: str, value: float, unit: str) -> None:
    from generator.rules.signs import counted_as, new_words

    assert counted_as(_count(quote, value, unit)) is None
    assert new_words(quote) == []


def test_look_alikes_and_new_words_are_disjoint_and_each_look_alike_holds_new() -> None:
    assert not set(vocabulary.NEW_WORDS) & set(vocabulary.NOT_NEW_WORDS)
    assert all("新" in w for w in vocabulary.NEW_WORDS + vocabulary.NOT_NEW_WORDS)
    assert len(set(vocabulary.NEW_WORDS)) == len(vocabulary.NEW_WORDS)


def test_the_new_words_the_seeds_print_are_read_as_new() -> None:
    """The additions the two seeds print (新孵化香港创业团队, 恢复和新开 …) are all found by the list."""
    import re
    from pathlib import Path

    from generator.rules.signs import new_words

    root = Path(__file__).resolve().parent.parent
    text = "".join(re.sub(r"\s", "", p.read_text(encoding="utf-8")) for p in sorted((root / "seeds").glob("*.txt")))
    printed = set(new_words(text))
    assert {"新增", "新孵化", "新开展", "新推出", "新开", "新开通", "新改建", "新一批", "新引进", "新上榜"} <= printed


@pytest.mark.parametrize(
    "name, word",
    [("新开展重大科技专项", "新开展"), ("新开国际航线", "新开"), ("新增上市企业", "新增"), ("新孵化创业团队", "新孵化"),
     ("新开发区入驻企业", None), ("新能源汽车产量", None), ("新增长点培育项目", None), ("创新平台", None)],
)  # fmt: skip
def test_a_name_opens_with_an_addition_only_when_its_new_is_not_part_of_another_word(
    name: str, word: str | None
) -> None:
    # extract/link.py strips this word to find what was added (新开展重大科技专项 → 重大科技专项)
    from generator.rules.signs import leading_new_word

    assert leading_new_word(name) == word


def test_taking_the_additions_out_of_a_phrase_keeps_the_look_alikes_whole() -> None:
    from generator.rules.signs import without_new_words

    assert without_new_words("全年新引进创新建设项目") == "全年创新建设项目"
    assert without_new_words("新开发区新建成学校") == "新开发区学校"
