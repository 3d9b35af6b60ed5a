"""`superbill encrypt` promises "your records are now encrypted": an attacker looks for any copy left readable.

The data folder holds more than the practice: automatic backups, the databases a restore kept
aside, leftovers of an interrupted encryption or backup. After `encrypt`, none may hold a patient's
name in the clear; each backup must still restore (with its key file beside it), and a copy that
could not be encrypted must be named in the output, not silently left.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.services.workspace import Workspace
from app.store.health import Health, classify_database
from tests.protection.test_full_disk_and_read_only import _fill, tiny_disk  # noqa: F401

PASSPHRASE = "tidewater massage since 2019"
NAME = b"Okafor"  # the sample patient's last name


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def readable_copies(folder: Path) -> list[Path]:
    """Every file under `folder` in which the patient's name can be read as it is on disk."""
    return sorted(path for path in folder.rglob("*") if path.is_file() and NAME in path.read_bytes())


@pytest.fixture
def practice_with_copies(
    data_dir: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str]
) -> Path:
    """The sample practice with two backups, a database kept aside by a restore, and leftovers."""
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    assert run(data_dir, "backup") == 0
    backups = data_dir / "backups"
    first = next(backups.glob("*.sqlite3"))
    shutil.copy(first, backups / "practice-2026-01-02T030405.sqlite3")  # an older one
    assert run(data_dir, "restore", "--yes", str(first)) == 0  # keeps the database aside
    # What an interrupted encryption, restore and backup would leave behind.
    shutil.copy(first, data_dir / "practice.sqlite3.plain-20260101-000000")
    shutil.copy(first, data_dir / ".practice.sqlite3.restoring")
    shutil.copy(first, backups / ".practice-2026-01-03T000000.sqlite3.partial")
    capsys.readouterr()
    assert len(readable_copies(data_dir)) == 7
    return data_dir


def test_encrypt_leaves_no_copy_of_the_records_readable_and_says_what_it_did(
    practice_with_copies: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    assert run(practice_with_copies, "encrypt", "--recovery-key-written") == 0
    out = capsys.readouterr().out
    assert readable_copies(practice_with_copies) == []
    assert "Encrypted 3 copies" in out  # two backups, one database kept by the restore
    assert "Overwrote and deleted 3 unencrypted leftover" in out
    assert "SSD" in out
    assert not list(practice_with_copies.glob("recovery-key*"))  # confirmed: not kept
    leftovers = [p.name for p in practice_with_copies.rglob("*") if ".plain" in p.name or "partial" in p.name]
    assert leftovers == [] and not (practice_with_copies / ".practice.sqlite3.restoring").exists()


def test_each_encrypted_backup_has_its_key_file_and_restores_on_another_computer(
    practice_with_copies: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    assert run(practice_with_copies, "encrypt", "--recovery-key-written") == 0
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)
    backups = sorted((practice_with_copies / "backups").glob("*.sqlite3"))
    assert len(backups) == 2
    for number, backup in enumerate(backups):
        assert classify_database(backup) is Health.NOT_A_DATABASE  # encrypted
        assert backup.with_name(backup.name + ".key.json").exists()
        elsewhere = tmp_path / f"laptop-{number}"
        assert run(elsewhere, "restore", "--yes", str(backup)) == 0
        with Workspace(elsewhere, passphrase=PASSPHRASE) as workspace:
            assert workspace.store.chart("pt-0001").patient.last_name == NAME.decode()
    kept = next(practice_with_copies.glob("practice.sqlite3.before-restore-*"))
    assert classify_database(kept) is Health.NOT_A_DATABASE
    with Workspace(practice_with_copies, passphrase=PASSPHRASE) as workspace:
        assert classify_database(kept, workspace.database_key) is Health.OK


def test_a_damaged_backup_is_left_as_it_is_and_named(
    practice_with_copies: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = practice_with_copies / "backups" / "practice-2025-12-31T235959.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    before = damaged.read_bytes()
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    assert run(practice_with_copies, "encrypt", "--recovery-key-written") == 0
    out = capsys.readouterr().out
    assert f"NOT encrypted: {damaged}: it is damaged" in out
    assert damaged.read_bytes() == before
    assert readable_copies(practice_with_copies) == []


def test_encrypting_from_the_app_covers_the_copies_too(practice_with_copies: Path) -> None:
    """Settings > Security calls Workspace.encrypt, the same service as the command line."""
    with Workspace(practice_with_copies) as workspace:
        result = workspace.encrypt(PASSPHRASE)
    assert len(result.copies.encrypted) == 3 and len(result.copies.removed) == 3
    assert readable_copies(practice_with_copies) == []


# A full disk -------------------------------------------------------------------------------------


@pytest.mark.parametrize("left_free", [0, 64 * 1024, 300 * 1024])
def test_encrypt_on_a_full_disk_is_exit_3_and_leaves_the_plain_practice_as_it_was(
    left_free: int,
    tiny_disk: Path,  # noqa: F811 (the fixture imported above)
    sample_practice_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tiny_disk / "data"
    assert run(folder, "import", str(sample_practice_path)) == 0
    with Workspace(folder) as workspace:
        before = workspace.store.practice()
    filler = _fill(tiny_disk)
    with filler.open("r+b") as file:  # give some space back: the copy runs out part-way
        file.truncate(max(0, filler.stat().st_size - left_free))
    capsys.readouterr()
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    status = run(folder, "encrypt")
    err = capsys.readouterr().err
    filler.unlink()
    if status == 0:  # enough room after all: then it must be whole
        with Workspace(folder, passphrase=PASSPHRASE) as workspace:
            assert workspace.store.practice() == before
        return
    assert status == 3 and err.count("\n") == 1 and "Traceback" not in err
    assert not (folder / "key.json").exists()
    assert not list(folder.glob("recovery-key*"))
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("practice.sqlite3")) in (
        ["practice.sqlite3"],
        ["practice.sqlite3", "practice.sqlite3-shm", "practice.sqlite3-wal"],
    )
    with Workspace(folder) as workspace:
        assert workspace.store.practice() == before


def test_copies_made_by_hand_are_named_not_passed_over_in_silence(
    practice_with_copies: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A copy the therapist made (practice.sqlite3.bak, backups/old.sqlite3, a journal) is not the
    app's to rewrite or delete, but encrypting must not let "every copy" pass unsaid about it."""
    database = practice_with_copies / "practice.sqlite3"
    by_hand = [
        practice_with_copies / "practice.sqlite3.bak",
        practice_with_copies / "backups" / "old.sqlite3",
    ]
    for copy in by_hand:
        shutil.copyfile(database, copy)
    journal = practice_with_copies / "backups" / "old.sqlite3-journal"
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 504)
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    assert run(practice_with_copies, "encrypt", "--recovery-key-written") == 0
    out = capsys.readouterr().out
    for copy in (*by_hand, journal):
        assert f"NOT encrypted: {copy}: a file Superbill Desk did not make" in out
        assert copy.exists()  # the therapist's own file: named, not deleted
