"""Helpers for the record dialog tests: answer the next message box and type a date as a user would."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.ui.widgets.date_field import DateField


class BoxAnswer:
    """Answers the next modal message box with a button (a standard one or by its text) and keeps its text."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def next(self, button: QMessageBox.StandardButton | str) -> None:
        tries = [0]

        def answer() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                tries[0] += 1
                if tries[0] < 300:  # about three seconds
                    QTimer.singleShot(10, answer)
                return
            self.texts.append(f"{box.text()} {box.informativeText()}")
            if isinstance(button, str):
                chosen = next(b for b in box.buttons() if b.text() == button)
            else:
                chosen = box.button(button)
            chosen.click()

        QTimer.singleShot(0, answer)


def type_text(widget: QWidget, text: str) -> None:
    """Type text key by key, any script included (QTest.keyClicks only knows ASCII keys)."""
    for char in text:
        key = Qt.Key(ord(char.upper())) if char.isascii() and char.isalnum() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def forget_changes(dialog: QWidget) -> None:
    """For qtbot.addWidget(before_close_func=...): a failed test must not leave a question open."""
    watcher = getattr(dialog, "watcher", None)
    if watcher is not None:
        watcher.mark_clean()


def type_date(qtbot: QtBot, field: DateField, text: str) -> None:
    """Click into a date field (the click selects its date, so typing replaces it) and type `text`."""
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    assert field.edit.hasFocus(), "the click did not reach the date field (is its window active?)"
    qtbot.keyClicks(field.edit, text)


def overtype_date(qtbot: QtBot, field: DateField, text: str) -> None:
    """Ctrl+A in a date field, then type `text` over its date (works in a window not shown too)."""
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.edit, text)
