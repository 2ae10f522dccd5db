"""The real site, built: link previews drawn from each page's content, and one embed page per chart."""

import json
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import is_redirect
from generator.content.load import load_content


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _meta(page: BeautifulSoup, **attrs: str) -> str:
    tag = page.find("meta", attrs=attrs)
    assert tag is not None, attrs
    return str(tag["content"])


def test_link_previews_come_from_the_page_content(real_site: Path):
    site = real_site / "site"
    content = load_content(real_site)
    item = content.reports[0]
    chapter = _soup(site / "reports" / item.report.id / "c1" / "index.html")
    first = next(item.chapters[0].located_paragraphs())[1].full_text
    description = _meta(chapter, name="description")
    assert first.startswith(description.rstrip("…")) and description.endswith(("。", "！", "？", "；", "…"))
    assert _meta(chapter, property="og:description") == description
    assert _meta(chapter, property="og:type") == "article"
    assert _meta(chapter, property="og:url").endswith(f"/reports/{item.report.id}/c1/")
    assert _meta(chapter, property="og:title") == f"{item.chapters[0].number}、{item.chapters[0].title}"
    indicator = _soup(site / "indicators" / "gdp" / "index.html")
    text = _meta(indicator, name="description")
    assert text.startswith("地区生产总值：") and "万亿元" in text  # its latest values
    assert _meta(indicator, property="og:description") == text
    home = _soup(site / "index.html")
    assert _meta(home, property="og:type") == "website"
    pages = list(site.rglob("index.html"))
    without = [
        p
        for p in pages
        if "embed" not in p.parts and not is_redirect(p) and _soup(p).find("meta", property="og:title") is None
    ]
    assert without == []


def test_every_chart_has_an_embed_page_outside_search_and_navigation(real_site: Path):
    site = real_site / "site"
    specs = [p for p in site.rglob("*.vl.json") if not p.name.endswith(".narrow.vl.json")]
    assert specs
    manifest = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    records = [r for f in (site / "search" / manifest["version"]).glob("r*.json") for r in json.loads(f.read_bytes())]
    indexed = " ".join(record["u"] for record in records)
    assert "indicators/gdp/" in indexed.split()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for spec in specs:
        slug = spec.name.removesuffix(".vl.json")
        embed = site / "embed" / slug / "index.html"
        page = _soup(embed)
        assert page.find("img", class_="rs-chart__static") is not None
        assert page.find("nav") is None and page.find("header") is None and page.find("form") is None
        assert page.find("meta", attrs={"name": "robots", "content": "noindex"}) is not None
        assert "来源：" in page.get_text() and page.select_one(".rs-embed__source a[href]") is not None
        for tag in page.find_all(["img", "source", "script", "link"]):  # everything from this site
            ref = tag.get("src") or tag.get("srcset") or tag.get("href") or ""
            assert ref.startswith("../../"), ref
        assert f"embed/{slug}" not in indexed and f"embed/{slug}" not in sitemap
        host = _soup(spec.parent / "index.html")
        code = host.select_one(f"#chart-{slug} textarea.rs-chart__embed-code")
        assert code is not None and f'/embed/{slug}/"' in code.get_text() and code.get_text().startswith("<iframe ")


def test_every_embed_page_names_the_reports_and_paragraphs_of_its_values(real_site: Path):
    """An embed is read on another site, away from the values' links: its source line names every report and
    paragraph a drawn value comes from (the citations in the chart's CSV), never an empty “来源：。”; the title is
    drawn once, in the chart, not repeated above it."""
    import csv

    site = real_site / "site"
    titles = {item.report.short_title: item.report.title for item in load_content(real_site).reports}
    embeds = sorted((site / "embed").glob("*/index.html"))
    assert len(embeds) == len([p for p in site.rglob("*.vl.json") if not p.name.endswith(".narrow.vl.json")])
    for embed in embeds:
        page = _soup(embed)
        line = page.select_one(".rs-embed__source").get_text()
        named = line.split("来源：", 1)[1].split("。", 1)[0]
        assert named.strip(), embed
        slug = embed.parent.name
        data = next(p for p in site.rglob(f"{slug}.csv") if "embed" not in p.parts)
        with data.open(encoding="utf-8-sig") as f:
            cited = [row["说明"] for row in csv.DictReader(f) if row["说明"] and not row["说明"].startswith("推算")]
        for citation in cited:
            short, where = citation.split(" ", 1)
            assert f"《{titles[short]}》" in named and where in named, (slug, citation, named)
        title = json.loads(data.with_suffix(".vl.json").read_text(encoding="utf-8"))["title"]
        title = title if isinstance(title, str) else title["text"]
        title = title if isinstance(title, str) else "".join(title)
        assert [t for t in page.find_all(string=True) if t.strip() == title and t.parent.name != "title"] == []
