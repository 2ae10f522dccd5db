"""The README's two commands are the project's contract; CI must run the second one verbatim."""

import re

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
