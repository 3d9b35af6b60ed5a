"""The superbill dialog, driven as a therapist would: choose what it covers, read the findings, issue or draft."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.practice import ServiceLine, Visit
from app.services.superbills import Period, issue_superbill
from app.services.workspace import Workspace
from app.ui.superbills.superbill_dialog import CUSTOM, LAST_MONTH, THIS_MONTH, UNBILLED, SuperbillDialog
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import BoxAnswer, type_date

# The offscreen platform says so for every top-level window with a layout; no other Qt message is allowed.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def open_dialog(qtbot: QtBot, workspace: Workspace, patient: str = "pt-0001") -> SuperbillDialog:
    dialog = SuperbillDialog(workspace, patient, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def findings_shown(dialog: SuperbillDialog) -> list[str]:
    listing = dialog.ui.findingsList
    return [listing.item(row).text() for row in range(listing.count())]


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def add_visit(workspace: Workspace, visit: Visit) -> None:
    workspace.store.save_visit("pt-0001", visit)


def bundled_visit(key: str = "v-3", day: date = date(2026, 9, 18)) -> Visit:
    """97124 with 97140 on one date and no modifier 59: the check's error."""
    return Visit(
        key,
        day,
        ("M54.50",),
        (
            ServiceLine("97124", ("A",), minutes=30, body_region="lumbar"),
            ServiceLine("97140", ("A",), minutes=15, body_region="thoracic"),
        ),
        place_of_service="11",
        coverage="cov-1",
        prescription="rx-1",
    )


def test_the_visits_not_yet_on_a_superbill_are_the_default_both_september_visits_total_245_paid(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """What a therapist issues next, last month's visits included (found by an independent tester:
    "This month" by default left an unbilled November visit out of a December superbill)."""
    dialog = open_dialog(qtbot, workspace)
    assert dialog.ui.rangeRadio.isChecked()
    assert dialog.focusWidget() is dialog.ui.rangeCombo
    assert dialog.ui.rangeCombo.currentIndex() == UNBILLED
    assert dialog.ui.rangeCombo.currentText() == "Not yet billed (2 visits)"
    assert dialog.ui.fromDate.date() == date(2026, 9, 9)
    assert dialog.ui.toDate.date() == date(2026, 9, 16)
    assert dialog.ui.visitsValue.text().startswith("2 ")
    assert "09/09/2026 to 09/16/2026" in dialog.ui.visitsValue.text()
    assert dialog.ui.chargesValue.text() == "$245.00"
    assert dialog.ui.paymentsValue.text() == "$245.00"
    assert dialog.ui.balanceValue.text().startswith("$0.00")
    assert "Paid in full" in dialog.ui.balanceValue.text()
    assert dialog.ui.issueButton.isEnabled()
    assert dialog.ui.issueButton.isDefault()
    assert dialog.ui.reasonLabel.text() == ""
    assert dialog.ui.findingsSummary.text() == "Ready to issue."
    assert findings_shown(dialog) == ["Nothing to fix: the check found everything an insurer asks for."]


def test_issue_gives_a_numbered_superbill_recorded_for_the_patient_and_opens_the_preview(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    answers = BoxAnswer()
    answers.next(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.issued) as issued:
        qtbot.keyClick(dialog.ui.rangeCombo, Qt.Key.Key_Return)  # Enter presses the default button
    assert issued.args == ["SB-2026-0001"]
    assert answers.texts == ["Issue SB-2026-0001 for 2 visits, $245.00? It cannot be changed afterwards. "]
    # Issued: Enter now closes the dialog rather than issue another one.
    assert not dialog.ui.issueButton.isDefault() and dialog.ui.closeButton.isDefault()
    records = workspace.store.superbills("pt-0001")
    assert [r.number for r in records] == ["SB-2026-0001"]
    assert records[0].visit_keys == ("v-1", "v-2")
    assert records[0].charges == 24500
    preview = dialog.preview
    assert preview is not None and preview.isVisible()
    assert preview.pdf == workspace.store.superbill_pdf("SB-2026-0001")
    assert "SB-2026-0001 Okafor.pdf" in preview.windowTitle()
    assert "DRAFT" not in pdf_text(preview.pdf)
    # The dialog now says the visits are on a superbill, so a second one is not made by accident.
    assert "already on superbill SB-2026-0001" in dialog.ui.issuedNote.text()
    qtbot.keyClick(preview.view, Qt.Key.Key_Escape)
    assert not preview.isVisible()
    assert dialog.isVisible()


def test_with_an_error_issue_is_disabled_and_the_error_listed_while_draft_still_makes_a_pdf(
    qtbot: QtBot, workspace: Workspace
) -> None:
    add_visit(workspace, bundled_visit())
    dialog = open_dialog(qtbot, workspace)
    assert not dialog.ui.issueButton.isEnabled()
    assert dialog.ui.reasonLabel.text() == "Fix 1 problem to issue a final superbill."
    shown = findings_shown(dialog)
    assert shown[0].startswith("Must fix:")
    assert "59" in shown[0]
    assert all(not text.startswith("Must fix:") for text in shown[1:])  # errors come first
    qtbot.mouseClick(dialog.ui.draftButton, Qt.MouseButton.LeftButton)
    assert dialog.preview is not None
    assert "DRAFT" in pdf_text(dialog.preview.pdf)
    assert workspace.store.superbills("pt-0001") == []


def test_a_wrong_provider_npi_blocks_the_final_superbill(qtbot: QtBot, workspace: Workspace) -> None:
    practitioner = workspace.store.practitioner()
    assert practitioner is not None
    workspace.store.save_practitioner(replace(practitioner, npi="1234567890"))
    dialog = open_dialog(qtbot, workspace)
    assert not dialog.ui.issueButton.isEnabled()
    assert any("NPI" in text and text.startswith("Must fix:") for text in findings_shown(dialog))
    assert dialog.ui.draftButton.isEnabled()


def test_two_errors_are_counted_in_the_reason(qtbot: QtBot, workspace: Workspace) -> None:
    add_visit(workspace, bundled_visit("v-3", date(2026, 9, 18)))
    add_visit(workspace, bundled_visit("v-4", date(2026, 9, 19)))
    dialog = open_dialog(qtbot, workspace)
    assert dialog.ui.reasonLabel.text() == "Fix 2 problems to issue a final superbill."


def test_choosing_one_visit_covers_only_that_date(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    qtbot.keyClick(dialog.ui.rangeCombo, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # "One &visit"
    qtbot.waitUntil(dialog.ui.oneVisitRadio.isChecked)
    combo = dialog.ui.visitCombo
    assert combo.itemText(0).startswith("09/16/2026")  # newest first
    assert combo.itemText(1).startswith("09/09/2026")
    combo.setCurrentIndex(1)
    assert dialog.ui.visitsValue.text() == "1   (09/09/2026)"
    assert dialog.ui.chargesValue.text() == "$120.00"
    assert dialog.ui.paymentsValue.text() == "$120.00"
    BoxAnswer().next(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.ui.issueButton, Qt.MouseButton.LeftButton)
    assert workspace.store.superbills("pt-0001")[0].visit_keys == ("v-1",)


def test_two_visits_on_one_date_are_shown_as_both_covered(qtbot: QtBot, workspace: Workspace) -> None:
    sample_visit = workspace.store.chart("pt-0001").visits[0]
    add_visit(workspace, replace(sample_visit, key="v-1b"))  # a second visit on 09/09/2026
    dialog = open_dialog(qtbot, workspace)
    dialog.choose_visit("v-1")
    assert "(2 visits this day)" in dialog.ui.visitCombo.currentText()
    assert dialog.ui.sameDayNote.isVisible()
    assert "1 other visit on 09/09/2026" in dialog.ui.sameDayNote.text()
    assert dialog.ui.visitsValue.text().startswith("2 ")


def test_last_month_with_no_visits_says_so_and_offers_nothing_to_issue(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    dialog.choose_range(LAST_MONTH)
    assert dialog.ui.fromDate.date() == date(2026, 8, 1)
    assert dialog.ui.findingsSummary.text() == "No visits from 08/01/2026 to 08/31/2026: choose other dates."
    assert dialog.ui.reasonLabel.text() == "Nothing to put on a superbill."
    assert not dialog.ui.issueButton.isEnabled()
    assert not dialog.ui.draftButton.isEnabled()
    assert dialog.ui.chargesValue.text() == "-"


def test_typing_dates_makes_a_custom_range(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    type_date(qtbot, dialog.ui.fromDate, "09/10/2026")
    assert dialog.ui.rangeCombo.currentIndex() == CUSTOM
    assert dialog.ui.chargesValue.text() == "$125.00"  # only the visit of 09/16
    type_date(qtbot, dialog.ui.toDate, "9/5/26")
    assert dialog.ui.findingsSummary.text() == "The first date is after the last date: change one of them."
    assert not dialog.ui.draftButton.isEnabled()


def test_a_patient_without_visits_cannot_choose_one(qtbot: QtBot, workspace: Workspace) -> None:
    from app.domain.practice import Patient

    workspace.store.save_patient(Patient("pt-0002", "Ana", "Souza", date(1990, 1, 2)))
    dialog = open_dialog(qtbot, workspace, "pt-0002")
    assert not dialog.ui.oneVisitRadio.isEnabled()
    assert dialog.windowTitle() == "Superbill - Ana Souza"
    assert not dialog.ui.issueButton.isEnabled()
    assert dialog.ui.findingsSummary.text().startswith("No visits from 09/01/2026")


def test_tab_goes_through_the_choice_then_the_findings_then_the_buttons(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    ui = dialog.ui
    expected = [
        ui.oneVisitRadio,
        ui.visitCombo,
        ui.rangeRadio,
        ui.rangeCombo,
        ui.fromDate,
        ui.toDate,
        ui.findingsList,
        ui.issueButton,
        ui.draftButton,
        ui.closeButton,
    ]
    chain = [ui.oneVisitRadio]
    widget = ui.oneVisitRadio.nextInFocusChain()
    while widget is not ui.oneVisitRadio:
        if widget in expected:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == expected


def test_a_warning_is_shown_in_words_and_does_not_block_issuing(qtbot: QtBot, workspace: Workspace) -> None:
    sample_visit = workspace.store.chart("pt-0001").visits[0]
    add_visit(workspace, replace(sample_visit, key="v-3", date=date(2026, 9, 18), prescription=None))
    dialog = open_dialog(qtbot, workspace)
    shown = findings_shown(dialog)
    assert shown and all(text.startswith("Check:") for text in shown)
    assert any("prescription" in text for text in shown)
    assert dialog.ui.findingsSummary.text().startswith("Ready to issue. 1 thing to look at")
    assert dialog.ui.issueButton.isEnabled()


def test_escape_closes_the_dialog(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    qtbot.keyClick(dialog.ui.rangeCombo, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_no_to_the_question_issues_nothing_and_uses_no_number(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    answers = BoxAnswer()
    answers.next(QMessageBox.StandardButton.No)
    with qtbot.assertNotEmitted(dialog.issued):
        qtbot.mouseClick(dialog.ui.issueButton, Qt.MouseButton.LeftButton)
    assert answers.texts == ["Issue SB-2026-0001 for 2 visits, $245.00? It cannot be changed afterwards. "]
    assert workspace.store.superbills() == []
    assert workspace.store.upcoming_statement_number(TODAY) == "SB-2026-0001"
    assert dialog.preview is None and dialog.ui.issueButton.isDefault()


def test_the_question_has_no_as_its_default_so_enter_twice_issues_nothing(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    seen: list[str] = []

    def press_enter_on_the_question() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press_enter_on_the_question)
            return
        seen.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter_on_the_question)
    qtbot.keyClick(dialog.ui.rangeCombo, Qt.Key.Key_Return)
    assert seen == ["&No"]
    assert workspace.store.superbills() == []


def test_not_yet_on_a_superbill_covers_only_the_visits_no_superbill_holds(
    qtbot: QtBot, workspace: Workspace
) -> None:
    issue_superbill(
        workspace.store, workspace.codes, "pt-0001", Period(date(2026, 9, 9), date(2026, 9, 9)), today=TODAY
    )
    dialog = open_dialog(qtbot, workspace)
    ui = dialog.ui
    assert ui.rangeCombo.itemText(UNBILLED) == "Not yet billed (1 visit)"
    qtbot.keyClick(ui.rangeCombo, Qt.Key.Key_Home)  # the first entry, by keyboard
    assert ui.rangeCombo.currentIndex() == UNBILLED
    assert ui.visitsValue.text() == "1   (09/16/2026)"
    assert ui.chargesValue.text() == "$125.00"
    assert (ui.fromDate.date(), ui.toDate.date()) == (date(2026, 9, 16), date(2026, 9, 16))
    assert ui.issuedNote.isHidden()
    answers = BoxAnswer()
    answers.next(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.issued) as issued:
        qtbot.keyClick(ui.rangeCombo, Qt.Key.Key_Return)
    assert answers.texts[0].startswith("Issue SB-2026-0002 for 1 visit, $125.00?")
    assert issued.args == ["SB-2026-0002"]
    assert workspace.store.superbill("SB-2026-0002").visit_keys == ("v-2",)  # type: ignore[union-attr]
    assert dialog.preview is not None and "SB-2026-0002" in pdf_text(dialog.preview.pdf)
    dialog.preview.close()
    # Nothing is left to bill; what was just issued stays in view, with its number, not red errors.
    assert ui.rangeCombo.itemText(UNBILLED) == "Not yet billed (0 visits)"
    assert ui.rangeCombo.currentIndex() != UNBILLED
    assert (ui.fromDate.date(), ui.toDate.date()) == (date(2026, 9, 16), date(2026, 9, 16))
    assert not ui.issuedNote.isHidden() and "SB-2026-0002" in ui.issuedNote.text()
    assert "Nothing to put on a superbill" not in ui.findingsSummary.text()


def test_visits_already_on_a_superbill_cannot_be_issued_again_and_the_dialog_says_why_before_issuing(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """Each visit is billed once: this month holds the 09/09 visit of SB-2026-0001, so Issue is off."""
    issue_superbill(
        workspace.store, workspace.codes, "pt-0001", Period(date(2026, 9, 9), date(2026, 9, 9)), today=TODAY
    )
    dialog = open_dialog(qtbot, workspace)
    ui = dialog.ui
    qtbot.keyClick(ui.rangeCombo, Qt.Key.Key_Down)  # from "Not yet billed" to "This month"
    assert ui.rangeCombo.currentIndex() == THIS_MONTH
    assert ui.visitsValue.text().startswith("2 ")
    assert not ui.issueButton.isEnabled()
    assert ui.reasonLabel.text() == "Fix 1 problem to issue a final superbill."
    shown = findings_shown(dialog)
    assert shown[0].startswith("Must fix: The visit on Sep 9, 2026 is already on superbill SB-2026-0001")
    assert ui.issuedNote.text().startswith("1 of these 2 visits is already on superbill SB-2026-0001")
    assert "Each visit is billed once" in ui.issuedNote.text()
    assert "makes another superbill" not in ui.issuedNote.text()
    qtbot.keyClick(ui.rangeCombo, Qt.Key.Key_Return)  # Enter issues nothing
    assert [s.number for s in workspace.store.superbills("pt-0001")] == ["SB-2026-0001"]
    qtbot.mouseClick(ui.draftButton, Qt.MouseButton.LeftButton)  # a draft still may
    assert dialog.preview is not None and "DRAFT" in pdf_text(dialog.preview.pdf)


def test_visits_on_an_issued_claim_cannot_be_issued_on_a_superbill_and_the_dialog_names_the_claim(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """Each visit is billed once, on a superbill or a claim: both September visits are on CL-2026-0001."""
    from app.services.claims import ClaimRequest, issue_claim_for

    issue_claim_for(workspace, ClaimRequest("pt-0001", Period(), "cms1500-plain"), today=TODAY)
    dialog = open_dialog(qtbot, workspace)
    ui = dialog.ui
    assert ui.rangeCombo.itemText(UNBILLED) == "Not yet billed (0 visits)"
    assert ui.rangeCombo.currentIndex() == THIS_MONTH
    assert ui.visitsValue.text().startswith("2 ")
    assert not ui.issueButton.isEnabled()
    assert "Ready to issue" not in ui.findingsSummary.text()
    assert ui.reasonLabel.text() == "Fix 1 problem to issue a final superbill."
    assert findings_shown(dialog)[0].startswith(
        "Must fix: The visits on Sep 9, 2026 and Sep 16, 2026 are already on claim CL-2026-0001"
    )
    note = ui.issuedNote.text()
    assert not ui.issuedNote.isHidden()
    assert note.startswith(
        "These visits are already on claim CL-2026-0001 (issued 09/20/2026, for 09/09/2026, 09/16/2026)"
    )
    assert "Each visit is billed once" in note and "replaces it" in note
    qtbot.mouseClick(ui.issueButton, Qt.MouseButton.LeftButton)  # disabled: issues nothing
    assert workspace.store.superbills("pt-0001") == []
    qtbot.mouseClick(ui.draftButton, Qt.MouseButton.LeftButton)  # a draft still may
    assert dialog.preview is not None and "DRAFT" in pdf_text(dialog.preview.pdf)
    assert workspace.store.superbills("pt-0001") == []
