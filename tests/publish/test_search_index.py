"""The search index stays lean: UTF-8 text, and no tables or quotes that repeat the chapter text."""

import json
from pathlib import Path

from generator.content.load import load_content
from generator.model.site import build_model


def test_search_index_is_plain_utf8(real_site: Path):
    raw = (real_site / "site" / "search" / "search_index.json").read_bytes()
    assert "地区生产总值".encode() in raw  # Material alone writes it as \u5730\u533a…
    assert json.loads(raw)["docs"]


def test_indicator_pages_index_their_facts_but_not_their_data_tables_and_quotes(real_site: Path):
    index = json.loads((real_site / "site" / "search" / "search_index.json").read_bytes())
    gdp_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("indicators/gdp/"))
    gdp = load_content(real_site).indicators["gdp"]
    assert gdp.definition.replace(" ", "") in gdp_text.replace("\u200b", "").replace(" ", "")
    views = build_model(load_content(real_site)).indicator_views("gdp")
    assert views
    plain = gdp_text.replace("\u200b", "")
    for view in views:
        assert view.obs.quote not in plain  # the quotes are indexed once, on their chapter page
