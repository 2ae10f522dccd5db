"""The site's own search index (generator/output/searchindex.py) and its query code (search/query.js).

Engine-neutral: the index is built here from the model of the built project's content, with no MkDocs; the
query code runs in Node over the index the real build wrote, as the browser's worker runs it. Ranking is
checked against the texts of the results themselves: a result whose texts hold the whole query is a phrase
match, one that holds only some of its words a fragment-only match.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from search_queries import PHRASES, SEARCHES, misses, needs_node, run_queries

from conftest import ROOT


@pytest.fixture(scope="module")
def answers(real_site: Path) -> dict[str, dict[str, Any]]:
    queries = [q for q, _, _ in SEARCHES + PHRASES]
    return {a["query"]: a for a in run_queries(real_site / "site", queries)}


def _plain(html: str) -> str:
    import re

    return re.sub(r"<[^>]+>", "", html).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def test_the_index_is_built_from_the_model_alone_without_any_site_engine(real_site: Path):
    """A fresh process loads the built project's content, builds the model and the index: no MkDocs, no Material."""
    code = f"""
import sys, json
from pathlib import Path
from generator.content.load import load_content
from generator.model.site import build_model
from generator.output.searchindex import build_index, records_of
model = build_model(load_content(Path({str(real_site)!r})))
files = build_index(records_of(model))
engines = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'zensical'))
manifest = json.loads(files['search/index.json'])
print(json.dumps({{'engines': engines, 'manifest': manifest, 'files': sorted(files)}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["engines"] == []
    manifest = result["manifest"]
    version = manifest["version"]
    counts = manifest["words"] + manifest["postings"] + len(manifest["records"]) + len(manifest["texts"])
    assert len(result["files"]) == 1 + counts
    for name in ("w0", "p0", "r0", "x0"):
        assert f"search/{version}/{name}.json" in result["files"]


def test_an_indicator_record_holds_its_names_and_latest_values_as_printed(real_site: Path):
    from generator.content.load import load_content
    from generator.model.site import build_model
    from generator.output.searchindex import NAME, TEXT, records_of

    records = {r.url: r for r in records_of(build_model(load_content(real_site)))}
    gdp = records["indicators/gdp/"]
    assert gdp.title == "地区生产总值" and "深圳市 2023年 3.46万亿元" in gdp.answer
    names = [u.text for u in gdp.units if u.kind == NAME]
    assert names[0] == "地区生产总值" and "GDP" in names
    chapter = records["reports/shenzhen-2024/c1/"]
    paragraphs = [u for u in chapter.units if u.kind == TEXT]
    assert paragraphs and all(u.anchor for u in paragraphs)  # each paragraph keeps its anchor on the page
    assert any("3.46万亿元" in u.text for u in paragraphs)
    views = build_model(load_content(real_site)).indicator_views("gdp")
    indexed = " ".join(u.text for u in gdp.units)
    assert views and all(v.obs.quote not in indexed for v in views)  # quotes are found on their chapter page


def test_the_built_site_has_the_index_and_material_indexes_no_page(real_site: Path):
    site = real_site / "site" / "search"
    manifest = json.loads((site / "index.json").read_text(encoding="utf-8"))
    assert (site / manifest["version"] / "p0.json").is_file()
    material = json.loads((site / "search_index.json").read_text(encoding="utf-8"))
    assert material["docs"] == [] and material["config"]["lang"]  # its dialog and highlighting read the config


@needs_node
def test_held_out_queries_find_their_page_in_the_first_five(real_site: Path):
    assert misses(real_site / "site", SEARCHES + PHRASES) == []


@needs_node
def test_no_fragment_only_result_above_a_phrase_match_in_the_first_five(answers: dict[str, dict[str, Any]]):
    """For every query of the test set: judged by the result's own texts (its title and what it shows)."""
    from generator.output.searchindex import fold

    wrong = []
    for query, _, _ in SEARCHES + PHRASES:
        parts = fold(query).split()
        seen_fragment = None
        for result in answers[query]["results"][:5]:
            shown = fold(_plain(result["title"] + " " + result["text"]))
            whole = all(part in shown for part in parts)
            if whole and seen_fragment:
                wrong.append(f"{query}: {result['url']} (整词) 排在 {seen_fragment} (仅片段) 之后")
            if not whole:
                seen_fragment = seen_fragment or result["url"]
    assert wrong == []


@needs_node
def test_an_exact_name_or_alias_comes_first(answers: dict[str, dict[str, Any]]):
    for query, what, expected in SEARCHES:
        if what in ("indicator name", "alias") and expected.endswith("/"):
            first = answers[query]["results"][0]
            assert first["url"] == expected, (query, [r["url"] for r in answers[query]["results"][:3]])


@needs_node
def test_results_answer_with_values_and_marked_sentences(answers: dict[str, dict[str, Any]]):
    gdp = answers["地区生产总值"]["results"][0]
    assert gdp["url"] == "indicators/gdp/"
    assert "深圳市 2023年 3.46万亿元" in _plain(gdp["text"])
    chapter = next(r for r in answers["3.46万亿元"]["results"] if r["url"].startswith("reports/"))
    assert "<mark>3.46万亿元</mark>" in chapter["text"] and chapter["anchor"]
    assert len(_plain(chapter["text"])) < 200  # the sentence, not the paragraph
    for answer in answers.values():
        for result in answer["results"]:
            assert "¶" not in result["text"] and "\u200b" not in result["text"]
            assert "<" not in _plain(result["text"])  # text is escaped; only <mark>/<br> are markup


@needs_node
def test_one_query_fetches_a_small_part_of_the_index(answers: dict[str, dict[str, Any]], real_site: Path):
    site = real_site / "site"
    total = sum(len(gzip.compress(p.read_bytes())) for p in (site / "search").rglob("*.json"))
    fetched = answers["地区生产总值"]["fetched"]
    gzipped = sum(len(gzip.compress((site / url).read_bytes())) for url, _ in fetched)
    assert gzipped < total / 4, (fetched, gzipped, total)
