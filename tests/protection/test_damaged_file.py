"""A damaged or foreign practice file is recognised for what it is, and never changed by looking at it."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from app.services.backups import (
    automatic_backup,
    damaged_message,
    restore,
)
from app.services.practice_health import Health, start_health
from app.services.workspace import Workspace
from app.store.health import classify_database
from app.store.migrations import SCHEMA_VERSION
from app.store.paths import database_path
from tests.protection.helpers import imported_workspace

NOW = datetime(2026, 11, 27, 10, 15, 0)


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in the folder and its hash: looking must add, change and remove nothing."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


@pytest.fixture
def practice(data_dir: Path, sample_practice_path: Path) -> Path:
    """A closed sample practice with a backup from NOW; the database path."""
    workspace = imported_workspace(data_dir, sample_practice_path)
    automatic_backup(workspace, NOW)
    workspace.close()
    return database_path(data_dir)


def truncated_header(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:40])


def truncated_pages(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(200_000))


def text_file(path: Path) -> None:
    path.write_text("Patient list\nDaniel Okafor\n")


def other_program(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    conn.commit()
    conn.close()


def newer_schema(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()


def scribbled_page(path: Path) -> None:
    """A page in the middle overwritten: a valid header, damaged contents."""
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[3 * page : 4 * page] = os.urandom(page)
    path.write_bytes(bytes(data))


CASES: list[tuple[Callable[[Path], None], Health]] = [
    (truncated_header, Health.NOT_A_DATABASE),
    (random_bytes, Health.NOT_A_DATABASE),
    (text_file, Health.NOT_A_DATABASE),
    (other_program, Health.FOREIGN),
    (newer_schema, Health.NEWER_SCHEMA),
    (truncated_pages, Health.CORRUPT),
    (scribbled_page, Health.CORRUPT),
]


@pytest.mark.parametrize(("spoil", "expected"), CASES, ids=[case[0].__name__ for case in CASES])
def test_each_kind_of_damage_is_classified_and_the_file_is_left_byte_identical(
    practice: Path, spoil: Callable[[Path], None], expected: Health
) -> None:
    spoil(practice)
    before = fingerprint(practice.parent)

    assert classify_database(practice) is expected
    assert start_health(practice.parent) is expected

    assert fingerprint(practice.parent) == before


def test_a_sound_practice_is_ok_and_a_missing_or_empty_one_is_a_new_practice(
    practice: Path, tmp_path: Path
) -> None:
    assert classify_database(practice) is Health.OK
    assert classify_database(tmp_path / "nothing" / "practice.sqlite3") is Health.MISSING
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    assert classify_database(empty) is Health.MISSING
    assert Health.OK.usable and Health.MISSING.usable
    assert not any(
        h.usable for h in (Health.NOT_A_DATABASE, Health.FOREIGN, Health.NEWER_SCHEMA, Health.CORRUPT)
    )


def test_a_practice_with_unsaved_wal_pages_is_ok_while_open(
    data_dir: Path, sample_practice_path: Path
) -> None:
    """The check reads the -wal as SQLite does: a practice open in another window is not 'foreign'."""
    with imported_workspace(data_dir, sample_practice_path):
        assert classify_database(database_path(data_dir)) is Health.OK


def test_the_message_names_the_problem_the_file_and_the_restore_command(practice: Path) -> None:
    random_bytes(practice)
    message = damaged_message(practice.parent, Health.NOT_A_DATABASE)
    assert "not a database" in message
    assert str(practice) in message
    assert (
        "superbill restore " + str(practice.parent / "backups" / "practice-2026-11-27T101500.sqlite3")
        in message
    )
    assert "11/27/2026 10:15" in message


def test_the_message_without_a_backup_says_where_to_look(tmp_path: Path) -> None:
    message = damaged_message(tmp_path, Health.FOREIGN)
    assert "another program" in message and "no backup in the data folder" in message


@pytest.mark.parametrize(("spoil", "expected"), CASES[:5], ids=[case[0].__name__ for case in CASES[:5]])
def test_restoring_over_a_damaged_file_renames_it_and_opens_the_backup(
    practice: Path, spoil: Callable[[Path], None], expected: Health
) -> None:
    spoil(practice)
    damaged = practice.read_bytes()
    backup = next((practice.parent / "backups").iterdir())

    result = restore(practice.parent, backup, now=NOW)

    assert result.kept_aside[0].read_bytes() == damaged  # moved aside, never overwritten or deleted
    with Workspace(practice.parent) as workspace:
        assert workspace.store.patients()
