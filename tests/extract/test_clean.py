"""Artefact removal: each kind of artefact on a tiny text, then fidelity on both real seeds."""

from __future__ import annotations

from pathlib import Path

from generator.extract.clean import clean_report, clean_text, normalize_spaces
from generator.rules.numbers import strip_ws

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ("shenzhen-2024.txt", "futian-2024.txt")


def test_shenzhen_footer_header_and_publication_line_removed() -> None:
    raw = (
        "正文复制\n\n\n深圳特区报/2024 年/2 月/17 日/第 A02 版文件\n关于某市 2023 年计划的报告\n"
        "一、执行情况\n(一) 经济发展稳中提质。 总额 3.46 万亿元,增长\n第 1 页 共 16 页\n\n6.0%。\n"
    )
    result = clean_report(raw)
    assert result.text == "关于某市2023年计划的报告\n一、执行情况\n(一)经济发展稳中提质。总额3.46万亿元,增长6.0%。\n"
    assert [r.reason for r in result.removed] == ["copy-header", "publication-header", "page-footer"]
    assert result.publication == "深圳特区报 2024年2月17日 第A02版"


def test_futian_dash_footer_and_hard_wrap_joined() -> None:
    wrapped = [
        "福田区2023年计划执行情况报告", "二〇二四年一月", "一、2023年计划执行情况",
        "（一）经济发展质量持续向好", "经济运行稳中提质。全市率先出台区级高质量发展“十大",
        "计划”，优化调度机制，坚持“周调度、月小结、季盘点”，创", "新组建专班。", "— 15 —",
        "消费活力充分激活。率先发布19条促消费措施，构建消费机制，",
        "社会消费品零售总额在全市遥遥领先，线上线下超过 1亿", "人次参与。",
    ]  # fmt: skip
    raw = "\n\n".join(wrapped) + "\n"
    text = clean_text(raw)
    assert text.splitlines() == [
        "福田区2023年计划执行情况报告",
        "二〇二四年一月",
        "一、2023年计划执行情况",
        "（一）经济发展质量持续向好",
        "经济运行稳中提质。全市率先出台区级高质量发展“十大计划”，优化调度机制，坚持“周调度、月小结、季盘点”，创新组建专班。",
        "消费活力充分激活。率先发布19条促消费措施，构建消费机制，社会消费品零售总额在全市遥遥领先，线上线下超过1亿人次参与。",
    ]


def test_stray_spaces_removed_but_latin_spaces_kept() -> None:
    assert normalize_spaces(" 对共建“ 一带一路” 国家进出口 1.3 万亿元 ") == "对共建“一带一路”国家进出口1.3万亿元"
    assert normalize_spaces("“ 1310” 具体部署, 是 2024 年") == "“1310”具体部署,是2024年"
    assert normalize_spaces("卓悦中心One Avenue、A/W 2023深圳时装周") == "卓悦中心One Avenue、A/W 2023深圳时装周"
    assert normalize_spaces("“ 深 i企” 平台 (间) 。") == "“深i企”平台(间)。"
    assert normalize_spaces("“ 9· 7” 极端") == "“9·7”极端"


def test_line_break_between_latin_words_becomes_space() -> None:
    lines = ["一、标题"] + ["这一行足够长，用来确定整段文字的正常行宽度，不能太短了。"] * 12
    lines[5] = "面向外籍人士推广“So"
    lines[6] = "Easy”系列公共服务指引，联合香港政务服务部门推出服务。"
    text = clean_text("\n\n".join(lines))
    assert "“So Easy”系列" in text


def test_merged_list_items_and_trailing_heading_split() -> None:
    raw = (
        "标题的报告\n一、目标\n2024 年主要目标如下:(一)预期性指标。\n"
        "——固定资产投资额增长 10%。——社会消费品零售总额增长 7%。\n"
        "——居民消费价格涨幅控制在 3%左右。(二)约束性指标。\n——新增就业 18 万人。\n"
    )
    assert clean_text(raw).splitlines()[2:] == [
        "2024年主要目标如下:",
        "(一)预期性指标。",
        "——固定资产投资额增长10%。",
        "——社会消费品零售总额增长7%。",
        "——居民消费价格涨幅控制在3%左右。",
        "(二)约束性指标。",
        "——新增就业18万人。",
    ]


def test_wrapped_heading_joined_with_its_short_tail() -> None:
    raw = (
        "标题的报告\n三、任务\n(二)加快建设产业科技创新中心,在服务国家实现高水平科技自立\n"
        "自强上展现更大作为\n1.强化企业科技创新主体地位。(24)支持。\n"
    )
    assert clean_text(raw).splitlines()[2:] == [
        "(二)加快建设产业科技创新中心,在服务国家实现高水平科技自立自强上展现更大作为",
        "1.强化企业科技创新主体地位。(24)支持。",
    ]


def test_seed_fidelity_nothing_lost_or_invented() -> None:
    for name in SEEDS:
        raw = (ROOT / "seeds" / name).read_text(encoding="utf-8")
        result = clean_report(raw)
        dropped = {r.line for r in result.removed}
        kept = "\n".join(line for n, line in enumerate(raw.splitlines(), start=1) if n not in dropped)
        assert strip_ws(result.text) == strip_ws(kept), name
        assert not any(line != line.strip() or not line for line in result.text.splitlines()), name
