"""Synthetic content for the scale benchmark: N reports × M indicators of realistic Chinese plan-report text.

Every report gets its own seed text, written first, and content that passes `reportsite validate`:
each observation quotes its seed word for word, every number in the text is an observation or an
ignored year. About one indicator in twenty is also reported by the next report (another region and
year), which gives that indicator a level chart, as shared indicators have on the real site.

`make_regions_project` writes the other growth axis: one city and ten districts, three years each,
sharing one catalogue, so an indicator page has eleven regions and several years.

Usage: python bench/synthetic.py OUT --indicators 1000 [--per-report 100] | OUT --regions
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import math
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

REGIONS = [
    ("深圳市", "shenzhen", "city"), ("福田区", "futian", "district"), ("罗湖区", "luohu", "district"),
    ("南山区", "nanshan", "district"), ("盐田区", "yantian", "district"), ("宝安区", "baoan", "district"),
    ("龙岗区", "longgang", "district"), ("龙华区", "longhua", "district"), ("坪山区", "pingshan", "district"),
    ("光明区", "guangming", "district"), ("大鹏新区", "dapeng", "district"),
]  # fmt: skip
THEMES = ["经济运行", "科技创新", "产业发展", "改革开放", "城市建设", "生态环境", "民生福祉"]
SECTORS = [
    "新一代信息技术", "高端装备制造", "生物医药", "新能源汽车", "数字经济核心", "现代物流", "金融服务", "文化创意",
    "海洋经济", "低空经济", "集成电路", "智能终端", "新材料", "节能环保", "绿色低碳", "商贸流通", "会展旅游",
    "跨境电商", "人工智能", "工业互联网", "智能网联汽车", "超高清视频", "安全应急", "现代时尚", "精密仪器",
]  # fmt: skip
SCOPES = [
    "规模以上", "重点", "新兴", "骨干", "龙头", "中小", "外资", "民营", "国有控股", "高新技术",
    "专精特新", "总部型", "平台型", "链主", "上市", "孵化", "科技型", "出口型", "服务型", "创新型",
]  # fmt: skip
MEASURES = [
    "企业营业收入", "产业增加值", "固定资产投资", "研发投入", "出口总额", "进口总额", "利润总额", "税收收入",
    "项目投资额", "融资规模", "专利授权额", "技术合同成交额", "社会消费额", "新签合同额", "产品销售额",
    "服务收入", "贷款余额", "实际使用外资", "工业总产值", "营业利润",
]  # fmt: skip
VERBS = ["完成", "实现", "达到", "累计完成"]
PHRASES = [
    "坚持稳中求进工作总基调", "完整准确全面贯彻新发展理念", "扎实推进高质量发展", "统筹发展和安全",
    "持续优化市场化法治化国际化营商环境", "加快建设现代化产业体系", "着力扩大有效需求", "深化重点领域和关键环节改革",
    "切实保障和改善民生", "推动城市治理体系和治理能力现代化", "加强生态文明建设", "全力以赴拼经济促发展",
    "强化企业科技创新主体地位", "推进粤港澳大湾区建设", "促进消费持续恢复", "稳住外贸外资基本盘",
]  # fmt: skip
NUMERALS = "一二三四五六七八九十"
CHAPTER_TITLES = ["计划执行情况", "经济运行总体情况", "主要目标", "重点任务", "改革举措", "保障措施"]


def indicator_name(i: int) -> str:
    """A unique, plausible indicator name for index i (25 × 20 × 20 = 10,000 before a suffix is needed)."""
    a, b, c = i % 25, (i // 25) % 20, (i // 500) % 20  # shifted so that neighbours differ in every part
    sector, scope, measure = SECTORS[a], SCOPES[(a + b) % 20], MEASURES[(a + b + c) % 20]
    rest = i // 10_000
    return f"{sector}{scope}{measure}" + (f"（{NUMERALS[rest % 10]}类）" if rest else "")


def _indicator(i: int) -> dict[str, Any]:
    name = indicator_name(i)
    return {
        "id": f"ind-{i:05d}", "name": name, "name_en": f"Synthetic indicator {i}", "unit": "亿元",
        "theme": THEMES[i % len(THEMES)], "counts": "total",
        "definition": f"{name}：按统计部门口径计算的年度数值，用于基准测试。",
    }  # fmt: skip


def _sentence(rng: random.Random, name: str, growth: bool) -> tuple[str, str, float, float | None]:
    """`{name}完成1234.56亿元、增长6.5%` with its level quote, level and growth (or None)."""
    level = round(rng.uniform(10, 9999), 2)
    level_text = f"{name}{rng.choice(VERBS)}{level:.2f}亿元"
    if not growth:
        return level_text, level_text, level, None
    rate = round(rng.uniform(0.5, 15), 1)
    return f"{level_text}、增长{rate:.1f}%", level_text, level, rate


def _report(r: int, own: list[int], shared: list[int], names: dict[int, str], rng: random.Random) -> dict[str, Any]:
    """One report: metadata, chapters, observations and ignored years, and its seed text."""
    region, pinyin, level = REGIONS[r % len(REGIONS)]
    plan_year = 2015 + r // len(REGIONS)
    year = plan_year - 1
    report_id = f"{pinyin}-{plan_year}"
    mentions = [(i, False) for i in own] + [(i, True) for i in shared]
    rng.shuffle(mentions)
    per_paragraph, per_section, sections_per_chapter = 3, 4, 3
    paragraphs = [mentions[k : k + per_paragraph] for k in range(0, len(mentions), per_paragraph)]
    chunk = per_section * sections_per_chapter
    chapter_count = max(1, math.ceil(len(paragraphs) / chunk))
    chapters, observations, ignored = [], [], []
    seed_lines = ["正文复制", f"关于{region}{year}年国民经济和社会发展计划执行情况与{plan_year}年计划草案的报告"]
    for c in range(chapter_count):
        title = f"{year if c == 0 else plan_year}年{CHAPTER_TITLES[c % len(CHAPTER_TITLES)]}"
        chapter: dict[str, Any] = {"number": NUMERALS[c % 10] * (1 + c // 10), "title": title, "sections": []}
        seed_lines.append(f"{chapter['number']}、{title}")
        mine = paragraphs[c * chunk : (c + 1) * chunk]
        for s in range(math.ceil(len(mine) / per_section)):
            section_title = f"{rng.choice(PHRASES)}。"
            section = {"number": f"({NUMERALS[s % 10]})", "title": section_title, "paragraphs": []}
            seed_lines.append(f"{section['number']}{section_title}")
            for p, group in enumerate(mine[s * per_section : (s + 1) * per_section], start=1):
                pid = f"c{c + 1}-s{s + 1}-p{p}"
                clauses = []
                for i, is_shared in group:
                    text, quote, value, rate = _sentence(rng, names[i], growth=is_shared)
                    clauses.append(text)
                    kind = "actual"
                    base = {"indicator": f"ind-{i:05d}", "period": str(year), "kind": kind, "paragraph": pid}
                    observations.append({**base, "measure": "level", "value": value, "unit": "亿元", "quote": quote})
                    if rate is not None:
                        observations.append({**base, "measure": "growth", "value": rate, "unit": "%", "quote": text})
                lead = f"{year}年，{rng.choice(PHRASES)}，{rng.choice(PHRASES)}。"
                text = lead + "；".join(clauses) + f"。{rng.choice(PHRASES)}，{rng.choice(PHRASES)}。"
                section["paragraphs"].append({"id": pid, "text": text})
                ignored.append({"paragraph": pid, "text": str(year), "reason": "date"})
                seed_lines.append(text)
            chapter["sections"].append(section)
        chapters.append(chapter)
    report = {
        "id": report_id, "region": region, "level": level,
        "title": f"关于{region}{year}年国民经济和社会发展计划执行情况与{plan_year}年计划草案的报告",
        "short_title": f"{region}{plan_year}年计划报告", "year_covered": year, "plan_year": plan_year,
        "issuer": f"{region}发展和改革部门", "date": dt.date(plan_year, 1, 15), "seed": f"{report_id}.txt",
    }  # fmt: skip
    return {"report": report, "chapters": chapters, "observations": observations, "ignored": ignored,
            "seed": "\n".join(seed_lines) + "\n"}  # fmt: skip


def _dump(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(value, Dumper=DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_project(target: Path, indicators: int, per_report: int = 100, seed: int = 8) -> dict[str, int]:
    """Write a buildable project with `indicators` indicator pages into `target`; return its counts."""
    rng = random.Random(seed)
    shutil.copytree(ROOT / "site_templates", target / "site_templates", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "build" / "docs").mkdir(parents=True)
    names = {i: indicator_name(i) for i in range(indicators)}
    for i in range(indicators):
        _dump(target / "content" / "indicators" / f"ind-{i:05d}.yml", _indicator(i))
    reports = math.ceil(indicators / per_report)
    observations = 0
    for r in range(reports):
        own = list(range(r * per_report, min((r + 1) * per_report, indicators)))
        after = range((r + 1) * per_report, (r + 1) * per_report + per_report)
        shared = [i for i in after if i < indicators and i % 20 == 0] if r + 1 < reports else []
        observations += _write_report(target, _report(r, own, shared, names, rng))
    return {"indicators": indicators, "reports": reports, "observations": observations}


def _region_report(
    region: tuple[str, str, str], plan_year: int, levels: dict[int, float], catalogue: list[str], rng: random.Random
) -> dict[str, Any]:
    """One region's report of one year: every catalogue indicator's level and growth, growth targets for five."""
    name, pinyin, level = region
    year, report_id = plan_year - 1, f"{pinyin}-{plan_year}"
    observations: list[dict[str, Any]] = []
    paragraphs, ignored = [], []
    items = list(enumerate(catalogue))
    for p, k in enumerate(range(0, len(items), 3), start=1):
        pid, clauses = f"c1-s1-p{p}", []
        for i, indicator in items[k : k + 3]:
            rate = round(rng.uniform(2, 9), 1)
            levels[i] = round(levels[i] * (1 + rate / 100), 2)
            quote = f"{indicator}{rng.choice(VERBS)}{levels[i]:.2f}亿元、增长{rate:.1f}%"
            clauses.append(quote)
            base = {"indicator": "gdp" if i == 0 else f"reg-{i:03d}", "period": str(year), "kind": "actual",
                    "quote": quote, "paragraph": pid, "headline": i < 5}  # fmt: skip
            observations.append({**base, "measure": "level", "value": levels[i], "unit": "亿元"})
            observations.append({**base, "measure": "growth", "value": rate, "unit": "%"})
        paragraphs.append({"id": pid, "text": f"{year}年，{rng.choice(PHRASES)}。" + "；".join(clauses) + "。"})
        ignored.append({"paragraph": pid, "text": str(year), "reason": "date"})
    targets = []
    for i, indicator in items[:5]:
        rate = rng.choice([4.5, 5, 5.5, 6, 6.5, 7])
        pid, printed = f"c2-s1-p{i + 1}", f"{rate:g}%"
        targets.append({"id": pid, "text": f"——{indicator}增长{printed}左右。"})
        observations.append(
            {"indicator": "gdp" if i == 0 else f"reg-{i:03d}", "period": str(plan_year), "kind": "target",
             "measure": "growth", "value": rate, "unit": "%", "qualifier": "左右", "quote": f"{indicator}增长{printed}左右",
             "paragraph": pid, "headline": True, "target_type": "expected"}
        )  # fmt: skip
    chapters = [
        {"number": "一", "title": f"{year}年计划执行情况",
         "sections": [{"number": "(一)", "title": "经济运行总体情况。", "paragraphs": paragraphs}]},
        {"number": "二", "title": f"{plan_year}年主要目标",
         "sections": [{"number": "(一)", "title": "预期性指标。", "paragraphs": targets}]},
    ]  # fmt: skip
    seed = ["正文复制", f"关于{name}{year}年国民经济和社会发展计划执行情况与{plan_year}年计划草案的报告"]
    for c in chapters:
        seed.append(f"{c['number']}、{c['title']}")
        for sec in c["sections"]:
            seed.append(f"{sec['number']}{sec['title']}")
            seed.extend(p["text"] for p in sec["paragraphs"])
    report = {
        "id": report_id, "region": name, "level": level,
        "title": f"关于{name}{year}年国民经济和社会发展计划执行情况与{plan_year}年计划草案的报告",
        "short_title": f"{name}{plan_year}年计划报告", "year_covered": year, "plan_year": plan_year,
        "issuer": f"{name}发展和改革部门", "date": dt.date(plan_year, 1, 15), "seed": f"{report_id}.txt",
    }  # fmt: skip
    return {"report": report, "chapters": chapters, "observations": observations, "ignored": ignored,
            "seed": "\n".join(seed) + "\n"}  # fmt: skip


def make_regions_project(target: Path, years: int = 3, indicators: int = 30, seed: int = 8) -> dict[str, int]:
    """The growth axis: one city and ten districts, `years` reports each, sharing one catalogue of indicators.

    The first indicator is 地区生产总值 (id gdp), given by every report with its level, growth and a target:
    the indicator page with the most regions and years (see bench/run.py and tests/test_bench.py)."""
    rng = random.Random(seed)
    for name in ("site_templates", "generator"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "build" / "docs").mkdir(parents=True)
    catalogue = ["地区生产总值"] + [indicator_name(i) for i in range(1, indicators)]
    for i, name in enumerate(catalogue):
        entry = {**_indicator(i), "id": "gdp" if i == 0 else f"reg-{i:03d}", "name": name}
        _dump(target / "content" / "indicators" / f"{entry['id']}.yml", entry)
    observations, reports = 0, 0
    for region in REGIONS:
        scale = 30000 if region[2] == "city" else rng.uniform(500, 6000)
        levels = {i: round(scale * rng.uniform(0.05, 1) if i else scale, 2) for i in range(indicators)}
        for plan_year in range(2024, 2024 + years):
            observations += _write_report(target, _region_report(region, plan_year, levels, catalogue, rng))
            reports += 1
    return {"indicators": indicators, "reports": reports, "observations": observations}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--indicators", type=int, help="1000, or 30 with --regions")
    parser.add_argument("--per-report", type=int, default=100)
    parser.add_argument("--regions", action="store_true", help="one city and ten districts, three years each")
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists")
    if args.regions:
        print(make_regions_project(args.out, indicators=args.indicators or 30))
    else:
        print(make_project(args.out, args.indicators or 1000, args.per_report))
    return 0


def _write_report(target: Path, made: dict[str, Any]) -> int:
    """Write one made report (seed, report.yml with its sha256, chapters, observations, ignored); its observations."""
    seed_bytes = made["seed"].encode("utf-8")
    (target / "seeds").mkdir(exist_ok=True)
    (target / "seeds" / made["report"]["seed"]).write_bytes(seed_bytes)
    folder = target / "content" / "reports" / made["report"]["id"]
    _dump(folder / "report.yml", {**made["report"], "seed_sha256": hashlib.sha256(seed_bytes).hexdigest()})
    for c, chapter in enumerate(made["chapters"], start=1):
        _dump(folder / "chapters" / f"{c:02d}.yml", chapter)
    _dump(folder / "observations.yml", {"observations": made["observations"]})
    _dump(folder / "ignored.yml", {"ignored": made["ignored"]})
    return len(made["observations"])


if __name__ == "__main__":
    sys.exit(main())
