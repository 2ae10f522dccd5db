"""The site on engines besides MkDocs (docs/engines.md): the generator's output is the same whatever builds it.

ProperDocs, the maintained fork of MkDocs 1.x, must build the real site identically (page bodies, and every
file but the `generator` meta tag that names the engine). These tests build a copy of the session's real
site project, its charts cached, with `reportsite build --engine …`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
