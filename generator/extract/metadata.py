"""Read a report's metadata from its text: title, region and level, years, speaker.

Written for the genre, not for one report: plan reports (`关于…计划执行情况与…计划草案的报告`,
`…计划（草案）报告`) and government work reports (`政府工作报告`), with or without the newspaper and
PDF header lines (removed by `clean`, or run into the title line), the occasion line (`——2024年1月29日在深圳市
第七届人民代表大会第五次会议上`, with or without the dashes) and the speaker line (`深圳市市长 覃伟中`,
`深圳市发展和改革委员会主任 郭子平`). What cannot be read stays `None` (the draft writes `TODO`), never a guess:
the region comes from the title, the occasion line or the speaker line, never from a newspaper's name (深圳特区报);
a government work report plans the year its congress meets.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from generator.extract.structure import Draft
from generator.rules.artefacts import without_artefacts

REGION_RE = re.compile(r"(?P<region>[\u4e00-\u9fff]{1,6}?(?:市|区|县|州|盟|旗))")
TITLE_REGION_RE = re.compile(r"^(?:关于)?(?P<region>[\u4e00-\u9fff]{1,6}?(?:市|区|县))(?=\d|[\u4e00-\u9fff])")
NOT_REGION = ("特区", "社区", "园区", "城区", "片区", "辖区", "地区", "新区报")
YEAR_COVERED_RES = (
    re.compile(r"(?P<y>\d{4})年(?:国民经济和社会发展)?计划执行情况"),
    re.compile(r"^(?P<y>\d{4})年(?:工作)?回顾"),
    re.compile(r"过去一年|^(?P<y>\d{4})年工作总结"),
)
PLAN_YEAR_RES = (
    re.compile(r"与(?P<y>\d{4})年(?:国民经济和社会发展)?计划"),
    re.compile(r"(?P<y>\d{4})年(?:国民经济和社会发展)?计划(?:（|\()?草案"),
    re.compile(r"^(?P<y>\d{4})年(?:工作安排|主要目标|重点工作|工作任务|总体要求)"),
)
SPEAKER_RE = re.compile(
    r"^(?P<issuer>\S+?(?:委员会|局|政府|办公室|办|市|区|县))(?P<role>主任|副主任|局长|副局长|市长|区长|县长|代市长|代区长)\s*(?P<speaker>[\u4e00-\u9fff]{2,4})$"
)
# The occasion line: `——2024年1月29日在深圳市第七届人民代表大会第五次会议上`, printed with or without the dashes,
# in brackets or not; the region holding the congress is the report's (a district of a city: the district).
DATELINE_RE = re.compile(
    r"^[—－\-\s（(]*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?P<occasion>在.+?上)?\s*[）)]?$"
)
OCCASION_REGION_RE = re.compile(
    r"在(?:[\u4e00-\u9fff]{1,6}?[省市])?(?P<region>[\u4e00-\u9fff]{1,6}?(?:市|区|县))第[一二三四五六七八九十\d]+届人民代表大会"
)
# Lines of a PDF export (a file name, a page count) are never the title.
NOT_TITLE_RE = re.compile(r"\.pdf$|^第\s*\d+\s*页|/", re.IGNORECASE)
PAST_YEAR = "过去一年"
GOVERNMENT_REPORT = "政府工作报告"
TITLE_END = "报告"


def _region(text: str) -> str | None:
    match = TITLE_REGION_RE.match(text)
    if not match or any(match["region"].endswith(word) for word in NOT_REGION):
        return None
    return match["region"]


def level_of(region: str) -> str:
    """city for 市, district for 区 and 县 (the two levels the site compares)."""
    return "city" if region.endswith("市") else "district"


def _first_year(patterns: tuple[re.Pattern[str], ...], texts: list[str]) -> int | None:
    for text in texts:
        for pattern in patterns:
            match = pattern.search(text)
            if match and match.groupdict().get("y"):
                return int(match["y"])
    return None


def _title(draft: Draft) -> str:
    """The report's title: the first line that ends with 报告, without a newspaper's page line run into it;
    a header line before it (a newspaper's, a PDF's) is not the title."""
    for text in [draft.title, *(p.text for p in draft.front_matter[:6])]:
        text = without_artefacts(text.strip())  # a newspaper's page line run into the title
        if text.endswith(TITLE_END) and not NOT_TITLE_RE.search(text):
            return text
    return ""


def dateline(text: str) -> tuple[dt.date, str | None] | None:
    """(date, occasion) of a dateline (`——2024年1月29日在…会议上`, also without `——` or in brackets)."""
    match = DATELINE_RE.match(text.replace("\u3000", " ").strip())
    if not match:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"])), match["occasion"]
    except ValueError:  # 2月30日: not a date the text can mean; left for the editor
        return None


def read_metadata(draft: Draft) -> dict[str, Any]:
    """title, region, level, year_covered, plan_year, issuer, speaker — None where the text does not say."""
    speaker: dict[str, str] = {}
    for paragraph in draft.front_matter:
        match = SPEAKER_RE.match(paragraph.text.replace("\u3000", " ").strip())
        if match:
            speaker = {"issuer": match["issuer"], "role": match["role"], "speaker": match["speaker"]}
            break
    title = _title(draft)
    dated = next((d for d in map(dateline, (p.text for p in draft.front_matter[:8])) if d), None)
    occasion = dated[1] if dated else None
    region = _region(title)
    if region is None and occasion and (match := OCCASION_REGION_RE.search(occasion)):
        region = match["region"] if not any(match["region"].endswith(w) for w in NOT_REGION) else None
    if region is None and speaker:
        region = _region(speaker["issuer"]) or (speaker["issuer"] if speaker["issuer"][-1] in "市区县" else None)
    headings = [chapter.title for chapter in draft.chapters]
    government = GOVERNMENT_REPORT in title
    year_covered = _first_year(YEAR_COVERED_RES, [title, *headings])
    plan_year = _first_year(PLAN_YEAR_RES, [title, *headings])
    if government and plan_year is None and dated:
        plan_year = dated[0].year  # a government work report plans the year of its congress
    if year_covered is None and plan_year and any(h.startswith(PAST_YEAR) for h in headings):
        year_covered = plan_year - 1
    issuer = speaker.get("issuer")
    if speaker.get("role") in ("市长", "区长", "县长", "代市长", "代区长") and region:
        issuer = f"{region}人民政府"
    return {
        "title": title or None,
        "region": region,
        "level": level_of(region) if region else None,
        "year_covered": year_covered,
        "plan_year": plan_year,
        "issuer": issuer,
        "speaker": speaker.get("speaker"),
        "government_report": government,
        "date": dated[0] if dated else None,
        "occasion": occasion,
    }
