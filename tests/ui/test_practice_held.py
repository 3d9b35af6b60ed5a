"""The app holds the practice it has open (app.store.practice_lock): a second app says so and ends,
and the app's own restore at start still works, as the only one, while it holds it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.cli import main
from app.ui.main import run_app
from app.ui.main_window import MainWindow
from app.ui.practice.restore_dialog import RestoreDialog
from tests.protection.holders import HolderProcess, app_process, kill
from tests.protection.test_no_traceback import _superbill


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def practice(data_dir: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["--data-dir", str(data_dir), "import", str(sample_practice_path)]) == 0
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    capsys.readouterr()
    return data_dir


def test_a_second_app_on_an_open_practice_says_so_in_one_message_box_and_exits_3(
    qtbot: QtBot, practice: Path, tmp_path: Path
) -> None:
    first = app_process(practice, tmp_path)  # the real app, in its own process
    boxes: list[tuple[str, str]] = []
    windows: list[str] = []

    def answer() -> None:
        opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if opened:  # the practice opened a second time: what must not happen (closed, not to hang)
            windows.append(opened[0].windowTitle())
            opened[0].close()
            return
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        boxes.append((box.text(), box.informativeText()))
        box.close()

    try:
        database = practice / "practice.sqlite3"
        before = (database.stat().st_ino, database.read_bytes())
        QTimer.singleShot(0, answer)
        assert run_app(practice) == 3
    finally:
        kill(first)
    assert len(boxes) == 1 and windows == []
    text, details = boxes[0]
    assert text.startswith("This practice is already open in Superbill Desk: switch to that window.")
    assert f"Superbill Desk has the practice in {practice} open (process {first.pid}, since " in details
    assert (database.stat().st_ino, database.read_bytes()) == before


def test_the_apps_own_restore_at_start_works_while_it_holds_the_practice(
    qtbot: QtBot, practice: Path, tmp_path: Path
) -> None:
    (practice / "practice.sqlite3").write_bytes(os.urandom(16_384))  # damaged: the restore is offered
    for companion in ("-wal", "-shm"):
        (practice / f"practice.sqlite3{companion}").unlink(missing_ok=True)
    backup = sorted((practice / "backups").glob("practice-*.sqlite3"))[0]
    from_a_terminal: list[tuple[int, str]] = []
    told: list[str] = []

    def answer() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, RestoreDialog):
            # Meanwhile a restore from a terminal finds the practice held by this app.
            other = _superbill(practice, "restore", str(backup), "--yes")
            from_a_terminal.append((other.returncode, other.stderr.decode()))
            widget.latest_button.click()
        elif isinstance(widget, QMessageBox):
            told.append(widget.text())
            widget.accept()
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows:
            windows[0].close()
            return
        QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)
    assert run_app(practice) == 0
    assert from_a_terminal and from_a_terminal[0][0] == 3
    assert f"(process {os.getpid()}, since" in from_a_terminal[0][1]
    assert told and told[0].startswith("Restored the backup of ")
    # Closed, the practice is no longer held: another process takes it at once.
    HolderProcess(practice, tmp_path).close()


def test_the_app_with_a_lock_file_that_is_a_folder_explains_and_exits_3(qtbot: QtBot, practice: Path) -> None:
    (practice / "practice.lock").mkdir()
    said: list[str] = []

    def read_and_close() -> None:
        for window in QApplication.topLevelWidgets():  # opened after all: closed, so as not to hang
            if isinstance(window, MainWindow) and window.isVisible():
                window.close()
                return
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read_and_close)
            return
        said.append(box.informativeText())
        box.close()

    QTimer.singleShot(0, read_and_close)
    assert run_app(practice) == 3
    assert said == [
        f"{practice / 'practice.lock'} is not a file Superbill Desk made (a folder, a link or a device): "
        "move it out of the data folder, then try again. Nothing was changed."
    ]
