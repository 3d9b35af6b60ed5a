"""Backups: taken while the practice is open, restored identically, refused when unusable, rotated."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.services.backups import (
    BackupRefused,
    automatic_backup,
    back_up_now,
    backup_folder,
    backups_to_keep,
    describe_backup,
    list_backups,
    restore,
)
from app.services.practice_file import read_practice_file
from app.services.workspace import Workspace
from app.store.backup import back_up
from app.store.database import open_connection
from app.store.health import Health, classify_database
from app.store.migrations import SCHEMA_VERSION
from app.store.paths import database_path
from app.store.records import PracticeStore
from tests.protection.helpers import imported_workspace, issue

NOW = datetime(2026, 11, 27, 10, 15, 0)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workspace(data_dir: Path, sample_practice_path: Path) -> Iterator[Workspace]:
    """The sample practice with one superbill issued (so a PDF travels through the backup)."""
    workspace = imported_workspace(data_dir, sample_practice_path)
    issue(workspace)
    yield workspace
    workspace.close()


def test_a_backup_taken_while_the_practice_is_open_restores_identical_data(
    workspace: Workspace, tmp_path: Path
) -> None:
    summary = back_up_now(workspace, tmp_path / "stick", NOW)
    expected = workspace.store.practice()
    numbers = [r.number for chart in expected.charts for r in workspace.store.superbills(chart.patient.key)]
    pdfs = {number: workspace.store.superbill_pdf(number) for number in numbers}

    assert summary.path == tmp_path / "stick" / "practice-2026-11-27T101500.sqlite3"
    assert summary.integrity_ok and summary.schema_version == SCHEMA_VERSION
    assert (summary.patients, summary.superbills) == (len(expected.charts), len(numbers)) != (0, 0)
    assert summary.visits == sum(len(chart.visits) for chart in expected.charts)
    assert stat.S_IMODE(summary.path.stat().st_mode) == 0o600
    assert not list((tmp_path / "stick").glob(".*"))  # no partial file left behind
    assert not Path(f"{summary.path}-wal").exists()  # one self-contained file

    fresh = tmp_path / "fresh"
    result = restore(fresh, summary.path, now=NOW)
    assert result.kept_aside == ()
    assert result.summary.counts() == summary.counts()
    with Workspace(fresh) as restored:
        assert restored.store.practice() == expected
        assert {n: restored.store.superbill_pdf(n) for n in numbers} == pdfs


def test_restore_keeps_the_current_database_aside(
    workspace: Workspace, data_dir: Path, tmp_path: Path
) -> None:
    summary = back_up_now(workspace, tmp_path / "stick", NOW)
    workspace.store.save_practice(workspace.store.practice())  # something after the backup
    workspace.close()
    before = sha256(database_path(data_dir))

    result = restore(data_dir, summary.path, now=NOW + timedelta(hours=1))

    aside = data_dir / "practice.sqlite3.before-restore-2026-11-27T111500"
    assert result.kept_aside[0] == aside
    assert sha256(aside) == before  # renamed, not copied over, not deleted
    assert result.database == database_path(data_dir)
    assert stat.S_IMODE(result.database.stat().st_mode) == 0o600
    with Workspace(data_dir) as restored:
        assert len(restored.store.practice().charts) == summary.patients


def test_a_second_restore_the_same_second_keeps_both_earlier_databases(
    workspace: Workspace, data_dir: Path, tmp_path: Path
) -> None:
    summary = back_up_now(workspace, tmp_path / "stick", NOW)
    workspace.close()
    first = restore(data_dir, summary.path, now=NOW)
    second = restore(data_dir, summary.path, now=NOW)
    assert first.kept_aside[0] != second.kept_aside[0]
    assert first.kept_aside[0].exists() and second.kept_aside[0].exists()


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:60])


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def _foreign(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT, artist TEXT)")
    conn.execute("INSERT INTO songs VALUES ('a', 'b')")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def _half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (_truncated, "not a database"),
        (_random_bytes, "not a database"),
        (_foreign, "another program"),
        (_newer, "newer version"),
        (_half, "damaged"),
    ],
    ids=["truncated-header", "random-bytes", "foreign", "newer-schema", "cut-in-half"],
)
def test_restore_refuses_an_unusable_backup_and_leaves_the_database_untouched(
    workspace: Workspace, data_dir: Path, tmp_path: Path, spoil: object, reason: str
) -> None:
    backup = back_up_now(workspace, tmp_path / "stick", NOW).path
    assert callable(spoil)
    spoil(backup)
    workspace.close()
    database = database_path(data_dir)
    before = sha256(database)
    listing = sorted(p.name for p in data_dir.iterdir())

    with pytest.raises(BackupRefused, match=reason) as refused:
        restore(data_dir, backup, now=NOW)

    assert str(backup) in str(refused.value)
    assert sha256(database) == before
    assert sorted(p.name for p in data_dir.iterdir()) == listing


def test_restore_refuses_a_missing_file_and_the_database_itself(workspace: Workspace, data_dir: Path) -> None:
    workspace.close()
    with pytest.raises(BackupRefused, match="no backup file"):
        restore(data_dir, data_dir / "nothing.sqlite3")
    with pytest.raises(BackupRefused, match="practice database itself"):
        restore(data_dir, database_path(data_dir))


def test_describe_backup_reports_when_it_was_taken_and_what_it_holds(workspace: Workspace) -> None:
    backup = back_up_now(workspace, None, NOW).path
    summary = describe_backup(backup)
    assert summary.taken_at == NOW
    assert summary.counts() == "1 patient, 2 visits, 1 superbill"


# Automatic backups -------------------------------------------------------------------------------


def test_automatic_backup_at_most_once_a_day(workspace: Workspace, data_dir: Path) -> None:
    first = automatic_backup(workspace, NOW)
    assert first is not None and first.path.parent == backup_folder(data_dir)
    assert stat.S_IMODE(backup_folder(data_dir).stat().st_mode) == 0o700
    assert automatic_backup(workspace, NOW + timedelta(hours=8)) is None  # same day
    assert automatic_backup(workspace, NOW.replace(hour=23, minute=59)) is None
    tomorrow = automatic_backup(workspace, NOW + timedelta(days=1))
    assert tomorrow is not None
    assert [b.taken_at for b in list_backups(backup_folder(data_dir))] == [NOW + timedelta(days=1), NOW]


def test_no_automatic_backup_of_an_empty_practice(empty_data_dir_workspace: Workspace) -> None:
    assert automatic_backup(empty_data_dir_workspace, NOW) is None
    assert list_backups(backup_folder(empty_data_dir_workspace.data_dir)) == []


@pytest.fixture
def empty_data_dir_workspace(data_dir: Path) -> Iterator[Workspace]:
    workspace = Workspace(data_dir)
    yield workspace
    workspace.close()


def test_a_year_of_backups_is_rotated_to_at_most_23(workspace: Workspace, data_dir: Path) -> None:
    folder = backup_folder(data_dir)
    other = folder / "notes.txt"  # files that are not our backups are left alone
    for day in [*range(0, 390, 9), *range(390, 400)]:  # every few days for a year, then daily
        automatic_backup(workspace, NOW + timedelta(days=day))
        if day == 0:
            other.write_text("mine")
    kept = list_backups(folder)
    assert len(kept) <= 23
    assert [b.taken_at.date() for b in kept[:7]] == [(NOW + timedelta(days=399 - d)).date() for d in range(7)]
    assert kept[-1].taken_at < NOW + timedelta(days=399 - 300)  # months back, one per month
    assert other.read_text() == "mine"


# Rotation rules ----------------------------------------------------------------------------------

moments = st.lists(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)), max_size=120
)


@settings(max_examples=300, deadline=None)
@given(moments)
def test_rotation_never_drops_the_newest_and_keeps_at_most_23(taken: list[datetime]) -> None:
    keep = backups_to_keep(taken)
    assert keep <= set(taken)
    assert len(keep) <= 7 + 4 + 12
    if taken:
        assert max(taken) in keep
    assert backups_to_keep(keep) == keep  # rotating again removes nothing more


def _latest_periods(taken: list[datetime], period: object, count: int) -> list[object]:
    assert callable(period)
    return sorted({period(m) for m in taken}, reverse=True)[:count]


@settings(max_examples=300, deadline=None)
@given(moments)
def test_rotation_keeps_the_newest_of_each_latest_day_week_and_month(taken: list[datetime]) -> None:
    keep = backups_to_keep(taken)
    for period, count in (
        (lambda m: m.date(), 7),
        (lambda m: tuple(m.isocalendar())[:2], 4),
        (lambda m: (m.year, m.month), 12),
    ):
        for bucket in _latest_periods(taken, period, count):
            newest = max(m for m in taken if period(m) == bucket)
            assert newest in keep


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(2021, 1, 1), max_value=date(2029, 1, 1)), st.integers(1, 500))
def test_daily_backups_rotated_each_day_keep_the_last_week_four_weeks_and_a_year(
    start: date, days: int
) -> None:
    kept: set[datetime] = set()
    for day in range(days):
        kept = backups_to_keep({*kept, datetime.combine(start + timedelta(days=day), datetime.min.time())})
    last = datetime.combine(start + timedelta(days=days - 1), datetime.min.time())
    assert len(kept) <= 23
    # the last 7 days are all there
    assert {last - timedelta(days=d) for d in range(min(days, 7))} <= kept
    # one per ISO week for the last 4 weeks that had backups, and one per month for a year
    weeks = {tuple(m.isocalendar())[:2] for m in kept}
    months = {(m.year, m.month) for m in kept}
    assert len(weeks) >= min(
        4, len({tuple((start + timedelta(days=d)).isocalendar())[:2] for d in range(days)})
    )
    assert len(months) >= min(
        12, len({((start + timedelta(days=d)).year, (start + timedelta(days=d)).month) for d in range(days)})
    )
    assert min(kept) >= last - timedelta(days=366 + 31)


def test_an_encrypted_practice_is_backed_up_encrypted_and_restored_with_its_key(
    tmp_path: Path, sample_practice_path: Path
) -> None:
    key = os.urandom(32)
    with PracticeStore(open_connection(tmp_path / "data" / "practice.sqlite3", key=key)) as store:
        store.save_practice(read_practice_file(sample_practice_path))
        expected = store.practice()
        summary = back_up(store.conn, tmp_path / "practice-2026-11-27T101500.sqlite3", key)

    assert summary.integrity_ok and summary.patients == len(expected.charts)
    assert not summary.path.read_bytes().startswith(b"SQLite format 3")  # encrypted like the database
    assert classify_database(summary.path) is Health.NOT_A_DATABASE  # without the key
    assert classify_database(summary.path, key) is Health.OK
    assert describe_backup(summary.path, key).counts() == summary.counts()

    restore(tmp_path / "fresh", summary.path, key, now=NOW)
    with PracticeStore(open_connection(tmp_path / "fresh" / "practice.sqlite3", key=key)) as restored:
        assert restored.practice() == expected


def test_an_encrypted_practices_backup_on_a_stick_carries_the_key_file_the_passphrase_opens(
    data_dir: Path, tmp_path: Path, sample_practice_path: Path
) -> None:
    from app.services.backups import back_up_now, key_file_beside
    from app.services.encryption import set_up_encryption
    from app.store.encryption import KeyFile

    with Workspace(data_dir) as plain:
        plain.store.save_practice(read_practice_file(sample_practice_path))
    set_up_encryption(data_dir, "correct horse battery")
    with Workspace(data_dir, passphrase="correct horse battery") as workspace:
        summary = back_up_now(workspace, tmp_path / "stick", now=NOW)

    sidecar = key_file_beside(summary.path)
    assert sidecar.exists() and stat.S_IMODE(sidecar.stat().st_mode) == 0o600
    elsewhere = tmp_path / "another-laptop"
    elsewhere.mkdir()
    (elsewhere / "key.json").write_bytes(sidecar.read_bytes())
    key = KeyFile.read(elsewhere).unlock("correct horse battery")
    assert classify_database(summary.path, key) is Health.OK
    assert describe_backup(summary.path, key).patients == 1


def test_a_plain_practices_backup_has_no_key_file(workspace: Workspace, tmp_path: Path) -> None:
    from app.services.backups import back_up_now, key_file_beside

    summary = back_up_now(workspace, tmp_path / "stick", now=NOW)
    assert not key_file_beside(summary.path).exists()
