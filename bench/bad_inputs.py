"""Time and peak memory of `reportsite validate` and `reportsite build` on every bad input of the corpus.

Usage: python bench/bad_inputs.py [--only NAME ...]
Each command runs as its own process (peak RSS from os.wait4, so it is that process's alone) against
the mini project changed by one case of tests/bad_inputs.py. Prints one row per case, whether the
outcome was as specified (exit status, message with file and line, no traceback, site/ untouched),
and the slowest and the most memory-hungry case. Numbers only: nothing is asserted on timings.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from bad_inputs import CASES, Outcome, run, tree_digest  # noqa: E402

from conftest import mini_files, write_project  # noqa: E402


def as_specified(status: int, expect: str, outcome: Outcome) -> bool:
    if outcome.status != status or "Traceback" in outcome.stderr:
        return False
    return status == 0 or any(line.startswith(expect) for line in outcome.stderr.splitlines())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="case names")
    args = parser.parse_args()
    cases = [c for c in CASES if not args.only or c.name in args.only]
    with tempfile.TemporaryDirectory() as tmp:
        base = write_project(Path(tmp) / "base", mini_files())
        assert run(base, "build").status == 0
        digest = tree_digest(base / "site")
        rows = []
        print(f"{'case':32} {'validate s':>10} {'MB':>6} {'build s':>8} {'MB':>6}  ok")
        for case in cases:
            project = Path(tmp) / "case"
            shutil.copytree(base, project, symlinks=True)
            case.write(project)
            validate = run(project, "validate")
            build = run(project, "build")
            ok = (
                as_specified(case.status, case.expect, validate)
                and as_specified(case.status, case.expect, build)
                and tree_digest(project / "site") == digest
                and not list(project.glob(".site-*"))
            )
            rows.append((case.name, validate, build, ok))
            print(
                f"{case.name:32} {validate.seconds:10.2f} {validate.peak_mb:6.0f} {build.seconds:8.2f} "
                f"{build.peak_mb:6.0f}  {'yes' if ok else 'NO'}",
                flush=True,
            )
            shutil.rmtree(project)
    good = sum(ok for *_, ok in rows)
    slow = max(rows, key=lambda r: max(r[1].seconds, r[2].seconds))
    heavy = max(rows, key=lambda r: max(r[1].peak_mb, r[2].peak_mb))
    print(f"\n{good} of {len(rows)} bad inputs handled as specified")
    print(f"slowest: {slow[0]} (validate {slow[1].seconds:.2f} s, build {slow[2].seconds:.2f} s)")
    print(f"most memory: {heavy[0]} (validate {heavy[1].peak_mb:.0f} MB, build {heavy[2].peak_mb:.0f} MB peak RSS)")
    return 0 if good == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
