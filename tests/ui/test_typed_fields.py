"""Fields as a therapist types them: phones formatted, an NPI not called wrong before its last digit,
states found by name or code, and grey placeholders that never look like a value."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from app.domain.errors import ValidationError
from app.services.workspace import Workspace
from app.ui.patients.patient_dialog import PatientDialog
from app.ui.patients.prescription_dialog import PrescriptionDialog
from app.ui.practice.payers_dialog import PayersDialog
from app.ui.practice.settings_dialog import SettingsDialog
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import forget_changes

ROOT = Path(__file__).resolve().parents[2]


def shown(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog, before_close_func=forget_changes)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()


def settings(qtbot: QtBot, workspace: Workspace) -> SettingsDialog:
    dialog = SettingsDialog(workspace)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


# Phones -----------------------------------------------------------------------------------------


def test_the_patients_phone_is_formatted_as_it_is_typed_and_saved_so(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = PatientDialog(workspace, "pt-0001", today=TODAY)
    shown(qtbot, dialog)
    edit = dialog.ui.phoneEdit
    assert edit.text() == "(206) 555-0177"  # stored as 206-555-0177: shown the usual way
    type_into(qtbot, edit, "206")
    assert edit.text() == "206"
    qtbot.keyClicks(edit, "5550")
    assert edit.text() == "(206) 555-0"
    qtbot.keyClicks(edit, "148")
    assert edit.text() == "(206) 555-0148"
    assert edit.placeholderText() == "10 digits, with the area code"


def test_a_digit_typed_in_the_middle_of_a_phone_keeps_the_cursor_after_it(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = PatientDialog(workspace, "pt-0001", today=TODAY)
    shown(qtbot, dialog)
    edit = dialog.ui.phoneEdit
    type_into(qtbot, edit, "206555014")
    edit.setCursorPosition(1)  # after "("
    qtbot.keyClick(edit, Qt.Key.Key_Delete)  # the 2
    assert edit.text() == "(065) 550-14"
    qtbot.keyClicks(edit, "2")
    assert edit.text() == "(206) 555-014"
    assert edit.cursorPosition() == 2


def test_an_extension_is_left_as_typed(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = PatientDialog(workspace, "pt-0001", today=TODAY)
    shown(qtbot, dialog)
    type_into(qtbot, dialog.ui.phoneEdit, "2065550148 ext 12")
    assert dialog.ui.phoneEdit.text() == "(206) 555-0148 ext 12"


def test_the_payers_and_the_practices_phones_are_formatted_as_typed(
    qtbot: QtBot, workspace: Workspace
) -> None:
    payers = PayersDialog(workspace)
    shown(qtbot, payers)
    type_into(qtbot, payers.ui.phoneEdit, "8005550101")
    assert payers.ui.phoneEdit.text() == "(800) 555-0101"

    dialog = settings(qtbot, workspace)
    phone = dialog.form.ui.phoneEdit
    dialog.ui.tabs.setCurrentIndex(1)
    type_into(qtbot, phone, "4255550123")
    assert phone.text() == "(425) 555-0123"
    assert dialog.form.practitioner().phone == "(425) 555-0123"


# NPI --------------------------------------------------------------------------------------------


def test_the_npi_is_not_called_wrong_while_its_digits_are_still_being_typed(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = settings(qtbot, workspace)
    npi, problem = dialog.form.ui.npiEdit, dialog.form.ui.npiProblem
    type_into(qtbot, npi, "155859879")
    assert npi.hasFocus()
    assert problem.isHidden()  # nine digits, the cursor still in the box: not red yet
    qtbot.keyClicks(npi, "0")  # the tenth digit, with a wrong check digit
    assert not problem.isHidden()
    assert "last digit does not match" in problem.text()


def test_an_npi_left_short_is_called_wrong_on_leaving_the_box(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = settings(qtbot, workspace)
    npi, problem = dialog.form.ui.npiEdit, dialog.form.ui.npiProblem
    type_into(qtbot, npi, "155859879")
    assert problem.isHidden()
    qtbot.keyClick(npi, Qt.Key.Key_Tab)
    assert not npi.hasFocus()
    assert not problem.isHidden()
    assert "10 digits" in problem.text()


def test_the_prescribers_npi_waits_for_the_tenth_digit_too(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    dialog = PrescriptionDialog(workspace, "pt-0001", None, TODAY, settings=store)
    shown(qtbot, dialog)
    edit = dialog.ui.npiEdit
    type_into(qtbot, edit, "123456789")
    assert "✗" not in dialog.npi_status and "color" not in dialog.ui.npiStatusLabel.styleSheet()
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert dialog.npi_status.startswith("✗")


# States -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["New York", "new york", "NY", "ny"])
def test_a_state_is_chosen_by_its_name_or_its_code(qtbot: QtBot, workspace: Workspace, typed: str) -> None:
    dialog = settings(qtbot, workspace)
    box = dialog.form.ui.licenseStateCombo
    type_into(qtbot, box.lineEdit(), typed)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Tab)
    assert box.currentText() == "NY – New York"
    assert dialog.form.practitioner().license_state == "NY"


def test_a_state_typed_wrong_is_refused_never_a_neighbor_chosen(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = settings(qtbot, workspace)
    box = dialog.form.ui.licenseStateCombo
    type_into(qtbot, box.lineEdit(), "Nw York")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Tab)
    assert box.currentText() == "Nw York"  # as typed: not Nebraska, not Washington
    with pytest.raises(ValidationError) as refused:
        dialog.form.practitioner()
    assert refused.value.field == "license_state"
    assert "Nw York" in refused.value.message


# Placeholders -----------------------------------------------------------------------------------

# A grey value: a state code, a ZIP code, a phone number, an ID or a bare credential.
_LOOKS_LIKE_A_VALUE = re.compile(r"^([A-Z]{2,4}|[\d()\-. ]+|[A-Z]\d{4}|\d+\.\d\d)$")


@pytest.mark.parametrize("form", sorted(p.name for p in (ROOT / "forms").glob("*.ui")))
def test_no_placeholder_looks_like_a_value_typed_in(form: str) -> None:
    tree = ET.parse(ROOT / "forms" / form)
    for prop in tree.iter("property"):
        if prop.get("name") == "placeholderText":
            text = prop.findtext("string") or ""
            assert not _LOOKS_LIKE_A_VALUE.match(text), f"{form}: placeholder {text!r}"
