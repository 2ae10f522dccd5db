"""Values the report printed in another form than digits are shown in that form, with their words."""

import pytest

from generator.content.models import Observation
from generator.rules.display import measured_value, printed_value


@pytest.mark.parametrize(
    ("printed", "unit", "qualifier", "quote", "shown"),
    [
        # a fraction of something: what it is of comes from the quote, never 0.333倍
        ("1/3", "倍", None, "单位产值能耗降至全省平均水平的1/3", "全省平均水平的1/3"),
        ("1/4", "倍", None, "能耗、水耗分别降至全国平均水平的1/2、1/4", "全国平均水平的1/4"),
        ("2/5", "倍", None, "约占总量的2/5", "总量的2/5"),
        # a rank with its scope, also inside a list of ranks
        ("二", "位", None, "总量稳居全省第二", "全省第二"),
        ("五", "位", None, "保持全国第一、全球第五", "全球第五"),
        ("一", "位", None, "新增企业60家、全区第一", "全区第一"),
        # Chinese numerals: the unit completed where the printed words stop, the qualifier kept
        ("三成", "成", "超", "占比重超三成", "超三成"),
        ("万亿", "万亿元", "近", "投资总额近万亿元", "近万亿元"),
        ("百", "场", "超", "演出超百场", "超百场"),
        ("千万", "万人", "超", "惠及超千万人", "超千万人"),
        # nothing to name: the printed form alone
        ("1/3", "倍", None, "1/3", "1/3"),
        ("三", "位", None, "第三", "第三"),
    ],
)
def test_printed_form_is_shown_with_its_words(printed, unit, qualifier, quote, shown):
    assert printed_value(printed, unit, qualifier, quote) == shown


@pytest.mark.parametrize(
    ("measure", "value", "unit", "qualifier", "text", "quote", "shown"),
    [
        ("growth", 5.5, "%", None, None, "增长5.5%", "增长5.5%"),  # a bare rate says it is a growth rate
        ("growth", 5.5, "%", "左右", None, "增长5.5%左右", "增长5.5%左右"),
        ("growth", -3, "%", None, None, "下降3%", "下降3%"),  # a fall says so already
        ("growth", 3, "%", "控制在", None, "控制在3%", "控制在3%"),  # so does a ceiling
        ("share", 40, "%", None, None, "占比40%", "占比40%"),
        ("level", 3.46, "万亿元", None, None, "3.46万亿元", "3.46万亿元"),  # a level is what it is
        ("growth", None, None, None, "持平", "持平", "持平"),  # words stay words
    ],
)
def test_a_rate_is_shown_with_its_measure(measure, value, unit, qualifier, text, quote, shown):
    obs = Observation(
        indicator="gdp", period="2024", kind="target", measure=measure, value=value, unit=unit, qualifier=qualifier,
        text=text, quote=quote, paragraph="c2-p1",
    )  # fmt: skip
    assert measured_value(obs) == shown
