"""The real content, built: the pages a reader needs exist, charts are complete, nothing external loads."""

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import by_id, soup
from generator.content.load import load_content


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_one_page_per_report_chapter_and_indicator(real_site: Path):
    content = load_content(real_site)
    site = real_site / "site"
    assert len(content.reports) >= 2
    for item in content.reports:
        assert (site / "reports" / item.report.id / "index.html").is_file()
        for i, chapter in enumerate(item.chapters, start=1):
            page = site / "reports" / item.report.id / f"c{i}" / "index.html"
            assert page.is_file(), page
            assert chapter.title in soup(page).h1.get_text()
    for indicator in content.indicators.values():
        page = site / "indicators" / indicator.id / "index.html"
        assert page.is_file(), page
        assert soup(page).h1.get_text().startswith(indicator.name)
    for extra in ("index.html", "indicators/index.html", "about/index.html"):
        assert (site / extra).is_file()


def test_every_paragraph_of_every_chapter_is_on_its_page(real_site: Path):

    content = load_content(real_site)
    for item in content.reports:
        for i, chapter in enumerate(item.chapters, start=1):
            page = by_id(real_site / "site" / "reports" / item.report.id / f"c{i}" / "index.html")
            for _loc, paragraph in chapter.located_paragraphs():
                node = page.get(paragraph.id)
                assert node is not None, paragraph.id
                assert paragraph.text in node.get_text()


def test_every_chart_has_its_spec_and_svg_fallback(real_site: Path):
    site = real_site / "site"
    charts = 0
    for page in html_pages(site):
        if page.relative_to(site).parts[0] == "embed":
            continue  # embed pages show the chart alone (tests/test_share_built.py)
        for view in soup(page).select(".rs-chart__view"):
            charts += 1
            spec = (page.parent / view["data-spec"]).resolve()
            img = view.find("img")
            assert spec.is_file() and spec.stat().st_size > 100, (page, spec)
            assert img is not None and img["alt"].strip()
            svg = (page.parent / img["src"]).resolve()
            assert svg.is_file() and svg.read_text(encoding="utf-8").startswith("<svg"), svg
            assert view.find_parent("figure").select_one("details table tbody tr") is not None
    assert charts >= 3


def test_no_script_or_stylesheet_from_another_host(real_site: Path):
    for page in html_pages(real_site / "site"):
        doc = soup(page)
        for tag in doc.find_all("script", src=True) + doc.find_all("link", href=True):
            url = tag.get("src") or tag.get("href")
            if (
                tag.name == "link"
                and "stylesheet" not in (tag.get("rel") or [])
                and "preload" not in (tag.get("rel") or [])
            ):
                continue
            assert not urlparse(url).netloc, (page, url)
            assert not url.startswith("//"), (page, url)


@pytest.mark.parametrize("kind", ["rs-num", "source"])
def test_internal_links_reach_existing_pages_and_anchors(real_site: Path, kind: str):
    site = real_site / "site"
    checked = 0
    for page in html_pages(site):
        doc = soup(page)
        links = doc.select("a.rs-num") if kind == "rs-num" else doc.select(".rs-observations a, .rs-card__source a")
        for link in links:
            target = urlparse(link["href"])
            assert not target.scheme
            path = (page.parent / unquote(target.path)).resolve()
            if path.is_dir():
                path = path / "index.html"
            assert path.is_file(), (page, link["href"])
            if target.fragment:
                assert target.fragment in by_id(path), (page, link["href"])
            checked += 1
    assert checked > 50


def test_home_cards_say_what_each_value_measures(real_site: Path):
    """A rate on a home card says what it is (增长5.5%, not 5.5%); a target or outcome in words is shown as a
    quotation, not in the large type of a number."""
    import re

    doc = soup(real_site / "site" / "index.html")
    cards = doc.select(".rs-cards .rs-card")
    assert cards
    bare = re.compile(r"^[≈约]?-?\d[\d.]*%")
    for card in cards:
        for line in card.select(".rs-card__change, .rs-card__target"):
            shown = line.get_text().split("：")[-1]
            assert not bare.match(shown), line.get_text()
        value = card.select_one(".rs-card__value")
        if value is not None:
            number = value.get_text().split(" ")[0]
            assert not bare.match(number), number
            if "rs-card__value--words" in value["class"]:
                assert number.startswith("“") and number.endswith("”"), number
    assert doc.select(".rs-card__value--words"), "the real reports have outcomes in words (完成市下达目标)"
    texts = [c.get_text() for c in doc.select(".rs-card__target")]
    assert any("增长" in t for t in texts) and any("“" in t for t in texts)


def test_chapters_read_in_order_and_indicator_tags_are_not_dead_chips(real_site: Path):
    """A chapter page leads to the previous and next chapter (Material's footer navigation); an indicator's
    tags (its name and aliases, for search) are not shown as chips that look tappable and lead nowhere."""
    site = real_site / "site"
    item = load_content(real_site).reports[0]
    assert len(item.chapters) >= 3
    middle = soup(site / "reports" / item.report.id / "c2" / "index.html")
    previous = middle.select_one("a.md-footer__link--prev")
    following = middle.select_one("a.md-footer__link--next")
    assert previous is not None and previous["href"].rstrip("/").endswith("c1")
    assert following is not None and following["href"].rstrip("/").endswith("c3")
    assert item.chapters[2].title in following.get_text()
    indicator = soup(site / "indicators" / "gdp" / "index.html")
    for chips in indicator.select(".md-tags"):
        assert chips.has_attr("hidden") or all(t.name == "a" and t.get("href") for t in chips.select(".md-tag"))


def test_the_data_page_promises_what_each_chart_offers_before_a_tap(real_site: Path):
    """数据下载 says what every chart offers as it loads (links in its caption) and that the PNG comes once the
    interactive chart is there (its button is hidden until then): no promise a chart does not keep."""
    site = real_site / "site"
    text = soup(site / "data" / "index.html").get_text()
    offered = {"csv": "图表数据（CSV）", "svg": "SVG 图", "vl.json": "图表定义（JSON）"}
    for page in [site / "index.html", site / "indicators" / "gdp" / "index.html", site / "targets" / "index.html"]:
        for caption in soup(page).select("figure.rs-chart figcaption"):
            links = {a["href"].split(".", 1)[1]: a.get_text() for a in caption.select("a[download]")}
            assert set(links) == set(offered), links
            assert caption.select_one(".rs-chart__png[hidden]") is not None  # PNG: only once the chart is live
    for words in offered.values():
        assert words in text
    assert "PNG" in text and "交互图加载后" in text
