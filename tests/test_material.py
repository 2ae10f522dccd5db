"""Everything we rely on inside Material for MkDocs, checked against the installed Material.

Our reliance on Material's internals is kept to the adapter: `site_templates/overrides/main.html` (two blocks of
`base.html` edited by a string replace, one extended, one followed by the page's 编辑此页 line),
`site_templates/assets/javascripts/workers/reportsite-search.js` (replaces Material's search worker, speaking its
messages, over the site's own index) and the MkDocs adapter's `on_page_markdown`
(`generator/publish/engines/mkdocs.py`: turns the search plugin's per-page indexing off with its `search.exclude`
page setting).
A replace that no longer matches would fail silently — the site would just lose the fix — so each test
here names one assumption and fails when a Material upgrade breaks it; fix the override, then the test.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import material

from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDE = (ROOT / "site_templates" / "overrides" / "main.html").read_text(encoding="utf-8")
OUR_WORKER = (ROOT / "site_templates" / "assets" / "javascripts" / "workers" / "reportsite-search.js").read_text(
    encoding="utf-8"
)


def block(template: str, name: str) -> str:
    """The source of one `{% block name %}` of a Material template."""
    text = (MATERIAL / template).read_text(encoding="utf-8")
    match = re.search(r"{%-?\s*block " + name + r"\s*-?%}(.*?){%-?\s*endblock\s*-?%}", text, re.S)
    assert match, f"Material's {template} has no block {name!r} any more"
    return match.group(1)


def material_worker() -> tuple[str, str]:
    """The file name and text of Material's search worker, as base.html names it."""
    (name,) = re.findall(
        r'"search": "assets/javascripts/workers/(search\.[0-9a-f]+\.min\.js)"', block("base.html", "config")
    )
    return name, (MATERIAL / "assets" / "javascripts" / "workers" / name).read_text(encoding="utf-8")


def test_the_override_edits_only_the_blocks_checked_here():
    assert OVERRIDE.startswith("{#-") and '{% extends "base.html" %}' in OVERRIDE
    assert re.findall(r"{%\s*block (\w+)", OVERRIDE) == ["header", "config", "extrahead", "content"]


def test_the_edit_line_still_follows_the_page_text_inside_the_article():
    """overrides/main.html appends 编辑此页 (the page's content files) after Material's `content` block: base.html
    must still render the page's text there, inside the article the print styles and search read."""
    assert '{% include "partials/content.html" %}' in block("base.html", "content")
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    assert base.index('<article class="md-content__inner md-typeset">') < base.index("{% block content %}")
    assert "{{ super() }}" in OVERRIDE.split("{% block content %}")[1].split("{% endblock %}")[0]


def test_the_search_index_is_still_requested_the_way_the_override_holds_it():
    """overrides/main.html (extrahead) holds Material's XMLHttpRequest for search/search_index.json until the reader
    reaches for search; a Material that fetched the index another way would load it on every page again."""
    assert "{{ super() }}" in OVERRIDE.split("{% block extrahead %}")[1].split("{% endblock %}")[0]
    block("base.html", "extrahead")  # the block the override extends
    (bundle,) = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")
    code = bundle.read_text(encoding="utf-8")
    assert "search_index.json" in code and "XMLHttpRequest" in code


def test_the_search_dialog_label_still_finds_its_element():
    """overrides/main.html adds aria-label to the search dialog, which partials/search.html renders in the header."""
    (target,) = re.findall(
        r"replace\('([^']+)', '[^']+'\)", OVERRIDE.split("{% block header %}")[1].split("{% endblock %}")[0]
    )
    assert target == 'data-md-component="search" role="dialog"'
    assert '{% include "partials/header.html" %}' in block("base.html", "header")
    assert '{% include "partials/search.html" %}' in (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    assert (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8").count(target) == 1


def test_the_search_worker_url_is_still_replaceable():
    """overrides/main.html swaps the worker URL in the `__config` JSON of the `config` block."""
    config = block("base.html", "config")
    assert 'id="__config"' in config
    assert config.count("workers/search.") == 1
    assert "replace('workers/search.', 'workers/reportsite-search.js?replaces=search.')" in OVERRIDE
    name, _ = material_worker()
    assert (MATERIAL / "assets" / "javascripts" / "workers" / name).is_file()


def _bundle() -> str:
    (bundle,) = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")
    return bundle.read_text(encoding="utf-8")


def test_materials_worker_messages_are_the_ones_ours_speaks():
    """Material's worker answers SETUP (0) with READY (1) and a QUERY (2), a string, with RESULT (3); its page
    code waits for READY and reads RESULT's items and suggest. Ours (reportsite-search.js) does the same."""
    _, worker = material_worker()
    handler = re.search(r"switch\((\w+)\.type\)\{case 0:(.*?)case 2:let (\w+)=\1\.data;", worker)
    assert handler, "Material's worker no longer handles setup as type 0 and a query string as type 2"
    assert "{type:1}" in handler.group(2)
    assert re.search(r"type:3,data:", worker), "Material's worker no longer answers with type 3"
    code = _bundle()
    assert re.search(r"\.type===1}", code) and re.search(r"\.type===3}", code)
    assert re.search(r"\(\{suggest:\w+\},\w+\)=>", code) or "suggest" in code
    assert re.search(r"var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;", OUR_WORKER)
    assert "items: toMaterial(answer), suggest: suggest" in OUR_WORKER


def test_material_shows_result_text_as_html_and_groups_by_location():
    """Our worker sends each result's text with <mark> (escaped by query.js) and a page's sections after it
    (location with #); Material inserts strings as HTML and takes the document without # as the page."""
    code = _bundle()
    assert 'typeof t=="string"||typeof t=="number")e.innerHTML+=t.toString()' in code
    assert re.search(r'\.location,\w+\.base\)\}`\.includes\("#"\)\),\[\w+\]=\w+\.splice\(', code)
    assert re.search(r'searchParams\.set\("h",Object\.entries\(\w+\.terms\)', code)  # ?h= from terms: true


def test_material_reads_the_query_on_keyup_only():
    """overrides/main.html passes an `input` event (paste, IME) on as a keyup; a Material that listened to
    input itself would make that unneeded (and the test says so)."""
    code = _bundle()
    assert re.search(r'h\(e,"keyup"\),o\)\.pipe\(m\(\(\)=>e\.value\)', code)
    assert 'new KeyboardEvent("keyup"' in OVERRIDE


def test_the_search_plugin_skips_pages_marked_exclude_before_parsing_them():
    """The plugin turns Material's per-page indexing off with `search: {exclude: true}` in each page's meta;
    Material must return before it parses the page (the ~2.5 ms a page the site's own index saves)."""
    from material.plugins.search import plugin

    source = Path(plugin.__file__).read_text(encoding="utf-8")
    add = source.split("def add_entry_from_context(self, page):")[1].split("def ")[0]
    assert add.index('if search.get("exclude"):') < add.index("parser.feed(page.content)")
    plugin_source = (ROOT / "generator" / "publish" / "engines" / "mkdocs.py").read_text(encoding="utf-8")
    assert 'page.meta["search"] = {"exclude": True}' in plugin_source


def test_material_is_the_version_the_workaround_describes():
    """The worker's comment states which Material it was written against; an upgrade re-checks it."""
    installed = version("mkdocs-material")
    assert f"Material {installed}" in OUR_WORKER
    assert f'"mkdocs-material=={installed}"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
