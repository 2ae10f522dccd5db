"""Provenance on the real built site: numbers link both ways, sources are cited, derived numbers are exact."""

import functools
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import by_id, soup
from generator.content.load import load_content
from generator.model.site import build_model
from generator.rules.numbers import FULLWIDTH_DIGITS, decimals, strip_ws
from generator.rules.units import convert


@functools.cache
def model_of(project: Path):
    return build_model(load_content(project))


def compact(text: str) -> str:
    return strip_ws(text).translate(FULLWIDTH_DIGITS).replace("¶", "")


def indicator_html(project: Path, indicator_id: str) -> BeautifulSoup:
    return soup(project / "site" / "indicators" / indicator_id / "index.html")


def test_chapter_numbers_link_to_their_indicator(real_site: Path):
    """Every observation's number is a link, in its own paragraph, to its indicator page (text matches the quote)."""
    model = model_of(real_site)
    links: dict[tuple[str, str], set[str]] = {}
    for item in model.content.reports:
        for i in range(len(item.chapters)):
            page = real_site / "site" / "reports" / item.report.id / f"c{i + 1}" / "index.html"
            for a in soup(page).select("a.rs-num"):
                para = a.find_parent(class_="rs-para")
                target = (page.parent / a["href"]).resolve() / "index.html"
                assert target.is_file(), a["href"]
                indicator = target.parent.name
                links.setdefault((item.report.id, para["id"]), set()).add(indicator)
                quotes = [
                    compact(v.obs.quote)
                    for v in model.indicator_views(indicator)
                    if v.place.report.id == item.report.id and v.place.paragraph.id == para["id"]
                ]
                assert any(compact(a.get_text()) in q for q in quotes), (para["id"], a.get_text(), indicator)
    linked = missing = 0
    for v in model.views:
        if v.obs.value is None:
            continue
        if v.indicator.id in links.get((v.place.report.id, v.place.paragraph.id), set()):
            linked += 1
        else:
            missing += 1
            # only a number two observations share ("均达到99%以上") links to one indicator of the two
            others = [
                w
                for w in model.views
                if w is not v and w.place.paragraph.id == v.place.paragraph.id and w.place.report.id == v.place.report.id
                and w.obs.value == v.obs.value and compact(w.obs.quote) == compact(v.obs.quote)
            ]  # fmt: skip
            assert others, (v.place.report.id, v.place.paragraph.id, v.indicator.id, v.obs.quote)
    assert linked > 450 and missing <= 5


def test_every_indicator_value_links_to_a_paragraph_that_holds_its_quote(real_site: Path):
    site = real_site / "site"
    checked = 0
    for page in sorted((site / "indicators").glob("*/index.html")):
        for a in soup(page).select("a.rs-src"):
            url = urlparse(a["href"])
            target = (page.parent / unquote(url.path)).resolve() / "index.html"
            assert target.is_file(), (page, a["href"])
            para = by_id(target).get(url.fragment)
            assert para is not None and "rs-para" in para["class"], (page, a["href"])
            query = parse_qs(url.query)
            assert query["p"] == [url.fragment]  # named twice: the theme's scroll tracking rewrites the hash
            quote = query["quote"][0]
            assert compact(quote) in compact(para.get_text()), (page, quote)
            checked += 1
    assert checked > 1000


def test_indicator_pages_cite_report_chapter_section_publication_and_date(real_site: Path):
    model = model_of(real_site)
    for indicator_id in ("gdp", "cpi", "new-jobs", "modern-services-value-added"):
        doc = indicator_html(real_site, indicator_id)
        quotes = doc.select("blockquote.rs-quote")
        views = model.indicator_views(indicator_id)
        # one block per quoted sentence, the values it grounds listed under it (never the same quote twice)
        sentences = {(v.place.report.id, v.place.paragraph.id, v.obs.quote) for v in views}
        assert len(quotes) == len(sentences)
        for view in views:
            place, report = view.place, view.place.report
            found = [
                q for q in quotes if q.p.get_text() == f"“{view.obs.quote}”" and f"「{place.citation}」" in q.get_text()
            ]
            assert len(found) == 1, view.obs.quote
            text = found[0].get_text(" ", strip=True)
            values = [li.get_text() for li in found[0].select(".rs-quote__values li")]
            assert any(f"{view.obs.period}年{view.kind_label}" in li and view.display in li for li in values), values
            assert report.title in text and f"{place.chapter.number}、{place.chapter.title}" in text
            assert str(report.date) in text and (report.publication or "") in text
            for section in place.sections:
                assert section.number in text
            assert f"「{place.citation}」" in text
    gdp_city = indicator_html(real_site, "gdp").select_one("blockquote.rs-quote .rs-cite").get_text()
    assert gdp_city == "「深圳市2024年计划报告 一(一) 第1段」"


def _shown(text: str) -> float:
    return float(re.search(r"≈(-?[0-9.]+)", text).group(1))


def test_derived_values_equal_their_formula_to_the_stated_precision(real_site: Path):
    """Recomputed here from the printed numbers: 2022 base, 2024 level implied by the target, district share."""
    model = model_of(real_site)
    kinds = set()
    for d in model.derived:
        level, other = d.sources
        if d.kind == "derived":
            exact = level.value / (1 + other.value / 100)
        elif d.kind == "derived-target":
            exact = level.value * (1 + other.value / 100)
        else:
            exact = level.value / convert(other.value, other.unit, level.unit) * 100
        kinds.add(d.kind)
        doc = indicator_html(real_site, d.indicator)
        cell = by_id(real_site / "site" / "indicators" / d.indicator / "index.html").get(
            f"formula-{d.kind}-{d.report}-{d.period}"
        )
        assert cell is not None, d
        value = doc.find(attrs={"aria-describedby": cell["id"]})  # the formula is tied to the value, not a tooltip
        shown = _shown(value.get_text())
        assert "推算" in value.find_parent("tr").get_text()
        assert abs(shown - exact) <= 0.5 * 10 ** -decimals(shown) + 1e-12, (d, shown, exact)
        assert f"≈ {d.value}" in cell.get_text()
        # every printed number the formula uses links to its sentence
        sources = value.find_parent("tr").select("a.rs-src--value")
        assert len(sources) == 2
    assert kinds == {"derived", "derived-target", "derived-share"}


def test_futian_share_of_shenzhen_is_shown_on_shared_indicator_pages(real_site: Path):
    doc = indicator_html(real_site, "gdp")
    table = doc.select_one("#compare-futian-2024 ~ .rs-compare table")
    assert table is not None
    header = [th.get_text() for th in table.select("thead th")]
    assert header[1:] == ["深圳市", "福田区", "福田区占深圳市"]
    row = next(tr for tr in table.select("tbody tr") if tr.th.get_text() == "2023年 总量")
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[0] == "3.46万亿元" and cells[1].startswith("5704.55亿元")
    assert _shown(cells[2]) == round(5704.55 / 34600 * 100, 1) and "推算" in cells[2]
    note = doc.find(id=row.find(attrs={"aria-describedby": True})["aria-describedby"])
    assert "5704.55亿元 ÷ 深圳市 3.46万亿元（= 34600亿元）" in note.get_text()


def test_comparison_page_puts_headline_indicators_side_by_side(real_site: Path):
    model = model_of(real_site)
    doc = soup(real_site / "site" / "compare" / "index.html")
    tables = doc.select(".rs-compare table")
    assert len(tables) == 2
    rows = {tr.th.get_text(): tr for tr in tables[0].select("tbody tr")}
    headline = {v.indicator.name for v in model.views if v.obs.headline}
    assert set(rows) == headline
    gdp = [td.get_text(" ", strip=True) for td in rows["地区生产总值"].find_all("td")]
    assert gdp[0].startswith("3.46万亿元") and gdp[1].startswith("5704.55亿元")
    assert gdp[3].startswith("5.5%") and gdp[4].startswith("5.5%左右")
    shared = {tr.th.get_text() for tr in tables[1].select("tbody tr")}
    ids = [{v.indicator.id for v in model.views if v.place.report.id == r} for r in ("shenzhen-2024", "futian-2024")]
    assert len(shared) == len(ids[0] & ids[1]) == 40
    for a in doc.select("a.rs-src--value"):  # every value links to its sentence
        assert parse_qs(urlparse(a["href"]).query)["quote"]
    notes = doc.select(".rs-footnotes li")
    assert len(notes) == sum(1 for d in model.derived if d.kind == "derived-share")


@pytest.mark.parametrize("path", ["targets/index.html", "targets/shenzhen-2024/index.html", "compare/index.html"])
def test_new_pages_are_in_the_navigation(real_site: Path, path: str):
    """A page MkDocs finds in `nav` is marked active in its own navigation; a page outside it is not."""
    assert soup(real_site / "site" / path).select("nav.md-nav--primary a.md-nav__link--active")
    tabs = {a.get_text(strip=True) for a in soup(real_site / "site" / "index.html").select(".md-tabs a")}
    assert {"目标跟踪", "市区对比"} <= tabs
