"""Settings: the practice profile, paper size, payers and data folder, as a therapist changes them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.superbill import PaperSize
from app.services.workspace import Workspace
from app.ui.practice.payers_dialog import PayersDialog
from app.ui.practice.settings_dialog import SettingsDialog

DOCUMENTS_TAB = 3


def open_settings(qtbot: QtBot, workspace: Workspace) -> SettingsDialog:
    dialog = SettingsDialog(workspace)
    # Closed without the unsaved-changes question, whatever state a test left it in.
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def when_modal_appears(act: Callable[[QWidget], None], seen: list[QWidget]) -> None:
    """Once the next modal window is up, record it and act on it (answer a question, close a dialog)."""

    def check() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or (seen and modal is seen[-1]):
            QTimer.singleShot(10, check)
            return
        seen.append(modal)
        act(modal)

    QTimer.singleShot(0, check)


def press(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(button).click()

    return act


def test_choosing_a4_and_saving_keeps_a4(qtbot: QtBot, workspace: Workspace) -> None:
    assert workspace.store.paper_size() is PaperSize.LETTER
    dialog = open_settings(qtbot, workspace)
    dialog.ui.tabs.setCurrentIndex(DOCUMENTS_TAB)
    dialog.ui.letterRadio.setFocus()
    qtbot.keyClick(dialog.ui.letterRadio, Qt.Key.Key_Down)  # arrow keys move between radio buttons
    assert dialog.ui.a4Radio.isChecked()
    qtbot.keyClick(dialog.ui.a4Radio, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert workspace.store.paper_size() is PaperSize.A4
    again = open_settings(qtbot, workspace)
    assert again.ui.a4Radio.isChecked()


def test_the_data_folder_is_shown_and_cannot_be_typed_over(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_settings(qtbot, workspace)
    shown = dialog.ui.dataFolderEdit
    assert shown.text() == str(workspace.data_dir)
    assert shown.isReadOnly()
    assert dialog.ui.openFolderButton.isEnabled()


def test_the_profile_shows_the_practice_and_a_changed_name_is_saved(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_settings(qtbot, workspace)
    name = dialog.form.ui.practiceNameEdit
    assert name.text() == "Tidewater Therapeutic Massage"
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Tidewater Massage & Bodywork")
    qtbot.keyClick(name, Qt.Key.Key_Return)  # Save is the default button

    saved = workspace.store.practitioner()
    assert saved is not None
    assert saved.practice_name == "Tidewater Massage & Bodywork"
    assert saved.npi == "1558598797"  # the rest is kept as it was


def test_closing_with_changes_asks_and_cancel_keeps_them(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_settings(qtbot, workspace)
    dialog.ui.tabs.setCurrentIndex(DOCUMENTS_TAB)
    dialog.ui.a4Radio.setChecked(True)
    seen: list[QWidget] = []

    when_modal_appears(press(QMessageBox.StandardButton.Cancel), seen)
    qtbot.keyClick(dialog.ui.a4Radio, Qt.Key.Key_Escape)
    assert len(seen) == 1
    assert "Save the changes" in seen[0].text()
    assert dialog.isVisible()
    assert dialog.ui.a4Radio.isChecked()

    when_modal_appears(press(QMessageBox.StandardButton.Discard), seen)
    dialog.close()
    assert len(seen) == 2
    assert not dialog.isVisible()
    assert workspace.store.paper_size() is PaperSize.LETTER


def test_closing_with_changes_and_choosing_save_saves(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_settings(qtbot, workspace)
    dialog.ui.a4Radio.setChecked(True)
    seen: list[QWidget] = []
    when_modal_appears(press(QMessageBox.StandardButton.Save), seen)
    dialog.reject()
    assert seen
    assert workspace.store.paper_size() is PaperSize.A4


def test_closing_without_changes_asks_nothing(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_settings(qtbot, workspace)
    qtbot.keyClick(dialog.ui.tabs, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_mistyped_npi_is_not_saved_and_the_form_keeps_it(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_settings(qtbot, workspace)
    dialog.ui.tabs.setCurrentIndex(DOCUMENTS_TAB)
    npi = dialog.form.ui.npiEdit
    npi.setText("")
    qtbot.keyClicks(npi, "1234567890")
    assert "last digit does not match" in dialog.form.ui.npiProblem.text()
    seen: list[QWidget] = []
    said: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.accept()

    when_modal_appears(read_and_close, seen)
    dialog.save()

    assert said and "last digit does not match" in said[0]
    assert dialog.isVisible()
    assert dialog.ui.tabs.currentIndex() == 0  # back on the tab with the NPI
    assert npi.text() == "1234567890"
    saved = workspace.store.practitioner()
    assert saved is not None and saved.npi == "1558598797"


def test_the_payers_button_opens_the_payers_and_fees(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_settings(qtbot, workspace)
    seen: list[QWidget] = []
    when_modal_appears(lambda payers: payers.close(), seen)
    dialog.ui.tabs.setCurrentIndex(DOCUMENTS_TAB)
    qtbot.keyClick(dialog.ui.payersButton, Qt.Key.Key_Space)
    assert len(seen) == 1 and isinstance(seen[0], PayersDialog)
    assert dialog.isVisible()


def test_tab_goes_through_the_shown_fields_then_to_save(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_settings(qtbot, workspace)
    dialog.ui.tabs.tabBar().setFocus()
    visited = []
    for _ in range(14):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    form = dialog.form.ui
    assert visited[:3] == [form.firstNameEdit, form.lastNameEdit, form.credentialsEdit]
    assert visited[10] is form.taxonomyEdit
    assert visited[11] is dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
