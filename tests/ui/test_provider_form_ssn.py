"""The therapist's SSN as Tax ID: printed masked unless she ticks the box to print it in full, and saved so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.domain.practice import TaxIdType
from app.services import superbills
from app.services.workspace import Workspace
from app.ui.practice.settings_dialog import SettingsDialog
from tests.domain.conftest import DictCodes
from tests.render.pdf_text import plain_text
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

SSN = "536-90-4399"


def open_settings(qtbot: QtBot, workspace: Workspace) -> SettingsDialog:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def choose_ssn(qtbot: QtBot, dialog: SettingsDialog) -> None:
    ui = dialog.form.ui
    ui.taxIdTypeCombo.setFocus()
    qtbot.keyClick(ui.taxIdTypeCombo, Qt.Key.Key_Down)
    assert ui.taxIdTypeCombo.currentText() == "SSN"
    ui.taxIdEdit.setFocus()
    ui.taxIdEdit.selectAll()
    qtbot.keyClicks(ui.taxIdEdit, SSN)


def save(qtbot: QtBot, dialog: SettingsDialog) -> None:
    qtbot.keyClick(dialog.form.ui.taxIdEdit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted


def printed(workspace: Workspace) -> str:
    chart = superbills.find_chart(workspace.store, "pt-0001")
    data = superbills.superbill_data(workspace.store, chart, superbills.Period(), issued_on=TODAY)
    return plain_text(superbills.render(data, DictCodes(), draft=True))


def test_the_full_ssn_box_shows_only_for_an_ssn_and_starts_unticked(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_settings(qtbot, workspace)
    box = dialog.form.ui.printFullSsnCheck
    assert dialog.form.ui.taxIdTypeCombo.currentText() == "EIN"
    assert not box.isVisibleTo(dialog)
    choose_ssn(qtbot, dialog)
    assert box.isVisibleTo(dialog)
    assert not box.isChecked()
    assert "full SSN" in box.text()


def test_an_ssn_left_unticked_is_saved_so_and_prints_masked(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_settings(qtbot, workspace)
    choose_ssn(qtbot, dialog)
    save(qtbot, dialog)
    saved = workspace.store.practitioner()
    assert saved is not None
    assert (saved.tax_id_type, saved.tax_id, saved.print_full_ssn) == (TaxIdType.SSN, SSN, False)
    text = printed(workspace)
    assert "Tax ID (SSN) ***-**-4399" in text
    assert SSN not in text and "536904399" not in text


def test_ticking_the_box_prints_the_full_ssn_and_is_kept(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_settings(qtbot, workspace)
    choose_ssn(qtbot, dialog)
    box = dialog.form.ui.printFullSsnCheck
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    save(qtbot, dialog)
    saved = workspace.store.practitioner()
    assert saved is not None and saved.print_full_ssn
    assert f"Tax ID (SSN) {SSN}" in printed(workspace)
    again = open_settings(qtbot, workspace)
    assert again.form.ui.printFullSsnCheck.isChecked()


def test_going_back_to_an_ein_forgets_the_choice(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_settings(qtbot, workspace)
    choose_ssn(qtbot, dialog)
    dialog.form.ui.printFullSsnCheck.setChecked(True)
    save(qtbot, dialog)
    again = open_settings(qtbot, workspace)
    ui = again.form.ui
    ui.taxIdTypeCombo.setCurrentIndex(0)
    ui.taxIdEdit.selectAll()
    qtbot.keyClicks(ui.taxIdEdit, "91-1234567")
    save(qtbot, again)
    saved = workspace.store.practitioner()
    assert saved is not None
    assert (saved.tax_id_type, saved.print_full_ssn) == (TaxIdType.EIN, False)
