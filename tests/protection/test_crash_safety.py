"""A visit the app said was saved survives the app being killed at any moment.

The writer is a separate Python process running the app's own save path; it is killed with
SIGKILL 25 times at seeded random moments, on the same database file (see crash.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.store.paths import database_path
from app.store.records import PracticeStore
from tests.protection.crash import CrashReport, _check, run_crash_loop
from tests.protection.crash_writer import PATIENT, expected_visit

KILLS = 25


def test_every_visit_reported_saved_survives_25_kills_and_the_file_stays_intact(tmp_path: Path) -> None:
    report = run_crash_loop(tmp_path, kills=KILLS, seed=20260)

    assert report.damage == []  # PRAGMA integrity_check said "ok" after every kill
    assert report.lost == []
    assert report.torn == []  # the visit being saved at the kill is all there or not there at all
    assert report.survived == report.kills == KILLS
    # The kills landed while work was going on, not only between saves or before the first one.
    assert report.committed >= KILLS
    assert report.kills_during_a_save >= KILLS // 2, report.summary()


def test_the_check_notices_a_missing_visit_and_a_half_written_one(tmp_path: Path) -> None:
    """The crash test would prove nothing if its check could not fail."""
    path = database_path(tmp_path / "data")
    with PracticeStore.open(path) as store:
        store.save_patient(PATIENT)
        store.save_visit(PATIENT.key, expected_visit("r1-1"))
        whole = expected_visit("r1-3")
        store.save_visit(PATIENT.key, replace(whole, lines=whole.lines[:1]))

    report = CrashReport()
    _check(path, committed=["r1-1", "r1-2"], in_flight=["r1-3"], report=report)

    assert report.lost == ["r1-2"]
    assert report.torn == ["r1-3"]
    assert report.damage == []
