"""Committed work still in SQLite's write-ahead log (`practice.sqlite3-wal`) after a crash is never lost
by a backup or a restore.

The tester's report: the app saved a visit, claim CL-2026-0001 and superbill SB-2026-0001, was killed
(kill -9: those transactions were committed into the -wal, not yet checkpointed into the file); a
restore set the database aside (with its -wal), and restoring that kept copy to undo gave back the
file without its -wal: the three records were gone and their numbers were issued again.

Here a real child process saves through the app's own Workspace and is killed with SIGKILL, so the
-wal really holds the saves (each test asserts it is non-empty first).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.services.encryption import database_key
from app.store.driver import sqlcipher
from tests.protection.holders import ROOT, child_environment, kill

VISIT = "crash-visit"
PASSPHRASE = "tidewater massage since 2019"

# The desktop app's part: a Workspace held open (Workspace.hold_open, as the app does) that saves a
# visit, then a claim and a superbill issued by the same code the commands run, in this process.
SAVER = f"""
import os
import sys
from datetime import date

from app.cli import main
from app.domain.practice import ServiceLine, Visit
from app.services.workspace import Workspace

folder = sys.argv[1]
workspace = Workspace(folder, os.environ.get("SUPERBILL_PASSPHRASE"))
workspace.hold_open()
workspace.store.save_visit(
    "demo-3",
    Visit({VISIT!r}, date(2026, 3, 2), ("M54.2",), (ServiceLine("97124", ("A",), minutes=60, fee=9500),),
          place_of_service="11"),
)
assert main(["--data-dir", folder, "cms1500", "--patient", "demo-1", "-o", sys.argv[2]]) == 0
assert main(["--data-dir", folder, "render", "--patient", "demo-2", "-o", sys.argv[3]]) == 0
print("saved", flush=True)
sys.stdin.read()
"""


def run(folder: Path, *args: str) -> int:
    return main(["--data-dir", str(folder), *args])


def wal(database: Path) -> Path:
    return database.with_name(database.name + "-wal")


def numbers(database: Path, key: bytes | None = None) -> tuple[set[str], set[str], set[str]]:
    """The visits, claim numbers and superbill numbers in the database file alone (a -wal beside it
    is not read: what a program that copies only the file would get)."""
    uri = f"file:{database}?mode=ro&immutable=1"
    connection = sqlite3.connect(uri, uri=True) if key is None else sqlcipher().connect(uri, uri=True)
    try:
        if key is not None:
            connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        return (
            {row[0] for row in connection.execute("SELECT key FROM visits")},
            {row[0] for row in connection.execute("SELECT number FROM claims")},
            {row[0] for row in connection.execute("SELECT number FROM superbills")},
        )
    finally:
        connection.close()


def crash(folder: Path, tmp_path: Path, key: bytes | None = None) -> None:
    """The app saves a visit, CL-2026-0001 and SB-2026-0001 in the practice in `folder`, then is killed."""
    env = child_environment(tmp_path)
    if key is not None:
        env["SUPERBILL_PASSPHRASE"] = PASSPHRASE
    child = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(folder), str(tmp_path / "claim.pdf"), str(tmp_path / "sb.pdf")],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = ""
        while line not in ("saved", "ended"):  # the commands' own output comes first
            line = child.stdout.readline().strip() or ("ended" if child.poll() is not None else "")
        assert line == "saved"
    finally:
        kill(child)
    database = folder / "practice.sqlite3"
    assert wal(database).stat().st_size > 0  # the saves are in the -wal, not yet in the file
    visits, claims, superbills = numbers(database, key)
    assert VISIT not in visits and "CL-2026-0001" not in claims and "SB-2026-0001" not in superbills


@pytest.fixture
def crashed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    """The demo practice after the app saved a visit, CL-2026-0001 and SB-2026-0001 and was killed."""
    folder = tmp_path / "data"
    assert run(folder, "demo") == 0
    capsys.readouterr()
    crash(folder, tmp_path)
    yield folder


def test_undoing_a_restore_after_a_crash_gives_back_what_the_app_saved_and_numbers_go_on(
    crashed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = crashed / "practice.sqlite3"
    backup = tmp_path / "older.sqlite3"
    shutil.copyfile(crashed / "practice.sqlite3", backup)  # the demo as it was before the crash's saves
    assert run(crashed, "restore", "--yes", str(backup)) == 0
    kept = sorted(crashed.glob("practice.sqlite3.before-restore-*"))
    assert kept[0].name.count("-wal") == 0 and len(kept) == 1  # one whole file: nothing left in a -wal
    visits, claims, superbills = numbers(kept[0])
    assert VISIT in visits and claims == {"CL-2026-0001"} and superbills == {"SB-2026-0001"}

    capsys.readouterr()
    assert run(crashed, "restore", "--yes", str(kept[0])) == 0
    assert "1 superbill" in capsys.readouterr().out
    visits, claims, superbills = numbers(database)
    assert VISIT in visits and claims == {"CL-2026-0001"} and superbills == {"SB-2026-0001"}
    replacement = ("--replaces", "CL-2026-0001", "--payer-claim-number", "EOB-77")
    assert run(crashed, "cms1500", "--patient", "demo-1", *replacement, "-o", str(tmp_path / "next.pdf")) == 0
    assert run(crashed, "render", "--patient", "demo-4", "-o", str(tmp_path / "next-sb.pdf")) == 0
    out = capsys.readouterr().out
    assert "CL-2026-0002" in out and "SB-2026-0002" in out


def test_a_backup_right_after_a_crash_holds_the_last_saves(
    crashed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(crashed, "backup", "--to", str(tmp_path / "stick")) == 0
    (backup,) = (tmp_path / "stick").glob("practice-*.sqlite3")
    assert not wal(backup).exists()
    visits, claims, superbills = numbers(backup)
    assert VISIT in visits and claims == {"CL-2026-0001"} and superbills == {"SB-2026-0001"}


def test_a_copy_made_by_hand_with_its_wal_beside_it_restores_with_what_the_wal_holds(
    crashed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hand = tmp_path / "hand"
    hand.mkdir()
    copy = hand / "practice.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        source = crashed / f"practice.sqlite3{suffix}"
        if source.exists():
            shutil.copyfile(source, hand / source.name)
    before = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in hand.iterdir()}
    other = tmp_path / "other"
    assert run(other, "demo") == 0
    capsys.readouterr()
    assert run(other, "restore", "--yes", str(copy)) == 0
    assert "1 superbill" in capsys.readouterr().out
    visits, claims, superbills = numbers(other / "practice.sqlite3")
    assert VISIT in visits and claims == {"CL-2026-0001"} and superbills == {"SB-2026-0001"}
    # The copy restored from is read, never changed: its -wal is still there, byte for byte.
    assert {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in hand.iterdir()} == before


@pytest.mark.parametrize("cut", [0.5, 0.999], ids=["half", "its-last-bytes"])
def test_a_wal_cut_short_restores_the_whole_transactions_before_the_cut_and_the_copy_is_untouched(
    cut: float, crashed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hand = tmp_path / "hand"
    hand.mkdir()
    copy = hand / "practice.sqlite3"
    shutil.copyfile(crashed / "practice.sqlite3", copy)
    log = (crashed / "practice.sqlite3-wal").read_bytes()
    wal(copy).write_bytes(log[: int(len(log) * cut)])
    before = {path.name: path.read_bytes() for path in hand.iterdir()}
    other = tmp_path / "other"
    assert run(other, "demo") == 0
    capsys.readouterr()

    assert run(other, "restore", "--yes", str(copy)) == 0

    assert "Traceback" not in capsys.readouterr().err
    visits, _claims, superbills = numbers(other / "practice.sqlite3")
    assert VISIT in visits  # the first transaction in the -wal; the last (the superbill) was cut off
    assert superbills == set()
    assert not wal(other / "practice.sqlite3").exists() or wal(other / "practice.sqlite3").stat().st_size == 0
    assert {path.name: path.read_bytes() for path in hand.iterdir()} == before


def test_an_encrypted_practice_undoing_a_restore_after_a_crash_gives_back_what_the_app_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    assert run(folder, "demo") == 0
    assert run(folder, "encrypt", "--recovery-key-written") == 0
    assert run(folder, "backup") == 0
    (backup,) = (folder / "backups").glob("practice-*.sqlite3")
    key = database_key(folder, PASSPHRASE)
    assert key is not None
    crash(folder, tmp_path, key)

    assert run(folder, "restore", "--yes", str(backup)) == 0
    (kept,) = folder.glob("practice.sqlite3.before-restore-*")  # one whole file, no -wal beside it
    assert VISIT in numbers(kept, key)[0]
    assert run(folder, "restore", "--yes", str(kept)) == 0
    visits, claims, superbills = numbers(folder / "practice.sqlite3", key)
    assert VISIT in visits and claims == {"CL-2026-0001"} and superbills == {"SB-2026-0001"}


def test_a_wal_left_without_its_database_is_set_aside_never_read_into_the_restored_file(
    crashed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "older.sqlite3"
    shutil.copyfile(crashed / "practice.sqlite3", backup)
    (crashed / "practice.sqlite3").unlink()  # a crash between renames, or a file deleted by hand
    left = wal(crashed / "practice.sqlite3").read_bytes()

    assert run(crashed, "restore", "--yes", str(backup)) == 0

    assert not wal(crashed / "practice.sqlite3").exists()
    (kept,) = crashed.glob("practice.sqlite3.before-restore-*-wal")
    assert kept.read_bytes() == left
    visits, claims, _superbills = numbers(crashed / "practice.sqlite3")
    assert VISIT not in visits and claims == set()
    assert run(crashed, "export", "-o", str(tmp_path / "practice.json")) == 0  # it opens, whole
    assert VISIT not in (tmp_path / "practice.json").read_text()
