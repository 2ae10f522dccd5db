"""Structure recognition on tiny texts, and whole-seed fidelity of the parsed draft."""

from __future__ import annotations

from pathlib import Path

from generator.extract.clean import clean_report
from generator.extract.structure import draft_text, parse_structure, split_lead, split_tasks
from generator.rules.numbers import strip_ws

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ("shenzhen-2024.txt", "futian-2024.txt")


def test_chapters_sections_subsections_tasks_and_ids() -> None:
    text = "\n".join(
        [
            "某市计划的报告",
            "——2024年1月30日在某会议上",
            "一、2023年执行情况",
            "2023年是开局之年,成绩很好。",
            "(一)经济发展稳中提质。出台行动方案,地区生产总值3.46万亿元。",
            "三、2024年主要任务",
            "（一）以培育新质生产力为牵引",
            "1.加快发展战略性新兴产业。(1)滚动更新规划。(2)建设深圳美术馆(新馆)。",
            "(3)加快发展低空经济。",
            "2.大力推进新型工业化。(4)加快智能化。",
        ]
    )
    draft = parse_structure(text, truncated=False)
    assert draft.title == "某市计划的报告"
    assert [p.id for p in draft.front_matter] == ["front-p1"]
    one, three = draft.chapters
    assert (one.number, one.title, one.paragraphs[0].id) == ("一", "2023年执行情况", "c1-p1")
    section = one.sections[0]
    assert (section.number, section.title) == ("(一)", "经济发展稳中提质。")
    assert section.paragraphs[0].id == "c1-s1-p1"
    assert section.paragraphs[0].text == "出台行动方案,地区生产总值3.46万亿元。"
    top = three.sections[0]
    assert top.number == "（一）" and top.title == "以培育新质生产力为牵引"
    first, second = top.sections
    assert (first.number, first.title) == ("1.", "加快发展战略性新兴产业。")
    assert [(p.id, p.number, p.text) for p in first.paragraphs] == [
        ("c2-s1-s1-p1", "(1)", "滚动更新规划。"),
        ("c2-s1-s1-p2", "(2)", "建设深圳美术馆(新馆)。"),
        ("c2-s1-s1-p3", "(3)", "加快发展低空经济。"),
    ]
    assert second.paragraphs[0].id == "c2-s1-s2-p1"  # ids count chapters by position
    assert strip_ws(draft_text(draft)) == strip_ws(text)


def test_split_tasks_only_at_sentence_starts_in_sequence() -> None:
    assert split_tasks("(1)甲。(2)乙(3)丙。(5)丁。(3)戊。") == [
        ("(1)", "甲。"),
        ("(2)", "乙(3)丙。(5)丁。"),
        ("(3)", "戊。"),
    ]
    assert split_tasks("没有编号。") == [(None, "没有编号。")]


def test_lead_phrases() -> None:
    assert split_lead("经济运行稳中提质。全市率先出台。") == ("经济运行稳中提质。", "全市率先出台。")
    assert split_lead("飞地经济、海洋经济、低空经济布局新赛道。与惠州共建。") == (
        "飞地经济、海洋经济、低空经济布局新赛道。",
        "与惠州共建。",
    )
    assert split_lead("2023年，在全区上下共同努力下。其他。") == (None, "2023年，在全区上下共同努力下。其他。")
    assert split_lead("——万元GDP能耗完成市下达目标。") == (None, "——万元GDP能耗完成市下达目标。")
    assert split_lead("这是一句相当长的第一句话超过了二十个字的长度限制呀呀。后文。")[0] is None


def test_truncation_guess() -> None:
    assert parse_structure("报告\n一、任务\n1.甲。乙还没有说完").chapters[-1].truncated
    assert parse_structure("报告\n一、任务\n（一）标题\n1.甲。乙说完了。").chapters[-1].truncated
    assert (
        not parse_structure("报告\n一、任务\n（一）标题\n1.甲。乙。\n各位代表,让我们团结奋斗。").chapters[-1].truncated
    )


def test_seed_drafts_keep_every_character_in_order() -> None:
    for name in SEEDS:
        raw = (ROOT / "seeds" / name).read_text(encoding="utf-8")
        result = clean_report(raw)
        draft = parse_structure(result.text)
        dropped = {r.line for r in result.removed}
        kept = "\n".join(line for n, line in enumerate(raw.splitlines(), start=1) if n not in dropped)
        assert strip_ws(draft_text(draft)) == strip_ws(kept), name
        assert draft.chapters[-1].truncated, name
        ids = [p.id for p in draft.front_matter] + [p.id for _, p in draft.paragraphs()]
        assert len(ids) == len(set(ids)), name


def test_seed_structure_counts() -> None:
    counts = {}
    for name in SEEDS:
        draft = parse_structure(clean_report((ROOT / "seeds" / name).read_text(encoding="utf-8")).text)
        counts[name] = draft.counts()
        assert [c.number for c in draft.chapters] == ["一", "二", "三"]
    assert counts["shenzhen-2024.txt"] == {"chapters": 3, "sections": 18, "paragraphs": 52}
    assert counts["futian-2024.txt"] == {"chapters": 3, "sections": 38, "paragraphs": 80}
