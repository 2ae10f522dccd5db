"""Every bad input of the corpus (tests/bad_inputs.py) through `reportsite validate` and `reportsite build`.

validate runs in-process (fast, captured); build runs as its own process, so a traceback would reach
its real stderr, and its time and peak memory are its own. After each case the prebuilt `site/` must be
byte-identical and no temporary build folder may remain. `python bench/bad_inputs.py` prints the
time and memory of every case.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bad_inputs import CASES, Bad, run, tree_digest

from conftest import mini_files, write_project
from generator.cli import main

MAX_PEAK_MB = 500  # a deterministic bound: the heaviest case needs about a quarter of it


def snapshot(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for folder in ("content", "seeds") for p in (project / folder).rglob("*") if p.is_file()}


def restore(project: Path, saved: dict[Path, bytes]) -> None:
    """Put the mini project's inputs back exactly: rewrite changed files, delete added ones."""
    for folder in ("content", "seeds"):
        for path in sorted((project / folder).rglob("*"), reverse=True):
            if path.is_symlink() or (path.is_file() and path not in saved):
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for path, data in saved.items():
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Path, bytes]]:
    """The mini project; each case changes it, runs, and puts it back."""
    project = write_project(tmp_path_factory.mktemp("bad") / "project", mini_files())
    return project, snapshot(project)


@pytest.fixture(scope="module")
def base(mini: tuple[Path, dict[Path, bytes]]) -> tuple[Path, dict[Path, bytes], str]:
    """The mini project, built once (in its own process); each case changes it, runs, and puts it back."""
    project, saved = mini
    assert run(project, "build").status == 0
    shutil.copytree(project / "site", project.parent / "site-built")  # put back after a case that changes it
    return project, saved, tree_digest(project / "site")


def assert_reported(case: Bad, stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert any(line.startswith(case.expect) for line in lines), f"expected a line starting {case.expect!r}:\n{stderr}"


def test_the_corpus_covers_the_issue():
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)


HEAVY = ("half-million-values",)  # seconds to read: in the whole suite, not the fast tier


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.slow) if c.name in HEAVY else c for c in CASES],
    ids=[c.name for c in CASES],
)
def test_validate_names_the_bad_input(
    mini: tuple[Path, dict[Path, bytes]], case: Bad, capsys: pytest.CaptureFixture[str]
):
    """`reportsite validate`, in-process: one located message per mistake (the fast tier's share of the corpus)."""
    project, saved = mini
    try:
        case.write(project)
        assert main(["--project", str(project), "validate"]) == case.status
        captured = capsys.readouterr()
        if case.status == 0:
            assert "内容校验通过" in captured.out and captured.err == ""
        else:
            assert_reported(case, captured.err)
            assert captured.err.rstrip().endswith("个问题。")
            if case.single:
                assert captured.err.rstrip().endswith("：1 个问题。"), captured.err
    finally:
        restore(project, saved)


@pytest.mark.slow  # a process per case
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_build_refuses_the_bad_input(base: tuple[Path, dict[Path, bytes], str], case: Bad):
    """`reportsite build` in its own process (a fork of one that has imported the CLI): the same message on its real
    stderr, no traceback, bounded memory, the previous site untouched and no temporary build folder left."""
    project, saved, digest = base
    try:
        case.write(project)
        build = run(project, "build", forked=True)
        if case.status == 0:
            assert build.status == 0, build.stderr
            assert "Traceback" not in build.stderr
        else:
            assert build.status == 1, build.stderr
            assert_reported(case, build.stderr)
        assert build.peak_mb < MAX_PEAK_MB
        if not case.changes_site:
            assert tree_digest(project / "site") == digest, "site/ changed"
        assert not list(project.glob(".site-*"))
    finally:
        restore(project, saved)
        if case.changes_site:  # put the mini project's site back for the next case
            shutil.rmtree(project / "site")
            shutil.copytree(project.parent / "site-built", project / "site")
