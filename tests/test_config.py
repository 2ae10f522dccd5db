"""The site's configuration in our own types, read from mkdocs.yml as MkDocs reads it (!ENV, other tags ignored)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, mini_files, write_project
from generator.config import read_config
from generator.errors import ReportsiteError


def test_the_real_config_reads_as_mkdocs_reads_it(monkeypatch, tmp_path: Path):
    from mkdocs.config import load_config

    monkeypatch.setenv("SITE_URL", "https://example.org/reportsite")
    ours = read_config(ROOT)
    theirs = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(tmp_path))  # a fresh clone has no build/docs
    assert ours.site_url == theirs.site_url == "https://example.org/reportsite/"
    assert ours.identity.name == theirs.site_name
    options = theirs.plugins["reportsite"].config
    assert ours.identity.licence.url == options.licence.url and ours.identity.keywords == tuple(
        options.dataset.keywords
    )
    assert (ours.docs_dir, ours.site_dir) == ("build/docs", "site")
    monkeypatch.delenv("SITE_URL")
    assert read_config(ROOT).site_url == "http://127.0.0.1:8000/"  # the !ENV default


def test_a_missing_option_is_named_at_its_line(tmp_path: Path):
    project = write_project(tmp_path / "p", mini_files())
    path = project / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("title_en:"))
    del lines[at]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(
        ReportsiteError, match=r"^mkdocs\.yml:\d+: plugins\.reportsite\.dataset\.title_en: 应为非空文字"
    ):
        read_config(project)
