"""Figures for the README: kill a process saving visits many times and count what was lost.

    python tools/protection_figures.py [--kills 100] [--seed 20260]

Prints "crash kills survived: N/N, committed rows lost: 0" and details (see
tests/protection/crash.py for what each kill checks). Exits 1 if anything was lost or damaged.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(REPO))
    from tests.protection.crash import run_crash_loop

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20260)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        report = run_crash_loop(Path(folder), kills=args.kills, seed=args.seed)
    print(report.summary())
    return 0 if report.survived == report.kills and not report.lost else 1


if __name__ == "__main__":
    sys.exit(main())
