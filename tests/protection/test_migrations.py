"""A database written by every earlier schema version, with data, opens in this app with nothing lost.

Each version's database is made by the migrations themselves (1..v) plus rows the app of that
version wrote (seeds/v{v}.sql, see schema_seeds.py). A new migration is tested by this file
without anyone remembering to: the parameters run over every version up to SCHEMA_VERSION.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.store.database import open_connection
from app.store.migrations import SCHEMA_VERSION
from app.store.records import PracticeStore
from tests.protection.schema_seeds import build, expected, readback, seed_path

FIXTURE_V1 = Path(__file__).parents[1] / "data" / "schema-v1.sqlite3"


def _opened_in_this_app(path: Path) -> dict[str, object]:
    conn = open_connection(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        return readback(PracticeStore(conn))
    finally:
        conn.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_a_database_written_by_schema_version_opens_with_nothing_lost(version: int, tmp_path: Path) -> None:
    assert seed_path(version).is_file(), (
        f"no data for schema version {version}: add FILLS[{version}] to tests/protection/schema_seeds.py "
        "and run `python tools/make_schema_fixture.py seed`"
    )
    path = tmp_path / "old" / "practice.sqlite3"
    path.parent.mkdir()
    build(path, version)

    assert _opened_in_this_app(path) == expected(version, tmp_path)


def test_the_database_file_of_the_first_schema_opens_with_nothing_lost(tmp_path: Path) -> None:
    """tests/data/schema-v1.sqlite3, a file as the first release left it (tools/make_schema_fixture.py)."""
    path = tmp_path / "data" / "practice.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(FIXTURE_V1, path)
    head = FIXTURE_V1.read_bytes()[:100]
    assert head.startswith(b"SQLite format 3\0")
    assert int.from_bytes(head[60:64], "big") == 1  # user_version: written by schema version 1

    assert _opened_in_this_app(path) == expected(1, tmp_path)
    with PracticeStore.open(path) as store:  # and it keeps working: the next number follows on
        assert store.next_statement_number(store.superbills()[0].issued_on) == "SB-2026-0002"


def test_stopping_migrations_at_a_version_leaves_the_database_at_that_version(tmp_path: Path) -> None:
    path = tmp_path / "practice.sqlite3"
    build(path, 1)
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        raw.close()
    conn = open_connection(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()
