"""Opening the practice database: settings, migrations, and errors that say whose fault they are."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from app.store import migrations
from app.store.database import open_connection
from app.store.errors import NewerDatabase, StoreBug, StoreUnavailable, translate_errors
from app.store.migrations import SCHEMA_VERSION
from app.store.records import PracticeStore


def test_a_new_database_is_migrated_to_the_current_schema_with_wal_and_foreign_keys(db_path: Path) -> None:
    db = open_connection(db_path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"patients", "visits", "service_lines", "superbills", "counters"} <= tables
    finally:
        db.close()


def test_the_data_folder_is_created_when_missing(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "practice.sqlite3"
    open_connection(path).close()
    assert path.is_file()


def test_reopening_keeps_the_data_and_does_not_migrate_again(db_path: Path) -> None:
    with PracticeStore.open(db_path) as store:
        store.save_fee("97124", 4000)
    with PracticeStore.open(db_path) as store:
        assert store.fees().default == {"97124": 4000}
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()

    with pytest.raises(NewerDatabase) as refused:
        open_connection(db_path)

    assert "newer version of Superbill Desk" in str(refused.value)
    assert isinstance(refused.value, StoreUnavailable)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]  # no -wal / -shm left


def test_a_file_that_is_not_a_database_is_reported_with_what_to_do(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(os.urandom(8192))

    with pytest.raises(StoreUnavailable) as unavailable:
        open_connection(db_path)

    message = str(unavailable.value)
    assert "not a Superbill Desk database" in message
    assert str(db_path) in message
    assert "backup" in message
    assert unavailable.value.path == db_path


def test_a_data_folder_that_cannot_be_created_is_reported(tmp_path: Path) -> None:
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")

    with pytest.raises(StoreUnavailable) as unavailable:
        open_connection(in_the_way / "practice.sqlite3")

    assert "cannot be created" in str(unavailable.value)
    assert "--data-dir" in str(unavailable.value)


def test_a_database_busy_in_another_window_is_an_environment_problem(db_path: Path) -> None:
    with PracticeStore.open(db_path) as first:
        other = open_connection(db_path, busy_timeout_ms=50)
        try:
            with first.transaction():
                first.save_fee("97124", 4000)
                with pytest.raises(StoreUnavailable) as unavailable:
                    PracticeStore(other).save_fee("97140", 4500)
        finally:
            other.close()
    assert "another" in str(unavailable.value)


def test_a_constraint_our_code_breaks_is_a_bug_not_the_users_problem(store: PracticeStore) -> None:
    with pytest.raises(StoreBug) as bug, translate_errors(store.path):
        store.conn.execute("INSERT INTO fees (code, cents) VALUES ('97124', -1)")
    assert isinstance(bug.value.__cause__, sqlite3.IntegrityError)


def test_an_unwritable_database_is_reported_as_read_only(db_path: Path) -> None:
    open_connection(db_path).close()
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        with pytest.raises(StoreUnavailable) as unavailable, translate_errors(db_path):
            conn.execute("INSERT INTO fees (code, cents) VALUES ('97124', 1)")
    finally:
        conn.close()
    assert "read-only" in str(unavailable.value)


def test_a_migration_that_fails_leaves_the_database_at_the_version_before(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_connection(db_path).close()
    broken = "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
    monkeypatch.setattr(migrations, "MIGRATIONS", (*migrations.MIGRATIONS, broken))
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", SCHEMA_VERSION + 1)

    with pytest.raises(StoreBug):
        open_connection(db_path)

    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    finally:
        conn.close()
