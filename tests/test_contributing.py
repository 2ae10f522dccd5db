"""CONTRIBUTING.md is what an editor follows: its install command works, and its table explains every message.

The install test runs the command in a fresh clone and a fresh virtual environment that sees the
already installed packages (so pip only builds reportsite itself, as the README's install does).
Only `apt-get` is not run (root, network): it must be the README's own font install.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from bad_inputs import CASES

from conftest import ROOT, mini_files, write_project
from generator.cli import main

TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
FIELD = re.compile(r"[A-Za-z_<][\w\[\].<>-]*")  # observations[0].value, <<, defintion
LOCATED = re.compile(r"^(?P<path>[^\s:]+):\d+:\d+: (?P<rest>.*)$")


def install_command() -> str:
    first = re.search(r"```sh\n(.+?)\n```", TEXT, flags=re.S)
    assert first is not None
    assert TEXT.index(first.group(0)) < TEXT.index("## "), "the install command comes before any section"
    return first.group(1)


def table_rows() -> list[tuple[str, str]]:
    section = TEXT[TEXT.index("| 提示 | 原因和改法 |") :]
    rows = []
    for line in section.splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append((cells[0], cells[1]))
    return rows


def patterns() -> list[re.Pattern[str]]:
    """Each row's hint (alternatives split by ` / `) as a pattern; “…” stands for any text."""
    out = []
    for hint, remedy in table_rows():
        assert remedy, f"no remedy for {hint}"
        for alternative in hint.split(" / "):
            parts = [re.escape(p) for p in alternative.strip().split("…")]
            out.append(re.compile(".*?".join(parts)))
    return out


def messages_of(project: Path) -> list[str]:
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        main(["--project", str(project), "validate"])
    found = []
    for line in err.getvalue().splitlines():
        match = LOCATED.match(line)
        if match:
            rest = match["rest"]
            field, sep, message = rest.partition(": ")
            found.append(message if sep and FIELD.fullmatch(field) else rest)
    return found


HEAVY = ("file-of-100-mb", "half-million-values")


@pytest.mark.parametrize("case", [c for c in CASES if c.status and c.name not in HEAVY], ids=lambda c: c.name)
def test_every_message_of_the_corpus_is_explained_in_the_table(tmp_path: Path, case):
    project = write_project(tmp_path / "p", mini_files(), with_site=False)
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    case.write(project)
    found = messages_of(project)
    assert found, case.name
    rows = patterns()
    for message in found:
        assert any(p.match(message) for p in rows), f"not in CONTRIBUTING.md's table: {message}"


def test_the_install_command_installs_the_commands_it_promises(tmp_path: Path):
    command = install_command()
    steps = [s.strip() for s in command.split("&&")]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    apt = [s for s in steps if "apt-get" in s]
    assert apt and all(s in readme for s in apt), "the font install is the README's"
    assert any(s.startswith("pip install -c constraints.txt -e '.[editor]'") for s in steps)
    assert "pre-commit install" in steps
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    for name in ("CONTRIBUTING.md", "pyproject.toml"):  # the working tree's versions (tests run before commit)
        (clone / name).write_bytes((ROOT / name).read_bytes())
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    env = {**os.environ, "PATH": f"{venv / 'bin'}:{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    for step in steps:
        if "apt-get" in step:
            continue
        args = shlex.split(step)
        if args[:2] == ["pip", "install"]:
            args = [str(venv / "bin" / "pip"), "install", "-q", *args[2:]]
        result = subprocess.run(args, cwd=clone, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, (step, result.stdout[-2000:], result.stderr[-2000:])
    assert (clone / ".git" / "hooks" / "pre-commit").is_file()
    assert (venv / "bin" / "reportsite").is_file() and shutil.which("pre-commit", path=env["PATH"])
    assert "内容校验通过。" in result.stdout
