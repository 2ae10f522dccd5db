"""Number mentions: tokens, units, cues and qualifiers; proposals for observations and ignored."""

from __future__ import annotations

from generator.checks.mentions import find_mentions, ignore_reason, propose_ignored, propose_observations


def test_decimals_units_and_growth() -> None:
    text = "地区生产总值3.46万亿元、增长6.0%,规模以上工业增加值增长6.2%。"
    m = find_mentions(text)
    assert [(x.text, x.value, x.unit, x.growth) for x in m] == [
        ("3.46", 3.46, "万亿元", False),
        ("6.0", 6.0, "%", True),
        ("6.2", 6.2, "%", True),
    ]
    assert (m[0].start, m[0].end) == (6, 10) and text[m[0].start : m[0].end] == "3.46"
    assert m[0].before == "地区生产总值"


def test_fractions_full_width_digits_and_plus_names() -> None:
    m = find_mentions("分别降至全国平均水平的1/3、1/8。推进“20+8”产业集群，共１２家。")
    assert [x.text for x in m] == ["1/3", "1/8", "20", "8", "１２"]
    assert round(m[0].value, 4) == 0.3333 and m[4].value == 12 and m[4].unit == "家"


def test_chinese_numerals_are_not_mentions() -> None:
    assert find_mentions("占进出口总额比重超五成，两成，三分之一") == []


def test_qualifiers_and_cues() -> None:
    cases = {
        "增加值超1.5万亿元": "超",
        "涨幅控制在3%左右": "左右",
        "新增总部企业40家以上": "以上",
        "完成率约139.3%": "约",
        "不低于70%": "不低于",
        "突破2.4万家": "突破",
    }
    for text, qualifier in cases.items():
        assert find_mentions(text)[0].qualifier == qualifier, text
    share = find_mentions("占GDP比重达42%以上")[0]
    assert share.share and share.unit == "%" and share.qualifier == "以上"
    level = find_mentions("生活垃圾回收利用率提升至48.5%")[0]
    assert not level.growth
    assert find_mentions("2023年全年增长14.4%")[1].year == 2023
    assert find_mentions("知识产权交易中心累计服务1700余项科技成果")[0].unit == "项"


def test_ignore_reasons() -> None:
    text = "(1)2024年是成立75周年,连续4年第一,省委“1310”具体部署,建成5G基站,15号线开工,第25届高交会。"
    reasons = {m.text: ignore_reason(text, m) for m in find_mentions(text)}
    assert reasons == {
        "1": "ordinal",
        "2024": "date",
        "75": "duration",
        "4": "duration",
        "1310": "name",
        "5": "name",
        "15": "name",
        "25": "ordinal",
    }


def test_proposals_partition_the_mentions() -> None:
    text = "(2)2024年地区生产总值3.46万亿元、增长6.0%,推进“20+8”产业集群。"
    observations = propose_observations("c1-p1", text, year=2023)
    ignored = propose_ignored("c1-p1", text)
    assert len(observations) + len(ignored) == len(find_mentions(text))
    first = observations[0]
    assert first["indicator"] == "TODO 地区生产总值"
    assert (first["period"], first["kind"], first["measure"], first["value"], first["unit"]) == (
        2024,
        "actual",
        "level",
        3.46,
        "万亿元",
    )
    assert first["quote"] == "(2)2024年地区生产总值3.46万亿元" and first["paragraph"] == "c1-p1"
    assert observations[1]["measure"] == "growth" and observations[1]["indicator"] == "TODO 地区生产总值"
    assert [(i["text"], i["reason"]) for i in ignored] == [
        ("2", "ordinal"),
        ("2024", "date"),
        ("20", "name"),
        ("8", "name"),
    ]
    target = propose_observations("c2-p1", "——GDP增长5.5%。", plan=True, year=2024)[0]
    assert (target["kind"], target["period"], target["measure"], target["quote"]) == (
        "target",
        2024,
        "growth",
        "——GDP增长5.5%",
    )


def test_fraction_proposal_keeps_printed_form() -> None:
    obs = propose_observations("c1-p1", "降至全国平均水平的1/3", year=2023)[0]
    assert (obs["value"], obs["printed"]) == (0.333, "1/3")


def test_quote_shortened_to_what_the_seed_holds() -> None:
    seed = "城镇新增就业人数19.7第5页共16页万人,锦绣工坊"
    obs = propose_observations("c1-p1", "城镇新增就业人数19.7万人,锦绣工坊", year=2023, seed_compact=seed)[0]
    assert obs["quote"] == "城镇新增就业人数19.7" and obs["unit"] == "万人"
