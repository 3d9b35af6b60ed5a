"""The whole path, as a therapist walks it on her first day: set up the practice, add a patient with
insurance and a prescription, record two visits, and hand over a superbill for both.

Everything goes through the real windows with keys and clicks; the last check reads the PDF back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.patients.coverage_dialog import CoverageDialog
from app.ui.patients.patient_dialog import PatientDialog
from app.ui.patients.patient_table_model import COL_NAME
from app.ui.patients.prescription_dialog import PrescriptionDialog
from app.ui.practice.payers_dialog import PayersDialog
from app.ui.practice.setup_wizard import SetupWizard
from app.ui.superbills.pdf_preview import PdfPreviewDialog
from app.ui.superbills.superbill_dialog import CUSTOM, SuperbillDialog
from app.ui.visits.code_picker_dialog import CodePickerDialog
from app.ui.visits.cpt_picker import CptPicker
from app.ui.visits.icd_picker import IcdPicker
from app.ui.visits.visit_editor import VisitEditor
from app.ui.widgets.date_field import DateField
from tests.render.pdf_text import lines, plain_text
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import BoxAnswer, forget_changes, type_text

WAIT_MS = 10_000  # generous: the path must not fail on a busy machine
FIRST, LAST = "Zoë", "Nguyễn-Øster"
PATIENT = f"{FIRST} {LAST}"
PAYER = "Regence BlueShield"

D = TypeVar("D", bound=QDialog)


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> Iterator[None]:
    """Window sizes, favourite and recent codes go to files of this test, never the user's settings."""
    folder = str(tmp_path / "settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)
    yield


# What the user has in front of her ------------------------------------------------------------


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_then_tab(qtbot: QtBot, *texts: str) -> None:
    """Type each text into the field with the cursor, then Tab on (an empty text only tabs)."""
    for text in texts:
        if text:
            qtbot.keyClicks(focused(), text)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Click a field, select what is in it and type over it."""
    click(qtbot, widget)
    widget.setFocus()  # a click on a spin box or date may land on its arrows: the cursor goes in anyway
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def type_date(qtbot: QtBot, field: DateField, mmddyyyy: str) -> None:
    """Tab into a date field (its date is selected), type the digits as on the paper, 09092026, and Tab on."""
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(field.edit, mmddyyyy)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)


def press_ctrl(qtbot: QtBot, key: Qt.Key, shift: bool = False) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(focused(), key, modifiers)


def press_alt(qtbot: QtBot, key: Qt.Key) -> None:
    qtbot.keyClick(focused(), key, Qt.KeyboardModifier.AltModifier)


def dialog_of(qtbot: QtBot, owner: MainWindow | QWidget, kind: type[D]) -> D:
    """The dialog the window (or the patient view) just opened over itself, once it has the keyboard."""
    qtbot.waitUntil(lambda: isinstance(getattr(owner, "current_dialog", None), kind), timeout=WAIT_MS)
    dialog = owner.current_dialog  # type: ignore[union-attr]
    assert isinstance(dialog, kind)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    return dialog


def closed(qtbot: QtBot, owner: QWidget) -> None:
    """The dialog is gone and the keyboard is back in the main window.

    A desktop's window manager gives the keyboard back to the window under a closed dialog; the
    offscreen platform has none, so the test does what it would."""
    qtbot.waitUntil(lambda: getattr(owner, "current_dialog", None) is None, timeout=WAIT_MS)
    window = owner.window()
    if not window.isActiveWindow():
        window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    assert focused() is not None


# Setting up the practice --------------------------------------------------------------------


def press_next(qtbot: QtBot, wizard: SetupWizard) -> None:
    page = wizard.currentId()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == page + 1, timeout=WAIT_MS)


def set_up_the_practice(qtbot: QtBot, workspace: Workspace) -> None:
    wizard = SetupWizard(workspace)
    qtbot.addWidget(wizard, before_close_func=lambda w: w.done(QWizard.DialogCode.Rejected))
    with qtbot.waitActive(wizard, timeout=WAIT_MS):
        wizard.show()
        wizard.activateWindow()
    assert wizard.currentPage().title() == "Welcome to Superbill Desk"
    press_next(qtbot, wizard)

    assert wizard.currentPage().title() == "You and your practice"
    assert focused() is wizard.form.ui.firstNameEdit
    # first, last, credentials, practice, NPI, organisation NPI, Tax ID kind, Tax ID, licence
    type_then_tab(
        qtbot, "Maya", "Lindqvist", "LMT", "Tidewater Therapeutic Massage", "1558598797", "", "", "91-1234567"
    )
    qtbot.keyClicks(focused(), "MA60123456")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "WA")  # the licence state: typing the code chooses "WA – Washington"
    assert not wizard.form.ui.npiProblem.isVisible()
    assert wizard.form.ui.taxonomyEdit.text() == "225700000X"
    assert wizard.currentPage().hint.text() == ""
    press_next(qtbot, wizard)

    assert wizard.currentPage().title() == "Address and contact"
    assert focused() is wizard.form.ui.line1Edit
    # street, line 2, city, state (already WA, from the licence), ZIP, then the phone
    type_then_tab(qtbot, "2200 Westlake Ave N", "Suite 104", "Seattle", "", "98109")
    qtbot.keyClicks(focused(), "206-555-0148")
    assert wizard.currentPage().hint.text() == ""
    press_next(qtbot, wizard)

    assert wizard.currentPage().title() == "Your fees"
    assert focused() is wizard.fees.edits["97124"]
    type_then_tab(qtbot, "40.00")
    qtbot.keyClicks(focused(), "45.00")  # 97140, the next field
    press_next(qtbot, wizard)

    assert wizard.currentPage().title() == "Your signature"
    press_next(qtbot, wizard)

    assert wizard.currentPage().title() == "Protect your records"
    wizard.protection.skipBox.setFocus()
    qtbot.keyClick(wizard.protection.skipBox, Qt.Key.Key_Space)  # keep the records unencrypted
    qtbot.keyClick(wizard.protection.skipBox, Qt.Key.Key_Return)  # Finish
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=WAIT_MS)
    assert wizard.result() == QWizard.DialogCode.Accepted and not wizard.wants_demo


def open_the_practice(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitActive(window, timeout=WAIT_MS):
        window.show()
        window.activateWindow()
    assert window.windowTitle() == "Superbill Desk — Tidewater Therapeutic Massage"
    assert window.patients_page.model.rowCount() == 0
    return window


# The patient's records --------------------------------------------------------------------------


def add_the_patient(qtbot: QtBot, window: MainWindow) -> None:
    press_ctrl(qtbot, Qt.Key.Key_N, shift=True)
    dialog = dialog_of(qtbot, window, PatientDialog)
    assert dialog.windowTitle() == "New patient"
    ui = dialog.ui
    assert focused() is ui.firstNameEdit
    type_text(ui.firstNameEdit, FIRST)  # QTest only types ASCII keys
    type_text(ui.lastNameEdit, LAST)
    type_date(qtbot, ui.dobEdit, "03021990")
    click_into(qtbot, ui.line1Edit, "418 Fremont Ave N")
    click_into(qtbot, ui.cityEdit, "Seattle")
    click_into(qtbot, ui.stateEdit, "WA")
    click_into(qtbot, ui.zipEdit, "98103")
    click_into(qtbot, ui.phoneEdit, "206-555-0190")
    qtbot.keyClick(ui.phoneEdit, Qt.Key.Key_Return)  # Save is the default button
    closed(qtbot, window)

    assert window.patient_view.name_label.text() == PATIENT
    model = window.patients_page.model
    assert [model.index(row, COL_NAME).data() for row in range(model.rowCount())] == [f"{LAST}, {FIRST}"]
    assert window.new_visit_action.isEnabled()


def add_a_commercial_payer(qtbot: QtBot, window: MainWindow) -> None:
    """Practice > Payers and fees: the wizard makes no payers."""
    if any(p.kind.value == "commercial" for p in window.workspace.store.payers()):
        return
    window.payers_action.trigger()  # the menu item
    dialog = dialog_of(qtbot, window, PayersDialog)
    ui = dialog.ui
    click(qtbot, ui.addPayerButton)
    assert ui.payerGroup.title() == "New payer"
    assert ui.kindCombo.currentText() == "Commercial insurance"
    click_into(qtbot, ui.nameEdit, PAYER)
    click(qtbot, ui.savePayerButton)
    assert dialog.error_text == ""
    assert ui.payerGroup.title() == f"Payer: {PAYER}"
    assert dialog.payers_model.rowCount() >= 1
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # Close
    closed(qtbot, window)


def add_the_coverage(qtbot: QtBot, window: MainWindow) -> None:
    view = window.patient_view
    press_alt(qtbot, Qt.Key.Key_O)  # the Coverage tab
    assert view.tabs.currentWidget() is view.coverages
    add = next(b for b in view.coverages.findChildren(QWidget) if b.property("text") == "&Add coverage…")
    click(qtbot, add)
    dialog = dialog_of(qtbot, view, CoverageDialog)
    ui = dialog.ui
    assert focused() is ui.payerCombo
    qtbot.keyClicks(ui.payerCombo, "Regence")  # a closed list: typing the name chooses it
    assert ui.payerCombo.currentText().startswith(PAYER)
    assert ui.memberIdEdit.isVisible() and not ui.claimEdit.isVisible()
    click_into(qtbot, ui.memberIdEdit, "RBS500123456")
    click_into(qtbot, ui.groupEdit, "GRP-77120")
    press_ctrl(qtbot, Qt.Key.Key_S)
    closed(qtbot, view)
    rows = view.coverages.model
    assert rows.rowCount() == 1
    shown = " ".join(str(rows.index(0, c).data()) for c in range(rows.columnCount()))
    assert PAYER in shown and "RBS500123456" in shown


def add_the_prescription(qtbot: QtBot, window: MainWindow) -> None:
    view = window.patient_view
    press_alt(qtbot, Qt.Key.Key_P)  # the Prescriptions tab
    assert view.tabs.currentWidget() is view.prescriptions
    add = next(
        b for b in view.prescriptions.findChildren(QWidget) if b.property("text") == "&Add prescription…"
    )
    click(qtbot, add)
    dialog = dialog_of(qtbot, view, PrescriptionDialog)
    ui = dialog.ui
    assert focused() is ui.prescriberEdit
    qtbot.keyClicks(ui.prescriberEdit, "Ruth Alvarez")
    click_into(qtbot, ui.credentialsEdit, "DO")
    click_into(qtbot, ui.npiEdit, "1003000126")
    assert dialog.npi_status == "✓ A valid NPI."
    type_date(qtbot, ui.writtenEdit, "09012026")
    type_date(qtbot, ui.expiresEdit, "12312026")
    click_into(qtbot, ui.visitsSpin, "8")
    assert isinstance(dialog.picker, IcdPicker)
    click_into(qtbot, dialog.picker.search, "low back")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert dialog.codes() == ["M54.50"]
    assert dialog.isVisible(), "Enter in the code search chooses a code; it must not save"
    press_ctrl(qtbot, Qt.Key.Key_S)
    closed(qtbot, view)
    rows = view.prescriptions.model
    assert rows.rowCount() == 1
    shown = " ".join(str(rows.index(0, c).data()) for c in range(rows.columnCount()))
    assert "Ruth Alvarez" in shown and "used 0 of 8" in shown


# Visits ---------------------------------------------------------------------------------------


def picker(qtbot: QtBot, kind: type[IcdPicker | CptPicker]) -> IcdPicker | CptPicker:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CodePickerDialog), timeout=WAIT_MS)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CodePickerDialog) and isinstance(dialog.picker, kind)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)
    assert focused() is dialog.picker.search
    return dialog.picker


def add_service(qtbot: QtBot, editor: VisitEditor, code: str, minutes: int, region: str) -> None:
    press_alt(qtbot, Qt.Key.Key_S)  # Add service
    search = picker(qtbot, CptPicker).search
    qtbot.keyClicks(search, code)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(editor.isActiveWindow, timeout=WAIT_MS)
    assert focused() is editor.ui.minutesSpin  # the minutes come next, selected for typing over
    qtbot.keyClicks(editor.ui.minutesSpin, str(minutes))
    click_into(qtbot, editor.ui.regionEdit, region)


def record_a_visit(
    qtbot: QtBot,
    window: MainWindow,
    mmddyyyy: str,
    services: Callable[[VisitEditor], None],
    total: str,
    repeat: bool = False,
) -> None:
    press_ctrl(qtbot, Qt.Key.Key_R if repeat else Qt.Key.Key_N)  # Repeat last visit, or New visit
    editor = dialog_of(qtbot, window, VisitEditor)
    assert editor.windowTitle() == f"New visit — {PATIENT}"
    ui = editor.ui
    assert ui.coverageCombo.currentText().startswith(PAYER)
    type_date(qtbot, ui.dateEdit, mmddyyyy)
    assert ui.dateEdit.text() == f"{mmddyyyy[:2]}/{mmddyyyy[2:4]}/{mmddyyyy[4:]}"
    assert ui.prescriptionCombo.currentText().startswith("Ruth Alvarez, DO")
    # Filled in: the prescription's code on a first visit, the last visit's on the next ones.
    assert ui.diagnosesList.count() == 1
    assert ui.diagnosesList.item(0).text() == "A   M54.50   Low back pain, unspecified"
    services(editor)
    assert ui.totalLabel.text() == f"<b>Total charges: {total}</b>"
    assert not [f.message for f in editor.findings() if f.is_error]
    press_ctrl(qtbot, Qt.Key.Key_S)
    closed(qtbot, window)
    assert window.status_note is not None and window.status_note.text() == "Visit saved"


# The superbill --------------------------------------------------------------------------------


def issue_the_superbill(qtbot: QtBot, window: MainWindow) -> tuple[SuperbillDialog, bytes]:
    press_ctrl(qtbot, Qt.Key.Key_P)
    dialog = dialog_of(qtbot, window, SuperbillDialog)
    ui = dialog.ui
    assert ui.headingLabel.text() == f"Superbill for {PATIENT}"
    assert ui.rangeRadio.isChecked()
    type_date(qtbot, ui.fromDate, "09092026")
    type_date(qtbot, ui.toDate, "09162026")
    assert ui.rangeCombo.currentIndex() == CUSTOM
    assert (ui.fromDate.date(), ui.toDate.date()) == (date(2026, 9, 9), date(2026, 9, 16))
    assert ui.visitsValue.text() == "2   (09/09/2026 to 09/16/2026)"
    assert ui.chargesValue.text() == "$245.00"
    assert ui.balanceValue.text() == "$245.00"
    assert ui.issueButton.isEnabled(), [
        ui.findingsList.item(i).text() for i in range(ui.findingsList.count())
    ]
    answers = BoxAnswer()
    answers.next(QMessageBox.StandardButton.Yes)
    click(qtbot, ui.issueButton)
    qtbot.waitUntil(lambda: bool(answers.texts), timeout=WAIT_MS)
    assert answers.texts[0].startswith("Issue SB-2026-0001 for 2 visits, $245.00?")
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible(), timeout=WAIT_MS)
    preview = dialog.preview
    assert isinstance(preview, PdfPreviewDialog)
    qtbot.waitUntil(preview.isActiveWindow, timeout=WAIT_MS)
    return dialog, preview.pdf


# The whole path -------------------------------------------------------------------------------


def test_from_an_empty_workspace_to_a_superbill_for_two_visits(
    qtbot: QtBot, empty_workspace: Workspace
) -> None:
    workspace = empty_workspace
    assert workspace.is_empty()
    set_up_the_practice(qtbot, workspace)
    window = open_the_practice(qtbot, workspace)

    add_the_patient(qtbot, window)
    add_a_commercial_payer(qtbot, window)
    add_the_coverage(qtbot, window)
    add_the_prescription(qtbot, window)

    def massage_45_minutes(editor: VisitEditor) -> None:
        assert editor.ui.statusLabel.text().startswith("First visit: filled in from the prescription")
        assert [editor.model.row(i).code for i in range(editor.model.rowCount())] == ["97124"]
        click_into(qtbot, editor.ui.minutesSpin, "45")
        click_into(qtbot, editor.ui.regionEdit, "lumbar")
        assert editor.ui.unitsLabel.text().startswith("<b>3 units")

    def massage_and_manual_therapy(editor: VisitEditor) -> None:
        assert editor.ui.statusLabel.text() == "Filled in from the visit of 09/09/2026: change what differs."
        row = editor.model.row(0)
        assert (row.code, row.minutes, row.region) == ("97124", 45, "lumbar")
        click_into(qtbot, editor.ui.minutesSpin, "30")
        add_service(qtbot, editor, "97140", 15, "thoracic")
        click_into(qtbot, editor.ui.modifier1Edit, "59")
        assert editor.model.rowCount() == 2

    record_a_visit(qtbot, window, "09092026", massage_45_minutes, "$120.00")
    record_a_visit(qtbot, window, "09162026", massage_and_manual_therapy, "$125.00", repeat=True)
    assert window.patient_view.balance_label.text() == "Balance due $245.00"

    dialog, pdf = issue_the_superbill(qtbot, window)

    text = plain_text(pdf)
    printed = lines(pdf)
    assert PATIENT in text
    for code in ("M54.50", "97124", "97140", "59"):
        assert code in text, code
    for day in ("09/09/2026", "09/16/2026"):
        assert day in text, day
    services = [line for line in printed if line.startswith(("09/09/2026 ", "09/16/2026 "))]
    assert services == [
        "09/09/2026 11 97124 lumbar A 45 3 $40.00 $120.00",
        "09/16/2026 11 97124 lumbar A 30 2 $40.00 $80.00",
        "09/16/2026 11 97140 59 thoracic A 15 1 $45.00 $45.00",
    ]
    assert "A M54.50 Low back pain, unspecified" in printed
    assert "Total charges $245.00" in printed
    assert "Balance due $245.00" in printed
    issued = workspace.store.superbills(window.patient_key or "")
    assert len(issued) == 1
    number = issued[0].number
    assert number in text
    assert window.status_note is not None and window.status_note.text() == f"Superbill {number} issued"
    assert dialog.preview is not None
    dialog.preview.close()
    forget_changes(dialog)
