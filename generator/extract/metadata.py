"""Read a report's metadata from its text: title, region and level, years, speaker.

Written for the genre, not for one report: plan reports (`关于…计划执行情况与…计划草案的报告`,
`…计划（草案）报告`) and government work reports (`政府工作报告`), with or without the newspaper and
PDF header lines (removed by `clean`), the occasion line and the speaker line (`深圳市市长 覃伟中`,
`深圳市发展和改革委员会主任 郭子平`). What cannot be read stays `None` (the draft writes `TODO`), never a guess:
the region comes from the title or the speaker line, never from a newspaper's name (深圳特区报).
"""

from __future__ import annotations

import re
from typing import Any

from generator.extract.structure import Draft

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
    """The report's title: the first line that ends with 报告 (a header line before it is not the title)."""
    for text in [draft.title, *(p.text for p in draft.front_matter[:6])]:
        if text.endswith(TITLE_END):
            return text
    return ""


def read_metadata(draft: Draft) -> dict[str, Any]:
    """title, region, level, year_covered, plan_year, issuer, speaker — None where the text does not say."""
    speaker: dict[str, str] = {}
    for paragraph in draft.front_matter:
        match = SPEAKER_RE.match(paragraph.text.replace("\u3000", " ").strip())
        if match:
            speaker = {"issuer": match["issuer"], "role": match["role"], "speaker": match["speaker"]}
            break
    title = _title(draft)
    region = _region(title)
    if region is None and speaker:
        region = _region(speaker["issuer"]) or (speaker["issuer"] if speaker["issuer"][-1] in "市区县" else None)
    headings = [chapter.title for chapter in draft.chapters]
    year_covered = _first_year(YEAR_COVERED_RES, [title, *headings])
    plan_year = _first_year(PLAN_YEAR_RES, [title, *headings])
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
        "government_report": GOVERNMENT_REPORT in title,
    }
