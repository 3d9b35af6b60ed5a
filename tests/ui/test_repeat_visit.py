"""Repeat last visit: one keystroke (Ctrl+R) or one click opens today's visit filled in; Enter saves it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.visits.visit_editor import VisitEditor
from tests.ui.conftest import TODAY
from tests.ui.test_main_window import choose_daniel, open_window

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def the_editor(qtbot: QtBot, window: MainWindow) -> VisitEditor:
    qtbot.waitUntil(lambda: isinstance(window.current_dialog, VisitEditor))
    editor = window.current_dialog
    assert isinstance(editor, VisitEditor)
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def test_ctrl_r_then_enter_records_todays_visit_as_a_copy_of_the_last(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = open_window(qtbot, workspace)
    choose_daniel(qtbot, window)
    qtbot.keyClick(window.patient_view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    editor = the_editor(qtbot, window)
    assert editor.windowTitle() == "New visit — Daniel Okafor"
    assert editor.ui.dateEdit.text() == "09/20/2026"
    assert editor.ui.statusLabel.text() == "Filled in from the visit of 09/16/2026: change what differs."
    assert QApplication.focusWidget() is editor.ui.saveButton
    assert editor.findings() == []  # the check ran: nothing to fix
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_dialog is None)
    visits = sorted(workspace.store.chart("pt-0001").visits, key=lambda v: v.date)
    assert len(visits) == 3
    last, new = visits[1], visits[2]
    assert new.date == TODAY and new.key not in ("v-1", "v-2")
    assert (new.diagnoses, new.lines, new.coverage, new.prescription, new.place_of_service) == (
        last.diagnoses,
        last.lines,
        last.coverage,
        last.prescription,
        last.place_of_service,
    )
    assert window.status_note is not None and window.status_note.text() == "Visit saved"


def test_the_repeat_button_on_the_visits_tab_opens_the_same(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    choose_daniel(qtbot, window)
    view = window.patient_view
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # the Visits tab
    assert view.tabs.currentWidget() is view.visits
    button = next(b for b in view.visits.findChildren(QPushButton) if b.text() == "Repeat l&ast visit…")
    assert "Ctrl+R" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    editor = the_editor(qtbot, window)
    assert [editor.model.row(i).code for i in range(editor.model.rowCount())] == ["97124", "97140"]
    assert QApplication.focusWidget() is editor.ui.saveButton
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    qtbot.waitUntil(lambda: window.current_dialog is None)
    assert len(workspace.store.chart("pt-0001").visits) == 2


def test_repeat_for_a_patient_without_visits_says_so_and_starts_from_the_prescription(
    qtbot: QtBot, workspace: Workspace
) -> None:
    for visit in workspace.store.chart("pt-0001").visits:
        workspace.store.delete_visit("pt-0001", visit.key)
    window = open_window(qtbot, workspace)
    choose_daniel(qtbot, window)
    qtbot.keyClick(window.patient_view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    editor = the_editor(qtbot, window)
    assert editor.ui.statusLabel.text() == (
        "No earlier visit to repeat. First visit: filled in from the prescription's codes and body areas;"
        " type the minutes."
    )
    assert QApplication.focusWidget() is editor.ui.minutesSpin
    row = editor.model.row(0)
    assert (row.code, row.pointers, row.region, row.minutes) == ("97124", "AB", "lumbar, thoracic", None)
    qtbot.keyClicks(QApplication.focusWidget(), "60")
    assert editor.model.row(0).units == 4
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_dialog is None)
    (visit,) = workspace.store.chart("pt-0001").visits
    assert visit.diagnoses == ("M54.50", "M62.830") and visit.lines[0].minutes == 60
