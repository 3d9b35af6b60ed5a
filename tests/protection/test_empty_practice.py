"""A practice never silently becomes empty, and a backup never buries a good one.

The attacker empties, truncates or deletes the practice file (plain and encrypted, with backups
and before the first one), or swaps in a file with no tables or a new empty practice, then runs
the commands and starts the app. Every time: exit 3, the message names the practice file and
offers the latest backup, nothing is created in the file's place, and no backup is replaced or
pruned (their bytes are compared).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.cli import main
from app.services import encryption
from app.services.backups import back_up_now, backup_folder, list_backups, rotate
from app.services.practice_health import Health, start_health
from app.services.workspace import Workspace
from app.store.driver import sqlcipher
from app.store.paths import database_path, key_file_path, marker_path
from app.ui.main import run_app
from app.ui.practice.restore_dialog import RestoreDialog
from app.ui.security.unlock_dialog import UnlockDialog

PASSPHRASE = "tidewater massage since 2019"
PATIENT = "pt-0001"
NOW = datetime(2026, 11, 27, 10, 15, 0)


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def fingerprints(folder: Path) -> dict[str, str]:
    """Every file in the backup folder, by name, with the SHA-256 of its bytes."""
    if not folder.is_dir():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _plain(data_dir: Path, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(data_dir, "import", str(sample)) == 0


def _encrypted(data_dir: Path, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(data_dir, "import", str(sample)) == 0
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    assert run(data_dir, "encrypt") == 0
    monkeypatch.delenv("SUPERBILL_NEW_PASSPHRASE")
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)


def _truncate(data_dir: Path) -> None:
    database_path(data_dir).write_bytes(b"")  # `: > practice.sqlite3`


def _delete(data_dir: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        database_path(data_dir).with_name(f"practice.sqlite3{suffix}").unlink(missing_ok=True)


def _no_tables(data_dir: Path) -> None:
    """A real SQLite file (encrypted with the practice's own key when it is encrypted), with no tables."""
    _delete(data_dir)
    path = database_path(data_dir)
    if encryption.is_encrypted(data_dir):
        key = encryption.database_key(data_dir, PASSPHRASE)
        assert key is not None
        conn = sqlcipher().connect(str(path), isolation_level=None)
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    else:
        conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE scratch (x)")
    conn.execute("DROP TABLE scratch")
    conn.close()
    assert path.stat().st_size > 0


SETUPS = {"plain": _plain, "encrypted": _encrypted}
DAMAGE = {"truncated": _truncate, "deleted": _delete, "no tables": _no_tables}
COMMANDS = [
    ("backup",),
    ("check", "--patient", PATIENT),
    ("render", "--patient", PATIENT, "--draft", "-o", "{out}"),
    ("export",),
    ("import", "{sample}"),
]


@pytest.mark.parametrize("backed_up", [True, False], ids=["with a backup", "before any backup"])
@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("setup", SETUPS)
def test_an_emptied_practice_is_damage_for_every_command_and_no_backup_is_touched(
    setup: str,
    damage: str,
    backed_up: bool,
    data_dir: Path,
    sample_practice_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    SETUPS[setup](data_dir, sample_practice_path, monkeypatch)
    if backed_up:
        assert run(data_dir, "backup") == 0
    latest = list_backups(backup_folder(data_dir))
    DAMAGE[damage](data_dir)
    database = database_path(data_dir)
    before = database.read_bytes() if database.exists() else None
    backups_before = fingerprints(backup_folder(data_dir))
    capsys.readouterr()

    for command in COMMANDS:
        args = [a.format(out=tmp_path / "out.pdf", sample=sample_practice_path) for a in command]
        assert run(data_dir, *args) == 3, command
        err = capsys.readouterr().err
        assert str(database) in err, command
        assert "missing or empty" in err
        assert "Traceback" not in err
        if backed_up:
            assert f"superbill restore {latest[0].path}" in err
        else:
            assert "superbill restore FILE" in err
        # Nothing was created in the file's place, and every backup is as it was.
        assert (database.read_bytes() if database.exists() else None) == before, command
        assert fingerprints(backup_folder(data_dir)) == backups_before, command
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("setup", SETUPS)
def test_the_app_start_sees_an_emptied_practice_as_damage(
    setup: str, data_dir: Path, sample_practice_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    SETUPS[setup](data_dir, sample_practice_path, monkeypatch)
    _truncate(data_dir)
    assert start_health(data_dir) is Health.EMPTIED
    if setup == "encrypted":
        key = encryption.database_key(data_dir, PASSPHRASE)
        _no_tables(data_dir)
        assert start_health(data_dir) is Health.OK  # from outside: a file of some size
        assert start_health(data_dir, key) is Health.EMPTIED  # once its key opens it


def test_the_marker_is_left_once_the_practice_has_records_and_restore_puts_it_back(
    data_dir: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Workspace(data_dir).close()
    assert not marker_path(data_dir).exists()  # a new, empty practice is not marked
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    assert marker_path(data_dir).stat().st_mode & 0o777 == 0o600
    assert run(data_dir, "backup") == 0
    backup = list_backups(backup_folder(data_dir))[0].path
    _delete(data_dir)
    marker_path(data_dir).unlink()  # the backup alone still tells
    assert run(data_dir, "check", "--patient", PATIENT) == 3
    assert run(data_dir, "restore", "--yes", str(backup)) == 0
    assert marker_path(data_dir).exists()
    capsys.readouterr()
    assert run(data_dir, "check", "--patient", PATIENT) == 0


def test_a_new_data_folder_still_starts_a_new_practice(data_dir: Path, sample_practice_path: Path) -> None:
    assert start_health(data_dir) is Health.MISSING
    assert run(data_dir, "import", str(sample_practice_path)) == 0


def _quit_restore_offer(seen: list[str]) -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, RestoreDialog):
        QTimer.singleShot(10, lambda: _quit_restore_offer(seen))
        return
    seen.append(dialog.details.text())
    dialog.quit_button.click()


def test_the_app_offers_the_backup_instead_of_a_new_practice(
    qtbot: QtBot, data_dir: Path, sample_practice_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plain(data_dir, sample_practice_path, monkeypatch)
    assert run(data_dir, "backup") == 0
    backups = fingerprints(backup_folder(data_dir))
    _truncate(data_dir)
    seen: list[str] = []
    QTimer.singleShot(0, lambda: _quit_restore_offer(seen))
    assert run_app(data_dir) == 3
    assert seen and str(database_path(data_dir)) in seen[0]
    assert database_path(data_dir).read_bytes() == b""
    assert fingerprints(backup_folder(data_dir)) == backups


def test_the_unlock_dialog_offers_the_backup_of_an_emptied_encrypted_practice_and_opens_it(
    qtbot: QtBot, data_dir: Path, sample_practice_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _encrypted(data_dir, sample_practice_path, monkeypatch)
    assert run(data_dir, "backup") == 0
    _delete(data_dir)

    def restore_latest() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RestoreDialog):
            QTimer.singleShot(10, restore_latest)
            return
        assert dialog.latest is not None and dialog.latest.patients == 1
        dialog.latest_button.click()
        QTimer.singleShot(10, _close_message_box)

    dialog = UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.field.edit.setText(PASSPHRASE)
    QTimer.singleShot(0, restore_latest)
    dialog.try_open()
    assert dialog.workspace is not None
    try:
        assert [c.patient.key for c in dialog.workspace.store.practice().charts] == [PATIENT]
    finally:
        dialog.workspace.close()


def _close_message_box() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        box.accept()
    else:
        QTimer.singleShot(10, _close_message_box)


# Backups never bury a good one -------------------------------------------------------------------


def _new_empty_practice_in_place(data_dir: Path, tmp_path: Path) -> None:
    """The attacker swaps in a new practice file with no patients (the tables are all there)."""
    elsewhere = tmp_path / "elsewhere"
    Workspace(elsewhere).close()
    _delete(data_dir)
    shutil.copyfile(database_path(elsewhere), database_path(data_dir))


def test_a_backup_of_a_practice_with_no_patients_is_refused_when_the_latest_backup_has_them(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    assert run(data_dir, "backup") == 0
    stick = tmp_path / "stick"
    assert run(data_dir, "backup", "--to", str(stick)) == 0
    _new_empty_practice_in_place(data_dir, tmp_path)
    folders = {folder: fingerprints(folder) for folder in (backup_folder(data_dir), stick)}
    capsys.readouterr()

    for args in (("backup",), ("backup", "--to", str(stick))):
        assert run(data_dir, *args) == 3
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1
        assert "has no patients" in err and "superbill restore" in err
    assert {folder: fingerprints(folder) for folder in folders} == folders


def test_a_second_backup_in_the_same_second_never_replaces_the_first(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path
) -> None:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    with Workspace(data_dir) as workspace:
        first = back_up_now(workspace, now=NOW)
        before = fingerprints(backup_folder(data_dir))
        second = back_up_now(workspace, now=NOW)
        stick = tmp_path / "stick"
        on_stick = back_up_now(workspace, stick, now=NOW)
        again = back_up_now(workspace, stick, now=NOW)
    assert second.path != first.path and on_stick.path != again.path
    after = fingerprints(backup_folder(data_dir))
    assert {name: after[name] for name in before} == before
    assert [b.path for b in list_backups(backup_folder(data_dir))] == [second.path, first.path]


def test_rotation_never_removes_a_backup_with_records_for_an_empty_one(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path
) -> None:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    folder = backup_folder(data_dir)
    with Workspace(data_dir) as workspace:
        good = back_up_now(workspace, now=NOW)
    elsewhere = tmp_path / "elsewhere"
    Workspace(elsewhere).close()
    empty = folder / "practice-2026-11-27T180000.sqlite3"  # later the same day, no patients
    shutil.copyfile(database_path(elsewhere), empty)
    before = fingerprints(folder)

    assert rotate(folder) == []
    assert fingerprints(folder) == before
    assert good.path.exists()


# The practice file is a folder -------------------------------------------------------------------


def test_a_folder_in_place_of_the_practice_file_is_one_line_for_every_command(
    data_dir: Path,
    sample_practice_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _plain(data_dir, sample_practice_path, monkeypatch)
    _delete(data_dir)
    database_path(data_dir).mkdir()
    capsys.readouterr()
    for command in COMMANDS:
        args = [a.format(out=tmp_path / "out.pdf", sample=sample_practice_path) for a in command]
        assert run(data_dir, *args) == 3, command
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1, (command, err)
        assert str(database_path(data_dir)) in err
    # Looking up a code reads only the code set, never the practice: it still works.
    assert run(data_dir, "codes", "icd", "neck", "pain") == 0
    assert database_path(data_dir).is_dir() and not any(database_path(data_dir).iterdir())


def _read_message_box(seen: list[str]) -> Callable[[], None]:
    def read() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read)
            return
        seen.append(box.informativeText())
        box.accept()

    return read


def test_a_folder_in_place_of_the_practice_file_is_said_at_the_app_start(
    qtbot: QtBot, data_dir: Path, sample_practice_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plain(data_dir, sample_practice_path, monkeypatch)
    _delete(data_dir)
    database_path(data_dir).mkdir()
    seen: list[str] = []
    QTimer.singleShot(0, _read_message_box(seen))
    assert run_app(data_dir) == 3
    assert seen and "is a folder" in seen[0]
    assert key_file_path(data_dir).exists() is False
