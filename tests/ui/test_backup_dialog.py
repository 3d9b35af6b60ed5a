"""Back up now: choose a folder, press Back up, read what was written."""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from app.ui.practice.backup_dialog import BackupDialog

NOW = datetime(2026, 11, 27, 10, 15, 0)


def test_backing_up_to_a_chosen_folder_shows_the_file_size_and_counts(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    stick = tmp_path / "USB STICK"
    dialog = BackupDialog(workspace, now=NOW)
    qtbot.addWidget(dialog)
    dialog.choose_folder = lambda: stick
    dialog.show()

    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.folder_edit.text() == str(stick)
    qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)

    written = stick / "practice-2026-11-27T101500.sqlite3"
    assert written.is_file() and stat.S_IMODE(written.stat().st_mode) == 0o600
    text = dialog.result_label.text()
    assert f"Backed up to {written}" in text
    assert "1 patient, 2 visits, 0 superbills" in text and "KB" in text
    assert dialog.isVisible()  # the therapist reads it, then closes
    dialog.grab().save("/tmp/x/backup_dialog.png")


def test_by_default_the_backup_goes_to_the_data_folder_by_pressing_enter(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = BackupDialog(workspace, now=NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.folder_edit.setFocus()
    qtbot.keyClick(dialog.folder_edit, Qt.Key.Key_Return)  # Back up is the default button
    assert (workspace.data_dir / "backups" / "practice-2026-11-27T101500.sqlite3").is_file()


def test_a_folder_that_cannot_be_written_is_explained(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    dialog = BackupDialog(workspace, now=NOW)
    qtbot.addWidget(dialog)
    dialog.folder_edit.setText(str(blocker / "inside"))
    dialog.back_up()
    assert "is a file, not a folder" in dialog.result_label.text()
    assert "Nothing was backed up" in dialog.result_label.text()
    assert dialog.summary is None


def test_a_folder_inside_the_data_folder_is_refused(qtbot: QtBot, workspace: Workspace) -> None:
    """A backup folder named key.json in the data folder would make the practice look encrypted."""
    dialog = BackupDialog(workspace, now=NOW)
    qtbot.addWidget(dialog)
    for inside in (workspace.data_dir, workspace.data_dir / "key.json"):
        dialog.folder_edit.setText(str(inside))
        dialog.back_up()
        assert "inside your practice's data folder" in dialog.result_label.text()
        assert dialog.summary is None
    assert not (workspace.data_dir / "key.json").exists()
