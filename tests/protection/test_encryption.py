"""Encryption at rest: what a thief with the laptop, a wrong passphrase and the recovery key can each do."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from app.services import encryption
from app.services.encryption import PassphraseNeeded, WrongPassphrase
from app.services.workspace import Workspace
from app.store import database, driver
from app.store.encryption import (
    KeyFile,
    RecoveryKeyTypo,
    encrypt_database,
    format_recovery_key,
    parse_recovery_key,
)
from app.store.errors import StoreBug, StoreUnavailable, WrongKey, translate_errors
from tests import sample

PASSPHRASE = "correct horse battery staple"
PATIENT_NAME = sample.chart().patient.last_name.encode()


def files(folder: Path) -> dict[str, str]:
    """Every file in the folder by name, with the SHA-256 of its bytes."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


def database_file(folder: Path) -> Path:
    return folder / "practice.sqlite3"


@pytest.fixture
def encrypted(data_dir: Path) -> str:
    """A practice with the sample records, encrypted; returns its recovery key."""
    recovery_key = encryption.set_up_encryption(data_dir, PASSPHRASE).recovery_key
    with Workspace(data_dir, passphrase=PASSPHRASE) as workspace:
        workspace.store.save_practice(sample.practice())
    return recovery_key


def test_an_encrypted_file_is_unreadable_without_the_key(data_dir: Path, encrypted: str) -> None:
    content = database_file(data_dir).read_bytes()
    assert not content.startswith(b"SQLite format 3")
    assert PATIENT_NAME not in content
    assert PASSPHRASE.encode() not in (data_dir / "key.json").read_bytes()
    plain = sqlite3.connect(database_file(data_dir))
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        plain.close()
    if os.name == "posix":
        assert stat.S_IMODE((data_dir / "key.json").stat().st_mode) == 0o600


def test_the_passphrase_opens_it_and_the_records_are_there(data_dir: Path, encrypted: str) -> None:
    with Workspace(data_dir, passphrase=PASSPHRASE) as workspace:
        assert workspace.encrypted
        assert workspace.store.practice() == sample.practice()


def test_without_a_secret_the_workspace_asks_for_one(data_dir: Path, encrypted: str) -> None:
    with pytest.raises(PassphraseNeeded):
        Workspace(data_dir)


def test_a_wrong_passphrase_says_so_and_changes_no_file(data_dir: Path, encrypted: str) -> None:
    before = files(data_dir)
    with pytest.raises(WrongPassphrase) as refused:
        Workspace(data_dir, passphrase="correct horse battery stapler")
    assert refused.value.field == "passphrase"
    assert "not the one for this practice" in refused.value.message
    assert "stapler" not in str(refused.value)
    assert files(data_dir) == before


def test_the_recovery_key_opens_it(data_dir: Path, encrypted: str) -> None:
    typed = encrypted.lower().replace("-", " ")  # as a therapist might type it from the printout
    with Workspace(data_dir, recovery_key=typed) as workspace:
        assert workspace.store.practice() == sample.practice()


def test_a_mistyped_recovery_key_is_told_apart_from_a_wrong_one(data_dir: Path, encrypted: str) -> None:
    before = files(data_dir)
    mistyped = ("X" if encrypted[0] != "X" else "Y") + encrypted[1:]
    with pytest.raises(WrongPassphrase, match="typing mistake"):
        Workspace(data_dir, recovery_key=mistyped)
    with pytest.raises(WrongPassphrase, match="does not belong"):
        Workspace(data_dir, recovery_key=format_recovery_key(bytes(16)))
    assert files(data_dir) == before


def test_recovery_keys_round_trip_and_read_well() -> None:
    raw = bytes(range(16))
    text = format_recovery_key(raw)
    assert len(text.split("-")) == 7 and all(len(group) == 4 for group in text.split("-"))
    assert parse_recovery_key(text) == raw
    assert parse_recovery_key(text.lower().replace("0", "o")) == raw
    with pytest.raises(RecoveryKeyTypo):
        parse_recovery_key(text[:-1])


def test_changing_the_passphrase_rewraps_the_key_only(data_dir: Path, encrypted: str) -> None:
    database_before = hashlib.sha256(database_file(data_dir).read_bytes()).hexdigest()
    encryption.change_passphrase(data_dir, PASSPHRASE, "a new passphrase for autumn")
    with pytest.raises(WrongPassphrase):
        Workspace(data_dir, passphrase=PASSPHRASE)
    assert hashlib.sha256(database_file(data_dir).read_bytes()).hexdigest() == database_before
    with Workspace(data_dir, passphrase="a new passphrase for autumn") as workspace:
        assert workspace.store.practice() == sample.practice()
    with Workspace(data_dir, recovery_key=encrypted) as workspace:  # the recovery key still works
        assert workspace.store.patients(limit=1)


def test_changing_with_a_wrong_current_passphrase_changes_nothing(data_dir: Path, encrypted: str) -> None:
    before = files(data_dir)
    with pytest.raises(WrongPassphrase, match="Nothing was changed"):
        encryption.change_passphrase(data_dir, "not the passphrase", "a new passphrase for autumn")
    assert files(data_dir) == before


def test_encrypting_a_plain_practice_keeps_every_record_and_removes_the_plain_copy(data_dir: Path) -> None:
    with Workspace(data_dir) as workspace:
        workspace.store.save_practice(sample.practice())
        before = workspace.store.practice()
        recovery_key = workspace.encrypt(PASSPHRASE).recovery_key
        assert workspace.encrypted
        assert workspace.store.practice() == before  # the open workspace goes on, now encrypted
    assert sorted(p.name for p in data_dir.iterdir() if "plain" in p.name or "encrypting" in p.name) == []
    assert PATIENT_NAME not in database_file(data_dir).read_bytes()
    with Workspace(data_dir, passphrase=PASSPHRASE) as workspace:
        assert workspace.store.practice() == before
    with Workspace(data_dir, recovery_key=recovery_key) as workspace:
        assert workspace.store.practice() == before


def test_an_encryption_interrupted_after_the_key_file_is_finished_on_the_next_open(data_dir: Path) -> None:
    with Workspace(data_dir) as workspace:
        workspace.store.save_practice(sample.practice())
    key = os.urandom(32)
    encrypting = data_dir / "practice.sqlite3.encrypting"
    encrypt_database(database_file(data_dir), encrypting, key)
    KeyFile.create(key, PASSPHRASE, format_recovery_key(bytes(16))).write(data_dir)
    # ...and the power went off before the files were swapped.
    with Workspace(data_dir, passphrase=PASSPHRASE) as workspace:
        assert workspace.store.practice() == sample.practice()
    assert not encrypting.exists()
    assert [p.name for p in data_dir.iterdir() if ".plain-" in p.name] == []
    assert PATIENT_NAME not in database_file(data_dir).read_bytes()


def test_a_new_practice_can_start_encrypted(data_dir: Path) -> None:
    encryption.set_up_encryption(data_dir, PASSPHRASE)
    assert encryption.is_encrypted(data_dir)
    with Workspace(data_dir, passphrase=PASSPHRASE) as workspace:
        assert workspace.is_empty()


def test_a_short_or_mismatched_passphrase_is_refused(data_dir: Path) -> None:
    with pytest.raises(encryption.ValidationError, match="at least 8"):
        encryption.set_up_encryption(data_dir, "short")
    with pytest.raises(encryption.ValidationError) as mismatch:
        encryption.check_new_passphrase(PASSPHRASE, PASSPHRASE + "!")
    assert mismatch.value.field == "repeat"
    assert not encryption.is_encrypted(data_dir)


def test_a_missing_key_file_is_explained(data_dir: Path, encrypted: str) -> None:
    (data_dir / "key.json").rename(data_dir / "key.json.moved")
    before = files(data_dir)
    with pytest.raises(StoreUnavailable, match="encrypted, but its key file"):
        Workspace(data_dir, passphrase=PASSPHRASE)
    assert files(data_dir) == before


# The store seam: sqlcipher3 under the store's own error handling --------------------------------


def test_a_key_that_does_not_open_the_file_is_a_clear_store_error(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    database.open_connection(path, key=os.urandom(32)).close()
    before = path.read_bytes()
    with pytest.raises(WrongKey, match="cannot be read with its key") as refused:
        database.connect(path, key=os.urandom(32))
    assert isinstance(refused.value, StoreUnavailable)
    assert path.read_bytes() == before


def test_translate_errors_handles_sqlcipher_errors(tmp_path: Path) -> None:
    module = driver.sqlcipher()
    locked = module.OperationalError("database is locked")
    with pytest.raises(StoreUnavailable, match="busy"), translate_errors(tmp_path):
        raise locked
    corrupt = module.DatabaseError("database disk image is malformed")
    with pytest.raises(StoreUnavailable, match="damaged"), translate_errors(tmp_path):
        raise corrupt
    conn = module.connect(":memory:")
    try:
        with pytest.raises(StoreBug, match="OperationalError"), translate_errors(tmp_path):
            conn.execute("SELECT * FROM no_such_table")
    finally:
        conn.close()


def test_a_locked_encrypted_database_is_busy_not_a_bug(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    key = os.urandom(32)
    holder = database.open_connection(path, key=key)
    other = database.connect(path, key=key, busy_timeout_ms=50)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreUnavailable, match="busy"), translate_errors(path):
            other.execute("BEGIN IMMEDIATE")
    finally:
        holder.execute("ROLLBACK")
        other.close()
        holder.close()
