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


def test_chinese_numerals_are_not_what_the_build_accounts_for() -> None:
    # validate counts digits only; a Chinese numeral outside the genre's value wordings is part of a word
    assert find_mentions("占进出口总额比重超五成，两成，三分之一", chinese=False) == []
    assert [m.printed for m in find_mentions("占进出口总额比重超五成，两成，三分之一")] == ["五成"]
    # genre sentence, not from the seeds: every numeral here is part of a word
    assert find_mentions("坚持统一大市场，建成一批第一批项目，近三年超一流，落实“两个确立”，实现“十大工程”") == []


def _fields(text: str, year: int = 2023, **kwargs) -> list[tuple]:
    keys = ("value", "unit", "measure", "printed", "qualifier", "period", "kind")
    return [tuple(o.get(k) for k in keys) for o in propose_observations("p", text, year=year, **kwargs)]


# Each rule: a sentence from the seeds, then a genre sentence written for the test (not from the seeds).
RULES = {
    "rank after the field it is in": [
        (
            "经济总量稳居全国第三、亚洲第四",
            [(3, "位", "rank", "三", None, 2023, "actual"), (4, "位", "rank", "四", None, 2023, "actual")],
        ),
        (
            "完成率达139.3%、全市各区第二",
            [(139.3, "%", "ratio", None, "达", 2023, "actual"), (2, "位", "rank", "二", None, 2023, "actual")],
        ),
        ("（不是原文）营商环境评价排名全省第3，入选第一批试点", [(3, "位", "rank", None, None, 2023, "actual")]),
        (
            "（不是原文）居全省第二位，在全国排名第三，建成全国第一个数据交易所",
            [(2, "位", "rank", "二", None, 2023, "actual"), (3, "位", "rank", "三", None, 2023, "actual")],
        ),
    ],
    "tenths after a qualifier or share word": [
        (
            "其中工业投资增长43.0%,占固定资产投资比重超两成",
            [(43.0, "%", "growth", None, None, 2023, "actual"), (2, "成", "share", "两成", "超", 2023, "actual")],
        ),
        ("（不是原文）民营经济占全区经济总量约六成", [(6, "成", "share", "六成", "约", 2023, "actual")]),
        ("实施降低二套房首付至4成", [(4, "成", "share", None, None, 2023, "actual")]),
    ],
    "round magnitudes after a qualifier": [
        ("固定资产投资总额近万亿元", [(1, "万亿元", "level", "万亿", "近", 2023, "actual")]),
        ("惠及辖区群众超百万人", [(100, "万人", "count", "百万", "超", 2023, "actual")]),
        ("（不是原文）全年新增就业逾十万人，签约亿元以上项目", [(10, "万人", "count", "十万", "逾", 2023, "actual")]),
    ],
    "counts built or set up": [
        ("组建两个技工教育集团", [(2, "个", "count", "两个", None, 2023, "actual")]),
        ("（不是原文）新建三所公办学校，打造一个平台", [(3, "所", "count", "三所", None, 2023, "actual")]),
        ("持续打造八大总部经济集聚区", [(8, "个", "count", "八", None, 2023, "actual")]),
    ],
    "ratios to a reference": [
        (
            "万元GDP能耗、水耗、碳排放强度分别降至全国平均水平的1/3、1/8、1/5",
            [
                (0.333, "倍", "ratio", "1/3", None, 2023, "actual"),
                (0.125, "倍", "ratio", "1/8", None, 2023, "actual"),
                (0.2, "倍", "ratio", "1/5", None, 2023, "actual"),
            ],
        ),
        ("密度超过全市平均水平3.5倍", [(3.5, "倍", "ratio", None, None, 2023, "actual")]),
        (
            "（不是原文）人均公园面积达到全省平均水平的1.2倍，计划完成率102%",
            [(1.2, "倍", "ratio", None, None, 2023, "actual"), (102, "%", "ratio", None, None, 2023, "actual")],
        ),
    ],
    "a fall in % is a growth (negative once stored), a percentage without growth a share": [
        ("万元GDP水耗下降3%", [(3, "%", "growth", None, None, 2023, "actual")]),
        ("空气质量优良天数比例达97.8%", [(97.8, "%", "share", None, "达", 2023, "actual")]),
        (
            "（不是原文）单位GDP能耗降低2.5%左右，城镇调查失业率5.5%以内",
            [(2.5, "%", "growth", None, "左右", 2023, "actual"), (5.5, "%", "share", None, "以内", 2023, "actual")],
        ),
    ],
    "growth only of a rate or multiple; a run shares its wording": [
        (
            "新建改造提升绿道365公里、碧道101公里",
            [(365, "公里", "level", None, None, 2023, "actual"), (101, "公里", "level", None, None, 2023, "actual")],
        ),
        (
            "新能源汽车、光伏产品、锂电池分别增长175.7%、24.4%、16.6%",
            [
                (175.7, "%", "growth", None, None, 2023, "actual"),
                (24.4, "%", "growth", None, None, 2023, "actual"),
                (16.6, "%", "growth", None, None, 2023, "actual"),
            ],
        ),
        (
            "（不是原文）进口、出口分别增长约5%、8%",
            [(5, "%", "growth", None, "约", 2023, "actual"), (8, "%", "growth", None, None, 2023, "actual")],
        ),
    ],
    "count units": [
        (
            "扎实推进与汕头、河源、汕尾、潮州4市对口帮扶协作和与惠州3县对口产业协作",
            [(4, "市", "count", None, None, 2023, "actual"), (3, "县", "count", None, None, 2023, "actual")],
        ),
        ("“信福贷”“信福批”等7大场景", [(7, "个", "count", None, None, 2023, "actual")]),
        (
            "（不是原文）打造3—5个产业园区，整治易涝点12处",
            [
                (3, "个", "count", None, None, 2023, "actual"),
                (5, "个", "count", None, None, 2023, "actual"),
                (12, "处", "count", None, None, 2023, "actual"),
            ],
        ),
    ],
    "units as printed": [
        ("食品及食用农产品抽检覆盖率达9.4批次/千人", [(9.4, "批次/千人", "level", None, "达", 2023, "actual")]),
        ("体育场馆“一键预约”平台全年参与人次达1451万", [(1451, "万人次", "count", None, "达", 2023, "actual")]),
        ("建设筹集保障性住房18.9万套(间)", [(18.9, "万套(间)", "count", None, None, 2023, "actual")]),
        ("建成超4000P的人工智能算力基础设施", [(4000, "P", "level", None, "超", 2023, "actual")]),
    ],
    "periods: the start of a change, an annual award, the plan year": [
        (
            "港澳专业人士在前海备案执业范围由18类扩大到22类",
            [(18, "类", "count", None, None, 2022, "actual"), (22, "类", "count", None, None, 2023, "actual")],
        ),
        ("莲花3个派出所被省厅评为2022年度五星公安派出所", [(3, "个", "count", None, None, 2022, "actual")]),
        ("（不是原文）上半年实现增加值120亿元", [(120, "亿元", "level", None, None, "TODO 上半年", "actual")]),
        ("（不是原文）“十四五”期间累计完成投资5000亿元", [(5000, "亿元", "level", None, None, "2021-2025", "actual")]),
        ("（不是原文）“十三五”时期新增就业50万人", [(50, "万人", "count", None, None, "2016-2020", "actual")]),
    ],
    "kinds: estimates and targets": [
        ("时尚产业增加值预计实现800亿元", [(800, "亿元", "level", None, None, 2023, "estimate")]),
    ],
}


def test_genre_rules_read_value_unit_measure_period_and_kind() -> None:
    for rule, cases in RULES.items():
        for text, expected in cases:
            assert _fields(text) == expected, (rule, text)


def test_plan_paragraphs_are_targets_and_estimate_lists_estimates() -> None:
    assert _fields("地区生产总值增长6%", year=2024, plan=True) == [(6, "%", "growth", None, None, 2024, "target")]
    assert _fields("——地区生产总值5704.55亿元；", estimate=True) == [
        (5704.55, "亿元", "level", None, None, 2023, "estimate")
    ]


def test_percentages_in_quotes_are_values_and_qualifiers_are_words() -> None:
    text = "体育特色项目学校覆盖率、公办中小学校食堂自营率、学生躺休需求满足率“三个100%”"
    assert [(m.text, ignore_reason(text, m)) for m in find_mentions(text)] == [("100", None)]
    # 签约 is a word, not 约 (about); 约30个 is about 30
    assert _fields("（不是原文）签约30个项目，约20个") == [
        (30, "个", "count", None, None, 2023, "actual"),
        (20, "个", "count", None, "约", 2023, "actual"),
    ]


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
