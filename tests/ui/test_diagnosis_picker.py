"""Several diagnoses before the picker closes: type, Enter adds, type again, Ctrl+Enter or "Add N codes"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.visits.diagnosis_picker_dialog import DiagnosisPickerDialog
from app.ui.visits.visit_editor import VisitEditor
from tests.ui.test_visit_editor import _settings_in_tmp, focused, open_editor, picker_dialog

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
__all__ = ["_settings_in_tmp", "open_editor"]  # fixtures


def open_picker(qtbot: QtBot) -> DiagnosisPickerDialog:
    qtbot.keyClick(focused(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    dialog = picker_dialog(qtbot)
    assert isinstance(dialog, DiagnosisPickerDialog) and focused() is dialog.picker.search
    return dialog


def chosen(dialog: DiagnosisPickerDialog) -> list[str]:
    return [dialog.chosenList.item(i).text() for i in range(dialog.chosenList.count())]


def letters(editor: VisitEditor) -> list[str]:
    view = editor.ui.diagnosesList
    return [" ".join(view.item(i).text().split()[:2]) for i in range(view.count())]


def test_three_codes_chosen_with_the_keyboard_then_added_with_one_click(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor]
) -> None:
    editor = open_editor()
    dialog = open_picker(qtbot)
    search = dialog.picker.search
    qtbot.keyClick(search, Qt.Key.Key_Return)  # the prescription's first code is highlighted
    qtbot.keyClick(search, Qt.Key.Key_Return)  # then its second (a chosen code is not offered again)
    qtbot.keyClicks(search, "neck pain")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert dialog.isVisible() and focused() is search and search.text() == ""
    assert chosen(dialog) == ["M54.50", "M62.830", "M54.2"]
    assert dialog.addButton.text() == "&Add 3 codes"
    assert dialog.statusLabel.text() == "M54.2 chosen. Type the next one, or Ctrl+Enter to add them."
    qtbot.keyClicks(search, "M54.2")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert chosen(dialog) == ["M54.50", "M62.830", "M54.2"]
    assert dialog.statusLabel.text() == "M54.2 is chosen already."
    qtbot.mouseClick(dialog.addButton, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.waitUntil(editor.isActiveWindow)
    assert letters(editor) == ["A M54.50", "B M62.830", "C M54.2"]


def test_ctrl_enter_with_nothing_chosen_adds_the_highlighted_code(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor]
) -> None:
    editor = open_editor()
    dialog = open_picker(qtbot)
    qtbot.keyClicks(dialog.picker.search, "low back")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert letters(editor) == ["A M54.50"]


def test_delete_takes_a_code_off_the_chosen_list_and_esc_adds_none(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor]
) -> None:
    editor = open_editor()
    dialog = open_picker(qtbot)
    for _ in range(2):
        qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    qtbot.keyClick(dialog, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # C&hosen
    assert focused() is dialog.chosenList
    dialog.chosenList.setCurrentRow(0)
    qtbot.keyClick(dialog.chosenList, Qt.Key.Key_Delete)
    assert chosen(dialog) == ["M62.830"] and dialog.addButton.text() == "&Add 1 code"
    qtbot.keyClick(dialog.chosenList, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert letters(editor) == ["No diagnosis"]


def test_no_more_than_twelve_diagnoses(qtbot: QtBot, open_editor: Callable[..., VisitEditor]) -> None:
    editor = open_editor(prefilled=True)  # two diagnoses already: room for ten
    dialog = open_picker(qtbot)
    search = dialog.picker.search
    for code in ("M54.2", "M54.6", "M79.10", "M79.11", "M79.12", "M79.18", "M79.7", "M62.838", "G44.209"):
        qtbot.keyClicks(search, code)
        qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.keyClicks(search, "M25.511")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.keyClicks(search, "M25.512")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert len(chosen(dialog)) == 10
    assert dialog.statusLabel.text().startswith("A visit holds at most 12 diagnoses")
    qtbot.keyClick(search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.ui.diagnosesList.count() == 12
    assert letters(editor)[-1] == "L M25.511"
