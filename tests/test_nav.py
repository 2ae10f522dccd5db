"""Navigation that scales: reports, chapters and theme pages in the nav; indicators through their theme."""

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT, mini_files, soup, write_project
from generator.cli import main
from generator.content.load import load_content
from generator.content.models import THEME_SLUG
from generator.model.site import build_model
from generator.pages.builders import build_nav


def _flatten(nav: list) -> list[str]:
    out: list[str] = []
    for entry in nav:
        if isinstance(entry, str):  # a section's own index page
            out.append(entry)
            continue
        for value in entry.values():
            out.extend(_flatten(value) if isinstance(value, list) else [value])
    return out


def test_nav_lists_theme_pages_not_indicators(real_site: Path):
    content = load_content(real_site)
    paths = _flatten(build_nav(build_model(content)))  # not generate(): it would rewrite the shared build
    assert not [p for p in paths if p.startswith("indicators/") and p != "indicators/index.md"]
    used = {indicator.theme for indicator in content.indicators.values()}
    assert {f"themes/{THEME_SLUG[theme]}.md" for theme in used} <= set(paths)
    assert len(paths) < 60  # the real site has 357 indicators; the nav stays the size of the table of contents


def test_every_indicator_is_linked_from_its_theme_page_and_links_back(real_site: Path):
    site = real_site / "site"
    content = load_content(real_site)
    linked: dict[Path, set[Path]] = {}  # each theme page's link targets, resolved once (not once per indicator)
    for indicator in content.indicators.values():
        theme_page = site / "themes" / THEME_SLUG[indicator.theme] / "index.html"
        if theme_page not in linked:
            linked[theme_page] = {
                (theme_page.parent / unquote(urlparse(link["href"]).path)).resolve()
                for link in soup(theme_page).select("article a[href]")
            }
        targets = linked[theme_page]
        assert (site / "indicators" / indicator.id).resolve() in targets, indicator.id
        page = site / "indicators" / indicator.id / "index.html"
        back = [a for a in soup(page).select(".rs-facts a") if a.get_text() == indicator.theme.value]
        assert back and (page.parent / back[0]["href"]).resolve() == theme_page.parent.resolve()


def test_pages_do_not_carry_every_indicator_in_their_navigation(real_site: Path):
    content = load_content(real_site)
    for page in ("index.html", "indicators/gdp/index.html", "reports/shenzhen-2024/c1/index.html"):
        nav_links = soup(real_site / "site" / page).select("nav.md-nav a[href]")
        assert 0 < len(nav_links) < len(content.indicators) / 4, page


@pytest.mark.slow  # builds a site
def test_strict_build_does_not_report_pages_left_out_of_the_nav(tmp_path: Path, capsys):
    project = write_project(tmp_path / "p", mini_files())
    assert main(["--project", str(project), "build", "--strict"]) == 0
    assert "not included in the" not in capsys.readouterr().err
    assert (project / "site" / "themes" / "economy" / "index.html").is_file()
    config = project / "mkdocs.yml"  # without `not_in_nav`, MkDocs does list them: the check above can fail
    text = config.read_text(encoding="utf-8")
    assert "not_in_nav: |\n  /indicators/*.md\n" in text
    config.write_text(text.replace("not_in_nav: |\n  /indicators/*.md\n", ""), encoding="utf-8")
    assert main(["--project", str(project), "build"]) == 0
    assert "not included in the" in capsys.readouterr().err


@pytest.mark.slow  # builds a site
def test_many_reports_are_grouped_by_region_under_one_tab(tmp_path: Path):
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic

    project = tmp_path / "synthetic"
    synthetic.make_project(project, indicators=26, per_report=2)  # 13 reports, 11 regions
    content = load_content(project)
    nav = build_nav(build_model(content))
    assert [next(iter(entry)) for entry in nav] == ["首页", "报告", "指标", "目标跟踪", "市区对比", "数据下载", "关于"]
    regions = nav[1]["报告"]
    assert [next(iter(r)) for r in regions] == list(dict.fromkeys(item.report.region for item in content.reports))
    listed = {p for p in _flatten(regions) if p.endswith("/index.md")}
    assert listed == {f"reports/{item.report.id}/index.md" for item in content.reports}
    compare = nav[4]["市区对比"]  # ten districts: the ranking page, then one page per district (its latest report)
    assert compare[0] == "compare.md" and len(compare) == 11
    assert {"福田区": "compare/futian-2016.md"} in compare
