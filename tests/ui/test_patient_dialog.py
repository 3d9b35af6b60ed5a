"""The patient dialog: names kept exactly, errors at their field, nothing typed lost on close."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.services.practice_file import practice_from_json, practice_to_json
from app.services.workspace import Workspace
from app.ui.patients.patient_dialog import PatientDialog
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import BoxAnswer, forget_changes, type_date, type_text

# The offscreen platform says this whenever a top-level window is shown.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def open_dialog(qtbot: QtBot, workspace: Workspace, key: str | None = None) -> PatientDialog:
    dialog = PatientDialog(workspace, key, today=TODAY)
    qtbot.addWidget(dialog, before_close_func=forget_changes)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def test_a_new_patient_named_zoe_nguyen_oster_is_saved_exactly(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    saved: list[str] = []
    dialog.saved.connect(saved.append)
    type_text(dialog.ui.firstNameEdit, "Zoë")
    type_text(dialog.ui.lastNameEdit, "Nguyễn-Øster")
    type_date(qtbot, dialog.ui.dobEdit, "03021990")
    qtbot.keyClick(dialog.ui.lastNameEdit, Qt.Key.Key_Return)

    assert saved, dialog.error_text
    patient = workspace.store.patient(saved[0])
    assert patient is not None
    assert (patient.first_name, patient.last_name) == ("Zoë", "Nguyễn-Øster")
    assert patient.date_of_birth.isoformat() == "1990-03-02"
    assert patient.account_number == "A00002"
    assert not dialog.isVisible()


def test_saving_without_a_date_of_birth_says_so_and_keeps_the_name(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    qtbot.keyClicks(dialog.ui.firstNameEdit, "Ann")
    qtbot.keyClicks(dialog.ui.lastNameEdit, "Lee")
    dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Save).click()

    assert dialog.isVisible()
    assert "Date of birth is required" in dialog.error_text
    assert dialog.focusWidget() is dialog.ui.dobEdit.edit
    assert dialog.ui.firstNameEdit.text() == "Ann"
    assert len(workspace.store.patients()) == 1


def test_a_bad_zip_code_is_shown_at_the_zip_field(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace, "pt-0001")
    dialog.ui.zipEdit.setText("981")
    qtbot.keyClick(dialog.ui.zipEdit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "ZIP code" in dialog.error_text
    assert dialog.ui.zipEdit.property("invalid") is True
    assert workspace.store.patient("pt-0001").address.zip == "98103"  # type: ignore[union-attr]


def test_editing_shows_the_stored_patient_and_an_untouched_form_closes_without_asking(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace, "pt-0001")
    assert dialog.ui.firstNameEdit.text() == "Daniel"
    assert dialog.ui.dobEdit.text() == "06/12/1984"
    assert dialog.ui.dobEdit.hint.text() == "Tue, Jun 12, 1984"
    assert dialog.ui.sexCombo.currentText() == "Male"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_closing_a_changed_dialog_asks_before_discarding(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace, "pt-0001")
    dialog.ui.phoneEdit.clear()
    qtbot.keyClicks(dialog.ui.phoneEdit, "206-555-0199")
    answers = BoxAnswer()

    answers.next(QMessageBox.StandardButton.Cancel)
    dialog.close()
    assert dialog.isVisible()
    assert dialog.ui.phoneEdit.text() == "(206) 555-0199"

    answers.next(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert "Save the changes to this patient?" in answers.texts[0]
    assert workspace.store.patient("pt-0001").phone == "206-555-0177"  # type: ignore[union-attr]


def test_answering_save_when_closing_saves(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace, "pt-0001")
    dialog.ui.emailEdit.setText("daniel@example.com")
    BoxAnswer().next(QMessageBox.StandardButton.Save)
    dialog.close()
    assert not dialog.isVisible()
    assert workspace.store.patient("pt-0001").email == "daniel@example.com"  # type: ignore[union-attr]


def test_a_city_typed_past_its_limit_stops_there_and_the_export_imports_again(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    saved: list[str] = []
    dialog.saved.connect(saved.append)
    type_text(dialog.ui.firstNameEdit, "Ann")
    type_text(dialog.ui.lastNameEdit, "Lee")
    type_date(qtbot, dialog.ui.dobEdit, "03021990")
    type_text(dialog.ui.line1Edit, "1 Main St")
    type_text(dialog.ui.cityEdit, "Llanfairpwllgwyngyll" * 4)  # 80 characters
    assert len(dialog.ui.cityEdit.text()) == 60
    type_text(dialog.ui.stateEdit, "WA")
    type_text(dialog.ui.zipEdit, "98109")
    dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Save).click()

    assert saved, dialog.error_text
    exported = practice_to_json(workspace.store.practice())
    imported = practice_from_json(json.loads(json.dumps(exported)))
    cities = {
        chart.patient.key: chart.patient.address.city for chart in imported.charts if chart.patient.address
    }
    assert cities[saved[0]] == ("Llanfairpwllgwyngyll" * 4)[:60]
