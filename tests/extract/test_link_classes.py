"""Never a confident wrong link: the classes of sentence the genre repeats, one test each.

Every sentence here is written for this test (none is from a report); the catalogue is a fixture.
"""

from __future__ import annotations

from generator.checks.mentions import propose_observations
from generator.content.models import Indicator
from generator.extract.link import Catalogue, Proposal, propose_links
from generator.rules.signs import says_new


def catalogue(*specs: str) -> Catalogue:
    """A fixture catalogue: `id name/unit alias,alias`; a name saying 新增 counts new, a % unit a rate."""
    out = {}
    for spec in specs:
        key, rest = spec.split(" ", 1)
        name_unit, _, aliases = rest.partition(" ")
        name, unit = name_unit.split("/")
        counts = "rate" if unit == "%" else "new" if says_new(name) else "total"
        out[key] = Indicator(
            id=key,
            name=name,
            name_en="x",
            unit=unit,
            theme="经济运行",
            definition="x",
            counts=counts,
            aliases=[a for a in aliases.split(",") if a],
        )
    return Catalogue.of(out)


FIRMS = catalogue(
    "gazelles 瞪羚企业/家",
    "new-gazelles 新增瞪羚企业/家",
    "labs 重点实验室/家",
    "new-labs 新增重点实验室/家",
    "hubs 众创空间/家",
    "new-hubs 新增众创空间/家",
)
MONEY = catalogue(
    "tax 税收收入/亿元 税收",
    "budget 一般公共预算收入/亿元",
    "industry-va 规模以上工业增加值/亿元 规上工业增加值,工业增加值",
)


def links(text: str, cat: Catalogue) -> list[Proposal]:
    return propose_links(text, propose_observations("p1", text, year=2025), cat)


def ids(text: str, cat: Catalogue) -> list[str | None]:
    return [p.indicator for p in links(text, cat)]


def test_a_list_after_a_total_maps_in_order_to_the_subjects_before_it() -> None:
    text = "全年新增瞪羚企业40家、重点实验室6家、众创空间12家，累计分别达310家、58家、144家。"
    assert ids(text, FIRMS) == ["new-gazelles", "new-labs", "new-hubs", "gazelles", "labs", "hubs"]
    listed = links(text, FIRMS)[3]
    assert listed.why.startswith("分别列举第1项") and "累计" in listed.why
    # 分别达 alone (no 累计) after 新增 numbers says the totals too
    text = "新增瞪羚企业40家、众创空间12家，分别达到310家、144家。"
    assert ids(text, FIRMS) == ["new-gazelles", "new-hubs", "gazelles", "hubs"]
    # the names in the same clause as 分别, with 新增: the new counts
    assert ids("新增瞪羚企业、众创空间分别为40家、12家。", FIRMS) == ["new-gazelles", "new-hubs"]


def test_a_list_that_cannot_be_mapped_stays_open_never_goes_to_the_last_subject() -> None:
    # three subjects, two totals: which two is not written
    text = "新增瞪羚企业40家、重点实验室6家、众创空间12家，累计分别达310家、144家。"
    proposals = links(text, FIRMS)
    assert [p.indicator for p in proposals[3:]] == [None, None]
    assert {"gazelles", "hubs"} <= set(proposals[3].offered)
    # one subject before 分别: nothing to map in order
    assert ids("众创空间分别达到144家、150家。", FIRMS) == [None, None]


def test_a_total_never_goes_to_a_new_count_and_a_new_count_never_to_a_total() -> None:
    assert ids("新增瞪羚企业40家，总量310家。", FIRMS) == ["new-gazelles", "gazelles"]
    assert ids("新增瞪羚企业40家，总数达310家。", FIRMS) == ["new-gazelles", "gazelles"]
    assert ids("新增瞪羚企业40家，达到310家。", FIRMS) == ["new-gazelles", "gazelles"]
    assert ids("瞪羚企业累计310家，新增40家。", FIRMS) == ["gazelles", "new-gazelles"]
    # only one side in the catalogue: the other number stays open, the indicator offered as a candidate
    only_new = catalogue("new-gazelles 新增瞪羚企业/家")
    proposals = links("新增瞪羚企业40家，总量310家。", only_new)
    assert [p.indicator for p in proposals] == ["new-gazelles", None]
    assert "new-gazelles" in proposals[1].offered
    only_total = catalogue("gazelles 瞪羚企业/家")
    proposals = links("新增瞪羚企业40家，总量310家。", only_total)
    assert [p.indicator for p in proposals] == [None, "gazelles"]
    assert "gazelles" in proposals[0].offered


def test_a_modifier_the_catalogue_does_not_know_leaves_the_item_open_with_the_name() -> None:
    proposals = links("全口径税收收入3900亿元、增长4.2%。", MONEY)
    assert [p.indicator for p in proposals] == [None, None]
    assert [p.offered[:1] for p in proposals] == [["tax"], ["tax"]]
    # the plain name still links
    assert ids("税收收入3900亿元、增长4.2%。", MONEY) == ["tax", "tax"]
    # 总产值 is not 增加值: the output stays open; its 增加值 offers the value-added indicator
    proposals = links("规模以上工业总产值达4.6万亿元，增加值达1.05万亿元、增长7.7%。", MONEY)
    assert [p.indicator for p in proposals] == [None, None, None]
    assert proposals[1].offered == ["industry-va"]


def test_an_alias_written_in_the_sentence_is_always_a_candidate() -> None:
    # 工业增加值 (an alias) written after a modifier the catalogue lacks: open, with the alias's indicator
    proposals = links("先进制造业工业增加值2300亿元。", MONEY)
    assert proposals[0].indicator is None and proposals[0].offered == ["industry-va"]
    # a bare clause whose subject is unknown still lists the names its sentence writes
    proposals = links("全口径税收收入3900亿元，其中增长4.2%。", MONEY)
    assert all("tax" in p.offered for p in proposals)


def test_the_bench_sentences_of_these_classes_have_no_wrong_link_and_every_linkable_one_linked() -> None:
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "extract_quality.py"
    spec = importlib.util.spec_from_file_location("extract_quality", path)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("extract_quality", bench)  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    result = bench.genre()
    assert result.misses == []
    assert result.linked == result.correct and result.recalled == result.linkable > 20


ADDED = catalogue(
    "projects 重大科技专项/个",
    "new-projects 新增重大科技专项/个",
    "routes 国际货运航线/条",
    "new-routes 新增国际货运航线/条",
    "ev-output 新能源汽车产量/万辆",
    "zone-firms 新开发区入驻企业/家",
)


def test_every_verb_of_addition_in_the_vocabulary_links_to_the_new_count() -> None:
    # 新开展, 新开 … are additions as 新增 is (rules/vocabulary.NEW_WORDS), whatever verb the report chose.
    assert ids("全年新开展18个重大科技专项。", ADDED) == ["new-projects"]
    assert ids("新开通国际货运航线6条，累计达52条。", ADDED) == ["new-routes", "routes"]
    assert ids("截至年底，重大科技专项总数达96个。", ADDED) == ["projects"]


def test_a_look_alike_of_a_new_word_is_not_an_addition() -> None:
    # 新能源 names a kind of vehicle, 新开发区 a place (not 新开 + 发区): neither is "what was added".
    assert ids("新能源汽车产量达120万辆。", ADDED) == ["ev-output"]
    assert ids("新开发区入驻企业达到120家。", ADDED) == ["zone-firms"]
    assert [p.why for p in links("新开发区入驻企业达到120家。", ADDED)] == ["名称“新开发区入驻企业”"]
