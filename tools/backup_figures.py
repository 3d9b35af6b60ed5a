"""Figures for backups: a backup and restore round trip with identical data, and the backup time.

python tools/backup_figures.py

The round trip runs on the sample practice with one issued superbill, in a temporary folder: the
backup is taken while the practice is open, restored into a fresh folder, and the restored
practice (every record, and each issued superbill's PDF) is compared with the original. The
backup time is measured on the benchmark database when it exists
(/tmp/superbill-bench-10k/practice.sqlite3), read through a read-only connection. The time a
restore spends verifying a backup (app.store.verify: the schema, and every superbill PDF against its
SHA-256) is measured on that backup after each superbill's small placeholder PDF is replaced by one
the size of a real issued superbill (47 KB), so that hashing costs what it would in a real practice.
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


REAL_PDF_BYTES = 47_000  # a two-visit superbill as rendered: 47,331 bytes


def bench_verify(folder: Path) -> str:
    """How long the verification of a restore takes on a 10,000-patient backup with real-size PDFs."""
    import hashlib
    import os

    from app.store.health import classify_database, open_read_only
    from app.store.verify import backup_problem

    backup = folder / "practice-bench.sqlite3"
    if not backup.exists():
        return "verification time: no benchmark backup (see the backup time)"
    conn = sqlite3.connect(backup, isolation_level=None)
    try:
        (final,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'superbills_are_final_update'"
        ).fetchone()
        conn.execute("BEGIN")
        conn.execute("DROP TRIGGER superbills_are_final_update")
        for (row,) in conn.execute("SELECT id FROM superbills").fetchall():
            pdf = os.urandom(REAL_PDF_BYTES)
            conn.execute(
                "UPDATE superbills SET pdf = ?, sha256 = ? WHERE id = ?",
                (pdf, hashlib.sha256(pdf).hexdigest(), row),
            )
        conn.execute(final)
        conn.execute("COMMIT")
    finally:
        conn.close()
    classify_database(backup)  # read once, so that both figures below find it in the page cache
    started = time.perf_counter()
    classify_database(backup)
    integrity = time.perf_counter() - started
    with open_read_only(backup) as read:
        started = time.perf_counter()
        problem = backup_problem(read)
        verify = time.perf_counter() - started
        count = read.execute("SELECT count(*) FROM superbills").fetchone()[0]
    return (
        f"verification of a restore (the same backup, {count:,} superbills of {REAL_PDF_BYTES // 1000} KB, "
        f"{backup.stat().st_size / 1_000_000:.0f} MB): {verify:.2f} s, {problem or 'nothing differs'}; "
        f"SQLite's integrity check of the same file {integrity:.2f} s"
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        print(round_trip(Path(folder)))
        print(bench_backup(Path(folder)))
        print(bench_verify(Path(folder)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
