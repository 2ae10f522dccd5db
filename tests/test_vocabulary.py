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
