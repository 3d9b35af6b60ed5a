"""A practice file that cannot be opened at start: the problem in words, and a backup restored."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.services.backups import automatic_backup
from app.services.practice_health import Health, start_health
from app.services.workspace import Workspace
from app.ui.practice.restore_dialog import RestoreDialog, offer_restore
from tests import sample

NOW = datetime(2026, 11, 27, 10, 15, 0)


@pytest.fixture
def damaged(data_dir: Path) -> Path:
    """A sample practice with a backup, whose file was then overwritten with text; the file."""
    with Workspace(data_dir) as workspace:
        workspace.store.save_practice(sample.practice())
        automatic_backup(workspace, NOW)
    database = data_dir / "practice.sqlite3"
    database.write_text("this is not a database any more")
    return database


def test_the_problem_and_the_latest_backup_are_offered_and_restored(
    qtbot: QtBot, data_dir: Path, damaged: Path
) -> None:
    health = start_health(data_dir)
    assert health is Health.NOT_A_DATABASE
    dialog = RestoreDialog(data_dir, health)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.grab().save("/tmp/x/restore_dialog.png")

    assert "not a database" in dialog.findChildren(type(dialog.details))[0].text()
    assert str(damaged) in dialog.details.text()
    assert (
        dialog.latest_button.text()
        == "&Restore the latest backup (11/27/2026 10:15, 1 patient, 2 visits, 0 superbills)"
    )
    assert dialog.latest_button.isDefault()

    qtbot.keyClick(dialog, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.restored is not None
    (aside,) = data_dir.glob("practice.sqlite3.before-restore-*")
    assert aside.read_text() == "this is not a database any more"  # kept, renamed
    assert f"kept as {aside}" in dialog.result_text()
    with Workspace(data_dir) as workspace:
        assert [p.key for p in workspace.store.patients()] == ["pt-0001"]


def test_a_chosen_file_that_is_no_backup_is_refused_in_words_and_nothing_changes(
    qtbot: QtBot, data_dir: Path, damaged: Path, tmp_path: Path
) -> None:
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    other = tmp_path / "notes.sqlite3"
    other.write_bytes(b"\x00" * 4096)
    dialog = RestoreDialog(data_dir, Health.NOT_A_DATABASE)
    qtbot.addWidget(dialog)
    dialog.choose_file = lambda: other
    dialog.show()

    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "not a database" in dialog.message.text() and "Nothing was restored" in dialog.message.text()
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before
    assert not list(data_dir.glob("*before-restore*"))


def test_without_a_backup_only_choose_and_quit_are_offered(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "practice"
    folder.mkdir()
    (folder / "practice.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x01" * 200)
    dialog = RestoreDialog(folder, Health.NEWER_SCHEMA)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.latest_button.isVisible()
    assert "no backup in the data folder" in dialog.details.text()
    assert "newer version" in dialog.details.text()
    assert dialog.choose_button.isDefault()
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_offer_restore_tells_what_was_restored_and_returns_true(
    qtbot: QtBot, data_dir: Path, damaged: Path
) -> None:
    told: list[str] = []

    def answer() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, RestoreDialog):
            widget.latest_button.click()
        elif isinstance(widget, QMessageBox):
            told.append(widget.text())
            widget.accept()
            return
        QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)
    assert offer_restore(None, data_dir, Health.NOT_A_DATABASE) is True
    assert told and "Restored the backup of 11/27/2026 10:15: 1 patient" in told[0]
    assert start_health(data_dir) is Health.OK


def _with_a_trigger_added(backup: Path) -> None:
    conn = sqlite3.connect(backup, isolation_level=None)
    try:
        conn.execute(
            "CREATE TRIGGER sb_housekeeping AFTER INSERT ON superbills BEGIN DELETE FROM payments; END"
        )
    finally:
        conn.close()


def test_a_tampered_latest_backup_is_not_offered_and_a_chosen_one_is_refused(
    qtbot: QtBot, data_dir: Path, damaged: Path
) -> None:
    """The dialog restores through the same verification as `superbill restore`."""
    (backup,) = (data_dir / "backups").glob("practice-*.sqlite3")
    _with_a_trigger_added(backup)
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    dialog = RestoreDialog(data_dir, Health.NOT_A_DATABASE)
    qtbot.addWidget(dialog)
    dialog.choose_file = lambda: backup
    dialog.show()

    assert not dialog.latest_button.isVisible()
    assert "never made: sb_housekeeping" in dialog.details.text()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.restored is None
    assert "never made: sb_housekeeping" in dialog.message.text()
    assert "Nothing was restored" in dialog.message.text()
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before
    assert not list(data_dir.glob("*before-restore*")) and not list(data_dir.glob(".*restoring"))
