"""What each field of each content file means, in Chinese, for the people who edit the YAML.

One text per field serves three places: the JSON Schemas (editors show it on hover), the comments
of `reportsite new` scaffolds, and the "missing field" messages of `reportsite validate`. A test
checks that every field of every model has its text here, so a new field cannot go undocumented.
"""

from __future__ import annotations

FIELD_DOCS: dict[str, dict[str, str]] = {
    "Report": {
        "id": "报告 id：小写字母、数字和连字符，与文件夹名一致，如 shenzhen-2024",
        "region": "地区名称，如 深圳市、福田区",
        "level": "行政层级：city（市）或 district（区）",
        "title": "报告标题，照原文",
        "short_title": "简称，用于引用，如 深圳市2024年计划报告",
        "year_covered": "报告回顾的年份（执行情况所属年份），如 2023",
        "plan_year": "报告提出计划的年份，如 2024",
        "issuer": "报告单位，如 深圳市发展和改革委员会",
        "speaker": "可选：报告人姓名",
        "date": "报告日期，格式 YYYY-MM-DD",
        "occasion": "可选：场合，如 在深圳市第七届人民代表大会第五次会议上",
        "publication": "可选：刊载出处，如 深圳特区报 2024年2月17日 第A02版",
        "seed": "原文文件名（seeds/ 文件夹中的 .txt 文件）",
        "seed_sha256": "原文文件的 sha256（64 位十六进制）；构建时核对，原文不得改动",
        "front_matter": "可选：第一章之前的文字行（段落列表），照原文",
        "notes": "可选：编者说明（文字列表），显示在报告页面",
    },
    "Chapter": {
        "number": "章序号：中文数字，不带顿号，如 一、二",
        "title": "章标题，照原文",
        "truncated": "原文在本章中途结束时为 true，否则 false",
        "paragraphs": "第一节之前的段落（可为空列表）",
        "sections": "本章的节（(一)、(二) …），可嵌套",
        "closing": "可选：最后一节之后的段落（如本章结束语）",
    },
    "Section": {
        "number": "节序号，照原文，如 (一)、（一）、1.",
        "title": "节标题，照原文（含原文的句号）",
        "paragraphs": "本节的段落",
        "sections": "嵌套的小节，结构相同",
    },
    "Paragraph": {
        "id": "段落 id：在本报告中唯一，如 c1-s1-p1；是网页锚点，不要改动已有的 id",
        "number": "可选：段首的任务编号，照原文，如 (2)",
        "lead": "可选：段首的引领语，照原文",
        "text": "段落正文，照原文（只清理换行和多余空格）",
        "note": "可选：编者注，显示在段落下方",
    },
    "Indicator": {
        "id": "指标 id：小写字母、数字和连字符，与文件名一致，如 gdp、retail-sales",
        "name": "指标中文名称，如 地区生产总值",
        "name_en": "英文名称，如 Gross domestic product",
        "unit": "常用单位，如 亿元、%、家",
        "theme": "主题：经济运行、科技创新、产业发展、改革开放、城市建设、生态环境、民生福祉 之一",
        "counts": "计量什么：total（总量：全部的个数或一个时期的总额，原文“累计、总数、总量”）、"
        "new（期内新增：原文“新增、新开工、新建”…，名称须写明，如 新增上市企业）或 rate（比率、增速、强度、浓度等）",
        "definition": "一句话定义：这个指标衡量什么",
        "aliases": "可选：别名列表，用于搜索，如 GDP、生产总值",
        "former_ids": "可选：改名前用过的 id（reportsite rename 自动填写）；旧网址自动跳转到本指标页面",
    },
    "Observation": {
        "indicator": "指标 id（content/indicators/ 中的文件名，不含 .yml）",
        "period": "时期：年份 2023、区间 2021-2023、月份 2023-12、半年 2023H1 或季度 2023Q4",
        "kind": "类型：actual（实际）、estimate（预计）或 target（目标）",
        "measure": "量度：level（金额、实物量）、growth（增速：以%表示的增减，下降为负）、change（个百分点或总量单位之差）、share（占比）、count（人、人次、个、件等的个数）、rank（排名）、ratio（比率）",
        "value": "数值，照原文的数字（如 3.46，单位 万亿元，不换算）；原文写“下降、减少…”的增速或变化记为负数（下降16.1% 写 -16.1）；定性目标不填，改填 text",
        "unit": "单位，照原文：万亿元、亿元、%、个百分点、家、个 …；有 value 时必填",
        "qualifier": "可选：修饰词，照原文：约、左右、超、超过、以上、突破、近、逾、达、不少于、不低于、控制在、以内、以下、持平",
        "printed": "可选：原文写法与 value 的数字不同时，照录原文写法，如 两成",
        "text": "定性目标的文字（没有 value 时填写），如 稳规模、稳份额",
        "quote": "原文摘录：必须逐字出现在原文和所在段落中（空格、换行除外），且包含该数值",
        "paragraph": "引文所在段落的 id（本报告 chapters/ 中），如 c1-s1-p1",
        "headline": "可选：报告主要指标时为 true",
        "target_type": "可选，仅用于目标：expected（预期性）或 binding（约束性）",
        "share_of": "可选，仅用于占比：总量所属的指标 id；构建时核对 部分 ÷ 总量 = 占比",
        "share_computed": "可选，仅用于占比：原文的占比与 部分 ÷ 总量 确实不同时，照校验提示写出 部分 ÷ 总量 的结果（如 30.35），并写 note 说明原因；数字一变，校验会再次提示",
        "differs_from": "可选：原文另一处对同一数量印的不同数值（须与那一处的 value 相同，并写 note 说明）",
        "note": "可选：编者注",
    },
    "IgnoredMention": {
        "paragraph": "数字所在段落的 id",
        "text": "数字，照提取结果原样（如 “1310”），需加引号",
        "reason": "原因：date（日期）、ordinal（序号）、name（名称的一部分）、page（页码）、duration（时长）、repeat（重复，已有观测值）",
        "note": "可选：说明",
    },
    "ObservationsFile": {"observations": "本报告的全部观测值（列表）"},
    "IgnoredFile": {"ignored": "原文中不作为观测值的数字及原因（列表）"},
}

MODEL_DOCS: dict[str, str] = {
    "Report": "一份报告的元数据；章节、观测值和忽略的数字放在同一文件夹中",
    "Chapter": "报告的一章（一、二、三、…），按阅读顺序",
    "Section": "一节：章中的 (一)，节中的 1.；可嵌套",
    "Paragraph": "一个段落：原文正文，用 id 定位（网页锚点）",
    "Indicator": "一个指标：可被多份报告的观测值引用",
    "Observation": "一个观测值：报告中的一个数字（或定性目标），附原文摘录",
    "IgnoredMention": "原文中一个不作为观测值的数字，以及原因",
    "ObservationsFile": "observations.yml：本报告的全部观测值",
    "IgnoredFile": "ignored.yml：原文中不作为观测值的数字",
    "Theme": "指标主题（固定分类）",
}


def field_doc(model: str, field: str) -> str:
    """The text for one field, or an empty string for a field not documented (the test forbids that)."""
    return FIELD_DOCS.get(model, {}).get(field, "")
