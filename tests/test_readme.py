"""The README's two commands are the project's contract; CI must run the second one verbatim."""

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, flags=re.S)


def test_readme_opens_with_a_build_command_and_a_test_command():
    commands = readme_commands()
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("\n\n")[1]
    assert head.startswith("```sh\n") and commands[0] in head
    assert commands[0].endswith("reportsite build")
    assert "pytest" in commands[1] and "'.[test]'" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == readme_commands()[1]


def test_every_cli_command_is_documented():
    from generator.cli import make_parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in make_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"`reportsite {name}" in readme, name


def test_readme_map_names_every_module_of_the_generator():
    """The README's "How it works" is the map of generator/: a module it does not name is hard to find."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## How it works") : readme.index("## Commands")]
    generator = ROOT / "generator"
    missing = [
        str(path.relative_to(generator))
        for path in sorted(generator.rglob("*.py"))
        if path.name != "__init__.py" and f"`{path.name}`" not in section
    ]
    packages = [p.name for p in generator.iterdir() if (p / "__init__.py").is_file()]
    missing += [f"{name}/" for name in packages if f"`{name}/`" not in section]
    assert not missing, f"README's map does not name: {missing}"


@pytest.mark.slow  # a copy of the checkout and a pytest process
def test_the_suite_collects_on_a_clean_checkout(tmp_path):
    """CI runs the test command on a clean checkout, before any build: a test module that reads build output
    at import (build/docs, site/) stops the whole run at collection, as it once did."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode("utf-8")
        .split("\0")
    )
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tmp_path / name)
    assert not (tmp_path / "build").exists() and not (tmp_path / "site").exists()
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


FAST_TIER = re.compile(r'python -m pytest -m "([^"]+)"')


def test_the_fast_tier_is_one_command_that_names_declared_markers():
    """README and CONTRIBUTING give the same fast-tier command, and every marker it names is declared in pyproject:
    an undeclared one (a typo such as `not slwo`) deselects nothing, so the "fast" tier would quietly be the suite."""
    import tomllib

    readme = FAST_TIER.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    contributing = FAST_TIER.findall((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert readme and set(readme) == set(contributing)
    ini = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    declared = {marker.split(":")[0].strip() for marker in ini["markers"]}
    for expression in readme:
        named = set(re.findall(r"[A-Za-z_]\w*", expression)) - {"not", "and", "or"}
        assert named and named <= declared, (expression, declared)
