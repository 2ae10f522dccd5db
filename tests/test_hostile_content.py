"""Hostile-but-valid content (tests/hostile.py): every payload lands as text, nothing runs.

The project is built once with `reportsite build`; the built HTML, search index, front matter, chart
specs and SVGs are parsed and checked, then a real Chromium loads every page, hovers a chart bar
(Vega tooltip) and searches for the payloads: no dialog, no console message from a payload, no
element or attribute the site did not write, and each payload readable as text.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hostile import ALL_MARKERS, TEXT, TEXT_PAYLOADS, TITLE, TITLE_PAYLOADS, hostile_files
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from search_queries import needs_node, run_queries

from conftest import CHROMIUM, ROOT, soup, wait_until_settled, write_project
from generator.cli import main

pytestmark = pytest.mark.slow  # a site built from hostile content (module fixture)

# Elements a payload would create; the site itself writes none of them
FOREIGN = ("iframe", "object", "embed", "style", "base", "svg[onload]", "img[src='x']", "a[href^='javascript:']")
# vega-embed adds its own two stylesheets to <head> when a chart renders
LIVE_STYLE = "style:not(head > #vega-embed-style):not(head > #vega-tooltip-style)"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_project(tmp_path_factory.mktemp("hostile") / "project", hostile_files())
    assert main(["--project", str(project), "validate"]) == 0
    assert main(["--project", str(project), "build"]) == 0
    return project


def html(site: Path, url: str) -> BeautifulSoup:
    return soup(site / "site" / url / "index.html")


def pages(site: Path) -> list[Path]:
    return sorted((site / "site").rglob("*.html"))


def injected(parsed: BeautifulSoup) -> list[str]:
    """Everything in a page that only a payload could have put there."""
    found = []
    for el in parsed.find_all(True):
        for name, value in el.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{el.name} {name}>")
            script_url = str(value).strip().lower().startswith("javascript:") and value != "javascript:void(0)"
            if name in ("href", "src", "action", "formaction") and script_url:  # void(0): Material's share button
                found.append(f"<{el.name} {name}={value}>")
        if el.name == "script" and "xss" in el.decode():
            found.append(el.decode()[:80])
    found += [el.decode()[:80] for selector in FOREIGN for el in parsed.select(selector)]
    return found


def test_no_page_has_an_element_or_attribute_from_a_payload(site: Path):
    assert len(pages(site)) >= 8
    for path in pages(site):
        assert injected(soup(path)) == [], path


def test_paragraph_text_lead_and_number_are_shown_exactly(site: Path):
    paragraph = html(site, "reports/mini-2024/c1").find(id="c1-s1-p1")
    expected = TEXT_PAYLOADS[1][1] + TEXT_PAYLOADS[6][1] + "地区生产总值3.46万亿元" + TEXT
    assert paragraph.get_text().removesuffix("¶").startswith(expected)
    # the observed numbers are still links to their indicator inside the payload-laden text
    assert [a.get_text() for a in paragraph.select("a.rs-num")] == ["3.46", "6.0", "1.05"]


def test_headings_titles_and_navigation_show_titles_exactly(site: Path):
    page = html(site, "reports/mini-2024/c1")
    assert page.find("h1").get_text().removesuffix("¶") == "一、执行情况" + TITLE
    assert page.find("h2").get_text().removesuffix("¶") == "(一)经济" + TITLE_PAYLOADS[3][1]
    toc = [a.get_text(strip=True) for a in page.select("nav.md-nav--secondary a.md-nav__link")]
    assert set(toc) == {"(一)经济" + TITLE_PAYLOADS[3][1].strip()}  # the toc shows once per sidebar
    assert page.title.get_text().startswith("一、执行情况" + TITLE_PAYLOADS[0][1])
    nav = [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]
    assert "一、执行情况" + TITLE.strip() in nav


def test_notes_definition_quotes_and_tags_are_text(site: Path):
    report = html(site, "reports/mini-2024")
    assert [p.get_text() for p in report.select(".admonition.note p")][1:] == [TEXT, "注" + TEXT_PAYLOADS[5][1]]
    assert TEXT[:280] in report.get_text()  # issuer
    indicator = html(site, "indicators/gdp")
    cells = {tr.th.get_text(): tr.td.get_text() for tr in indicator.select("table.rs-facts tr")}
    assert cells["定义"] == "定义" + TEXT
    assert {t.get_text(strip=True) for t in indicator.select(".md-tag")} >= {p.strip() for _, p in TITLE_PAYLOADS}
    quotes = [q.p.get_text() for q in indicator.select("blockquote.rs-quote")]
    assert "“地区生产总值 3.46 万亿元" + TEXT + "”" in quotes
    notes = [n.get_text() for n in indicator.select("blockquote .rs-note")]
    assert "编者注：注" + TEXT in notes
    retail = html(site, "indicators/retail-sales")
    assert TEXT_PAYLOADS[2][1] in retail.get_text()  # a qualitative target's text
    assert "1.05万亿元" + TEXT_PAYLOADS[1][1] in retail.get_text()  # a unit


@needs_node
def test_search_results_hold_payloads_as_escaped_text(site: Path):
    """Material inserts search results with innerHTML: every payload is in the site's own index as data, and the
    results our query code makes from it (titles, snippets, sections) hold payloads as entities, whatever a reader
    searches for — the payloads' markers, or the words of the markup they carry."""
    stored = "".join(p.read_text(encoding="utf-8") for p in (site / "site" / "search").rglob("*.json"))
    assert [m for m in ALL_MARKERS if m not in stored] == []
    words = ["script", "alert", "img", "svg", "iframe", "onclick", "javascript", "onmouseover", "style"]
    answers = run_queries(site / "site", [*ALL_MARKERS, *words])
    assert all(answer["results"] for answer in answers if answer["query"] in words)
    for answer in answers:
        for result in answer["results"]:
            for key in ("title", "text", "section"):
                parsed = soup(result[key])
                assert injected(parsed) == [] and not parsed.select("script, img, svg, a[href]"), result[key][:200]


def test_front_matter_is_plain_yaml_data(site: Path):
    text = (site / "build/docs/reports/mini-2024/c1.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta.pop("title") == "一、执行情况" + TITLE
    # the link-preview description (the chapter's first sentence) is HTML-escaped: Material prints it raw
    description = meta.pop("description")
    assert "<" not in description and ">" not in description and "&lt;script&gt;" in description
    # 编辑此页: the content files it is made from, paths the generator wrote, not text from the content
    assert meta.pop("sources") == [
        "content/reports/mini-2024/chapters/01.yml",
        "content/reports/mini-2024/observations.yml",
    ]
    assert meta == {}


def test_chart_specs_and_static_svgs_hold_text_only(site: Path):
    specs = sorted((site / "site").rglob("*.vl.json"))
    svgs = sorted((site / "site").rglob("*.svg"))
    assert specs and len(specs) == len(svgs)
    for path in specs:
        spec = json.loads(path.read_text(encoding="utf-8"))
        assert "signal" not in json.dumps(spec["title"]) and "expr" not in json.dumps(spec["title"])
    level = json.loads((site / "site/indicators/gdp/gdp-level.vl.json").read_text(encoding="utf-8"))
    assert level["title"] == f"地区生产总值{TITLE}（万亿元）"
    for path in svgs:
        parsed = soup(path)
        assert not parsed.find_all(["script", "foreignObject", "iframe"]), path
        assert not [a for el in parsed.find_all(True) for a in el.attrs if a.lower().startswith("on")], path
    growth = (site / "site/indicators/gdp/gdp-growth.svg").read_text(encoding="utf-8")
    assert "&quot; onmouseover=&quot;alert('xss-tquote')&quot;" in growth


# --- in a real browser ------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class Watch:
    """A page that records every dialog and console message (a fired payload shows up in one)."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.on("pageerror", lambda e: self.console.append(str(e)))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def foreign(self) -> list[str]:
        """Elements and attributes in the live DOM that only a payload could have made."""
        return self.page.evaluate(
            """(selectors) => {
              const out = [];
              for (const el of document.querySelectorAll('*')) {
                for (const a of el.attributes) {
                  if (a.name.toLowerCase().startsWith('on')) out.push(el.tagName + '[' + a.name + ']');
                  if (['href', 'src'].includes(a.name) && /^\\s*javascript:/i.test(a.value)
                      && a.value !== 'javascript:void(0)') out.push(el.tagName + '[' + a.name + ']');
                }
                if (el.tagName === 'SCRIPT' && el.outerHTML.includes('xss')) out.push('script');
              }
              for (const s of selectors) for (const el of document.querySelectorAll(s)) out.push(s);
              return out;
            }""",
            [LIVE_STYLE if s == "style" else s for s in FOREIGN],
        )

    def assert_clean(self) -> None:
        assert self.dialogs == []
        assert [m for m in self.console if "xss" in m] == []
        assert self.foreign() == []


PAGES = ["", "reports/mini-2024/", "reports/mini-2024/c1/", "reports/mini-2024/c2/", "indicators/",
         "indicators/gdp/", "indicators/retail-sales/", "about/"]  # fmt: skip


@pytest.mark.browser
@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian chromium")
@pytest.mark.parametrize("url", PAGES)
def test_no_payload_runs_in_a_browser_and_each_reads_as_text(browser, server: str, site: Path, url: str):
    watch = Watch(browser)
    watch.page.goto(server + url)
    watch.page.wait_for_load_state("networkidle")
    if html(site, url).select(".rs-chart__view"):
        watch.page.evaluate(
            "document.querySelectorAll('.rs-chart').forEach(f => f.dispatchEvent(new PointerEvent('pointerenter')))"
        )
        watch.page.wait_for_selector(".rs-chart__live svg :is(.mark-rect, .mark-symbol) path", timeout=20000)
    shown = watch.page.evaluate("document.body.innerText")
    expected = [m for m in ALL_MARKERS if m in html(site, url).get_text()]
    assert expected and all(m in shown for m in expected)
    # Titles are shown by the browser (Material's content.tooltips, which used innerHTML, is off): hover them all
    titled = watch.page.locator("article [title]")
    for i in range(titled.count()):
        if titled.nth(i).is_visible():
            titled.nth(i).hover()
    watch.assert_clean()
    watch.page.close()


@pytest.mark.browser
@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian chromium")
def test_number_link_tooltip_shows_a_hostile_unit_as_text(browser, server: str):
    watch = Watch(browser)
    watch.page.goto(server + "reports/mini-2024/c1/")
    link = watch.page.locator("a.rs-num", has_text="1.05")
    link.hover()
    assert link.get_attribute("title") == "社会消费品零售总额（2023年实际）：1.05万亿元" + TEXT_PAYLOADS[1][1]
    watch.assert_clean()
    watch.page.close()


def test_material_tooltips_stay_off():
    """Material's content.tooltips renders title attributes with innerHTML: a unit such as
    `<img src=x onerror=…>` would run on hover. Our titles are plain text for the browser's own tooltip."""
    features = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("  features:\n", 1)[1].split("\n  palette:")[0]
    assert "navigation.instant" in features and "content.tooltips" not in features


# A point inside a chart mark where the mark itself is the topmost element (no label over it), or null.
_UNCOVERED = """mark => {
  const r = mark.getBoundingClientRect();
  for (const fy of [0.5, 0.3, 0.7, 0.15, 0.85]) for (const fx of [0.5, 0.3, 0.7, 0.15, 0.85]) {
    const x = r.left + r.width * fx, y = r.top + r.height * fy;
    if (document.elementFromPoint(x, y) === mark) return {x, y};
  }
  return null;
}"""


@pytest.mark.browser
@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian chromium")
def test_chart_tooltip_shows_payload_titles_as_text(browser, server: str):
    watch = Watch(browser)
    watch.page.goto(server + "indicators/gdp/")
    watch.page.locator(".rs-chart").first.hover()  # Vega loads when the pointer reaches a chart
    watch.page.wait_for_selector(".rs-chart__live svg :is(.mark-rect, .mark-symbol) path", timeout=20000)
    bars = watch.page.query_selector_all(".rs-chart__live :is(.mark-rect, .mark-symbol) path[aria-label]")
    bars = [bar for bar in bars if bar.get_attribute("aria-label")]  # data marks: a legend's symbols have no tooltip
    area = {i: (b["width"] * b["height"] if (b := bar.bounding_box()) else 0) for i, bar in enumerate(bars)}
    # the largest marks first (the payload titles squeeze some bars thin); the pointer goes to a spot of the mark
    # that no value label covers (a label over a bar's centre would take the hover), else the next mark is tried
    tooltip = None
    for i in sorted(area, key=lambda i: -area[i])[:6]:
        bars[i].scroll_into_view_if_needed()
        spot = bars[i].evaluate(_UNCOVERED)
        if spot is None:
            continue
        watch.page.mouse.move(spot["x"] - 3, spot["y"] - 3)
        watch.page.mouse.move(spot["x"], spot["y"], steps=5)
        try:
            tooltip = watch.page.wait_for_selector("#vg-tooltip-element.visible", timeout=4000)
            break
        except PlaywrightTimeout:
            continue
    assert tooltip is not None, "no chart mark shows its tooltip"
    assert "xss-tquote" in tooltip.inner_text()
    assert tooltip.query_selector("img, svg, script, iframe, a") is None
    watch.assert_clean()
    watch.page.close()


@pytest.mark.browser
@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="needs Debian chromium")
@pytest.mark.parametrize("query", ["xss", "onerror", "script"])
def test_search_results_show_payloads_as_text(browser, server: str, query: str):
    watch = Watch(browser)
    watch.page.goto(server)
    watch.page.click("input.md-search__input")
    watch.page.keyboard.type(query)
    watch.page.keyboard.press("End")
    watch.page.wait_for_selector(".md-search-result__item", timeout=15000)
    watch.page.wait_for_function(
        "q => document.querySelector('.md-search-result').innerText.includes(q)", arg=query, timeout=15000
    )
    wait_until_settled(watch.page)  # every result is in the page (a payload among them would have run)
    assert query in watch.page.inner_text(".md-search-result")
    watch.assert_clean()
    watch.page.close()
