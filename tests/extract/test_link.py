"""Linking rules, one by one, on real sentences of the seeds, with the real catalogue or a tiny one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.mentions import propose_observations
from generator.content.load import load_content
from generator.content.models import Indicator
from generator.extract.link import Catalogue, Proposal, normalize, propose_links
from generator.rules.signs import says_new

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def full() -> Catalogue:
    return Catalogue.of(load_content(ROOT).indicators)


def links(text: str, catalogue: Catalogue) -> list[Proposal]:
    return propose_links(text, propose_observations("p1", text, year=2023), catalogue)


def ids(text: str, catalogue: Catalogue) -> list[str | None]:
    return [p.indicator for p in links(text, catalogue)]


def without(catalogue: Catalogue, *removed: str) -> Catalogue:
    return Catalogue.of({k: v for k, v in catalogue.indicators.items() if k not in removed})


def tiny(**units: str) -> Catalogue:
    """A fixture catalogue: indicator id → `name/unit`."""
    out = {}
    for key, spec in units.items():
        name, unit = spec.split("/")
        out[key.replace("_", "-")] = Indicator(
            id=key.replace("_", "-"),
            name=name,
            name_en="x",
            unit=unit,
            theme="经济运行",
            definition="x",
            counts="new" if says_new(name) else "total",
        )
    return Catalogue.of(out)


def test_short_forms_normalize_to_full_names() -> None:
    assert normalize("规上工业增加值") == normalize("规模以上工业增加值")
    assert normalize("社零") == normalize("社会消费品零售总额")
    assert normalize("固投") == normalize("固定资产投资")
    assert normalize("GDP") == normalize("gdp") == normalize("地区生产总值")
    assert normalize("地方一般公共预算收入") == normalize("一般公共预算收入")
    assert normalize("“工业上楼”项目") == "工业上楼项目"


def test_names_aliases_and_short_forms_link(full: Catalogue) -> None:
    assert ids("地区生产总值3.46万亿元、增长6.0%。", full) == ["gdp", "gdp"]
    assert ids("规上工业增加值增长6.2%，社零增长7.8%。", full) == ["industrial-value-added", "retail-sales"]
    assert ids("全区地方一般公共预算收入208亿元。", full) == ["budget-revenue"]
    first = links("地区生产总值3.46万亿元。", full)[0]
    assert first.why == "名称“地区生产总值”"


def test_subject_carries_across_clauses_and_share_belongs_to_it(full: Catalogue) -> None:
    text = "战略性新兴产业增加值达1.45万亿元、增长8.8%,占GDP比重提升至41.9%。"
    proposals = links(text, full)
    assert [p.indicator for p in proposals] == ["strategic-emerging-industries-value-added"] * 3
    assert proposals[1].why.startswith("承前主语") and proposals[2].share_of == "gdp"
    assert ids("社会消费品零售总额首次突破1万亿元、达1.05万亿元,增长7.8%。", full) == ["retail-sales"] * 3


def test_bare_head_names_its_own_concept() -> None:
    catalogue = tiny(new_energy_output="新能源产值/亿元", new_energy_value_added="新能源增加值/亿元")
    assert ids("新能源产值500亿元，增加值占全市22%。", catalogue) == ["new-energy-output", "new-energy-value-added"]
    assert ids("新能源产值500亿元，增加值占全市22%。", tiny(new_energy_output="新能源产值/亿元")) == [
        "new-energy-output",
        None,
    ]


def test_lists_with_fenbie_map_in_order(full: Catalogue) -> None:
    text = "新能源汽车零售额、通讯器材零售额、网络零售额分别增长45.9%、19.4%、26.1%。"
    proposals = links(text, full)
    assert [p.indicator for p in proposals] == [
        "nev-retail-sales",
        "telecom-equipment-retail-sales",
        "online-retail-sales",
    ]
    assert [p.measure for p in proposals] == ["growth"] * 3 and "分别列举第2项" in proposals[1].why
    names = "万元GDP能耗、水耗、碳排放强度分别降至全国平均水平的1/3、1/8、1/5。"
    assert [p.subject for p in links(names, full)] == ["万元GDP能耗", "万元GDP水耗", "碳排放强度"]
    earlier = "新能源汽车零售额、网络零售额,分别增长45.9%、26.1%。"
    assert ids(earlier, full) == ["nev-retail-sales", "online-retail-sales"]


def test_new_and_cumulative_choose_between_indicators(full: Catalogue) -> None:
    text = "新增国家级专精特新“小巨人”企业309家,累计742家。"
    assert ids(text, full) == ["new-little-giant-enterprises", "little-giant-enterprises"]
    # the catalogue of a new region lacks the 'new' indicator: 新增 must not fall back on the stock
    loo = links(text, without(full, "new-little-giant-enterprises"))
    assert loo[0].indicator is None and "little-giant-enterprises" in loo[0].candidates
    assert loo[1].indicator == "little-giant-enterprises"
    listed = "新增境内外上市企业32家、总数达561家。"
    assert ids(listed, full) == ["new-listed-companies", "listed-companies"]
    chain = "累计建成投用充电桩28.7万个、超充站161座。"
    # 累计 carries along the list: the second count is never the 新建 (new) indicator of the same thing
    assert ids(chain, full)[1] in (None, "supercharging-stations-total")
    assert ids(chain, without(full, "supercharging-stations-total"))[1] is None


def test_unit_and_measure_must_fit() -> None:
    catalogue = tiny(fund_size="产业基金/亿元", rate="空气质量优良率/%")
    assert ids("产业基金12家。", catalogue) == [None]
    assert links("产业基金12家。", catalogue)[0].candidates == ["fund-size"]
    assert ids("产业基金120亿元、增长5%。", catalogue) == ["fund-size", "fund-size"]
    assert ids("空气质量优良率98.3%。", catalogue) == ["rate"]


def test_never_a_confident_wrong_link_when_a_name_is_a_short_form(full: Catalogue) -> None:
    # 新能源汽车 is an alias of the promoted-vehicles count, but also the start of 新能源汽车出口
    proposals = links("新能源汽车、光伏产品、锂电池分别增长175.7%、24.4%、16.6%。", full)
    assert proposals[0].indicator is None and "nev-promoted" in proposals[0].candidates
    # an alias that drops the name's modifier counts only after the full name was written
    loo = without(full, "enclave-park-intended-investment")
    assert ids("飞地园区对接企业，意向投资额100亿元。", loo) == [None]
    assert ids("招商项目签约，意向投资额100亿元。", loo) == ["key-projects-intended-investment"]


def test_open_items_say_why_and_list_candidates(full: Catalogue) -> None:
    assert links("新增独角兽企业6家。", full)[0].indicator == "new-unicorn-companies"
    proposal = links("新增独角兽企业6家。", without(full, "new-unicorn-companies"))[0]
    assert proposal.indicator is None  # 新增 never falls back on the stock (unicorn-companies)
    assert proposal.why
    assert links("某某神秘指标12家。", full)[0].why == "目录中没有同名指标"


def defined(**specs: str) -> Catalogue:
    """A fixture catalogue: indicator id → `name/unit/definition` (the definition matters to creation verbs)."""
    out = {}
    for key, spec in specs.items():
        name, unit, definition = spec.split("/")
        out[key.replace("_", "-")] = Indicator(
            id=key.replace("_", "-"),
            name=name,
            name_en="x",
            unit=unit,
            theme="城市建设",
            definition=definition,
            counts="total",
        )
    return Catalogue.of(out)


def test_subject_after_the_number_links_by_the_name_written_there(full: Catalogue) -> None:
    # seed (futian-2024): the thing counted follows its number; the earlier clause's subject does not carry
    proposals = links("创建1878个污水零直排小区，完成19个易涝点整治工程。", full)
    assert proposals[1].indicator == "waterlogging-points-fixed" and proposals[1].why == "句中名称“易涝点整治”"
    assert ids("依托河套打造示范点，首批落地10个人工智能应用示范场景。", full) == ["ai-demo-scenarios"]
    # genre sentence written for this test, not in the seeds: the name's measure word (里程) is the number itself
    # (a catalogue of its own: the real bike-lanes-built is a new count since issue 29, 新改建非机动车道)
    assert ids("全年完成26公里非机动车道建设。", tiny(lanes="非机动车道建设里程/公里")) == ["lanes"]


def test_a_name_inside_a_longer_phrase_is_a_modifier_not_the_subject(full: Catalogue) -> None:
    # seed (shenzhen-2024), catalogue of a new region without the general-trade indicator
    loo = without(full, "foreign-trade-general")
    assert ids("外贸结构优化，一般贸易进出口增长14.4%。", loo) == [None]
    # genre sentences written for this test, not in the seeds
    assert ids("加工贸易进出口下降3.2%。", full) == [None]
    assert ids("新增5G基站1.2万个，完成300个老旧小区光纤改造。", full)[1] is None  # not 老旧小区改造
    # seed (futian-2024): the centres that were certified are not the centres
    loo = without(full, "wonca-certified-health-centers")
    assert ids("侨香、下沙3家社康中心获世界家庭医生组织（WONCA）线下认证。", loo) == [None]


def test_other_names_in_the_stretch_keep_the_item_open() -> None:
    # genre sentence written for this test, not in the seeds: two fitting names, neither inside the other
    catalogue = tiny(parks="社区公园/个", greenways="公园绿道/个")
    proposal = links("完成12个社区公园绿道提升。", catalogue)[0]
    assert proposal.indicator is None and set(proposal.candidates) == {"parks", "greenways"}
    # a shorter name inside the longer one is the same thing named more precisely
    nested = tiny(trade="进出口/亿元", ecommerce="跨境电商进出口额/亿元")
    assert ids("全年完成跨境电商进出口额320亿元。", nested) == ["ecommerce"]


def test_creation_verb_fits_an_indicator_defined_as_what_it_made(full: Catalogue) -> None:
    # seed (futian-2024): 建成 … 22个, the catalogue's indicator counts the projects 建成
    assert ids("建成分布式光伏项目22个。", full) == ["distributed-pv-projects"]
    # seed (shenzhen-2024): the plain indicator is defined as a running total (累计创建的…) — open
    loo = links("创建污水零直排小区4080个。", without(full, "new-zero-discharge-communities"))[0]
    assert loo.indicator is None and loo.candidates == ["zero-discharge-communities"]
    # genre sentences written for this test, not in the seeds
    made = defined(canteens="社区长者食堂/个/建成的社区长者食堂数量。")
    assert ids("建成社区长者食堂40个。", made) == ["canteens"]
    stock = defined(canteens="社区长者食堂/个/累计建成的社区长者食堂数量。")
    assert ids("建成社区长者食堂40个。", stock) == [None]
    assert ids("新增社区长者食堂40个。", made) == [None]  # 新增 written: never the plain indicator


def test_wan_before_a_classifier_only_scales_the_unit(full: Catalogue) -> None:
    # seed (futian-2024): 1.5万套 fits an indicator counted in 套
    assert ids("城中村改造取得显著进展。年度建设筹集保障性住房1.5万套，同比翻番。", full)[0] == "affordable-housing"
    # genre sentence written for this test, not in the seeds
    assert ids("完成老年人家庭适老化改造1.2万户。", tiny(adaptations="老年人家庭适老化改造/户")) == ["adaptations"]
    assert ids("适老化改造1.2万元。", tiny(adaptations="适老化改造/户")) == [None]


def test_a_clause_naming_its_own_subject_does_not_carry_the_earlier_one(full: Catalogue) -> None:
    # seed (shenzhen-2024)
    text = "新增物联感知终端166万个,完成超6000个既有公共建筑BIM精细化建模。"
    assert ids(text, full) == ["new-iot-sensors", None]
    # genre sentence written for this test, not in the seeds; a bare clause still carries (总数达…)
    catalogue = tiny(new_stations="新增充电站/座", stations="充电站/座")
    assert ids("新增充电站30座，完成120座换电柜改造。", catalogue) == ["new-stations", None]
    assert ids("新增充电站30座、总数达420座。", catalogue) == ["new-stations", "stations"]


def test_place_and_effort_words_and_verbs_before_a_name(full: Catalogue) -> None:
    # seeds (futian-2024 plan, shenzhen-2024)
    assert ids("力争市级以上创新载体增至385家。", full) == ["innovation-carriers"]
    assert ids("外环高速三期开工建设。新改建非机动车道432公里。", full) == ["bike-lanes-built"]
    # genre sentences written for this test, not in the seeds
    assert ids("推动建设8个先进制造业园区。", full) == ["advanced-manufacturing-parks"]
    assert ids("全年确保新组建教育集团5个。", tiny(groups="新组建教育集团/个")) == ["groups"]
    # 新组建 says the 5 are new: a catalogue holding only the stock (counts: total) leaves it open
    assert ids("确保我区新组建教育集团5个。", tiny(groups="教育集团/个")) == [None]
