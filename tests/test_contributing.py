"""CONTRIBUTING.md is what an editor follows: its install command works, and its table explains every message.

The install test runs the command in a fresh clone and a fresh virtual environment that sees the
already installed packages (so pip only builds reportsite itself, as the README's install does).
Only `apt-get` is not run (root, network): it must be the README's own font install.
"""

from __future__ import annotations

import ast
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


# Where the validator's messages are written: every module whose text reaches `reportsite validate`.
MESSAGE_MODULES = sorted([*ROOT.glob("generator/content/*.py"), *ROOT.glob("generator/checks/*.py")])
# Calls that turn a text into a located problem: the message argument of each.
SINKS = {"problem": 1, "Problem": 4, "fail": 1, "_Limit": 2}
# Functions that build a message and return it (alone, or as this item of a tuple): their return values count.
BUILDERS = {
    "messages.py:_message": None, "suggest.py:missing_indicator": None, "fidelity.py:_describe": 2,
    "validate.py:_share_problem": 1, "yamlhints.py:explain": 2,
}  # fmt: skip
BUILDER_NAMES = {key.split(":")[1] for key in BUILDERS}
# Sinks whose text is made of texts read elsewhere (the reason is what the test reads instead).
PASSED_ON = {
    "messages.py:problems_from": "joins the texts of messages.py:_message",
    "yamlfile.py:_compose": "the reason of a _Limit (a sink)",
}
GAP = "\ue000"  # stands for a value filled in at run time (a private-use character: never in a template)


def _texts(node: ast.AST | None, names: dict[str, list[ast.AST]], depth: int = 0) -> list[str | None]:
    """The texts an expression can give, each run-time value as GAP; None where the text is not in the code."""
    if node is None or depth > 6:
        return [None]
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else [None]
    if isinstance(node, ast.JoinedStr):
        out = [""]
        for part in node.values:
            pieces = [part.value] if isinstance(part, ast.Constant) else _texts(part.value, names, depth + 1)  # type: ignore[attr-defined]
            out = [o + (p if isinstance(p, str) else GAP) for o in out for p in pieces]
        return out
    if isinstance(node, ast.IfExp):
        return _texts(node.body, names, depth + 1) + _texts(node.orelse, names, depth + 1)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        lefts, rights = _texts(node.left, names, depth + 1), _texts(node.right, names, depth + 1)
        return [(a if a is not None else GAP) + (b if b is not None else GAP) for a in lefts for b in rights]
    if isinstance(node, ast.Name) and node.id in names:
        return [t for value in names[node.id] for t in _texts(value, names, depth + 1)]
    return [None]


def _assigned(scope: ast.AST) -> dict[str, list[ast.AST]]:
    names: dict[str, list[ast.AST]] = {}
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names.setdefault(target.id, []).append(node.value)
    return names


def _message_of(call: ast.Call, in_models: bool) -> ast.AST | bool | None:
    """The message argument of a sink call; False when the call is no sink."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if name == "ValueError" and in_models:
        return call.args[0] if call.args else None
    if name not in SINKS:
        return False
    index = SINKS[name]
    keyword = next((k.value for k in call.keywords if k.arg in ("message", "reason")), None)
    if len(call.args) <= index and keyword is None:
        return False  # `reader.fail(Problem(…))`: the Problem inside is the sink
    return call.args[index] if len(call.args) > index else keyword


def _built(scope: ast.AST) -> set[str]:
    """Names assigned (alone or unpacked) from a builder's result: their texts are the builder's returns."""
    names: set[str] = set()
    for node in ast.walk(scope):
        call = node.value if isinstance(node, ast.Assign) else None
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") in BUILDER_NAMES:
            for target in node.targets:  # type: ignore[attr-defined]
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return names


def validator_messages() -> tuple[list[tuple[str, str]], list[str]]:
    """Every message template the validator can print, as (where, text); and the sinks whose text is not found."""
    found: list[tuple[str, str]] = []
    unknown: list[str] = []
    for path in MESSAGE_MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_names = {k: v for k, v in _assigned(tree).items() if k.isupper()}
        for func in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            names = {**module_names, **_assigned(func)}
            params = {a.arg for a in [*func.args.args, *func.args.kwonlyargs]}
            built = _built(func)
            where = f"{path.relative_to(ROOT)}:{func.name}"
            candidates: list[ast.AST | None] = []
            for node in ast.walk(func):
                if isinstance(node, ast.Call):
                    message = _message_of(node, path.name == "models.py")
                    if message is False:
                        continue
                    if isinstance(message, ast.Name) and message.id in params and message.id not in names:
                        continue  # passed through: its callers are sinks too
                    if isinstance(message, ast.Call) and getattr(message.func, "id", "") in BUILDER_NAMES:
                        continue  # built by a builder: its return values count
                    inner = message.value if isinstance(message, ast.Subscript) else message
                    if isinstance(inner, ast.Name) and inner.id in built:
                        continue
                    if f"{path.name}:{func.name}" in PASSED_ON:
                        continue
                    candidates.append(message)  # type: ignore[arg-type]
                elif isinstance(node, ast.Return) and f"{path.name}:{func.name}" in BUILDERS and node.value is not None:
                    item = BUILDERS[f"{path.name}:{func.name}"]
                    value = node.value
                    if item is not None:
                        if not isinstance(value, ast.Tuple):
                            continue  # `return None`, or a tuple passed on
                        value = value.elts[item]
                    candidates.append(value)
            for candidate in candidates:
                for text in _texts(candidate, names):
                    if text is None and f"{path.name}:{func.name}" == "messages.py:_message":
                        continue  # pydantic's value errors: the ValueError texts of models.py
                    if text is None or text.startswith(GAP + " — ") or text.strip(GAP) == "":
                        unknown.append(f"{where}:{getattr(candidate, 'lineno', '?')}")
                    else:
                        found.append((where, text.replace(GAP, "…")))
    return found, unknown


def test_every_message_the_validator_can_print_is_explained_in_the_table():
    """Read from the code, not from the corpus: a new message without a row in CONTRIBUTING.md fails here."""
    found, unknown = validator_messages()
    assert len(found) > 60, "the message templates were found"
    assert unknown == [], f"messages whose text the test cannot read (write them as literals or f-strings): {unknown}"
    rows = patterns()
    # pydantic's own (English) message for an error messages.py does not translate: the value in brackets
    fallback = ("generator/content/messages.py:_message", "…（…）")
    missing = sorted(
        {
            f"{where}: {text}"
            for where, text in found
            if (where, text) != fallback and not any(p.match(text) for p in rows)
        }
    )
    assert missing == [], "not in CONTRIBUTING.md's table:\n" + "\n".join(missing)


@pytest.mark.slow  # a fresh clone and virtual environment
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
