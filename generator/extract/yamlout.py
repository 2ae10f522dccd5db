"""Write a Draft as content files: report.yml (metadata read from the text) and chapters/NN.yml.

The YAML is written for people: Chinese stays readable (allow_unicode), keys keep the order of
content/README.md, and every paragraph text is one line (width=1000), so a review diff shows one
paragraph per changed line. Only the folder passed in is written to.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from generator.extract.clean import CleanResult
from generator.extract.metadata import dateline, read_metadata
from generator.extract.structure import Chapter, Draft, Paragraph, Section

MASKED_WORDS: dict[str, str] = {
    "X的二十大": "原文“X的二十大”中的“X”为原文遮蔽，应为“党”（党的二十大）。",
    "最大的ZZ": "原文“最大的ZZ”中的“ZZ”为原文遮蔽，应为“政治”（最大的政治）。",
}
MASKED_REPORT_NOTE = (
    "原文有词语被遮蔽：“X的二十大”即“党的二十大”，“最大的ZZ”即“最大的政治”。"
    "本站照原文照录，不作改动，只在相关段落加注说明。"
)
CN_DATE_RE = re.compile(r"^(?P<y>[〇一二三四五六七八九零]{4})年(?P<m>[一二三四五六七八九十]{1,2})月$")
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def dump_yaml(data: Any) -> str:
    """YAML text in the project style: readable Chinese, source key order, one paragraph per line."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def paragraph_dict(paragraph: Paragraph) -> dict[str, Any]:
    """A paragraph in content order (id, number, lead, text, note); empty fields are left out."""
    out: dict[str, Any] = {"id": paragraph.id}
    if paragraph.number:
        out["number"] = paragraph.number
    if paragraph.lead:
        out["lead"] = paragraph.lead
    out["text"] = paragraph.text
    if paragraph.note:
        out["note"] = paragraph.note
    return out


def section_dict(section: Section) -> dict[str, Any]:
    """A section with its paragraphs and nested sections (empty lists left out)."""
    out: dict[str, Any] = {"number": section.number, "title": section.title}
    if section.paragraphs:
        out["paragraphs"] = [paragraph_dict(p) for p in section.paragraphs]
    if section.sections:
        out["sections"] = [section_dict(s) for s in section.sections]
    return out


def chapter_dict(chapter: Chapter) -> dict[str, Any]:
    """A chapter file's data."""
    return {
        "number": chapter.number,
        "title": chapter.title,
        "truncated": chapter.truncated,
        "paragraphs": [paragraph_dict(p) for p in chapter.paragraphs],
        "sections": [section_dict(s) for s in chapter.sections],
    }


def annotate_masked(draft: Draft) -> int:
    """Add an editor note to every paragraph that contains a masked word; returns how many."""
    count = 0
    for paragraph in [*draft.front_matter, *(p for _, p in draft.paragraphs())]:
        notes = [note for word, note in MASKED_WORDS.items() if word in paragraph.full_text]
        if notes:
            paragraph.note = "".join(notes)
            count += 1
    return count


def _cn_number(text: str) -> int:
    if all(c in CN_DIGITS for c in text):
        return int("".join(str(CN_DIGITS[c]) for c in text))
    if text.startswith("十"):
        return 10 + (CN_DIGITS[text[1]] if len(text) > 1 else 0)
    return CN_DIGITS[text[0]] * 10 + (CN_DIGITS[text[2]] if len(text) > 2 else 0)


def report_skeleton(draft: Draft, clean: CleanResult, seed_path: Path, reading: Draft | None = None) -> dict[str, Any]:
    """report.yml data with everything the text itself says; the rest is left for the editor.

    Unknown required fields get a visible `TODO` value so the validator flags them. `reading` (the draft in
    simplified characters, for a traditional seed) is what the metadata is read from; the title stays as printed.
    """
    raw = seed_path.read_bytes()
    meta = read_metadata(reading or draft)
    if reading is not None and meta["title"]:  # the same line as printed (the conversion keeps positions)
        title: str = meta["title"]
        pairs = zip(
            [draft.title, *(p.text for p in draft.front_matter)],
            [reading.title, *(p.text for p in reading.front_matter)],
            strict=False,
        )
        meta["title"] = next(
            (
                o.strip()[-len(title) :]
                for o, r in pairs
                if r.strip().endswith(title) and len(o.strip()) == len(r.strip())
            ),
            title,
        )
    region = meta["region"] or "TODO"
    plan_year = meta["plan_year"]
    kind = "政府工作报告" if meta["government_report"] else "计划报告"
    report: dict[str, Any] = {
        "id": seed_path.stem,
        "region": region,
        "level": meta["level"] or "TODO",
        "title": meta["title"] or "TODO",
        "short_title": f"{region}{plan_year}年{kind}" if plan_year and meta["region"] else "TODO",
        "year_covered": meta["year_covered"] if meta["year_covered"] else "TODO",
        "plan_year": plan_year if plan_year else "TODO",
        "issuer": meta["issuer"] or "TODO",
        "date": None,
        "seed": seed_path.name,
        "seed_sha256": hashlib.sha256(raw).hexdigest(),
    }
    if meta["speaker"]:
        report["speaker"] = meta["speaker"]
    notes: list[str] = []
    for paragraph in draft.front_matter:
        text = paragraph.text
        if dated := dateline(text):
            report["date"] = dated[0]
            if dated[1]:
                report["occasion"] = dated[1]
        elif match := CN_DATE_RE.match(text):
            report["date"] = dt.date(_cn_number(match["y"]), _cn_number(match["m"]), 1)
            notes.append(f"原文落款日期仅为“{text}”，日期按该月1日记。")
    if clean.publication:
        report["publication"] = clean.publication
    if draft.front_matter:
        report["front_matter"] = [paragraph_dict(p) for p in draft.front_matter]
    if any(word in draft_words for draft_words in _all_texts(draft) for word in MASKED_WORDS):
        notes.append(MASKED_REPORT_NOTE)
    if notes:
        report["notes"] = notes
    order = ["id", "region", "level", "title", "short_title", "year_covered", "plan_year", "issuer",
             "speaker", "date", "occasion", "publication", "seed", "seed_sha256", "front_matter", "notes"]  # fmt: skip
    return {key: report[key] for key in order if key in report}


def _all_texts(draft: Draft) -> list[str]:
    return [p.full_text for p in draft.front_matter] + [p.full_text for _, p in draft.paragraphs()]


def write_report_files(draft: Draft, report: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write report.yml and chapters/NN.yml under out_dir; returns the written paths."""
    chapters_dir = out_dir / "chapters"
    chapters_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / "report.yml"]
    written[0].write_text(dump_yaml(report), encoding="utf-8")
    for n, chapter in enumerate(draft.chapters, start=1):
        path = chapters_dir / f"{n:02d}.yml"
        path.write_text(dump_yaml(chapter_dict(chapter)), encoding="utf-8")
        written.append(path)
    return written
