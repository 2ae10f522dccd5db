"""One mistake, one message, on the real content: a mistyped quote or a wrong paragraph id is reported once.

The coverage checks (every number an observation or ignored) leave alone what the broken observation
would have covered, so no message about ignored.yml follows. Mistakes are made in memory on the loaded
models (the located YAML documents stay), so the real files are never touched.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from generator.checks.validate import validate
from generator.content.load import Content, load_content
from generator.errors import ContentError, Problem


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(ROOT)


def problems_after(content: Content, report: int, index: int, **changes: object) -> list[Problem]:
    item = content.reports[report]
    original = item.observations[index]
    item.observations[index] = original.model_copy(update=changes)
    try:
        validate(content, ROOT)
    except ContentError as exc:
        return exc.problems
    finally:
        item.observations[index] = original
    return []


def sample(content: Content, every: int = 23) -> list[tuple[int, int]]:
    """Observations spread over both reports whose quote has a half-width comma or 、 to mistype."""
    found = []
    for r, item in enumerate(content.reports):
        for i, obs in enumerate(item.observations):
            if ("," in obs.quote or "、" in obs.quote) and i % every == 0:
                found.append((r, i))
    return found


def test_a_full_width_comma_in_any_quote_gives_one_message_that_marks_it(content: Content):
    cases = sample(content)
    assert len(cases) >= 8
    for r, i in cases:
        quote = content.reports[r].observations[i].quote
        wrong = quote.replace(",", "，", 1) if "," in quote else quote.replace("、", ",", 1)
        found = problems_after(content, r, i, quote=wrong)
        assert len(found) == 1, (quote, [p.format() for p in found])
        assert found[0].field == f"observations[{i}].quote"
        assert "引文在原文" in found[0].message and "最接近的原文是" in found[0].message
        assert "U+FF0C" in found[0].message or "U+002C" in found[0].message


def test_a_wrong_paragraph_id_gives_one_message_naming_the_right_one(content: Content):
    for r, i in sample(content):
        item = content.reports[r]
        obs = item.observations[i]
        other = next(p for p in ("c1-p1", "c2-p1", "front-p1") if p != obs.paragraph)
        found = problems_after(content, r, i, paragraph=other)
        assert len(found) == 1, [p.format() for p in found]
        assert found[0].message.startswith(f"引文不在段落“{other}”中")
        if sum(obs.quote.replace(" ", "") in p for p in _paragraph_texts(item)) == 1:
            assert f"而在段落“{obs.paragraph}”中" in found[0].message


def test_renaming_exports_to_a_lookalike_is_caught(content: Content):
    """The issue's case: `exports` → `pv-exports` must fail (one fact, two values), notes or not."""
    item = next(x for x in content.reports if x.report.id == "shenzhen-2024")
    i = next(n for n, o in enumerate(item.observations) if o.indicator == "exports" and o.measure == "growth")
    found = problems_after(content, content.reports.index(item), i, indicator="pv-exports")
    assert any("同一数量出现两次但数值不一致" in p.message for p in found), [p.format() for p in found]


def _paragraph_texts(item) -> list[str]:
    texts = [p.full_text.replace(" ", "") for p in item.report.front_matter]
    for chapter in item.chapters:
        texts += [p.full_text.replace(" ", "") for _, p in chapter.located_paragraphs()]
    return texts


def test_a_renamed_indicator_is_never_suggested_as_its_lookalike(content: Content):
    """After `exports` is renamed, the suggestion names the renamed file, never `pv-exports` (光伏产品出口)."""
    from generator.checks.suggest import missing_indicator

    item = next(x for x in content.reports if x.report.id == "shenzhen-2024")
    obs = next(o for o in item.observations if o.indicator == "exports" and o.measure == "growth")
    exports = content.indicators.pop("exports")
    try:
        content.indicators["goods-exports"] = exports.model_copy(update={"id": "goods-exports"})
        message = missing_indicator(obs, content, item)
    finally:
        content.indicators.pop("goods-exports")
        content.indicators["exports"] = exports
    assert "“goods-exports”（出口总额，亿元）" in message
    assert "pv-exports" not in message
