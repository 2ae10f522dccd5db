"""write_draft: a whole draft folder from each seed, valid YAML, nothing lost."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.checks.mentions import find_mentions
from generator.content.models import Chapter
from generator.extract.clean import clean_report
from generator.extract.draft import write_draft
from generator.rules.numbers import strip_ws

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = {
    "shenzhen-2024": {"chapters": 3, "sections": 18, "paragraphs": 52},
    "futian-2024": {"chapters": 3, "sections": 38, "paragraphs": 80},
}


def _seed_without_artefacts(seed: Path) -> str:
    raw = seed.read_text(encoding="utf-8")
    dropped = {r.line for r in clean_report(raw).removed}
    return strip_ws("".join(line for n, line in enumerate(raw.splitlines(), start=1) if n not in dropped))


def _texts(data: dict) -> list[str]:
    out = [f"{data['number']}{'、' if 'truncated' in data else ''}{data['title']}"]
    for p in data.get("paragraphs", []):
        out.append(f"{p.get('number', '')}{p.get('lead', '')}{p['text']}")
    for s in data.get("sections", []):
        out += _texts(s)
    for p in data.get("closing", []):  # a chapter's closing paragraphs follow its sections
        out.append(f"{p.get('number', '')}{p.get('lead', '')}{p['text']}")
    return out


def test_write_draft_on_both_seeds(tmp_path: Path) -> None:
    for report_id, expected in EXPECTED.items():
        seed = ROOT / "seeds" / f"{report_id}.txt"
        out = tmp_path / report_id
        counts = write_draft(seed, out)
        assert {k: counts[k] for k in expected} == expected
        assert counts["observations"] + counts["ignored"] == counts["mentions"]
        report = yaml.safe_load((out / "report.yml").read_text(encoding="utf-8"))
        assert report["id"] == report_id and report["plan_year"] == 2024 and report["year_covered"] == 2023
        parts = [report["title"], *(p["text"] for p in report.get("front_matter", []))]
        files = sorted((out / "chapters").glob("*.yml"))
        assert [f.name for f in files] == ["01.yml", "02.yml", "03.yml"]
        for f in files:
            data = yaml.safe_load(f.read_text(encoding="utf-8"))
            Chapter(**data)
            parts += _texts(data)
        assert data["truncated"] is True
        raw = seed.read_text(encoding="utf-8")
        assert strip_ws("".join(parts)) == _seed_without_artefacts(seed)
        observations = yaml.safe_load((out / "observations.yml").read_text(encoding="utf-8"))["observations"]
        ignored = yaml.safe_load((out / "ignored.yml").read_text(encoding="utf-8"))["ignored"]
        assert len(observations) == counts["observations"] and len(ignored) == counts["ignored"]
        assert all(strip_ws(o["quote"]) in strip_ws(raw) for o in observations)


def test_curated_chapters_match_the_extractor() -> None:
    """The committed chapter files keep every paragraph text the extractor finds, in order."""
    for report_id in EXPECTED:
        folder = ROOT / "content" / "reports" / report_id
        parts: list[str] = []
        for f in sorted((folder / "chapters").glob("*.yml")):
            parts += _texts(yaml.safe_load(f.read_text(encoding="utf-8")))
        report = yaml.safe_load((folder / "report.yml").read_text(encoding="utf-8"))
        parts = [report["title"], *(p["text"] for p in report.get("front_matter", [])), *parts]
        assert strip_ws("".join(parts)) == _seed_without_artefacts(ROOT / "seeds" / f"{report_id}.txt"), report_id
        assert sum(len(find_mentions(p)) for p in parts) > 100


def test_a_list_announced_as_estimates_is_drafted_as_estimates(tmp_path: Path) -> None:
    from generator.extract.draft import announces_estimates

    assert announces_estimates("主要指标预计完成情况如下：")  # the Futian seed
    assert announces_estimates("（不是原文）全年主要经济指标预计如下:")
    assert not announces_estimates("主要目标如下：") and not announces_estimates("预计实现800亿元。")
    write_draft(ROOT / "seeds" / "futian-2024.txt", tmp_path / "futian")
    observations = yaml.safe_load((tmp_path / "futian" / "observations.yml").read_text(encoding="utf-8"))
    kinds = {o["paragraph"]: o["kind"] for o in observations["observations"]}
    # ——地区生产总值5704.55亿元； … ——万元GDP建设用地下降4.0%左右； under 主要指标预计完成情况如下：
    assert [kinds[f"c1-p{n}"] for n in range(3, 10)] == ["estimate"] * 7
    assert kinds["c1-s1-p1"] == "actual"


def test_share_of_is_proposed_only_where_part_and_whole_are_both_printed() -> None:
    from generator.extract.draft import checkable_shares

    def obs(indicator: str, measure: str, **extra: object) -> dict:
        return {"indicator": indicator, "period": 2024, "kind": "actual", "measure": measure, **extra}

    # 占GDP比重41.9% with the part's value printed: validate can check it
    kept = [obs("sei", "level", value=1.45), obs("gdp", "level", value=3.46), obs("sei", "share", share_of="gdp")]
    checkable_shares(kept)
    assert kept[2]["share_of"] == "gdp"
    # the part's value is not printed (only its growth): no share_of, so no check that cannot be met
    dropped = [obs("sei", "growth", value=8.8), obs("gdp", "level", value=3.46), obs("sei", "share", share_of="gdp")]
    checkable_shares(dropped)
    assert "share_of" not in dropped[2] and dropped[2]["measure"] == "share"
