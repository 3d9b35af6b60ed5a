"""The patient view: header, tabs of records, visits that cannot be deleted once issued, exact superbill bytes."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services.claims import ClaimRequest, issue_claim_for
from app.services.superbills import Period
from app.services.workspace import Workspace
from app.ui.patients.patient_view import EMPTY_TEXT, PatientView
from app.ui.patients.payment_dialog import PaymentDialog
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import BoxAnswer

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

ISSUED_PDF = b"%PDF-1.7\n% the superbill exactly as handed out\n%%EOF\n"


@pytest.fixture
def view(qtbot: QtBot, workspace: Workspace) -> PatientView:
    widget = PatientView(workspace, TODAY)
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
    return widget


def reactivate(qtbot: QtBot, view: PatientView) -> None:
    """After a message box closes, the offscreen platform leaves no window active; a desktop would."""
    with qtbot.waitActive(view):
        view.activateWindow()


def issue_first_visit(workspace: Workspace) -> None:
    workspace.store.record_superbill(
        number="SB-2026-0001",
        patient="pt-0001",
        visit_keys=("v-1",),
        issued_on=date(2026, 9, 10),
        charges=12000,
        payments=12000,
        balance=0,
        pdf=ISSUED_PDF,
    )


def test_with_no_patient_it_says_how_to_choose_or_add_one(view: PatientView) -> None:
    assert view.stack.currentWidget() is view.empty_label
    assert view.empty_label.text() == EMPTY_TEXT
    assert "Ctrl+Shift+N" in EMPTY_TEXT


def test_the_header_shows_name_birth_date_account_and_balance(view: PatientView) -> None:
    view.show_patient("pt-0001")
    assert view.name_label.text() == "Daniel Okafor"
    assert "06/12/1984" in view.facts_label.text() and "A00001" in view.facts_label.text()
    assert view.balance_label.text() == "Balance due $0.00"
    view.show_patient(None)
    assert view.stack.currentWidget() is view.empty_label


def test_the_prescription_shows_used_2_of_8(view: PatientView) -> None:
    view.show_patient("pt-0001")
    model = view.prescriptions.model
    row = model.rows()[0]
    assert row.cells[model.COL_VISITS] == "used 2 of 8"  # type: ignore[attr-defined]
    assert row.cells[model.COL_PRESCRIBER] == "Helen Park, MD"  # type: ignore[attr-defined]
    assert row.cells[model.COL_DIAGNOSES] == "M54.50, M62.830"  # type: ignore[attr-defined]


def test_visits_show_their_codes_charge_and_superbill(view: PatientView, workspace: Workspace) -> None:
    issue_first_visit(workspace)
    view.show_patient("pt-0001")
    rows = {row.key: row.cells for row in view.visits.model.rows()}
    assert rows["v-1"] == ("09/09/2026", "97124", "3", "$120.00", "SB-2026-0001")
    assert rows["v-2"] == ("09/16/2026", "97124, 97140-59", "3", "$125.00", "not yet")


def test_enter_on_a_visit_asks_to_edit_it_and_new_visit_asks_for_one(qtbot: QtBot, view: PatientView) -> None:
    view.show_patient("pt-0001")
    view.focus_tab(view.tabs.indexOf(view.visits))
    view.visits.select("v-1")
    with qtbot.waitSignal(view.editVisitRequested) as edit:
        qtbot.keyClick(view.visits.view, Qt.Key.Key_Return)
    assert edit.args == ["pt-0001", "v-1"]
    with qtbot.waitSignal(view.newVisitRequested) as new:
        qtbot.keyClick(view.visits.view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert new.args == ["pt-0001"]


def test_a_visit_on_an_issued_superbill_cannot_be_deleted(
    qtbot: QtBot, view: PatientView, workspace: Workspace
) -> None:
    issue_first_visit(workspace)
    view.show_patient("pt-0001")
    view.focus_tab(view.tabs.indexOf(view.visits))
    view.visits.select("v-1")
    answers = BoxAnswer()
    answers.next(QMessageBox.StandardButton.Ok)
    qtbot.keyClick(view.visits.view, Qt.Key.Key_Delete)
    assert "is on superbill SB-2026-0001" in answers.texts[0]
    assert [v.key for v in workspace.store.chart("pt-0001").visits] == ["v-1", "v-2"]


def test_delete_visit_by_mouse_refuses_a_visit_on_an_issued_claim_naming_the_claim(
    qtbot: QtBot, view: PatientView, workspace: Workspace
) -> None:
    """Found by a tester: a claimed visit was deleted after "Delete the visit of …?", leaving the claim
    CL-2026-0001 that could no longer be written again and a credit on the patient."""
    claim = issue_claim_for(workspace, ClaimRequest("pt-0001", Period(), "cms1500-red"), today=TODAY)
    assert claim.number == "CL-2026-0001"
    view.show_patient("pt-0001")
    bar = view.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(view.tabs.indexOf(view.visits)).center())
    table = view.visits.view
    rect = table.visualRect(view.visits.model.index(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.visits.current_key() == "v-2"
    answers: list[str] = []

    def close_the_box() -> None:  # whichever box it is: a refusal, or (wrongly) "Delete the visit…?"
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, close_the_box)
            return
        answers.append(f"{box.text()} {box.informativeText()}")
        box.reject()

    QTimer.singleShot(0, close_the_box)
    delete = next(b for b in view.visits.findChildren(QPushButton) if b.text() == "De&lete visit…")
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert "The visit of 09/16/2026 is on claim CL-2026-0001, which was already issued." in answers[0]
    assert "send a replacement claim for CL-2026-0001" in answers[0]
    assert [v.key for v in workspace.store.chart("pt-0001").visits] == ["v-1", "v-2"]


def test_deleting_a_visit_asks_first_then_removes_it(
    qtbot: QtBot, view: PatientView, workspace: Workspace
) -> None:
    view.show_patient("pt-0001")
    view.focus_tab(view.tabs.indexOf(view.visits))
    view.visits.select("v-2")
    answers = BoxAnswer()
    answers.next(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(view.visits.view, Qt.Key.Key_Delete)
    assert len(workspace.store.chart("pt-0001").visits) == 2

    reactivate(qtbot, view)
    answers.next("Delete visit")
    with qtbot.waitSignal(view.changed):
        qtbot.keyClick(view.visits.view, Qt.Key.Key_Delete)
    assert "Delete the visit of 09/16/2026?" in answers.texts[1]
    assert [v.key for v in workspace.store.chart("pt-0001").visits] == ["v-1"]
    assert view.balance_label.text() == "Credit $125.00"


def test_recording_a_payment_from_the_view_updates_the_balance(qtbot: QtBot, view: PatientView) -> None:
    view.show_patient("pt-0001")
    view.focus_tab(view.tabs.indexOf(view.payments))
    qtbot.keyClick(view.payments.view, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.current_dialog is not None)  # a mnemonic clicks its button after a moment
    dialog = view.current_dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.keyClicks(dialog.ui.amountEdit, "45.00")
    with qtbot.waitSignal(view.changed):
        qtbot.keyClick(dialog.ui.amountEdit, Qt.Key.Key_Return)
    assert view.balance_label.text() == "Credit $45.00"
    assert view.payments.model.rowCount() == 3
    assert view.payments.current_key() == dialog.payment_key


def test_open_on_an_issued_superbill_gives_the_exact_stored_bytes(
    qtbot: QtBot, view: PatientView, workspace: Workspace
) -> None:
    issue_first_visit(workspace)
    view.show_patient("pt-0001")
    view.focus_tab(view.tabs.indexOf(view.superbills))
    view.superbills.select("SB-2026-0001")
    qtbot.keyClick(view.superbills.view, Qt.Key.Key_Return)
    preview = view.current_dialog
    assert preview is not None and preview.isVisible()
    assert preview.pdf == ISSUED_PDF  # type: ignore[attr-defined]
    preview.close()


def test_save_a_copy_writes_the_identical_stored_bytes(
    qtbot: QtBot, view: PatientView, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    issue_first_visit(workspace)
    target = tmp_path / "copy.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "PDF files (*.pdf)")
    )
    view.show_patient("pt-0001")
    view.focus_tab(view.tabs.indexOf(view.superbills))
    view.superbills.select("SB-2026-0001")
    qtbot.keyClick(view.superbills.view, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(target.exists)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == hashlib.sha256(ISSUED_PDF).hexdigest()


def test_every_table_model_passes_the_model_tester(
    qtmodeltester: ModelTester, view: PatientView, workspace: Workspace
) -> None:
    issue_first_visit(workspace)
    view.show_patient("pt-0001")
    for page in (view.coverages, view.prescriptions, view.visits, view.payments, view.superbills):
        assert page.model.rowCount() > 0
        qtmodeltester.check(page.model)
