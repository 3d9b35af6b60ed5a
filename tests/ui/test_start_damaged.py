"""A damaged or foreign practice file at start: the restore is offered, and the file is never changed."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.main import run_app
from app.ui.practice.restore_dialog import RestoreDialog


def quit_the_restore_offer(seen: list[str]) -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, RestoreDialog):
        QTimer.singleShot(10, lambda: quit_the_restore_offer(seen))
        return
    seen.append(dialog.windowTitle())
    dialog.quit_button.click()


def test_random_bytes_in_place_of_the_practice_offer_a_restore_and_stay_untouched(
    qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    practice = folder / "practice.sqlite3"
    practice.write_bytes(os.urandom(16_384))
    before = practice.read_bytes()
    seen: list[str] = []
    QTimer.singleShot(0, lambda: quit_the_restore_offer(seen))
    assert run_app(folder) == 3
    assert seen, "the restore offer was not shown"
    assert practice.read_bytes() == before


def test_another_programs_database_is_not_taken_for_the_practice(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    practice = folder / "practice.sqlite3"
    connection = sqlite3.connect(practice)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    before = practice.read_bytes()
    seen: list[str] = []
    QTimer.singleShot(0, lambda: quit_the_restore_offer(seen))
    assert run_app(folder) == 3
    assert seen
    assert practice.read_bytes() == before
