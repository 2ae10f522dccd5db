"""Every page type whole on a phone, a tablet and a desktop: no element wider than the screen unless it sits in a
scroll box made for it, the site's data tables (tracker, city and district, an indicator's data, data fields,
glossary) never scrolling sideways at all, no table's first column cut, no text under 10 CSS px — the static charts'
texts included (none cut or shortened either).

Each page is loaded once and measured at every width by resizing the window (the layout follows the viewport
as a reader's rotated phone does). The pages come from the real site, the next-year test fixture (an
indicator over several years, revisions) and the ten-district synthetic site (bench/synthetic.py)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import wait_until_settled

from .conftest import needs_chromium, screenshot_dir
from .test_static_charts import _CHOSEN
from .test_static_charts import MEASURE as MEASURE_CHARTS

pytestmark = [pytest.mark.browser, needs_chromium]

# Widths the layout must hold at (a small phone, the common phone, a tablet), and the widths the text is
# measured at (Material's breakpoints and either side of them: 720 px, the phone layout ends; 960 px, the table of
# contents appears; 1220 px, the navigation appears).
FIT_WIDTHS = [320, 390, 768]
TEXT_WIDTHS = [320, 390, 600, 719, 720, 768, 860, 960, 1024, 1220, 1280, 1440]

REAL = {
    "home": "",
    "report": "reports/shenzhen-2024/",
    "chapter": "reports/shenzhen-2024/c1/",
    "indicator": "indicators/gdp/",
    "indicators": "indicators/",
    "theme": "themes/economy/",
    "tracker": "targets/",
    "tracker-report": "targets/futian-2024/",
    "compare": "compare/",
    "data": "data/",
    "glossary": "glossary/",
    "about": "about/",
    "embed": "embed/tracker-growth/",
}
NEXT_YEAR = {"indicator-years": "indicators/gdp/", "tracker-years": "targets/", "compare-years": "compare/"}
# Pages whose static charts' texts are measured at every width too (what a reader sees before touching anything:
# ≥ 10 CSS px, none cut or shortened; test_static_charts.py measures them at 390 and 1280 px): every real page type
# that shows a chart, and an indicator's charts over the years (the next-year fixture: a level and a growth chart).
CHART_PAGES = {"home": None, "report": None, "chapter": None, "indicator": None, "tracker": None, "embed": None,
               "indicator-years": 2}  # fmt: skip
REGIONS = {"compare-ranked": "compare/", "indicator-regions": "indicators/gdp/", "tracker-regions": "targets/"}

# What a page script finds at the current width: elements past the screen's edges outside any scroll box that
# fits the screen; the site's data tables wider than their column (they stack on a phone, see reportsite.css);
# first cells of table rows cut by the screen or a clipping box; texts under 10 CSS px.
MEASURE = """() => {
  const vw = document.documentElement.clientWidth;
  const root = document.querySelector('.md-content') || document.body;
  const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + (el.textContent ? ' «' + el.textContent.trim().slice(0, 20) + '»' : '');
  const shown = el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden';
  const scrollBox = el => /(auto|scroll)/.test(getComputedStyle(el).overflowX);
  const clips = el => getComputedStyle(el).overflowX !== 'visible';
  const inFittingScrollBox = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (scrollBox(a)) { const r = a.getBoundingClientRect(); if (r.left >= -1 && r.right <= vw + 1) return true; }
    }
    return false;
  };
  const wide = [...root.querySelectorAll('*')].filter(el => {
    if (!shown(el)) return false;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;  // visually hidden helpers (a stacked table's header)
    return (r.right > vw + 1 || r.left < -1) && !inFittingScrollBox(el);
  }).map(name);
  const tables = [...root.querySelectorAll('.rs-stack, .rs-tracker, .rs-compare')].flatMap(box =>
    [box, ...box.querySelectorAll('*')].filter(el => scrollBox(el) && el.scrollWidth > el.clientWidth + 1)
      .map(el => name(box).slice(0, 40) + ' ' + el.clientWidth + '/' + el.scrollWidth));
  for (const row of root.querySelectorAll('.rs-stack tr')) {  // a stacked row: each line the block's width
    if (getComputedStyle(row).display !== 'flex' || !shown(row)) continue;
    const full = row.getBoundingClientRect().width;
    for (const cell of row.children) {
      if (shown(cell) && cell.getBoundingClientRect().width < 0.9 * full) tables.push('narrow line ' + name(cell));
    }
  }
  const cut = [];
  for (const row of root.querySelectorAll('tr')) {
    const cell = row.querySelector('th, td');
    if (!cell || !shown(cell) || !shown(row)) continue;
    if (row.parentElement.getBoundingClientRect().width < 2) continue;  // a header kept for screen readers only
    const r = cell.getBoundingClientRect();
    if (r.width < 2) continue;
    let left = 0, right = vw;
    for (let a = cell.parentElement; a && a !== document.body; a = a.parentElement) {
      if (clips(a)) { const b = a.getBoundingClientRect(); left = Math.max(left, b.left); right = Math.min(right, b.right); }
    }
    if (r.left < left - 1 || r.right > right + 1 || cell.scrollWidth > cell.clientWidth + 1) cut.push(name(cell));
  }
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || !shown(el) || el.closest('svg, script, style, template')) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 10) small.push(name(el) + ' ' + size.toFixed(1) + 'px');
  }
  const page = document.documentElement.scrollWidth > vw ? ['page ' + document.documentElement.scrollWidth] : [];
  return {wide: [...page, ...wide].slice(0, 8), tables: tables.slice(0, 8), cut: cut.slice(0, 8),
          small: [...new Set(small)].slice(0, 8)};
}"""


def sweep(browser: Any, base: str, path: str, label: str) -> dict[int, dict[str, Any]]:
    """Open the page once at the first width, then resize through every width; what MEASURE found per width
    (and MEASURE_CHARTS on the pages of CHART_PAGES).
    Screenshots of the top of the page at 390 and 1280 px go to the screenshot folder."""
    context = browser.new_context(viewport={"width": FIT_WIDTHS[0], "height": 844})
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        found = {}
        for width in sorted({*FIT_WIDTHS, *TEXT_WIDTHS}):
            # as after a reload at this width (a page with static charts: each <picture>'s choice for it loaded and
            # the layout settled; the others: laid out, two frames on)
            page.set_viewport_size({"width": width, "height": 844})
            if label in CHART_PAGES:
                page.wait_for_function(_CHOSEN)
                wait_until_settled(page)
            else:
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            found[width] = page.evaluate(MEASURE)
            if label in CHART_PAGES:
                found[width]["charts"] = page.evaluate(MEASURE_CHARTS)
            if width in (390, 1280):
                page.screenshot(path=str(screenshot_dir() / f"widths-{label}-{width}.png"))
        assert errors == []
        return found
    finally:
        context.close()


def check(found: dict[int, dict[str, Any]], label: str = "") -> None:
    smallest = {}
    for width, seen in found.items():
        assert seen["small"] == [], (width, "text under 10 px", seen["small"])
        if label in CHART_PAGES:
            charts = seen["charts"]
            assert charts, (width, "no chart on the page")
            assert CHART_PAGES[label] in (None, len(charts)), (width, len(charts))
            for chart in charts:
                assert chart["smallest"] >= 10, (width, "chart text under 10 px", chart)
                assert chart["cut"] == [] and chart["shortened"] == [], (width, "chart text cut or shortened", chart)
            smallest[width] = round(min(c["smallest"] for c in charts), 1)
        if width in FIT_WIDTHS:
            assert seen["wide"] == [], (width, "wider than the screen", seen["wide"])
            assert seen["tables"] == [], (width, "a data table scrolls sideways", seen["tables"])
            assert seen["cut"] == [], (width, "first column cut", seen["cut"])
    if smallest:
        print(label, "smallest chart text (px) by width:", smallest)  # the figures for a note (pytest -s)


@pytest.mark.parametrize("kind", REAL)
def test_real_site_pages_fit_every_width(browser: Any, site_url: str, kind: str):
    check(sweep(browser, site_url, REAL[kind], kind), kind)


@pytest.mark.parametrize("kind", NEXT_YEAR)
def test_next_year_pages_fit_every_width(browser: Any, next_year_url: str, kind: str):
    check(sweep(browser, next_year_url, NEXT_YEAR[kind], kind), kind)


@pytest.mark.parametrize("kind", REGIONS)
def test_ten_district_pages_fit_every_width(browser: Any, regions_url: str, kind: str):
    check(sweep(browser, regions_url, REGIONS[kind], kind))


def test_a_district_page_fits_every_width(browser: Any, regions_url: str):
    """A city-and-district page of the ten-district site: its tables with six columns stack on a phone."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(regions_url + "compare/")
    href = page.locator("nav.rs-chooser a.rs-chip").first.get_attribute("href") or ""
    context.close()
    assert href
    check(sweep(browser, regions_url, "compare/" + href.removeprefix("./").removeprefix("../compare/"), "district"))


def test_the_measure_catches_what_it_should(browser: Any, site_url: str):
    """The page script above is not blind: a data table forced back into one sideways-scrolling line, a badge
    shrunk to 8 px and a first column pushed off-screen are each reported."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + "targets/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate(MEASURE) == {"wide": [], "tables": [], "cut": [], "small": []}
        page.add_style_tag(
            content=".md-typeset .rs-stack table, .md-typeset .rs-stack table :is(tbody, tr, th, td) "
            "{ display: revert !important; white-space: nowrap !important; }"
            ".md-typeset .rs-stack .md-typeset__scrollwrap { overflow-x: auto !important; }"
            ".md-typeset .rs-status { font-size: 8px !important; }"
        )
        seen = page.evaluate(MEASURE)
        assert seen["tables"] and seen["small"]
        page.add_style_tag(content=".md-typeset .rs-rules table { margin-left: -200px !important; }")
        assert page.evaluate(MEASURE)["cut"]
    finally:
        context.close()


@pytest.mark.parametrize("path", ["targets/", "data/"])
def test_long_tables_keep_their_header_in_view(browser: Any, site_url: str, path: str):
    """On a wide screen a long data table's header stays under the site's header while its rows scroll by (on
    a phone every value carries its column's name instead)."""
    context = browser.new_context(viewport={"width": 1280, "height": 700})
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        found = page.evaluate(
            """() => {
              const table = [...document.querySelectorAll('.rs-stack table')].find(t => t.rows.length > 8);
              const row = table.tBodies[0].rows[6];
              window.scrollTo(0, row.getBoundingClientRect().top + scrollY - 200);
              const bar = document.querySelector('.md-header').getBoundingClientRect().bottom;
              const head = table.tHead.rows[0].cells[0].getBoundingClientRect();  // the cells stick, not the row group
              return {bar, head: head.top, tableTop: table.getBoundingClientRect().top};
            }"""
        )
        assert found["tableTop"] < found["bar"]  # the table's top has scrolled away …
        assert abs(found["head"] - found["bar"]) <= 2, found  # … its header has not
        page.screenshot(path=str(screenshot_dir() / f"widths-sticky-{path.strip('/')}-1280.png"))
    finally:
        context.close()
