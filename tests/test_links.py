"""No broken link or anchor anywhere in the built site, and MkDocs' strict mode is on.

Links, images, scripts and stylesheets are crawled over HTTP by npm linkinator (offline: external
addresses, i.e. the canonical `site_url`, are skipped). linkinator 6.3.0 accepts `--check-fragments`
but ignores it, so anchors are checked here: every `#fragment` of every internal link must be an
element id on its target page.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from linkcheck import crawl, free_port, resolve_all, served
from test_site_built import html_pages

from conftest import ROOT, copy_built_project, mini_files, soup, write_project  # soup: parsed once per session
from generator.cli import main

LINKINATOR = ROOT / "node_modules" / ".bin" / "linkinator"


@pytest.mark.skipif(not LINKINATOR.is_file(), reason="needs npm linkinator (npm ci)")
def test_linkinator_finds_no_broken_link(real_site: Path):
    result = subprocess.run(
        [str(LINKINATOR), "site", "--recurse", "--skip", r"^https?://(?!localhost[:/])", "--format", "json"],
        cwd=real_site, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    report = json.loads(result.stdout)
    broken = [
        f"{link['url']} ← {link.get('parent')} ({link['status']})"
        for link in report["links"]
        if link["state"] == "BROKEN"
    ]
    assert broken == []
    pages = len(list((real_site / "site").rglob("index.html")))
    assert len(report["links"]) > pages  # it crawled every page, not just the front door


def test_every_internal_anchor_exists(real_site: Path):
    site = real_site / "site"
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for page in html_pages(site):
        doc = soup(page)
        ids[page] = {tag["id"] for tag in doc.find_all(id=True)} | {
            tag["name"] for tag in doc.find_all("a", attrs={"name": True})
        }
        links += [(page, a["href"]) for a in doc.find_all("a", href=True) if "#" in a["href"]]
    missing = []
    for page, href in links:
        target = urlparse(href)
        if target.scheme or target.netloc or not target.fragment or target.fragment == "__search":
            continue
        path = (page.parent / unquote(target.path)).resolve() if target.path else page
        if path.is_dir() or not path.suffix:
            path = path / "index.html"
        if unquote(target.fragment) not in ids.get(path, set()):
            missing.append(f"{page.relative_to(site)}: {href}")
    assert missing == []
    assert len(links) > 1000  # chapters' paragraph anchors, source links, table of contents


@pytest.mark.slow  # builds a site
def test_real_build_is_strict(tmp_path: Path):
    from mkdocs.config import load_config

    assert (
        load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path)).strict is True
    )  # a fresh clone has no build/docs


@pytest.mark.slow  # builds a site
def test_a_warning_fails_the_build_and_keeps_the_old_site(tmp_path: Path, capsys):
    project = write_project(tmp_path / "p", mini_files())
    assert main(["--project", str(project), "build"]) == 0
    before = (project / "site" / "about" / "index.html").read_bytes()
    about = project / "site_templates" / "about.md.j2"
    about.write_text(about.read_text(encoding="utf-8") + "\n[坏链接](missing.md)\n", encoding="utf-8")
    assert main(["--project", str(project), "build"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"missing\.md|strict", err) and "Traceback" not in err, err
    assert (project / "site" / "about" / "index.html").read_bytes() == before


@pytest.mark.skipif(not LINKINATOR.is_file(), reason="needs npm linkinator (npm ci)")
def test_no_broken_link_when_served_under_a_sub_path(real_site: Path, tmp_path: Path, monkeypatch, capsys):
    """As a GitHub Pages project site: the real site built for and served at /reportsite/, every internal link,
    image, download and anchor resolving under it (tests/linkcheck.py)."""
    port = free_port()
    project = copy_built_project(real_site, tmp_path / "sub-path")
    monkeypatch.setenv("SITE_URL", f"http://127.0.0.1:{port}/reportsite/")
    assert main(["--project", str(project), "build"]) == 0, capsys.readouterr().err
    site = project / "site"
    with served(site, port) as base:
        crawled, count = crawl(base)
        resolved, checked = resolve_all(site, base)
    assert crawled == []
    assert resolved == []
    pages = len(list(site.rglob("index.html")))
    assert count > pages and checked > 20 * pages  # every page crawled; every link of every page resolved


def test_the_sub_path_checker_finds_what_breaks_there(tmp_path: Path):
    """A root-absolute link, a missing file or image, a missing anchor: each broken under /reportsite/."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<p id="top"><a href="a/">ok</a><a href="/a/">root</a><a href="a/#top">anchor</a>'
        '<img src="missing.svg"><picture><source srcset="a/x.svg 1x"></picture></p>',
        encoding="utf-8",
    )
    (site / "a" / "index.html").write_text('<p id="here"><a href="../#top">ok</a></p>', encoding="utf-8")
    broken, checked = resolve_all(site, "http://127.0.0.1:1/reportsite/")
    assert checked == 6
    assert [b.split(":")[1].strip() for b in broken] == [
        "<a href='/a/'> leaves /reportsite/",
        "<a href='a/#top'>",
        "<img src='missing.svg'>",
        "<source srcset='a/x.svg'>",
    ]
