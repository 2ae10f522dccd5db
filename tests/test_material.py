"""Everything we rely on inside Material for MkDocs, checked against the installed Material.

Our reliance on Material's internals is kept to two files that point at each other:
`site_templates/overrides/main.html` (two blocks of `base.html` edited by a string replace, one extended, one
followed by the page's 编辑此页 line) and
`site_templates/assets/javascripts/workers/reportsite-search.js` (wraps Material's search worker).
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
    assert "replace('workers/search.', 'workers/reportsite-search.js?material=search.')" in OVERRIDE
    name, _ = material_worker()
    assert (MATERIAL / "assets" / "javascripts" / "workers" / name).is_file()


def test_materials_worker_speaks_the_messages_ours_rewrites():
    """Our worker wraps `addEventListener("message")` and rewrites SETUP (0) and QUERY (2) messages."""
    _, worker = material_worker()
    assert re.search(r'(?<![.\w])addEventListener\("message",', worker), "Material's worker listens differently"
    handler = re.search(r"switch\((\w+)\.type\)\{case 0:(.*?)case 2:let (\w+)=\1\.data;", worker)
    assert handler, "Material's worker no longer handles setup as type 0 and a query string as type 2"
    assert "{type:1}" in handler.group(2) and f"{handler.group(1)}.data.config" in handler.group(2)
    assert re.search(r"var SETUP = 0, QUERY = 2;", OUR_WORKER)
    assert "importScripts(material)" in OUR_WORKER


def test_material_is_the_version_the_workaround_describes():
    """The worker's comment states which Material it was written against; an upgrade re-checks it."""
    installed = version("mkdocs-material")
    assert f"Material {installed}" in OUR_WORKER
    assert f'"mkdocs-material=={installed}"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
