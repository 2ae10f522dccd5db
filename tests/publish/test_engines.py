"""The site on engines besides MkDocs (docs/engines.md): the generator's output is the same whatever builds it.

ProperDocs, the maintained fork of MkDocs 1.x, must build the real site identically (page bodies, and every
file but the `generator` meta tag that names the engine). Zensical, Material's successor, must build it without
a broken link under a sub-path, with page bodies that differ from MkDocs' only in what Zensical does its own way;
what still breaks there is an expected failure. These tests build a copy of the session's real site project,
its charts cached, with `reportsite build --engine …`.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from linkcheck import LINKINATOR, crawl, free_port, resolve_all, served
from search_queries import PHRASES, SEARCHES, misses, needs_node

from conftest import copy_built_project, soup
from generator.cli import main

GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_real_site_as_mkdocs_does(real_site: Path, tmp_path: Path, capsys):
    pytest.importorskip("properdocs", reason="ProperDocs is installed with '.[test]' (the engines extra)")
    project = copy_built_project(real_site, tmp_path / "properdocs")
    assert main(["--project", str(project), "build", "--engine", "properdocs"]) == 0, capsys.readouterr().err
    mkdocs, properdocs = real_site / "site", project / "site"
    pages = html_pages(mkdocs)
    assert len(pages) > 400
    for page in pages:
        other = properdocs / page.relative_to(mkdocs)
        assert str(soup(page).find("article")) == str(soup(other).find("article")), page
    first, second = files_of(mkdocs), files_of(properdocs)
    assert sorted(first) == sorted(second)
    differing = [
        name for name in first if GENERATOR_META.sub(b"", first[name]) != GENERATOR_META.sub(b"", second[name])
    ]
    assert differing == []
    assert b"ProperDocs 1.6" in second["index.html"]  # it was ProperDocs that built it


def test_an_engine_not_installed_is_named_with_its_install_command(mini_project: Path, capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "properdocs" else real(name, *a))
    assert main(["--project", str(mini_project), "build", "--engine", "properdocs"]) == 1
    err = capsys.readouterr().err
    assert "ProperDocs 未安装" in err and "'.[engines]'" in err and "Traceback" not in err


def zensical_body(page: Path, site: Path, site_url: str = "") -> str:
    """The page's <article> as text, with what Zensical 0.0.73 does its own way set aside (docs/engines.md):
    its theme adds a skip-link target and lays out whitespace its own way; it drops Material's
    `data-search-exclude` attributes; it runs no MkDocs plugin, so Material's tags plugin shows no aliases;
    it writes a link in its own (equivalent) form, so every link is compared as the address it resolves to.
    The build's site URL (in embed codes) is put back to the default one."""
    body = copy.copy(soup(page).find("article"))
    base = "http://site/" + page.relative_to(site).as_posix()
    for attribute in ("href", "src", "srcset", "data-spec", "data-narrow-spec"):
        for tag in body.find_all(attrs={attribute: True}):
            tag[attribute] = urljoin(base, tag[attribute])
    for tag in body.select("a#__skip, nav.md-tags"):
        tag.decompose()
    for tag in body.find_all(attrs={"data-search-exclude": True}):
        del tag["data-search-exclude"]
    text = re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(body))).strip()
    return text.replace(site_url, "http://127.0.0.1:8000/") if site_url else text


@pytest.fixture(scope="module")
def zensical_site(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The real site built with Zensical for http://127.0.0.1:<port>/reportsite/; returns its site/ and port."""
    pytest.importorskip("zensical", reason="Zensical is installed with '.[test]' (the engines extra)")
    port = free_port()
    project = copy_built_project(real_site, tmp_path_factory.mktemp("zensical") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITE_URL", f"http://127.0.0.1:{port}/reportsite/")
        assert main(["--project", str(project), "build", "--engine", "zensical"]) == 0
    return project / "site", port


@pytest.mark.skipif(not LINKINATOR.is_file(), reason="needs npm linkinator (npm ci)")
def test_zensical_builds_a_site_without_a_broken_link_under_a_sub_path(zensical_site: tuple[Path, int]):
    """Links written for Zensical (model/urls.py: relative to the Markdown source) all resolve once it rewrites them."""
    site, port = zensical_site
    with served(site, port) as base:
        crawled, count = crawl(base)
        resolved, checked = resolve_all(site, base)
    assert crawled == []
    assert resolved == []
    assert count > 400 and checked > 10_000


def test_zensical_page_bodies_are_mkdocs_but_for_what_zensical_does_its_own_way(
    real_site: Path, zensical_site: tuple[Path, int]
):
    site, port = zensical_site
    mkdocs = real_site / "site"
    pages = [p for p in html_pages(mkdocs) if soup(p).find("article") is not None and p.name != "404.html"]
    assert len(pages) > 350  # every page but the embed and redirect files
    differing = [
        page.relative_to(mkdocs).as_posix()
        for page in pages
        if zensical_body(page, mkdocs)
        != zensical_body(site / page.relative_to(mkdocs), site, f"http://127.0.0.1:{port}/reportsite/")
    ]
    assert differing == []


@needs_node
def test_zensical_site_answers_the_held_out_search_queries(zensical_site: tuple[Path, int]):
    """The site's own search index is a post-build step of ours (publish/postbuild.py), not the engine's."""
    site, _port = zensical_site
    assert misses(site, SEARCHES + PHRASES) == []
