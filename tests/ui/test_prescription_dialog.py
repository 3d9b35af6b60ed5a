"""The prescription dialog: NPI checked as typed, diagnosis codes checked against the code set."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.services import accounts
from app.services.workspace import Workspace
from app.ui.patients.prescription_dialog import PrescriptionDialog
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import forget_changes, type_date

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def open_dialog(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, key: str | None = None
) -> PrescriptionDialog:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = PrescriptionDialog(workspace, "pt-0001", key, TODAY, settings=settings)
    qtbot.addWidget(dialog, before_close_func=forget_changes)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def add_code(qtbot: QtBot, dialog: PrescriptionDialog, code: str) -> None:
    if dialog.picker is not None:
        dialog.picker.search.clear()  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.picker.search, code)  # type: ignore[attr-defined]
        qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    else:
        qtbot.keyClicks(dialog.ui.codeEdit, code)
        qtbot.keyClick(dialog.ui.codeEdit, Qt.Key.Key_Return)


def test_an_npi_with_a_wrong_check_digit_is_shown_wrong_and_save_refused_keeping_the_typing(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, workspace, tmp_path)
    ui = dialog.ui
    qtbot.keyClicks(ui.prescriberEdit, "Helen Park")
    qtbot.keyClicks(ui.npiEdit, "1234567890")
    assert "last digit does not match" in dialog.npi_status
    qtbot.keyClick(ui.npiEdit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.isVisible()
    assert "last digit does not match" in dialog.error_text
    assert dialog.focusWidget() is ui.npiEdit
    assert (ui.prescriberEdit.text(), ui.npiEdit.text()) == ("Helen Park", "1234567890")
    assert len(workspace.store.chart("pt-0001").prescriptions) == 1


def test_a_valid_npi_is_shown_valid_as_typed(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, workspace, tmp_path)
    qtbot.keyClicks(dialog.ui.npiEdit, "123456789")
    assert "10 digits" in dialog.npi_status
    qtbot.keyClicks(dialog.ui.npiEdit, "3")
    assert "valid NPI" in dialog.npi_status


def test_a_heading_code_is_refused_with_its_billable_codes_named(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, workspace, tmp_path)
    assert not dialog.add_code("M54.5")
    assert "M54.50" in dialog.ui.diagnosisStatusLabel.text()
    assert not dialog.add_code("Q99.ZZZ9")
    assert dialog.codes() == []


def test_a_new_prescription_is_saved_with_its_codes_and_dates(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, workspace, tmp_path)
    ui = dialog.ui
    qtbot.keyClicks(ui.prescriberEdit, "Ruth Alvarez")
    qtbot.keyClicks(ui.credentialsEdit, "DO")
    qtbot.keyClicks(ui.npiEdit, "1558598797")
    add_code(qtbot, dialog, "M54.2")
    assert dialog.isVisible(), "Enter in the code search must not save the dialog"
    add_code(qtbot, dialog, "m62830")
    ui.visitsSpin.setValue(6)
    type_date(qtbot, ui.expiresEdit, "12312026")
    ui.buttonBox.button(ui.buttonBox.StandardButton.Save).click()

    assert not dialog.isVisible(), dialog.error_text
    rx = workspace.store.chart("pt-0001").prescription(dialog.prescription_key)
    assert rx is not None
    assert rx.diagnoses == ("M54.2", "M62.830")
    assert (rx.prescriber_name, rx.prescriber_credentials, rx.prescriber_npi) == (
        "Ruth Alvarez",
        "DO",
        "1558598797",
    )
    assert rx.written_on == TODAY and rx.authorized_visits == 6
    assert rx.expires_on is not None and rx.expires_on.isoformat() == "2026-12-31"
    assert rx.starts_on is None


def test_editing_the_sample_prescription_shows_its_codes_and_removing_one_saves(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, workspace, tmp_path, "rx-1")
    assert dialog.codes() == ["M54.50", "M62.830"]
    assert "valid NPI" in dialog.npi_status
    dialog.ui.diagnosisList.setFocus()
    dialog.ui.diagnosisList.setCurrentRow(1)
    qtbot.keyClick(dialog.ui.diagnosisList, Qt.Key.Key_Delete)
    assert dialog.codes() == ["M54.50"]
    qtbot.keyClick(dialog.ui.prescriberEdit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible(), dialog.error_text
    account = accounts.patient_account(workspace.store, "pt-0001")
    assert account.chart.prescriptions[0].diagnoses == ("M54.50",)
    assert account.usage["rx-1"].text == "used 2 of 8"


def test_the_code_search_is_empty_again_after_a_code_is_chosen_so_the_next_is_typed_as_it_is(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, workspace, tmp_path)
    if dialog.picker is None:
        pytest.skip("no code picker")
    search = dialog.picker.search  # type: ignore[attr-defined]
    search.setFocus()
    qtbot.keyClicks(search, "M54.50")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert search.text() == "" and search.hasFocus()
    qtbot.keyClicks(search, "M62.830")  # no Ctrl+A first: the search holds only this
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert dialog.codes() == ["M54.50", "M62.830"]


def test_tab_from_body_areas_goes_to_the_code_search_and_typing_there_adds_the_code(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """Codes typed after Tab from Body areas landed in Notes (found by an independent tester)."""
    from PySide6.QtWidgets import QApplication

    dialog = open_dialog(qtbot, workspace, tmp_path)
    ui = dialog.ui
    qtbot.mouseClick(ui.bodyAreasEdit, Qt.MouseButton.LeftButton)
    qtbot.keyClick(ui.bodyAreasEdit, Qt.Key.Key_Tab)
    picker = dialog.picker
    assert picker is not None and QApplication.focusWidget() is picker.search  # type: ignore[attr-defined]
    qtbot.keyClicks(picker.search, "M62.830")  # type: ignore[attr-defined]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert [ui.diagnosisList.item(i).text().split()[0] for i in range(ui.diagnosisList.count())][
        -1
    ] == "M62.830"
    assert ui.notesEdit.toPlainText() == ""


def test_the_code_search_offers_the_codes_in_force_on_the_date_written(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """Written before Oct 1, 2026: M72.2 is billable and plantar fasciitis has no code of its own."""
    from tests.ui.record_helpers import overtype_date

    dialog = open_dialog(qtbot, workspace, tmp_path)
    overtype_date(qtbot, dialog.ui.writtenEdit, "09152026")
    qtbot.keyClick(dialog.ui.writtenEdit.edit, Qt.Key.Key_Tab)
    picker = dialog.picker
    assert picker is not None
    qtbot.keyClicks(picker.search, "plantar fasci")  # type: ignore[attr-defined]
    billable = {row.code for row in picker.model.rows() if row.billable}  # type: ignore[attr-defined]
    assert "M72.2" in billable and "M67.A01" not in billable
