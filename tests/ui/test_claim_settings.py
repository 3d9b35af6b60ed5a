"""Settings, Red claim forms: the red forms' printer offset, from the test page and two distances typed in inches."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from app.ui.practice.settings_dialog import SettingsDialog
from tests.ui.record_helpers import BoxAnswer
from tests.ui.test_settings_dialog import open_settings


def claim_forms_tab(qtbot: QtBot, workspace: Workspace) -> SettingsDialog:
    dialog = open_settings(qtbot, workspace)
    tabs = dialog.ui.tabs
    tabs.setFocus()
    qtbot.keyClick(tabs, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # "Super&bills and data"
    assert tabs.currentWidget() is dialog.ui.documentsTab and dialog.claim_forms.isVisible()
    return dialog


def type_over(qtbot: QtBot, edit: object, text: str) -> None:
    from PySide6.QtWidgets import QLineEdit

    assert isinstance(edit, QLineEdit)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def save(qtbot: QtBot, dialog: SettingsDialog) -> None:
    button = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_red_forms_offset_typed_in_inches_is_saved_in_hundredths(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = claim_forms_tab(qtbot, workspace)
    tab = dialog.claim_forms
    assert (tab.rightEdit.text(), tab.downEdit.text()) == ("0.00", "0.00")
    type_over(qtbot, tab.rightEdit, "0.05")
    type_over(qtbot, tab.downEdit, "-0.1")
    assert dialog.is_dirty()
    save(qtbot, dialog)

    assert workspace.store.claim_offset() == (5, -10)
    assert not dialog.isVisible()
    again = open_settings(qtbot, workspace)
    assert (again.claim_forms.rightEdit.text(), again.claim_forms.downEdit.text()) == ("0.05", "-0.10")


def test_a_distance_that_is_not_inches_is_refused_naming_it_and_nothing_is_saved(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = claim_forms_tab(qtbot, workspace)
    type_over(qtbot, dialog.claim_forms.downEdit, "1.5")
    answers = BoxAnswer()
    answers.next(QMessageBox.StandardButton.Ok)
    save(qtbot, dialog)

    assert "within 1 inch" in answers.texts[0]
    assert dialog.isVisible() and dialog.ui.tabs.currentWidget() is dialog.ui.documentsTab
    assert dialog.focusWidget() is dialog.claim_forms.downEdit  # where the typing goes on
    assert workspace.store.claim_offset() == (0, 0)


def test_the_test_page_is_previewed_at_the_distances_typed(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = claim_forms_tab(qtbot, workspace)
    type_over(qtbot, dialog.claim_forms.rightEdit, "0.5")
    qtbot.mouseClick(dialog.claim_forms.testPageButton, Qt.MouseButton.LeftButton)

    preview = dialog.claim_forms.preview
    assert preview is not None and preview.isVisible()
    moved = PdfReader(io.BytesIO(preview.pdf)).pages[0].extract_text()
    assert "+21" in moved
    assert workspace.store.claim_offset() == (0, 0)  # tried, not saved
    preview.close()
