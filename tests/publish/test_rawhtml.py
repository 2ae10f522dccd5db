"""The raw HTML fast path changes how fast a page converts, never what it converts to."""

from __future__ import annotations

import tempfile
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from generator.publish.rawhtml import RawHtmlBlocks

ROOT = Path(__file__).resolve().parents[2]


def _extensions(project: Path) -> tuple[list, dict]:
    with tempfile.TemporaryDirectory() as docs:  # a fresh clone has no build/docs yet
        config = load_config(str(project / "mkdocs.yml"), docs_dir=docs)
    names = [ext for ext in config.markdown_extensions if not isinstance(ext, RawHtmlBlocks)]
    return names, dict(config.mdx_configs)


EXTENSIONS, CONFIGS = _extensions(ROOT)


def convert(text: str, fast: bool) -> tuple[str, int]:
    """The HTML MkDocs' Markdown settings make of `text`, and how many blocks the fast path stashed."""
    md = markdown.Markdown(extensions=[*EXTENSIONS, *([RawHtmlBlocks()] if fast else [])], extension_configs=CONFIGS)
    html = md.convert(text)
    stashed = md.preprocessors["reportsite_raw_html"].stashed if fast else 0
    return html, stashed


def test_every_page_of_the_real_site_converts_to_the_same_html(real_site: Path):
    pages = sorted((real_site / "build" / "docs").rglob("*.md"))
    assert len(pages) > 300
    fast_pages = 0
    for page in pages:
        text, _meta = get_data(page.read_text(encoding="utf-8"))
        html, stashed = convert(text, fast=True)
        assert html == convert(text, fast=False)[0], page.relative_to(real_site)
        fast_pages += stashed > 0
    indicators = [p for p in pages if p.parent.name == "indicators"]
    # the fast path does its work: every indicator page's tables and quotes skip the HTML parser
    assert fast_pages >= len(indicators) > 300


def test_the_site_uses_the_fast_path(real_site: Path):
    """The plugin adds the extension to the Markdown MkDocs converts pages with."""
    from mkdocs.config import load_config as load

    from generator.plugin import ReportsitePlugin

    config = load(str(real_site / "mkdocs.yml"))
    plugin = next(p for p in config.plugins.values() if isinstance(p, ReportsitePlugin))
    plugin.on_startup(command="build", dirty=False)
    try:
        plugin.on_config(config)
        plugin.on_config(config)  # `serve` configures again on every rebuild: still one instance
    finally:
        plugin.source_date.release()  # what MkDocs' on_post_build would do: SOURCE_DATE_EPOCH as it was
        plugin.on_shutdown()
    assert sum(isinstance(ext, RawHtmlBlocks) for ext in config.markdown_extensions) == 1


TABLE = '<table class="t">\n<tr><td>1</td></tr>\n</table>'


def test_blocks_markdown_must_parse_are_left_to_it():
    cases = {
        "markdown inside": '<div markdown="1">\n*emphasis*\n</div>',
        "markdown inside a child": "<div>\n<div markdown>\n*x*\n</div>\n</div>",
        "blank line inside": "<div>\n<p>a</p>\n\n<p>b</p>\n</div>",
        "two elements": "<p>a</p>\n<p>b</p>",
        "not closed": "<div>\n<p>a</p>",
        "text after the end": "<div>a</div>\n*b*",
        "text after the tag": "<div>a</div> tail",
        "comment": "<div><!-- note --></div>",
        "raw text with a tag inside": "<div>\n<pre><b>x</b></pre>\n</div>",
        "span element": "<span>a</span>",
        "indented": "   <div>a</div>",
    }
    for name, block in cases.items():
        text = f"# T\n\nbefore\n\n{block}\n\nafter *x*\n"
        html, stashed = convert(text, fast=True)
        assert stashed == 0, name
        assert html == convert(text, fast=False)[0], name


def test_self_delimiting_blocks_are_stashed_as_markdown_would_store_them():
    text = f'# T\n\n<p class="a">x &amp; y</p>\n\n{TABLE}\n\n<div markdown="0">\n<div>*raw*</div>\n</div>\n\nafter\n'
    html, stashed = convert(text, fast=True)
    assert stashed == 3
    assert html == convert(text, fast=False)[0]
    assert "<div>*raw*</div>" in html  # no Markdown inside a stashed block


FRAGMENTS = st.sampled_from(
    [
        "plain *text*",
        "## Heading { data-search-exclude }",
        '<p class="rs-x">a <a href="../b/?q=1&amp;p=2#c">b</a></p>',
        TABLE,
        '<div class="rs-cards">\n<div class="rs-card">\n<p>v</p>\n</div>\n</div>',
        '<div class="rs-o" markdown="0" data-search-exclude>\n' + TABLE + "\n</div>",
        '<div markdown="1">\n**md**\n</div>',
        "<div>\n<p>a</p>\n\n<p>b</p>\n</div>",
        "<p>a</p>\n<p>b</p>",
        "<div>open",
        "</div>",
        "<blockquote>\n<p>“quote”</p>\n</blockquote>",
        "- item\n- item",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "<!-- comment -->",
        "<div>a</div>\ntrailing *md*",
        "text <div>mid-line",
        "text </div> mid-line",
        "   <div>indented</div>",
        "    <div>code</div>",
        "<https://example.org/>",
        "<span>a</span>",
        '<hr class="rs-closing">',
        "<hr>\n<p>a</p>",
        "<details>\n<textarea readonly>&lt;iframe src=&#34;x&#34;&gt;</textarea>\n</details>",
        "<details>\n<textarea>\n<div>not a tag</div>\n</textarea>\n</details>",
        "<div>\n<pre>a < b</pre>\n</div>",
    ]
)


@pytest.mark.slow  # hypothesis examples
@settings(max_examples=300, deadline=None)
@given(st.lists(FRAGMENTS, min_size=1, max_size=8), st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n"]), max_size=8))
def test_any_mix_of_html_and_markdown_converts_the_same(fragments: list[str], gaps: list[str]):
    text = "# T\n\n" + "".join(f + (gaps[i] if i < len(gaps) else "\n\n") for i, f in enumerate(fragments))
    assert convert(text, fast=True)[0] == convert(text, fast=False)[0]
