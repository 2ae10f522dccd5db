"""The code checks run with the tests, so README, .ci/run and a contributor run one command."""

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("args", [["check", "."], ["format", "--check", "."]])
def test_ruff(args: list[str]):
    ruff = shutil.which("ruff") or pytest.skip("ruff is installed with '.[test]'")
    result = subprocess.run([ruff, *args], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_imports_without_side_effects():
    result = subprocess.run([sys.executable, "-c", "import generator.cli, generator.build"], cwd=ROOT, check=False)
    assert result.returncode == 0


@pytest.mark.slow  # mypy over generator/, cold on a fresh clone
def test_mypy():
    mypy = shutil.which("mypy") or pytest.skip("mypy is installed with '.[test]'")
    result = subprocess.run([mypy, "generator"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
