"""What every benchmark needs: a copy of the project, timed child processes with their peak memory."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("content", "seeds", "site_templates")  # the code is the installed `reportsite` plugin


def copy_project(target: Path) -> Path:
    """The project's inputs (never its build/ or site/), so a benchmark never touches the working tree."""
    for name in PROJECT_PARTS:
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "build" / "docs").mkdir(parents=True, exist_ok=True)
    return target


def env(**extra: str) -> dict[str, str]:
    """The environment of a measured child: this checkout's code, no progress bars."""
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))  # this checkout first
    return {**os.environ, "PYTHONPATH": path, "CI": "true", **extra}


@dataclass
class Run:
    """One measured child process."""

    seconds: float
    cpu_s: float  # user + system: less sensitive than wall time to other load on the machine
    peak_mb: float
    stderr: str


def run(command: list[str], cwd: Path, extra_env: dict[str, str] | None = None) -> Run:
    """Run to completion; wall time and the child's peak resident memory (from wait4's rusage)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=cwd, env=env(**(extra_env or {})), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert child.stderr is not None
    err = child.stderr.read().decode("utf-8", errors="replace")
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}):\n{err[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, err)  # ru_maxrss is in KiB on Linux


def reportsite(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator.cli", "--project", str(project), *args]


def median(values: list[float]) -> float:
    return statistics.median(values)


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"
