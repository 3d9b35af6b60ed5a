"""The claim dialogs, driven as a therapist would: Patient > Claim form… and Claim file (837P)…, the
payer and its visits, the findings with their boxes, Draft or Issue (asked once), preview and save."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QListWidget, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.superbills.claim_dialog import FILE, FORM, ClaimDialog
from app.ui.widgets.saving import start_folder
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import BoxAnswer

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support (propagateSizeHints|raise)\(\)$")


def open_dialog(qtbot: QtBot, workspace: Workspace, kind: str = FORM) -> ClaimDialog:
    dialog = ClaimDialog(workspace, "pt-0001", kind, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def shown(listing: QListWidget) -> list[str]:
    return [listing.item(row).text() for row in range(listing.count())]


def ticked(dialog: ClaimDialog) -> list[bool]:
    items = [dialog.visitsList.item(row) for row in range(dialog.visitsList.count())]
    return [item.checkState() == Qt.CheckState.Checked for item in items]


def pdf_text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def ready_to_send(workspace: Workspace) -> None:
    """The billing ZIP+4 and Premera's ID at the clearinghouse: an 837P can be sent as a claim."""
    zip_plus_four(workspace)
    premera = workspace.store.payer("premera")
    assert premera is not None
    workspace.store.save_payer(replace(premera, payer_id="91051"))


def zip_plus_four(workspace: Workspace) -> None:
    practitioner = workspace.store.practitioner()
    assert practitioner is not None and practitioner.address is not None
    address = replace(practitioner.address, zip="98109-4121")
    workspace.store.save_practitioner(replace(practitioner, address=address))


def test_claim_form_and_claim_file_sit_beside_superbill_in_the_patient_menu(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startedUp):
        window.show()
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "Pa&tient")
    texts = [a.text() for a in menu.actions()]
    at = texts.index("&Superbill…")
    assert texts[at + 1 : at + 3] == ["Claim f&orm…", "Claim f&ile (837P)…"]
    form_action = menu.actions()[at + 1]
    assert not form_action.isEnabled()  # no patient shown yet
    window.show_patient("pt-0001")
    assert form_action.isEnabled()
    form_action.trigger()
    dialog = window.findChild(ClaimDialog)
    assert dialog is not None and dialog.windowTitle() == "Claim form - Daniel Okafor"


def test_a_plain_form_is_issued_after_one_question_recorded_and_previewed(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    assert dialog.payerCombo.currentText() == "Premera Blue Cross"
    assert ticked(dialog) == [True, True]  # neither visit is on a claim yet
    assert dialog.totalLabel.text() == "2 visits, $245.00"
    answers = BoxAnswer()
    answers.next(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.issueButton, Qt.MouseButton.LeftButton)

    (claim,) = workspace.store.claims("pt-0001")
    assert (claim.number, claim.format, claim.visit_keys) == ("CL-2026-0001", "cms1500-plain", ("v-1", "v-2"))
    assert "Issue a claim to Premera Blue Cross for 2 visits, $245.00?" in answers.texts[0]
    assert dialog.preview is not None and dialog.preview.pdf == workspace.store.claim_document(claim.number)
    assert "HEALTH INSURANCE CLAIM FORM" in pdf_text(dialog.preview.pdf)
    # The visits now show their claim, unticked: nothing more to claim.
    assert ticked(dialog) == [False, False]
    assert all(text.endswith("(on claim CL-2026-0001)") for text in shown(dialog.visitsList))
    assert not dialog.issueButton.isEnabled()
    assert dialog.findingsSummary.text() == "Tick the visits to claim."


def test_answering_no_issues_nothing(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    BoxAnswer().next(QMessageBox.StandardButton.No)
    qtbot.mouseClick(dialog.issueButton, Qt.MouseButton.LeftButton)
    assert workspace.store.claims("pt-0001") == []
    assert dialog.preview is None


def test_a_red_form_draft_prints_only_the_data_and_records_nothing(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    qtbot.mouseClick(dialog.redRadio, Qt.MouseButton.LeftButton)
    assert dialog.format() == "cms1500-red"
    qtbot.mouseClick(dialog.draftButton, Qt.MouseButton.LeftButton)

    assert workspace.store.claims("pt-0001") == []
    assert dialog.preview is not None
    text = pdf_text(dialog.preview.pdf)
    assert "OKAFOR" in text and "HEALTH INSURANCE CLAIM FORM" not in text


def test_unticking_a_visit_leaves_it_off_the_claim(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    item = dialog.visitsList.item(0)  # 09/16/2026, the newest
    rect = dialog.visitsList.visualItemRect(item)
    box = QPoint(rect.left() + rect.height() // 2, rect.center().y())  # the check box, at the row's left
    qtbot.mouseClick(dialog.visitsList.viewport(), Qt.MouseButton.LeftButton, pos=box)
    qtbot.waitUntil(lambda: ticked(dialog) == [False, True])
    assert dialog.totalLabel.text() == "1 visit, $120.00"
    BoxAnswer().next(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.issueButton, Qt.MouseButton.LeftButton)
    assert workspace.store.claims("pt-0001")[0].visit_keys == ("v-1",)


def test_the_findings_name_their_box(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)  # the practice's ZIP has no +4: a warning on paper
    assert any(text.startswith("Check (box 33):") for text in shown(dialog.findingsList))
    assert dialog.issueButton.isEnabled()


def test_an_837p_with_an_error_cannot_be_issued_and_says_its_box(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace, FILE)
    assert dialog.windowTitle() == "Claim file (837P) - Daniel Okafor"
    assert not dialog.plainRadio.isVisible()
    assert any(text.startswith("Must fix (box 33):") for text in shown(dialog.findingsList))
    assert not dialog.issueButton.isEnabled()
    assert dialog.draftButton.isEnabled()


def test_an_837p_is_saved_where_chosen_with_the_payers_id_and_recorded(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zip_plus_four(workspace)
    premera = workspace.store.payer("premera")
    assert premera is not None
    workspace.store.save_payer(replace(premera, payer_id="91051"))
    offered: list[str] = []
    target = tmp_path / "uploads" / "okafor.txt"
    target.parent.mkdir()

    def choose(parent: QWidget, title: str, start: str, filters: str) -> tuple[str, str]:
        offered.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog = open_dialog(qtbot, workspace, FILE)
    qtbot.keyClicks(dialog.receiverEdit, "oa123")
    BoxAnswer().next(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.issueButton, Qt.MouseButton.LeftButton)

    (claim,) = workspace.store.claims("pt-0001")
    assert claim.format == "837p"
    assert target.read_bytes() == workspace.store.claim_document(claim.number)
    text = target.read_text(encoding="ascii")
    assert "*ZZ*oa123          *" in text and "*PI*91051~" in text  # the receiver ID as typed
    assert offered == [str(Path.home() / "Documents" / f"Claim Okafor {TODAY:%Y-%m-%d}.txt")]
    assert start_folder() == target.parent  # the next Save opens here
    assert f"Saved to {target}" in dialog.notesLabel.text()
    assert "No payer ID" not in dialog.notesLabel.text()


def test_cancelling_the_837p_save_records_no_claim(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready_to_send(workspace)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    dialog = open_dialog(qtbot, workspace, FILE)
    qtbot.keyClicks(dialog.receiverEdit, "OA123")
    BoxAnswer().next(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.issueButton, Qt.MouseButton.LeftButton)
    assert workspace.store.claims("pt-0001") == []


def test_an_837p_that_cannot_be_written_uses_no_number(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready_to_send(workspace)
    database = workspace.data_dir / "practice.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(database), ""))
    dialog = open_dialog(qtbot, workspace, FILE)
    qtbot.keyClicks(dialog.receiverEdit, "OA123")
    answers = BoxAnswer()
    answers.next(QMessageBox.StandardButton.Yes)
    answers.next(QMessageBox.StandardButton.Ok)  # "Not saved"
    qtbot.mouseClick(dialog.issueButton, Qt.MouseButton.LeftButton)
    assert workspace.store.claims("pt-0001") == []
    assert "not saved" in answers.texts[1]


def test_an_837p_without_the_payers_id_is_flagged_in_the_dialogs_words_and_cannot_be_issued(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zip_plus_four(workspace)  # Premera has no Payer ID
    target = tmp_path / "draft.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    dialog = open_dialog(qtbot, workspace, FILE)
    qtbot.keyClicks(dialog.receiverEdit, "CH1")
    findings = " ".join(shown(dialog.findingsList))
    assert "Premera Blue Cross has no Payer ID" in findings and "Practice > Payers" in findings
    assert dialog.findingsSummary.text() == "1 problem to fix before a final claim."
    assert not dialog.issueButton.isEnabled()  # a click issues nothing, asks nothing
    qtbot.mouseClick(dialog.issueButton, Qt.MouseButton.LeftButton)
    assert workspace.store.claims("pt-0001") == [] and not target.exists()
    qtbot.mouseClick(dialog.draftButton, Qt.MouseButton.LeftButton)  # a draft says what it is
    assert "PAYERID" in target.read_text(encoding="ascii") and workspace.store.claims("pt-0001") == []
    notes = dialog.notesLabel.text()
    assert "nothing was numbered or recorded" in notes and "Practice > Payers" in notes
    assert "--" not in notes  # no command-line options in the desktop's words


def test_an_837p_without_a_receiver_id_cannot_be_issued_until_one_is_typed(
    qtbot: QtBot, workspace: Workspace
) -> None:
    ready_to_send(workspace)
    dialog = open_dialog(qtbot, workspace, FILE)
    assert any("Receiver ID" in text for text in shown(dialog.findingsList))
    assert not dialog.issueButton.isEnabled()
    qtbot.keyClicks(dialog.receiverEdit, "CH1")
    assert not any(text.startswith("Must fix") for text in shown(dialog.findingsList))
    assert dialog.issueButton.isEnabled()
