"""Figures for backups: a backup and restore round trip with identical data, and the backup time.

python tools/backup_figures.py

The round trip runs on the sample practice with one issued superbill, in a temporary folder: the
backup is taken while the practice is open, restored into a fresh folder, and the restored
practice (every record, and each issued superbill's PDF) is compared with the original. The
backup time is measured on the benchmark database when it exists
(/tmp/superbill-bench-10k/practice.sqlite3), read through a read-only connection.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
import urllib.parse
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services.backups import back_up_now, restore  # noqa: E402
from app.services.superbills import Period, issue_superbill  # noqa: E402
from app.services.workspace import Workspace  # noqa: E402
from app.store.backup import back_up  # noqa: E402
from tests import sample  # noqa: E402

BENCH = Path("/tmp/superbill-bench-10k/practice.sqlite3")


def round_trip(folder: Path) -> str:
    with Workspace(folder / "data") as workspace:
        workspace.store.save_practice(sample.practice())
        issue_superbill(workspace.store, workspace.codes, "pt-0001", Period(), today=date(2026, 9, 20))
        summary = back_up_now(workspace, folder / "stick")
        practice = workspace.store.practice()
        numbers = [r.number for c in practice.charts for r in workspace.store.superbills(c.patient.key)]
        pdfs = [workspace.store.superbill_pdf(n) for n in numbers]
    restore(folder / "fresh", summary.path)
    with Workspace(folder / "fresh") as restored:
        same = (
            restored.store.practice() == practice
            and [restored.store.superbill_pdf(n) for n in numbers] == pdfs
        )
    visits = sum(len(c.visits) for c in practice.charts)
    return (
        f"backup and restore round trip: {'identical' if same else 'DIFFERENT'} "
        f"({len(practice.charts)} patients, {visits} visits, {len(numbers)} superbills)"
    )


def bench_backup(folder: Path) -> str:
    if not BENCH.exists():
        return f"backup time: no benchmark database at {BENCH}"
    source = sqlite3.connect("file:" + urllib.parse.quote(str(BENCH)) + "?mode=ro", uri=True)
    try:
        started = time.perf_counter()
        summary = back_up(source, folder / "practice-bench.sqlite3")
        seconds = time.perf_counter() - started
    finally:
        source.close()
    return (
        f"backup time (benchmark database, {summary.size / 1_000_000:.0f} MB, {summary.counts()}): "
        f"{seconds:.2f} s including SQLite's integrity check of the copy"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        print(round_trip(Path(folder)))
        print(bench_backup(Path(folder)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
