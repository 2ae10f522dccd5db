"""The corpus of bad inputs: each a change to the mini project and the exact outcome it must have.

A case replaces one file of the mini project (tests/conftest.py `mini_files`) with raw text or bytes,
or edits the YAML data of one file, or writes a file at run time (the 100 MB one is never committed).
`expect` is the start of the message an editor must see: `file:line:column: field: what is wrong`.
Text that is merely odd (markup, scripts, Markdown, Jinja in free text) is not here: it is valid,
and tests/hostile.py builds a whole project of it to check that every page shows it as text.
Used by tests/test_bad_inputs.py and bench/bad_inputs.py (which prints time and memory per case).
"""

from __future__ import annotations

import functools
import hashlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from conftest import MINI_SEED, ROOT, mini_files

GDP = "content/indicators/gdp.yml"
REPORT = "content/reports/mini-2024/report.yml"
CH1 = "content/reports/mini-2024/chapters/01.yml"
CH2 = "content/reports/mini-2024/chapters/02.yml"
OBS = "content/reports/mini-2024/observations.yml"
IGN = "content/reports/mini-2024/ignored.yml"
SEED = "seeds/mini-2024.txt"

Writer = Callable[[Path], None]


def dump(data: Any) -> str:
    """YAML exactly as tests/conftest.py `write_project` writes it (so line numbers match)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def raw(path: str, content: str | bytes) -> Writer:
    """Replace one file with this text or these bytes."""
    data = content.encode("utf-8") if isinstance(content, str) else content

    def write(project: Path) -> None:
        (project / path).write_bytes(data)

    return write


def edit(path: str, change: Callable[[Any], Any]) -> Writer:
    """Edit the data of one mini-project file in place, then write it as YAML."""

    def write(project: Path) -> None:
        data = mini_files()[path]
        change(data)
        (project / path).write_text(dump(data), encoding="utf-8")

    return write


def add(path: str, content: str) -> Writer:
    """Add a file (or folder, for a path ending in /)."""

    def write(project: Path) -> None:
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")

    return write


def big_file(path: str, size: int) -> Writer:
    """A file of `size` bytes of YAML-looking lines, written in chunks (nothing this big is committed)."""

    def write(project: Path) -> None:
        line = b"- x\n"
        chunk = line * (1 << 18)
        with (project / path).open("wb") as handle:
            for _ in range(size // len(chunk)):
                handle.write(chunk)
            handle.write(line * ((size % len(chunk)) // len(line)))

    return write


def obs(index: int, **changes: Any) -> Writer:
    """Change fields of one observation (a value of None removes the field)."""

    def change(data: Any) -> None:
        item = data["observations"][index]
        for key, value in changes.items():
            if value is None:
                item.pop(key, None)
            else:
                item[key] = value

    return edit(OBS, change)


def set_key(path: str, key: str, value: Any) -> Writer:
    return edit(path, lambda d: d.__setitem__(key, value))


def paragraph(**changes: Any) -> Writer:
    """Change the first paragraph of chapter 1 (c1-s1-p1)."""
    return edit(CH1, lambda d: d["sections"][0]["paragraphs"][0].update(changes))


def link(path: str, content: bytes) -> Writer:
    """Make `path` a symbolic link to a file outside the project holding `content`."""

    def write(project: Path) -> None:
        outside = project.parent / f"outside-{Path(path).name}"
        outside.write_bytes(content)
        target = project / path
        target.unlink(missing_ok=True)
        target.symlink_to(outside)

    return write


def both(*writers: Writer) -> Writer:
    """Several changes as one case (a seed and the content that must follow it)."""

    def write(project: Path) -> None:
        for writer in writers:
            writer(project)

    return write


def with_seed(seed: str) -> Writer:
    """A different seed text (test fixture) registered with its sha256, as a new report would be."""

    def write(project: Path) -> None:
        data = seed.encode("utf-8")
        (project / SEED).write_bytes(data)
        report = mini_files()[REPORT]
        report["seed_sha256"] = hashlib.sha256(data).hexdigest()
        (project / REPORT).write_text(dump(report), encoding="utf-8")

    return write


def printed_as(old: str, new: str) -> Writer:
    """The mini report as if it printed `new` where it prints `old`: seed, chapter text and quotes (not values)."""

    def change(data: Any) -> None:
        for item in data["observations"]:
            item["quote"] = item["quote"].replace(old, new)

    def chapter(data: Any) -> None:
        target = data["sections"][0]["paragraphs"][0]
        target["text"] = target["text"].replace(old, new)

    return both(with_seed(MINI_SEED.replace(old, new)), edit(OBS, change), edit(CH1, chapter))


def share_printed(value: float, **extra: Any) -> Writer:
    """The mini report as if it printed retail sales' share of GDP (占 GDP 比重 value%), observed with share_of."""
    seed = MINI_SEED.replace("1.05 万亿元。", f"1.05 万亿元、占 GDP 比重 {value}%。")

    def chapter(data: Any) -> None:
        target = data["sections"][0]["paragraphs"][0]
        target["text"] = target["text"].replace("1.05万亿元。", f"1.05万亿元、占GDP比重{value}%。")

    share = {"indicator": "retail-sales", "period": 2023, "kind": "actual", "measure": "share", "value": value,
             "unit": "%", "quote": f"占 GDP 比重 {value}%", "paragraph": "c1-s1-p1", "share_of": "gdp"}  # fmt: skip
    return both(with_seed(seed), edit(CH1, chapter), add_obs(**share, **extra))


def add_obs(**fields: Any) -> Writer:
    return edit(OBS, lambda d: d["observations"].append(fields))


GDP_2023_GROWTH = {"indicator": "gdp", "period": 2023, "kind": "actual", "measure": "growth", "unit": "%"}
EXTRA_PARAGRAPH = "坚持稳中求进工作总基调。"


def _gdp_text(extra: str) -> str:
    return "id: gdp\nname: 地区生产总值\nname_en: GDP\nunit: 亿元\ntheme: 经济运行\ncounts: total\n" + extra


GDP_OK = _gdp_text("definition: 最终成果。\n")
BOMB = (
    "id: gdp\nname: 地区生产总值\nname_en: GDP\nunit: 亿元\ntheme: 经济运行\ncounts: total\ndefinition: x\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
)


@dataclass(frozen=True)
class Bad:
    """One bad input: what it changes and the message (file:line:column: field: …) it must give."""

    name: str
    write: Writer
    expect: str
    status: int = 1
    single: bool = False  # the mistake must give this one message and no other
    changes_site: bool = False  # a valid change that is meant to show on the site (status 0 only)


CASES: list[Bad] = [
    # --- YAML syntax and encoding -------------------------------------------------------------
    Bad("bad-indentation", raw(GDP, "id: gdp\nname: 地区生产总值\n  unit: 亿元\n"), f"{GDP}:3:7: YAML 语法错误"),
    Bad("tab-indentation", raw(GDP, "id: gdp\naliases:\n\t- GDP\n"), f"{GDP}:3:1: YAML 语法错误"),
    Bad("unclosed-double-quote", raw(GDP, 'id: gdp\nname: "地区生产总值\nunit: 亿元\n'), f"{GDP}:2:7: YAML 语法错误：引号没有闭合"),
    Bad("unclosed-single-quote", raw(GDP, "id: gdp\nname: '地区生产总值\n"), f"{GDP}:2:7: YAML 语法错误：引号没有闭合"),
    Bad("unclosed-flow-list", raw(GDP, "id: gdp\naliases: [GDP\n"), f"{GDP}:3:1: YAML 语法错误"),
    Bad("two-documents", raw(GDP, GDP_OK + "---\nid: gdp\n"), f"{GDP}:8:1: YAML 语法错误"),
    Bad("empty-file", raw(GDP, ""), f"{GDP}:1:1: 文件是空的"),
    Bad("comment-only-file", raw(GDP, "# 地区生产总值\n# id: gdp\n"), f"{GDP}:1:1: 文件是空的"),
    Bad("blank-lines-only", raw(GDP, "\n   \n\n"), f"{GDP}:1:1: 文件是空的"),
    Bad("list-at-top", raw(GDP, "- id: gdp\n"), f"{GDP}:1:1: 文件内容应为映射"),
    Bad("text-at-top", raw(GDP, "地区生产总值\n"), f"{GDP}:1:1: 文件内容应为映射"),
    Bad("utf8-bom-is-fine", raw(GDP, b"\xef\xbb\xbf" + dump(mini_files()[GDP]).encode("utf-8")), "", status=0),
    Bad("utf16-with-bom", raw(GDP, GDP_OK.encode("utf-16")), f"{GDP}:1:1: 文件不是有效的 UTF-8 编码"),
    Bad("gbk-bytes", raw(GDP, GDP_OK.encode("utf-8") + "别名: 国内".encode("gbk")), f"{GDP}:8:1: 文件不是有效的 UTF-8"),
    Bad("latin1-byte", raw(GDP, b"id: gdp\nname: caf\xe9\n"), f"{GDP}:2:1: 文件不是有效的 UTF-8 编码"),
    Bad("nul-byte", raw(GDP, b"id: gdp\nname: a\x00b\n"), f"{GDP}:2:8: YAML 语法错误：文件中有不允许的控制字符 U+0000"),
    Bad("duplicate-key", raw(GDP, GDP_OK + "name: GDP\n"), f"{GDP}:8:1: name: 重复的键“name”"),
    Bad(
        "duplicate-key-nested",
        raw(OBS, dump(mini_files()[OBS]).replace("  paragraph: c2-p1\n", "  paragraph: c2-p1\n  paragraph: c1-p1\n")),
        f"{OBS}:36:3: observations[3].paragraph: 重复的键“paragraph”",
    ),
    # --- wrong types, missing and unknown fields, numbers, dates -------------------------------
    Bad("text-for-number", obs(0, value="约6%"), f"{OBS}:6:10: observations[0].value: 应为数字，实际为文字“约6%” — 只写数字"),
    Bad("list-for-mapping", set_key(OBS, "observations", [["gdp", 2023]]), f"{OBS}:2:3: observations[0]: 应为映射"),
    Bad("mapping-for-list", set_key(GDP, "aliases", {"GDP": "生产总值"}), f"{GDP}:9:3: aliases: 应为列表"),
    Bad("bool-for-year", set_key(REPORT, "year_covered", True), f"{REPORT}:6:15: year_covered: 应为整数，实际为布尔值 true"),
    Bad("text-for-bool", set_key(CH2, "truncated", "yes"), f"{CH2}:3:12: truncated: 应为true 或 false"),
    Bad("missing-field", edit(GDP, lambda d: d.pop("definition")), f"{GDP}:1:1: definition: 缺少必填字段"),
    Bad("missing-quote", obs(1, quote=None), f"{OBS}:11:3: observations[1].quote: 缺少必填字段"),
    Bad(
        "unknown-field",
        edit(GDP, lambda d: d.__setitem__("defintion", d.pop("definition"))),
        f"{GDP}:9:1: defintion: 未知字段 — 是否应为“definition”？允许的字段：id、name、name_en",
    ),
    Bad("unknown-nested-field", paragraph(txt="x"), f"{CH1}:9:5: sections[0].paragraphs[0].txt: 未知字段 — 是否应为“text”？允许的字段：id、number、lead、text、note"),
    Bad("nan", obs(0, value=float("nan")), f"{OBS}:6:10: observations[0].value: 数值必须是有限的数字"),
    Bad("inf", raw(OBS, dump(mini_files()[OBS]).replace("value: 6.0", "value: .inf")), f"{OBS}:15:10: observations[1].value: 数值必须是有限的数字"),
    Bad("minus-inf", raw(OBS, dump(mini_files()[OBS]).replace("value: 6.0", "value: -.Inf")), f"{OBS}:15:10: observations[1].value: 数值必须是有限的数字"),
    Bad("overflow-1.0e+309", raw(OBS, dump(mini_files()[OBS]).replace("value: 6.0", "value: 1.0e+309")), f"{OBS}:15:10: observations[1].value: 数值必须是有限的数字"),
    Bad("1e309-is-text-in-yaml-1.1", raw(OBS, dump(mini_files()[OBS]).replace("value: 6.0", "value: 1e309")), f"{OBS}:15:10: observations[1].value: 应为数字，实际为文字“1e309” — 去掉引号"),
    Bad("huge-integer", obs(0, value=10**400), f"{OBS}:6:10: observations[0].value: 数值过大 — 绝对值应小于 1e+15"),
    Bad("negative-count", obs(2, measure="count", value=-1.05), f"{OBS}:20:3: observations[2]: 计数（measure: count）不能为负数"),
    Bad("nonexistent-date", raw(REPORT, dump(mini_files()[REPORT]).replace("2024-01-30", "2024-02-30")), f"{REPORT}:9:7: date: 无效的值“2024-02-30”：day is out of range for month"),
    Bad("datetime-for-date", raw(REPORT, dump(mini_files()[REPORT]).replace("2024-01-30", "2024-01-30 10:00:00")), f"{REPORT}:9:7: date: 应为日期，格式 YYYY-MM-DD"),
    Bad("year-out-of-range", set_key(REPORT, "plan_year", 99999), f"{REPORT}:7:12: plan_year: 数字 99999超出范围 — 应 ≤ 2100"),
    Bad("bad-period", obs(0, period="2023年"), f"{OBS}:3:11: observations[0].period: 应为年份"),
    Bad("bad-enum", obs(0, kind="actualy"), f"{OBS}:4:9: observations[0].kind: 文字“actualy”不是允许的值 — 允许：actual, estimate, target"),
    Bad("text-too-long", paragraph(note="长" * 20_001), f"{CH1}:9:11: sections[0].paragraphs[0].note: 太长 — 最多 20000 个字符"),
    Bad("control-character", paragraph(note="注\x02wzxhzdk:0\x03"), f"{CH1}:9:11: sections[0].paragraphs[0].note: 文字中不能包含换行、制表符等控制字符"),
    Bad("newline-in-text", paragraph(note="第一行\n\n<script>alert(1)</script>"), f"{CH1}:9:11: sections[0].paragraphs[0].note: 文字中不能包含换行、制表符等控制字符"),
    # --- references and grounding --------------------------------------------------------------
    Bad(
        "duplicate-paragraph-id",
        edit(CH2, lambda d: d["paragraphs"].append({"id": "c2-p1", "text": "又一段。"})),
        f"{CH2}:7:7: paragraphs[1].id: 段落 id“c2-p1”在本报告中重复",
    ),
    Bad("duplicate-chapter-number", set_key(CH2, "number", "一"), f"{CH1}:1:9: number: 章节编号“一”重复"),
    Bad("missing-indicator", obs(2, indicator="retail"), f"{OBS}:20:14: observations[2].indicator: 指标“retail”不存在 — 需要文件 content/indicators/retail.yml"),
    Bad("missing-paragraph", obs(3, paragraph="c9-p1"), f"{OBS}:35:14: observations[3].paragraph: 本报告没有段落“c9-p1”"),
    Bad("missing-report-file", add("content/reports/other-2024/observations.yml", "observations: []\n"), "content/reports/other-2024:1:1: 报告文件夹缺少 report.yml"),
    Bad("report-id-not-folder", set_key(REPORT, "id", "other-2024"), f"{REPORT}:1:5: id: id“other-2024”应与文件夹名“mini-2024”一致"),
    Bad("quote-not-in-seed", obs(0, quote="地区生产总值 3.47 万亿元"), f"{OBS}:8:10: observations[0].quote: 引文在原文 seeds/mini-2024.txt 中找不到"),
    Bad("value-not-in-quote", obs(2, value=1.5), f"{OBS}:24:10: observations[2].value: 数值 1.5 不在引文中"),
    Bad("seed-sha256-mismatch", set_key(REPORT, "seed_sha256", hashlib.sha256(b"x").hexdigest()), f"{REPORT}:11:14: seed_sha256: 与 seeds/mini-2024.txt 的实际 sha256"),
    Bad("seed-edited", raw(SEED, mini_files()[SEED] + b"\n"), f"{REPORT}:11:14: seed_sha256: 与 seeds/mini-2024.txt 的实际 sha256"),
    Bad("seed-missing", set_key(REPORT, "seed", "gone-2024.txt"), f"{REPORT}:10:7: seed: seeds/ 中没有文件“gone-2024.txt”"),
    Bad("number-not-accounted", both(with_seed(MINI_SEED.replace("1.05 万亿元。", "1.05 万亿元,新增 7 家。")), paragraph(text="地区生产总值3.46万亿元、增长6.0%,社会消费品零售总额1.05万亿元,新增7家。")), f"{IGN}:1:10: ignored: 段落“c1-s1-p1”中的数字“7”（…总额1.05万亿元,新增7…）既不是观测值，也没有列入 ignored.yml"),
    Bad("ignored-number-absent", set_key(IGN, "ignored", [{"paragraph": "c2-p1", "text": "2024", "reason": "date"}]), f"{IGN}:2:3: ignored[0]: 段落“c2-p1”中没有多余的数字“2024”可忽略"),
    # --- the text is the report's (issue 15) -----------------------------------------------------
    Bad("chapter-word-changed", paragraph(text="地区生产总值3.46万亿元、增加6.0%,社会消费品零售总额1.05万亿元。"), f"{CH1}:8:11: sections[0].paragraphs[0].text: 正文与原文不一致：正文“…产总值3.46万亿元、增【加】6.0%,社会消费品零售…”，原文“…产总值3.46万亿元、增【长】6.0%,社会消费品零售…”", single=True),
    Bad("section-title-changed", edit(CH1, lambda d: d["sections"][0].update(title="经济发展稳中提升。")), f"{CH1}:5:10: sections[0].title: 正文与原文不一致：正文“…情况(一)经济发展稳中提【升】。地区生产总值3.46万…”，原文“…情况(一)经济发展稳中提【质】。", single=True),
    Bad("paragraph-dropped", with_seed(MINI_SEED + EXTRA_PARAGRAPH + "\n"), f"{CH2}:6:9: paragraphs[0].text: 正文到此结束，原文 seeds/mini-2024.txt 之后还有“{EXTRA_PARAGRAPH}”", single=True),
    Bad("paragraph-added", edit(CH2, lambda d: d["paragraphs"].append({"id": "c2-p2", "text": EXTRA_PARAGRAPH})), f"{CH2}:8:9: paragraphs[1].text: 原文到此结束，正文却多出“{EXTRA_PARAGRAPH}”", single=True),
    Bad(
        "paragraphs-reordered",
        both(with_seed(MINI_SEED.replace("——GDP", EXTRA_PARAGRAPH + "\n——GDP")), edit(CH2, lambda d: d["paragraphs"].append({"id": "c2-p2", "text": EXTRA_PARAGRAPH}))),
        f"{CH2}:6:9: paragraphs[0].text: 正文漏掉了原文的“{EXTRA_PARAGRAPH}”（在“…。二、2024年主要目标”之后）（这段文字在正文中出现在后面：顺序与原文不同）",
    ),
    Bad("editor-note-is-not-text", paragraph(note="编者注：原文如此。"), "", status=0, changes_site=True),
    # --- exact grounding ------------------------------------------------------------------------
    Bad("value-rounds-printed-3.456", printed_as("3.46", "3.456"), f"{OBS}:6:10: observations[0].value: 数值 3.46 不在引文中", single=True),
    Bad("value-more-digits-than-printed", obs(0, value=3.456), f"{OBS}:6:10: observations[0].value: 数值 3.456 不在引文中", single=True),
    Bad("printed-word-not-a-number", both(printed_as("、增长", "、居首位、增长"), obs(1, printed="首", value=1, measure="rank", unit="位", quote="居首位")), f"{OBS}:15:10: observations[1].value: 数值 1 与原文写法“首”不符（“首”不是数字写法）— printed 只接受数字的写法"),
    # --- suggestions and repeated facts ---------------------------------------------------------
    Bad("suggestion-never-a-conflicting-indicator", obs(2, indicator="gdps"), f"{OBS}:20:14: observations[2].indicator: 指标“gdps”不存在 — 需要文件 content/indicators/gdps.yml（是否应为 “retail-sales”（社会消费品零售总额，亿元）？", single=True),
    Bad("suggestion-none-compatible", obs(0, indicator="gdpx", unit="家"), f"{OBS}:2:14: observations[0].indicator: 指标“gdpx”不存在 — 需要文件 content/indicators/gdpx.yml（没有单位和数量都相符的相近指标"),
    Bad("repeated-fact-despite-note", add_obs(**GDP_2023_GROWTH, value=5.5, quote="GDP 增长 5.5%", paragraph="c2-p1", note="编者说明"), f"{OBS}:43:10: observations[4].value: 同一数量出现两次但数值不一致：6.0（“地区生产总值 3.46 万亿元、增长 6.0%”）与 5.5（“GDP 增长 5.5%”）— 如原文确实两处不同，写 differs_from: 6.0", single=True),
    Bad("repeated-fact-differs-from-wrong", add_obs(**GDP_2023_GROWTH, value=5.5, quote="GDP 增长 5.5%", paragraph="c2-p1", differs_from=6.1, note="原文两处不同"), f"{OBS}:43:10: observations[4].value: 同一数量出现两次但数值不一致：6.0（“地区生产总值 3.46 万亿元、增长 6.0%”）与 5.5（“GDP 增长 5.5%”）— differs_from 写的是 6.1，但另一处是 6.0", single=True),
    Bad("repeated-fact-differs-from-explained", add_obs(**GDP_2023_GROWTH, value=5.5, quote="GDP 增长 5.5%", paragraph="c2-p1", differs_from=6.0, note="原文两处不同"), "", status=0, changes_site=True),
    Bad("differs-from-needs-note", add_obs(**GDP_2023_GROWTH, value=5.5, quote="GDP 增长 5.5%", paragraph="c2-p1", differs_from=6.0), f"{OBS}:38:3: observations[4]: 有 differs_from 时需要 note"),
    Bad("share-mismatch-despite-note", share_printed(33.3, note="原文如此"), f"{OBS}:42:10: observations[4].value: 占比 33.3% 与 1.05万亿元（“社会消费品零售总额 1.05 万亿元”）÷ 3.46万亿元（“地区生产总值 3.46 万亿元”）= 30.35% 不符 — 如原文确实如此，写 share_computed: 30.35 并在 note 中说明", single=True),
    Bad("share-computed-wrong", share_printed(33.3, share_computed=31.0, note="原文如此"), f"{OBS}:42:10: observations[4].value: 占比 33.3% 与 1.05万亿元（“社会消费品零售总额 1.05 万亿元”）÷ 3.46万亿元（“地区生产总值 3.46 万亿元”）= 30.35% 不符 — share_computed 写的是 31.0，但 部分 ÷ 总量 = 30.35", single=True),
    Bad("share-computed-but-agrees", share_printed(30.3, share_computed=30.35, note="原文如此"), f"{OBS}:47:19: observations[4].share_computed: share_computed: 30.35，但占比 30.3% 与 部分 ÷ 总量 = 30.35% 相符 — share_computed 只用于原文占比与 部分 ÷ 总量 不符时，请删去", single=True),
    Bad("share-computed-explained", share_printed(33.3, share_computed=30.35, note="原文按另一口径计算"), "", status=0, changes_site=True),
    Bad("share-computed-needs-note", share_printed(33.3, share_computed=30.35), f"{OBS}:38:3: observations[4]: 有 share_computed 时需要 note"),
    # --- one mistake, one message ---------------------------------------------------------------
    Bad("quote-full-width-comma", obs(1, quote="地区生产总值3.46万亿元、增长6.0%，社会消费品"), f"{OBS}:17:10: observations[1].quote: 引文在原文 seeds/mini-2024.txt 中找不到；最接近的原文是“…)经济发展稳中提质。地区生产总值3.46万亿元、增长6.0%【,】社会消费品零售总额1.05万亿…”：引文第 21 个字“，”（全角，U+FF0C），原文为“,”（半角，U+002C）", single=True),
    Bad("wrong-paragraph-id", obs(2, paragraph="c2-p1"), f"{OBS}:26:10: observations[2].quote: 引文不在段落“c2-p1”中，而在段落“c1-s1-p1”中 — 把 paragraph 改为“c1-s1-p1”", single=True),
    # --- hostile --------------------------------------------------------------------------------
    Bad("python-object-apply", raw(GDP, GDP_OK + "x: !!python/object/apply:os.system ['touch pwned']\n"), f"{GDP}:8:4: x: 不允许的 YAML 标签"),
    Bad("python-object-mapping", raw(GDP, GDP_OK + "x: !!python/object:os.system {}\n"), f"{GDP}:8:4: x: 不允许的 YAML 标签"),
    Bad("python-name-tag", raw(GDP, "id: !!python/name:os.system gdp\n"), f"{GDP}:1:5: id: 无法识别的值"),
    Bad("unknown-local-tag", raw(GDP, "id: !evil gdp\n"), f"{GDP}:1:5: id: 无法识别的值"),
    Bad("merge-key-alias", raw(GDP, "base: &b {id: gdp}\n<<: *b\n"), f"{GDP}:2:1: <<: 不允许使用合并键 << 和别名"),
    Bad("billion-laughs", raw(GDP, BOMB), f"{GDP}:8:4: b[0]: 不允许使用锚点和别名（& 与 *）"),
    Bad("file-of-100-mb", big_file(GDP, 100_000_000), f"{GDP}:1:1: 文件过大（100000000 字节，上限 2000000 字节）"),
    Bad("half-million-values", raw(GDP, b"- 1\n" * 500_000), f"{GDP}:50000:3: 文件过大：超过 50000 个值"),
    Bad("nesting-10000-flow", raw(GDP, "x: " + "[" * 10_000 + "]" * 10_000 + "\n"), f"{GDP}:1:63: 嵌套过深：超过 60 层"),
    Bad("nesting-10000-block", raw(GDP, "- " * 10_000 + "x\n"), f"{GDP}:1:121: 嵌套过深：超过 60 层"),
    Bad("nesting-10000-mapping", raw(GDP, "{a: " * 10_000 + "}" * 10_000 + "\n"), f"{GDP}:1:238: 嵌套过深：超过 60 层"),
    Bad("id-path-traversal", paragraph(id="../../etc/passwd"), f"{CH1}:7:9: sections[0].paragraphs[0].id: 文字“../../etc/passwd”不是有效的 id"),
    Bad("id-with-slash", set_key(GDP, "id", "gdp/x"), f"{GDP}:1:5: id: 文字“gdp/x”不是有效的 id"),
    Bad("id-with-nul", raw(GDP, GDP_OK.replace("id: gdp", 'id: "gdp\\0"')), f"{GDP}:1:5: id: 文字“gdp\\x00”不是有效的 id"),
    Bad("id-with-newline", raw(GDP, GDP_OK.replace("id: gdp", 'id: "gdp\\n"')), f"{GDP}:1:5: id: 文字“gdp\\n”不是有效的 id"),
    Bad("seed-path-traversal", set_key(REPORT, "seed", "../../etc/passwd"), f"{REPORT}:10:7: seed: 文字“../../etc/passwd”格式不符"),
    Bad("report-folder-traversal", set_key(REPORT, "id", "../x"), f"{REPORT}:1:5: id: 文字“../x”不是有效的 id"),
    Bad("symlink-out-of-content", link("content/indicators/passwd.yml", GDP_OK.encode()), "content/indicators/passwd.yml:1:1: 不允许使用符号链接"),
    Bad("seed-is-a-symlink", link(SEED, mini_files()[SEED]), f"{REPORT}:10:7: seed: seeds/mini-2024.txt 是符号链接"),
    Bad("windows-name-con", add("content/indicators/con.yml", GDP_OK.replace("id: gdp", "id: con")), "content/indicators/con.yml:1:5: id: “con”是 Windows 保留的设备名"),
    Bad("windows-name-nul", paragraph(id="nul"), f"{CH1}:7:9: sections[0].paragraphs[0].id: “nul”是 Windows 保留的设备名"),
    Bad("windows-name-aux-upper", add("content/indicators/AUX.yml", GDP_OK.replace("id: gdp", "id: AUX")), "content/indicators/AUX.yml:1:5: id: 文字“AUX”不是有效的 id"),
    Bad("script-in-title", set_key(CH1, "title", "执行<script>alert(1)</script>"), f"{CH1}:2:8: title: 标题和名称中不能包含 <"),
    Bad("img-onerror-in-name", set_key(GDP, "name", "<img src=x onerror=alert(1)>"), f"{GDP}:2:7: name: 标题和名称中不能包含 <"),
    Bad("entity-in-title", set_key(REPORT, "short_title", "&lt;script&gt;"), f"{REPORT}:5:14: short_title: 标题和名称中不能包含"),
    Bad("markup-in-alias", set_key(GDP, "aliases", ["<b onmouseover=alert(1)>GDP</b>"]), f"{GDP}:9:3: aliases[0]: 标题和名称中不能包含 <"),
]  # fmt: skip


@dataclass
class Outcome:
    """What one command did: exit status, output, wall time and the peak memory of its process."""

    status: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def run(project: Path, *args: str, timeout: float = 180, forked: bool = False) -> Outcome:
    """Run `reportsite ARGS` in a fresh interpreter; time it and read its own peak RSS (os.wait4).

    `forked`: in a fork of an interpreter that has imported the generator already (`_Zygote`) — a process of its own
    with its own stdout, stderr, exit status and peak memory, without paying the imports (~0.6 s) for each of the
    corpus's hundred cases. bench/bad_inputs.py times the fresh interpreter, start-up included."""
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        if forked:
            outcome = _zygote().run(project, list(args), {"RS_PEAK_FILE": str(peak_file)}, Path(scratch), timeout)
        else:
            env = {**_child_env(), "RS_PEAK_FILE": str(peak_file)}
            outcome = _run(project, [sys.executable, "-c", _CHILD, *args], env, timeout)
        if peak_file.is_file():  # the child's own high-water mark; ru_maxrss also counts the parent's at fork
            outcome.peak_mb = int(peak_file.read_text()) / 1024
        return outcome


def _child_env() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))  # this checkout first
    return {**os.environ, "PYTHONPATH": path}


class _Zygote:
    """An interpreter that imports the CLI once, then forks a child per request: the child takes the request's
    folder, environment and output files, runs `main(args)` as `python -c _CHILD` would (a traceback on its stderr,
    exit status 1) and leaves through the interpreter's own exit (atexit, finalizers) with its peak memory written."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _ZYGOTE], env=_child_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def run(self, project: Path, args: list[str], env: dict[str, str], scratch: Path, timeout: float) -> Outcome:
        import json

        out, err = scratch / "stdout", scratch / "stderr"
        request = {"cwd": str(project), "args": args, "env": env, "out": str(out), "err": str(err)}
        assert self.proc.stdin is not None and self.proc.stdout is not None
        started = time.perf_counter()
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        child = json.loads(self.proc.stdout.readline())["pid"]
        timer = threading.Timer(timeout, os.kill, (child, 9))
        timer.start()
        try:
            done = json.loads(self.proc.stdout.readline())
        finally:
            timer.cancel()
        text = {path: path.read_bytes().decode("utf-8", "replace") if path.is_file() else "" for path in (out, err)}
        return Outcome(done["status"], text[out], text[err], time.perf_counter() - started, done["maxrss_kb"] / 1024)


@functools.cache
def _zygote() -> _Zygote:
    return _Zygote()


# The fork server of `run(..., forked=True)`: one JSON request per line on stdin; answers the child's pid, then its
# exit status, on stdout. Nothing runs between the import and the fork, so every child starts from the same state.
_ZYGOTE = """import json, os, sys, traceback
import generator.cli

for line in sys.stdin:
    request = json.loads(line)
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        os.chdir(request["cwd"])
        os.environ.update(request["env"])
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        for fd, name in ((1, request["out"]), (2, request["err"])):
            target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(target, fd)
            os.close(target)
        sys.argv = ["-c", *request["args"]]
        code = 1
        try:
            code = generator.cli.main()
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException:
            traceback.print_exc()
        finally:
            for status_line in open("/proc/self/status"):
                if status_line.startswith("VmHWM:"):
                    open(os.environ["RS_PEAK_FILE"], "w").write(status_line.split()[1])
        sys.exit(code)
    print(json.dumps({"pid": pid}), flush=True)
    _pid, status, usage = os.wait4(pid, 0)
    print(json.dumps({"status": os.waitstatus_to_exitcode(status), "maxrss_kb": usage.ru_maxrss}), flush=True)
"""


# Runs the CLI, then records VmHWM: the peak RSS of this program alone (Linux keeps ru_maxrss across
# fork and exec, so a child of a big pytest process would report pytest's size).
_CHILD = """import os, sys
from generator.cli import main
try:
    code = main()
finally:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            open(os.environ["RS_PEAK_FILE"], "w").write(line.split()[1])
sys.exit(code)
"""


def _run(project: Path, command: list[str], env: dict[str, str], timeout: float) -> Outcome:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=project, env=env, stdout=out, stderr=err)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _pid, wait_status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
        out.seek(0)
        err.seek(0)
        return Outcome(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_maxrss / 1024,  # KiB on Linux
        )


def tree_digest(folder: Path) -> str:
    """One hash of every file's path and bytes: equal digests mean byte-identical folders."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
