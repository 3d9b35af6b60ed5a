"""A practice open in the app is held (practice.lock): nothing replaces its file under it.

The tester's report: with the app open, `superbill restore BACKUP` succeeded, the app went on
writing to the file restore had renamed aside, and what the therapist recorded was lost. Here the
app (a real process: `python -m app` offscreen, or a child holding the practice through the same
Workspace.hold_open the app calls) has the practice open while the command line restores, encrypts
or writes; then the holder is killed with SIGKILL and the lock must be gone with it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.store.practice_lock import PracticeInUse, hold_practice, refuse_if_held_elsewhere
from tests.protection.holders import HolderProcess, app_process, kill, raw_holder
from tests.protection.test_no_traceback import _superbill

PASSPHRASE = "tidewater massage since 2019"


def run(folder: Path, *args: str) -> int:
    return main(["--data-dir", str(folder), *args])


@pytest.fixture
def practice(data_dir: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The sample practice, with one backup in its backups folder."""
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    assert run(data_dir, "backup") == 0
    capsys.readouterr()
    return data_dir


def backup_of(folder: Path) -> Path:
    return sorted((folder / "backups").glob("practice-*.sqlite3"))[0]


def files_of(folder: Path) -> dict[str, str]:
    """Every file in the folder and what it holds (SQLite's -shm aside: it changes on every read)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith("-shm")
    }


def identity(path: Path) -> tuple[int, int, bytes]:
    status = path.stat()
    return status.st_dev, status.st_ino, path.read_bytes()


def patient_keys(database: Path) -> set[str]:
    connection = sqlite3.connect(database)
    try:
        return {row[0] for row in connection.execute("SELECT key FROM patients")}
    finally:
        connection.close()


def test_restore_from_a_terminal_is_refused_with_exit_3_while_the_app_has_the_practice_open(
    practice: Path, tmp_path: Path
) -> None:
    app = app_process(practice, tmp_path)
    try:
        database = practice / "practice.sqlite3"
        before, files = identity(database), files_of(practice)

        refused = _superbill(practice, "restore", str(backup_of(practice)), "--yes")

        err = refused.stderr.decode()
        assert refused.returncode == 3, err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert f"Superbill Desk has the practice in {practice} open (process {app.pid}, since " in err
        assert "close it, then restore again. Nothing was changed." in err
        assert identity(database) == before  # the same file, the same bytes: the app's file
        assert files_of(practice) == files
    finally:
        kill(app)

    # The app killed: the operating system ended its lock with it. No stale lock to clear by hand.
    restored = _superbill(practice, "restore", str(backup_of(practice)), "--yes")
    assert restored.returncode == 0, restored.stderr.decode()
    assert b"Restored 1 patient" in restored.stdout


def test_what_the_app_saves_after_a_refused_restore_is_in_the_practice_file(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The loss the tester saw: a restore replaced the file, the app's next save went to the old one."""
    holder = HolderProcess(practice, tmp_path)
    try:
        assert run(practice, "restore", str(backup_of(practice)), "--yes") == 3
        assert f"(process {holder.pid}, since" in capsys.readouterr().err
        holder.save("pt-0777")  # the therapist goes on working in the app
    finally:
        holder.close()
    assert "pt-0777" in patient_keys(practice / "practice.sqlite3")


def test_encrypting_from_a_terminal_is_refused_while_the_app_has_the_practice_open(
    practice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Encrypting puts an encrypted copy in the database's place, and shreds the plain file the
    app would go on writing to."""
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    holder = HolderProcess(practice, tmp_path)
    try:
        database = practice / "practice.sqlite3"
        before, files = identity(database), files_of(practice)
        assert run(practice, "encrypt") == 3
        err = capsys.readouterr().err
        assert "close it, then encrypt again. Nothing was changed." in err
        assert identity(database) == before
        assert files_of(practice) == files
        holder.save("pt-0778")
    finally:
        holder.close()
    assert not (practice / "key.json").exists()
    assert "pt-0778" in patient_keys(practice / "practice.sqlite3")


def test_an_encryption_under_way_in_another_process_is_not_taken_for_an_interrupted_one(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Opening a practice finishes an interrupted encryption (its .encrypting copy); while another
    process holds the practice, the copy is that process's work in progress, and is left to it."""
    holder = HolderProcess(practice, tmp_path)  # as `superbill encrypt` holds it while it copies
    try:
        encrypting = practice / "practice.sqlite3.encrypting"
        encrypting.write_bytes(b"the copy being written")
        assert run(practice, "check", "--patient", "pt-0001") == 3
        assert "then try again" in capsys.readouterr().err
        assert encrypting.read_bytes() == b"the copy being written"
    finally:
        holder.close()


def test_ordinary_writes_from_the_command_line_go_on_while_the_app_has_the_practice_open(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only what replaces the database file is refused: SQLite keeps two writers of one file apart."""
    holder = HolderProcess(practice, tmp_path)
    try:
        assert run(practice, "render", "--patient", "pt-0001", "-o", str(tmp_path / "sb.pdf")) == 0
        assert run(practice, "backup") == 0
        holder.save("pt-0779")
        capsys.readouterr()
        assert run(practice, "issued", "--patient", "pt-0001") == 0
        assert "SB-" in capsys.readouterr().out
    finally:
        holder.close()
    assert "pt-0779" in patient_keys(practice / "practice.sqlite3")


def test_a_killed_holder_leaves_no_lock_behind(practice: Path, tmp_path: Path) -> None:
    holder = HolderProcess(practice, tmp_path)
    with pytest.raises(PracticeInUse):
        refuse_if_held_elsewhere(practice, "try again")
    holder.kill()
    assert (practice / "practice.lock").is_file()  # left by the killed holder, but not locked:
    with hold_practice(practice, "superbill restore", "try again"):  # taken at once, not waited for
        pass
    assert not (practice / "practice.lock").exists()  # removed as the hold ended


def test_the_lock_is_counted_within_one_process(practice: Path, tmp_path: Path) -> None:
    """The app's own restore or encrypting runs while its window holds the practice; releasing the
    inner hold keeps the outer one."""
    outer = hold_practice(practice, "Superbill Desk", "try again")
    with hold_practice(practice, "superbill restore", "try again"):
        pass
    holder_refused = _superbill(practice, "restore", str(backup_of(practice)), "--yes")
    assert holder_refused.returncode == 3
    assert f"(process {os.getpid()}, since" in holder_refused.stderr.decode()
    outer.release()
    assert _superbill(practice, "restore", str(backup_of(practice)), "--yes").returncode == 0


def test_a_lock_file_full_of_garbage_held_by_someone_refuses_without_repeating_it(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garbage = '{"pid": "1; rm -rf ~", "since": "\x1b[2J", "what": "\x07evil"}\xff\xfe'
    holder = raw_holder(practice / "practice.lock", garbage, tmp_path)
    try:
        database = practice / "practice.sqlite3"
        before = identity(database)
        assert run(practice, "restore", str(backup_of(practice)), "--yes") == 3
        err = capsys.readouterr().err
        assert err == (
            f"error: Superbill Desk has the practice in {practice} open: close it, then restore again. "
            "Nothing was changed.\n"
        )
        assert identity(database) == before
    finally:
        kill(holder)


def _folder(lock: Path) -> None:
    lock.mkdir()


def _link_to_the_database(lock: Path) -> None:
    lock.symlink_to(lock.parent / "practice.sqlite3")


def _hard_link_to_the_database(lock: Path) -> None:
    os.link(lock.parent / "practice.sqlite3", lock)


def _named_pipe(lock: Path) -> None:
    os.mkfifo(lock)


@pytest.mark.parametrize(
    "plant",
    [_folder, _link_to_the_database, _hard_link_to_the_database, _named_pipe],
    ids=lambda f: f.__name__,
)
@pytest.mark.parametrize("command", ["restore", "encrypt"])
def test_a_lock_file_that_is_not_ours_is_refused_and_never_written(
    practice: Path,
    plant: object,
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert callable(plant)
    plant(practice / "practice.lock")
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    database = practice / "practice.sqlite3"
    before = identity(database)
    args = ["restore", str(backup_of(practice)), "--yes"] if command == "restore" else ["encrypt"]

    assert run(practice, *args) == 3

    err = capsys.readouterr().err
    assert err.startswith(f"error: {practice / 'practice.lock'} is not a file Superbill Desk made")
    assert err.count("\n") == 1 and "move it out of the data folder" in err
    assert identity(database) == before
    assert not (practice / "key.json").exists()


def test_a_lock_file_with_garbage_nobody_holds_is_simply_used(
    practice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (practice / "practice.lock").write_bytes(b"\x00\xff garbage \x1b[2J" * 100)
    assert run(practice, "restore", str(backup_of(practice)), "--yes") == 0
    assert "Restored 1 patient" in capsys.readouterr().out


TAKER = """
import os, sys
from app.store.practice_lock import PracticeInUse, hold_practice
folder, marker = sys.argv[1], os.path.join(sys.argv[1], "only-one-holder")
held = overlaps = 0
for _ in range(int(sys.argv[2])):
    try:
        hold = hold_practice(folder, "superbill restore", "try again")
    except PracticeInUse:
        continue
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        overlaps += 1
    else:
        held += 1
        os.unlink(marker)
    hold.release()
print(held, overlaps)
"""


def test_two_processes_taking_and_letting_go_never_hold_the_practice_at_once(tmp_path: Path) -> None:
    """Each hold that made practice.lock removes it as it ends; one that opened it meanwhile must
    find it gone once locked, and make a new one, or the two would each lock a file of that name."""
    import subprocess
    import sys

    from tests.protection.holders import ROOT, child_environment

    folder = tmp_path / "data"
    folder.mkdir()
    takers = [
        subprocess.Popen(
            [sys.executable, "-c", TAKER, str(folder), "2000"],
            cwd=ROOT,
            env=child_environment(tmp_path),
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [taker.communicate(timeout=120)[0].split() for taker in takers]
    assert all(taker.returncode == 0 for taker in takers)
    assert [int(overlaps) for _, overlaps in results] == [0, 0, 0]
    assert sum(int(held) for held, _ in results) > 100  # they did take turns
    assert not (folder / "practice.lock").exists()  # each one removed it as it let go
