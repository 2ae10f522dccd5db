"""The user's cache (generator/output/usercache.py): a new project's cold build takes vl-convert's Vega bundle
from it instead of making it again (~3 s), with the same bytes; it can be turned off; a broken copy is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import mini_files, write_project
from generator.build import generate

pytestmark = pytest.mark.slow  # three cold builds of the mini project

BUNDLE = "build/docs/assets/javascripts/vega.min.js"


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("REPORTSITE_USER_CACHE", raising=False)
    return tmp_path / "xdg" / "reportsite"


def _no_bundler(monkeypatch: pytest.MonkeyPatch) -> None:
    import vl_convert

    def refuse() -> str:
        raise AssertionError("the bundle was made again")

    monkeypatch.setattr(vl_convert, "javascript_bundle", refuse)


def test_a_new_project_takes_the_bundle_from_the_users_cache(tmp_path: Path, user_cache: Path, monkeypatch):
    first = write_project(tmp_path / "first", mini_files())
    generate(first)
    kept = list(user_cache.glob("vega-*.js"))
    assert [p.name for p in kept] == [p.name for p in (first / "build/cache").glob("vega-*.js")]
    assert kept[0].read_bytes() == (first / BUNDLE).read_bytes()
    assert not list(user_cache.glob("*.tmp"))

    _no_bundler(monkeypatch)
    second = write_project(tmp_path / "second", mini_files())
    generate(second)
    assert (second / BUNDLE).read_bytes() == (first / BUNDLE).read_bytes()
    assert (second / "build/cache" / kept[0].name).is_file()  # the project keeps its own copy


def test_turned_off_the_users_cache_is_neither_read_nor_written(tmp_path: Path, user_cache: Path, monkeypatch):
    monkeypatch.setenv("REPORTSITE_USER_CACHE", "off")
    project = write_project(tmp_path / "p", mini_files())
    generate(project)
    assert not user_cache.exists()
    assert (project / BUNDLE).stat().st_size > 100_000


def test_an_empty_copy_in_the_users_cache_is_made_anew(tmp_path: Path, user_cache: Path):
    first = write_project(tmp_path / "first", mini_files())
    generate(first)
    kept = next(user_cache.glob("vega-*.js"))
    kept.write_bytes(b"")  # a disk that filled up, a copy cut short
    second = write_project(tmp_path / "second", mini_files())
    generate(second)
    assert (second / BUNDLE).read_bytes() == (first / BUNDLE).read_bytes()
    assert kept.read_bytes() == (first / BUNDLE).read_bytes()  # and the user's copy is whole again
