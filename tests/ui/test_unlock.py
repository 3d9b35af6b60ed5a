"""Encrypted practices in the app: the wizard's passphrase page, the unlock dialog and the idle lock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from app.services import encryption
from app.services.workspace import Workspace
from app.ui.patients.patient_dialog import PatientDialog
from app.ui.security.lock import IdleLock
from app.ui.security.recovery_key_dialog import RecoveryKeyDialog
from app.ui.security.unlock_dialog import UnlockDialog
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import forget_changes, type_date, type_text
from tests.ui.test_setup_wizard import fill_provider_page, open_wizard, press_next, type_then_tab

PASSPHRASE = "blue heron at low tide"


@pytest.fixture
def encrypted(data_dir: Path) -> Iterator[Workspace]:
    """An empty encrypted practice, open."""
    encryption.set_up_encryption(data_dir, PASSPHRASE)
    with Workspace(data_dir, passphrase=PASSPHRASE) as workspace:
        yield workspace


def shown_window(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(600, 400)
    window.show()
    return window


def test_the_wizard_with_a_passphrase_encrypts_and_shows_the_recovery_key_once(
    qtbot: QtBot, empty_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = open_wizard(qtbot, empty_workspace)
    press_next(qtbot, wizard)
    fill_provider_page(qtbot, wizard)
    press_next(qtbot, wizard)
    wizard.form.ui.line1Edit.setFocus()
    type_then_tab(qtbot, "2200 Westlake Ave N", "", "Seattle", "", "98109", "206-555-0148")
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    assert wizard.currentPage().title() == "Protect your records"
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    qtbot.keyClicks(wizard.protection.form.passphrase.edit, PASSPHRASE)
    assert wizard.protection.form.strength.text().startswith("Strong")
    qtbot.keyClicks(wizard.protection.form.repeat.edit, PASSPHRASE)
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    shown: list[str] = []
    refused_escape: list[bool] = []

    def keep_the_key(dialog: RecoveryKeyDialog) -> int:
        # The dialog the wizard opens, driven as a user would, without a nested event loop.
        dialog.show()
        shown.append(dialog.keyLabel.text())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # refused until the key is kept
        refused_escape.append(dialog.isVisible() and not dialog.continueButton.isEnabled())
        qtbot.keyClick(dialog.keptBox, Qt.Key.Key_Space)
        qtbot.mouseClick(dialog.continueButton, Qt.MouseButton.LeftButton)
        return int(dialog.result())

    monkeypatch.setattr(RecoveryKeyDialog, "exec", keep_the_key)
    qtbot.keyClick(wizard.protection.form.repeat.edit, Qt.Key.Key_Return)  # Finish
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert len(shown) == 1 and len(shown[0].split("-")) == 7
    assert refused_escape == [True]
    assert empty_workspace.encrypted
    assert empty_workspace.store.practitioner() is not None
    assert b"Lindqvist" not in (empty_workspace.data_dir / "practice.sqlite3").read_bytes()
    with Workspace(empty_workspace.data_dir, recovery_key=shown[0]) as reopened:
        assert reopened.store.practitioner() is not None


def test_the_unlock_dialog_says_a_wrong_passphrase_under_the_field_and_opens_with_the_right_one(
    qtbot: QtBot, data_dir: Path
) -> None:
    encryption.set_up_encryption(data_dir, PASSPHRASE)
    dialog = UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.field.edit, "blue heron at high tide")
    qtbot.keyClick(dialog.field.edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.workspace is None
    assert dialog.field.problem.isVisible()
    assert "not the one for this practice" in dialog.field.problem.text()
    dialog.field.edit.clear()
    qtbot.keyClicks(dialog.field.edit, PASSPHRASE)
    qtbot.keyClick(dialog.field.edit, Qt.Key.Key_Return)
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    assert dialog.workspace is not None and dialog.workspace.encrypted
    dialog.workspace.close()


def test_the_recovery_key_opens_it_from_the_unlock_dialog(qtbot: QtBot, data_dir: Path) -> None:
    recovery_key = encryption.set_up_encryption(data_dir, PASSPHRASE).recovery_key
    dialog = UnlockDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.recoveryButton, Qt.MouseButton.LeftButton)
    assert dialog.field.label.text() == "&Recovery key:"
    qtbot.keyClicks(dialog.field.edit, recovery_key.lower())
    qtbot.keyClick(dialog.field.edit, Qt.Key.Key_Return)
    assert dialog.workspace is not None
    dialog.workspace.close()


def test_the_window_locks_after_the_idle_time_and_unlocks_with_the_passphrase(
    qtbot: QtBot, encrypted: Workspace
) -> None:
    workspace = encrypted
    window = shown_window(qtbot)
    action = window.menuBar().addAction("&File")
    lock = IdleLock(window, workspace, interval_ms=200)
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    assert lock.screen.geometry() == window.rect()
    assert not action.isEnabled()
    qtbot.keyClicks(lock.screen.field.edit, "wrong passphrase")
    qtbot.keyClick(lock.screen.field.edit, Qt.Key.Key_Return)
    assert lock.locked and lock.screen.field.problem.isVisible()
    lock.screen.field.edit.clear()
    qtbot.keyClicks(lock.screen.field.edit, PASSPHRASE)
    qtbot.keyClick(lock.screen.field.edit, Qt.Key.Key_Return)
    assert not lock.locked and action.isEnabled()
    lock.timer.stop()


def test_settings_encrypts_a_plain_practice_and_keeps_its_records(qtbot: QtBot, workspace: Workspace) -> None:
    from app.ui.practice.settings_dialog import SettingsDialog
    from app.ui.security.passphrase_dialog import PassphraseDialog

    before = workspace.store.practice()
    settings = SettingsDialog(workspace)
    qtbot.addWidget(settings)
    assert settings.security.passphraseButton.text() == "&Encrypt the records…"
    dialog = PassphraseDialog(workspace, change=False, parent=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.passphrase.edit, PASSPHRASE)
    qtbot.keyClicks(dialog.form.repeat.edit, "something else")
    dialog.apply()
    assert dialog.form.repeat.problem.isVisible() and not workspace.encrypted
    dialog.form.repeat.edit.clear()
    qtbot.keyClicks(dialog.form.repeat.edit, PASSPHRASE)
    shown: list[str] = []
    original = RecoveryKeyDialog.exec

    def keep(d: RecoveryKeyDialog) -> int:
        shown.append(d.recovery_key)
        d.keptBox.setChecked(True)
        d.accept()
        return 1

    RecoveryKeyDialog.exec = keep  # type: ignore[method-assign]
    try:
        QTimer.singleShot(0, lambda: _close_message())
        dialog.apply()
    finally:
        RecoveryKeyDialog.exec = original  # type: ignore[method-assign]
    assert workspace.encrypted and len(shown) == 1
    assert workspace.store.practice() == before
    assert b"Okafor" not in (workspace.data_dir / "practice.sqlite3").read_bytes()


def _close_message() -> None:
    box = QApplication.activeModalWidget()
    if box is not None:
        box.close()


def test_a_dialog_open_when_the_window_locks_is_covered_and_keeps_what_was_typed(
    qtbot: QtBot, encrypted: Workspace
) -> None:
    workspace = encrypted
    window = shown_window(qtbot)
    dialog = PatientDialog(workspace, None, today=TODAY, parent=window)
    qtbot.addWidget(dialog, before_close_func=forget_changes)
    with qtbot.waitActive(dialog):
        dialog.show()
    type_text(dialog.ui.firstNameEdit, "Zoë")
    type_text(dialog.ui.lastNameEdit, "Nguyễn-Øster")
    lock = IdleLock(window, workspace, interval_ms=200)
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)

    dialog_screen = next(s for s in lock.screens() if s.window() is dialog)
    assert dialog_screen.isVisible() and dialog_screen.geometry() == dialog.rect()
    assert not dialog.ui.firstNameEdit.isEnabled()  # nothing under the cover takes keys or clicks
    name = dialog.ui.firstNameEdit
    seen = dialog.grab().toImage().pixelColor(name.mapTo(dialog, name.rect().center()))
    assert seen.name() == "#eef1f4"  # the lock screen's own colour: the typed name cannot be read
    assert dialog.focusWidget() is dialog_screen.field.edit
    qtbot.keyClick(dialog_screen.field.edit, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()  # neither Escape nor closing throws the typed patient away
    qtbot.keyClicks(dialog_screen.field.edit, "wrong passphrase")
    qtbot.keyClick(dialog_screen.field.edit, Qt.Key.Key_Return)
    assert lock.locked

    dialog_screen.field.edit.clear()
    qtbot.keyClicks(dialog_screen.field.edit, PASSPHRASE)
    qtbot.keyClick(dialog_screen.field.edit, Qt.Key.Key_Return)
    assert not lock.locked and lock.screens() == []
    assert dialog.isVisible() and dialog.ui.firstNameEdit.isEnabled()
    assert (dialog.ui.firstNameEdit.text(), dialog.ui.lastNameEdit.text()) == ("Zoë", "Nguyễn-Øster")
    assert workspace.store.patients() == []  # nothing was saved behind the lock
    type_date(qtbot, dialog.ui.dobEdit, "03021990")
    qtbot.keyClick(dialog.ui.lastNameEdit, Qt.Key.Key_Return)  # the dialog's own Enter saves, as before
    assert [p.last_name for p in workspace.store.patients()] == ["Nguyễn-Øster"]
    lock.timer.stop()


def test_a_message_box_open_when_locking_is_covered_too_and_unlocks_every_window(
    qtbot: QtBot, encrypted: Workspace
) -> None:
    workspace = encrypted
    window = shown_window(qtbot)
    box = QMessageBox(
        QMessageBox.Icon.Question, "Delete visit", "Delete the visit of 09/09/2026?", parent=window
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    with qtbot.waitActive(box):
        box.show()
    lock = IdleLock(window, workspace, interval_ms=200)
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)

    box_screen = next(s for s in lock.screens() if s.window() is box)
    assert box_screen.geometry() == box.rect()  # the question is hidden, in a box too small to grow
    assert box_screen.field.edit.isVisible() and not box.button(QMessageBox.StandardButton.Yes).isEnabled()
    qtbot.keyClicks(box_screen.field.edit, PASSPHRASE)
    qtbot.keyClick(box_screen.field.edit, Qt.Key.Key_Return)
    assert not lock.locked and lock.screens() == []
    assert box.isVisible() and box.button(QMessageBox.StandardButton.Yes).isEnabled()
    lock.timer.stop()
