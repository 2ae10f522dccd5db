"""Issue 18: a fall is a negative value, and a new count is not a total — on the rules, a fixture and the real content.

Fixture text below is made up for the tests (a 某市 report); it is never published.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, mini_files, problems, write_project
from generator.content.load import load_content
from generator.content.models import Observation
from generator.rules import vocabulary
from generator.rules.display import observation_value
from generator.rules.signs import counted_as, fall_word, says_new, states_fall

OBS = "content/reports/mini-2024/observations.yml"
FALL_LINE = "刑事治安总警情下降16.1%,新增上市企业32家、累计561家。"


def obs(quote: str, value: float, measure: str = "growth", unit: str = "%", **extra: Any) -> Observation:
    fields = {"indicator": "x", "period": "2023", "kind": "actual", "paragraph": "c1-p1"}
    return Observation(**{**fields, "measure": measure, "value": value, "unit": unit, "quote": quote, **extra})


@pytest.mark.parametrize("word", vocabulary.FALL_WORDS)
def test_every_fall_word_before_a_number_states_a_fall(word: str) -> None:
    assert fall_word(obs(f"臭氧浓度{word}10.9%", -10.9)) == word


@pytest.mark.parametrize(
    ("quote", "value", "measure", "fall"),
    [
        ("万元GDP建设用地下降4.0%左右", -4.0, "growth", True),
        ("能耗下降约3%", -3, "growth", True),
        ("增加值比上年下降了2.1%", -2.1, "growth", True),
        ("出口增长-2.1%", -2.1, "growth", True),
        ("臭氧浓度降至126微克/立方米", 126, "level", False),  # a level reached, not a change
        ("下降的势头得到遏制，增长3.2%", 3.2, "growth", False),  # the fall word is not next to the number
        ("减碳约9900吨", 9900, "level", False),
    ],
)
def test_a_fall_is_read_next_to_its_number(quote: str, value: float, measure: str, fall: bool) -> None:
    unit = "%" if "%" in quote else ("吨" if "吨" in quote else "微克/立方米")
    assert states_fall(obs(quote, value, measure, unit)) is fall


@pytest.mark.parametrize(
    ("quote", "value", "counted"),
    [
        ("新增市级“菜篮子”基地34家、“圳品”681个", 681, "new"),  # 新增 governs the whole enumeration
        ("新增国家级专精特新“小巨人”企业309家,累计742家", 742, "total"),  # the nearest word wins
        ("新增市级总部企业50家、累计达356家", 50, "new"),
        ("累计新增就业20万人", 20, "new"),
        ("各类人才总量突破679万人", 679, "total"),
        ("新开工项目156项", 156, "new"),
        ("加快创新建设步伐，建成5G基站7.5万个", 7.5, None),  # 创新建设 is not 新建; the clause ends at ，
        ("培育新增长点12个", 12, None),  # 新增长点: a new growth point
        ("上市企业561家", 561, None),
    ],
)
def test_what_a_count_counts_is_read_from_the_nearest_word_before_it(quote: str, value: float, counted: str) -> None:
    assert counted_as(obs(quote, value, "count", "个")) == counted


def test_names_say_new_unless_new_is_part_of_another_word() -> None:
    assert says_new("新增上市企业") == "新增"
    assert says_new("新开通组合港") == "新开通"
    assert says_new("创新建设示范区") is None
    assert says_new("新能源汽车") is None


def test_pages_show_a_fall_in_the_reports_words() -> None:
    assert observation_value(obs("刑事治安总警情下降16.1%", -16.1)) == "下降16.1%"
    assert observation_value(obs("万元GDP建设用地下降4.0%左右", -4.0, qualifier="左右")) == "下降4.0%左右"
    assert observation_value(obs("总氮浓度下降14.1个百分点", -14.1, unit="个百分点")) == "下降14.1个百分点"
    assert observation_value(obs("出口增长-2.1%", -2.1, "growth")) == "-2.1%"
    assert observation_value(obs("增长6.0%", 6.0, "growth")) == "6.0%"


def fall_files() -> dict[str, Any]:
    """The mini project plus a fixture paragraph with a fall, a new count and a total."""
    files = copy.deepcopy(mini_files())
    seed = files["seeds/mini-2024.txt"].decode("utf-8").replace("第 1 页", FALL_LINE + "\n第 1 页")
    files["seeds/mini-2024.txt"] = seed.encode("utf-8")
    files["content/reports/mini-2024/report.yml"]["seed_sha256"] = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    section = files["content/reports/mini-2024/chapters/01.yml"]["sections"][0]
    section["paragraphs"].append({"id": "c1-s1-p2", "text": FALL_LINE})
    indicator = {"name_en": "x", "theme": "民生福祉", "definition": "某指标。"}
    files["content/indicators/criminal-incidents.yml"] = {
        **indicator, "id": "criminal-incidents", "name": "刑事治安总警情", "unit": "起", "counts": "total",
    }  # fmt: skip
    files["content/indicators/listed-companies.yml"] = {
        **indicator, "id": "listed-companies", "name": "上市企业", "unit": "家", "counts": "total",
    }  # fmt: skip
    files["content/indicators/new-listed-companies.yml"] = {
        **indicator, "id": "new-listed-companies", "name": "新增上市企业", "unit": "家", "counts": "new",
        "definition": "一定时期内新增上市的企业数量。",
    }  # fmt: skip
    files[OBS]["observations"] += [
        {"indicator": "criminal-incidents", "period": 2023, "kind": "actual", "measure": "growth", "value": -16.1,
         "unit": "%", "quote": "刑事治安总警情下降16.1%", "paragraph": "c1-s1-p2"},
        {"indicator": "new-listed-companies", "period": 2023, "kind": "actual", "measure": "count", "value": 32,
         "unit": "家", "quote": "新增上市企业32家", "paragraph": "c1-s1-p2"},
        {"indicator": "listed-companies", "period": 2023, "kind": "actual", "measure": "count", "value": 561,
         "unit": "家", "quote": "新增上市企业32家、累计561家", "paragraph": "c1-s1-p2"},
    ]  # fmt: skip
    return files


def test_the_fixture_with_a_fall_and_counts_is_valid(tmp_path: Path) -> None:
    assert problems(tmp_path, fall_files()) == []


def test_a_positive_value_quoted_as_a_fall_is_refused_with_the_fix(tmp_path: Path) -> None:
    files = fall_files()
    files[OBS]["observations"][4]["value"] = 16.1
    assert problems(tmp_path, files) == [
        f"{OBS}:42:10: observations[4].value: 引文写“下降16.1%”，是下降，数值应为负数 — 请写 value: -16.1"
        "（页面仍照原文显示“下降16.1%”，数据文件和图表用负数）"
    ]


def test_a_negative_value_without_a_fall_in_its_quote_is_refused(tmp_path: Path) -> None:
    files = fall_files()
    files[OBS]["observations"][1]["value"] = -6.0
    assert problems(tmp_path, files) == [
        f"{OBS}:15:10: observations[1].value: 数值 -6.0 是负数，但引文没有在数字前写明下降（下降、降低、减少、回落…）"
        " — 只有原文写下降的增速或变化记为负数；原文是增长时请写 value: 6.0"
    ]


def test_a_new_count_on_a_total_indicator_is_refused(tmp_path: Path) -> None:
    files = fall_files()
    files[OBS]["observations"][5]["indicator"] = "listed-companies"
    assert problems(tmp_path, files)[0] == (
        f"{OBS}:46:14: observations[5].indicator: 引文在数字前写“新增”，是期内新增数，但指标“listed-companies”（上市企业）"
        "是 counts: total（总量） — 请改挂 counts: new 的新增指标（名称写明“新增…”，如 new-listed-companies）"
    )  # (the repeated-fact check also notes that 32 and 561 now disagree under one indicator)


def test_a_total_on_a_new_count_indicator_is_refused(tmp_path: Path) -> None:
    files = fall_files()
    files[OBS]["observations"][6]["indicator"] = "new-listed-companies"
    found = problems(tmp_path, files)
    assert "observations[6].indicator: 引文在数字前写“累计”，是总量数，但指标“new-listed-companies”" in found[0]
    assert "请改挂 counts: total 的总量指标" in found[0]


def test_indicator_names_agree_with_what_they_count(tmp_path: Path) -> None:
    files = fall_files()
    files["content/indicators/new-listed-companies.yml"]["name"] = "上市企业（当年）"
    files["content/indicators/listed-companies.yml"]["name"] = "新增上市企业总数"
    found = problems(tmp_path, files)
    assert any(
        p.startswith("content/indicators/new-listed-companies.yml:")
        and "name: counts: new 的指标名称须写明是新增数" in p
        for p in found
    )
    assert any(
        p.startswith("content/indicators/listed-companies.yml:")
        and "counts: 名称“新增上市企业总数”写“新增”，是期内新增数 — 应为 counts: new" in p
        for p in found
    )


def test_a_missing_counts_is_located_and_explained(tmp_path: Path) -> None:
    files = fall_files()
    del files["content/indicators/listed-companies.yml"]["counts"]
    root = write_project(tmp_path / "p", files, with_site=False)
    from generator.content.load import load_content_partial

    _, found = load_content_partial(root)
    assert [p.format() for p in found] == [
        "content/indicators/listed-companies.yml:1:1: counts: 缺少必填字段 — 应填写：" + _counts_doc()
    ]


def _counts_doc() -> str:
    from generator.content.fielddocs import field_doc

    return field_doc("Indicator", "counts")


# The real content: the rules hold on every observation the site publishes.


@pytest.fixture(scope="module")
def real() -> Any:
    return load_content(ROOT)


def test_real_content_has_no_positive_value_quoted_as_a_fall(real: Any) -> None:
    wrong = [
        (item.report.id, o.indicator, o.value, o.quote)
        for item in real.reports
        for o in item.observations
        if o.value is not None and (o.value > 0) == states_fall(o) and states_fall(o)
    ]
    assert wrong == []
    falls = [o for item in real.reports for o in item.observations if o.value is not None and o.value < 0]
    assert falls and all(states_fall(o) for o in falls)


def test_real_new_counts_sit_on_new_count_indicators(real: Any) -> None:
    wrong = [
        (item.report.id, o.indicator, o.quote)
        for item in real.reports
        for o in item.observations
        if counted_as(o) is not None and real.indicators[o.indicator].counts != counted_as(o)
    ]
    assert wrong == []
    for indicator in real.indicators.values():
        assert (indicator.counts == "new") == (says_new(indicator.name) is not None), indicator.id


def test_the_681_shenzhen_quality_products_are_a_new_count(real: Any) -> None:
    (found,) = [o for item in real.reports for o in item.observations if o.value == 681]
    indicator = real.indicators[found.indicator]
    assert indicator.counts == "new" and indicator.name.startswith("新增")


# The published data files of the real site (built once per session by the `real_site` fixture).


def _csv(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _probe(row: dict[str, str]) -> Observation:
    value = float(row["value"]) if row["value"] else None
    return Observation.model_construct(
        indicator=row["indicator_id"], measure=row["measure"], value=value, unit=row["unit"] or None, quote=row["quote"]
    )


def test_data_files_carry_the_sign_of_every_fall(real_site: Path) -> None:
    rows = _csv(real_site / "site/data/observations.csv")
    falls = [r for r in rows if states_fall(_probe(r))]
    assert falls, "the real reports print falls (下降16.1%)"
    assert [(r["indicator_id"], r["value"], r["quote"]) for r in falls if float(r["value"]) >= 0] == []
    criminal = [r for r in rows if r["quote"] == "刑事治安总警情下降16.1%"]
    assert [r["value"] for r in criminal] == ["-16.1"]


def test_data_files_put_every_new_count_on_a_new_count_indicator(real_site: Path) -> None:
    counts = {r["id"]: r["counts"] for r in _csv(real_site / "site/data/indicators.csv")}
    rows = _csv(real_site / "site/data/observations.csv")
    new = [r for r in rows if r["value"] and counted_as(_probe(r)) == "new"]
    assert len(new) > 30
    assert [(r["indicator_id"], r["quote"]) for r in new if counts[r["indicator_id"]] != "new"] == []


def test_the_data_dictionary_states_the_conventions(real_site: Path) -> None:
    import json

    from bs4 import BeautifulSoup

    package = json.loads((real_site / "site/data/datapackage.json").read_text(encoding="utf-8"))
    assert "-16.1" in package["description"] and "counts" in package["description"]
    resources = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]}
    assert "负数" in resources["observations"]["value"]["description"]
    assert resources["indicators"]["counts"]["constraints"]["enum"] == list(vocabulary.COUNTS)
    page = BeautifulSoup((real_site / "site/data/index.html").read_text(encoding="utf-8"), "html.parser")
    text = page.get_text()
    assert "符号约定" in text and "“下降16.1%”的数值为 -16.1" in text


def test_pages_print_the_fall_as_the_report_does(real_site: Path) -> None:
    from bs4 import BeautifulSoup

    html = (real_site / "site/indicators/criminal-incidents/index.html").read_text(encoding="utf-8")
    values = [a.get_text() for a in BeautifulSoup(html, "html.parser").select("a.rs-src--value")]
    assert "下降16.1%" in values
    assert not any(v.startswith("-") for v in values)


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("新孵化创业团队12个。", "新孵化"),
        ("新开展重大专项12个。", "新开展"),
        ("新推出应用场景12个。", "新推出"),
        ("新开国际货运航线12个。", "新开"),
        ("恢复和新开客运航线12个。", "新开"),
        ("新改建口袋公园12个。", "新改建"),
        ("新一批改革举措12个在全国推广。", "新一批"),
        ("新开通组合港12个。", "新开通"),
        ("新建成社区公园12个。", "新建成"),
        ("新引进重大项目12个。", "新引进"),
    ],
)
def test_validate_refuses_each_word_of_addition_on_a_total_indicator(tmp_path: Path, sentence: str, word: str) -> None:
    """Issue 29: the counted-as check reads the whole vocabulary, not only 新增 (fixture sentences, made up)."""
    files = fall_files()
    seed = files["seeds/mini-2024.txt"].decode("utf-8").replace("第 1 页", sentence + "\n第 1 页")
    files["seeds/mini-2024.txt"] = seed.encode("utf-8")
    files["content/reports/mini-2024/report.yml"]["seed_sha256"] = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    section = files["content/reports/mini-2024/chapters/01.yml"]["sections"][0]
    section["paragraphs"].append({"id": "c1-s1-p3", "text": sentence})
    files["content/indicators/items.yml"] = {
        "id": "items", "name": "某类事项", "name_en": "x", "unit": "个", "theme": "民生福祉", "counts": "total",
        "definition": "某指标。",
    }  # fmt: skip
    files[OBS]["observations"].append(
        {"indicator": "items", "period": 2023, "kind": "actual", "measure": "count", "value": 12, "unit": "个",
         "quote": sentence.split("。")[0].removesuffix("在全国推广"), "paragraph": "c1-s1-p3"}
    )  # fmt: skip
    found = problems(tmp_path, files)
    assert len(found) == 1 and f"observations[7].indicator: 引文在数字前写“{word}”，是期内新增数" in found[0], found


def test_the_issue_29_additions_sit_on_new_count_indicators_and_their_old_ids_redirect(real: Any) -> None:
    """Each addition the audit found filed as a total is on a `counts: new` indicator; the old URL redirects."""
    from generator.output.redirects import redirect_files

    moved = {
        "新孵化香港创业团队228家": ("new-hk-startup-teams", "hk-startup-teams-incubated"),
        "新开展37个重大科技专项": ("new-major-sci-tech-projects", "major-sci-tech-projects"),
        "新推出数字孪生应用场景30个": ("new-digital-twin-scenarios", "digital-twin-scenarios"),
        "新开马德里等7条国际货运航线": ("new-international-cargo-routes", "international-cargo-routes"),
        "恢复和新开22条国际及地区客运航线": ("new-international-passenger-routes", "international-passenger-routes"),
        "深圳综合改革试点新一批22条创新举措和典型经验在全国推广": (
            "new-comprehensive-reform-practices",
            "comprehensive-reform-practices-promoted",
        ),
        "新推出便利港澳居民出入境通关、跨境消费、银行开户等28项服务措施": (
            "new-hk-macao-convenience-measures",
            "hk-macao-convenience-measures",
        ),
        "新推出10栋以上专业特色楼宇": ("new-professional-buildings", None),  # the 34 buildings built stay a total
        "新改建非机动车道432公里": ("bike-lanes-built", None),  # the indicator itself now counts new, like its siblings
    }
    by_quote = {o.quote: o for item in real.reports for o in item.observations}
    redirects = redirect_files(real)
    for quote, (indicator_id, former) in moved.items():
        obs = by_quote[quote]
        indicator = real.indicators[obs.indicator]
        assert (obs.indicator, indicator.counts, counted_as(obs)) == (indicator_id, "new", "new"), quote
        assert says_new(indicator.name) and ("新" in indicator.definition), indicator.id
        if former:
            assert former in indicator.former_ids and f"indicators/{former}/index.html" in redirects
