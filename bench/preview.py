"""The live preview as an editor sees it: `reportsite serve` on a copy of the real content, one edit at a time.

Each edit (alternately an indicator's definition and an observation's note, both shown on the indicator
page) is saved, then the page is fetched every 0.1 s until it shows the edit: the seconds from the save
to the served page. Also timed: until MkDocs logs the end of the rebuild, which is when its live reload
tells an open browser to reload (the page file is served as soon as it is written, a little earlier).
Also counted: MkDocs builds per save (from the serve log). Prints the medians of N edits with the load
average (the machine is shared: timings are reported, never asserted).
`python bench/preview.py [--edits 5]`
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import copy_project, env

INDICATOR = "content/indicators/gdp.yml"
OBSERVATIONS = "content/reports/shenzhen-2024/observations.yml"
PAGE = "indicators/gdp/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait(condition, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    raise TimeoutError(f"not visible after {timeout:.0f} s")


def _edits(project: Path, n: int) -> tuple[Path, str, str]:
    """The n-th edit: (file, its new text, a marker the page will show)."""
    marker = f"预览测量{n}号"
    if n % 2:
        path = project / INDICATOR
        text = path.read_text(encoding="utf-8").replace("\ndefinition: ", f"\ndefinition: {marker}", 1)
    else:
        path = project / OBSERVATIONS
        original = path.read_text(encoding="utf-8")
        at = original.index("- indicator: gdp\n")
        text = original[:at] + original[at:].replace("  paragraph:", f"  note: {marker}\n  paragraph:", 1)
    return path, text, marker


def measure(edits: int = 5) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as scratch:
        project = copy_project(Path(scratch) / "project")
        port = _free_port()
        log = Path(scratch) / "serve.log"
        url = f"http://127.0.0.1:{port}/{PAGE}"
        command = [sys.executable, "-m", "generator.cli", "--project", str(project), "serve", "-a", f"127.0.0.1:{port}"]
        with log.open("wb") as out:
            process = subprocess.Popen(command, cwd=project, env=env(), stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait(lambda: "地区生产总值" in _fetch(url), 600)
            time.sleep(1)
            seconds, reloads, builds = [], [], []
            originals = {p: (project / p).read_text(encoding="utf-8") for p in (INDICATOR, OBSERVATIONS)}
            for n in range(1, edits + 1):
                path, text, marker = _edits(project, n)
                before = log.read_text(encoding="utf-8").count("Building documentation")
                done = log.read_text(encoding="utf-8").count("Documentation built")
                path.write_text(text, encoding="utf-8")
                saved = time.monotonic()
                seconds.append(_wait(lambda marker=marker: marker in _fetch(url), 120))
                _wait(lambda done=done: log.read_text(encoding="utf-8").count("Documentation built") > done, 120)
                reloads.append(time.monotonic() - saved)
                time.sleep(3)  # a second build, if one follows, starts within this time
                builds.append(log.read_text(encoding="utf-8").count("Building documentation") - before)
                for name, original in originals.items():
                    (project / name).write_text(original, encoding="utf-8")
                _wait(lambda marker=marker: marker not in _fetch(url), 120)
                time.sleep(3)
        except TimeoutError:
            print(log.read_text(encoding="utf-8")[-3000:], file=sys.stderr)
            raise
        finally:
            process.terminate()
            process.wait(timeout=30)
    return {
        "median_s": statistics.median(seconds),
        "seconds": [round(s, 2) for s in seconds],
        "reload_median_s": statistics.median(reloads),
        "reloads": [round(s, 2) for s in reloads],
        "builds_per_save": builds,
        "loadavg": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5)
    result = measure(parser.parse_args().edits)
    load = ", ".join(f"{x:.1f}" for x in result["loadavg"])  # type: ignore[union-attr]
    print(f"edit → served page: median {result['median_s']:.2f} s of {result['seconds']} (load average {load})")
    print(f"edit → rebuild done (browser reloads): median {result['reload_median_s']:.2f} s of {result['reloads']}")
    print(f"MkDocs builds per save: {result['builds_per_save']}")


if __name__ == "__main__":
    main()
