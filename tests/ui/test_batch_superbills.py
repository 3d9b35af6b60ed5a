"""Superbills for everyone who needs one, and the needs-attention items, driven with clicks and keys.

The folder dialog is the platform's (not drivable offscreen): it is answered by replacing
QFileDialog.getExistingDirectory, which also tells where it opened. Everything else is the real
dialog clicked: the progress dialog's Cancel, the summary's buttons, the attention list's items.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.domain.practice import Practice
from app.services.superbills import Period, issue_superbill
from app.services.workspace import Workspace
from app.ui.app_settings import user_settings
from app.ui.attention_panel import BATCH_TEXT, AttentionPanel
from app.ui.main_window import MainWindow
from app.ui.patients.payment_dialog import PaymentDialog
from app.ui.patients.prescription_dialog import PrescriptionDialog
from app.ui.superbills.batch_superbills import BatchSummaryDialog
from app.ui.superbills.pdf_preview import PdfPreviewDialog
from app.ui.superbills.superbill_dialog import UNBILLED, SuperbillDialog
from app.ui.widgets.saving import LAST_FOLDER
from tests import sample
from tests.services.test_batch import other_patient, self_pay_patient
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import forget_changes

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def practice(workspace: Workspace) -> Iterator[Workspace]:
    """Okafor and Zhang ready, Brown with an error the check finds, Cash self-pay (needs none)."""
    workspace.store.save_practice(
        Practice(
            practitioner=sample.practitioner(),
            fees=sample.FEES,
            payers=sample.PAYERS,
            charts=(
                other_patient("pt-0002", "Amy", "Zhang", "A00002"),
                other_patient("pt-0003", "Carl", "Brown", "A00003", error=True),
                self_pay_patient(),
            ),
        )
    )
    yield workspace


@pytest.fixture
def documents() -> Path:
    return Path(os.environ["HOME"]) / "Documents"


HOSTS: list[QMainWindow] = []


def shown_panel(qtbot: QtBot, workspace: Workspace) -> AttentionPanel:
    host = QMainWindow()
    qtbot.addWidget(host)
    panel = AttentionPanel(workspace, today=TODAY, parent=host)
    host.setCentralWidget(panel)
    host.resize(480, 420)
    with qtbot.waitActive(host):
        host.show()
    qtbot.waitUntil(lambda: panel.is_loaded)
    HOSTS.append(host)  # qtbot holds widgets weakly
    return panel


def answer_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    """The folder dialog answers `folder`; the list gets the folder each dialog opened in."""
    opened: list[str] = []

    def choose(parent: QWidget, title: str, start: str) -> str:
        opened.append(start)
        return str(folder)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    return opened


def when_modal(kind: type, act: Callable[[QWidget], bool]) -> None:
    """Once a modal of `kind` is up, run `act` on it until it says it is done (polled, as a user looks)."""

    def look() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and act(widget):
            return
        QTimer.singleShot(5, look)

    QTimer.singleShot(0, look)


def read_summary(seen: list[str]) -> Callable[[QWidget], bool]:
    def act(widget: QWidget) -> bool:
        assert isinstance(widget, BatchSummaryDialog)
        seen.append(widget.heading.text())
        seen.append(widget.details.toPlainText() if widget.details.isVisibleTo(widget) else "")
        seen.append(widget.folder_label.text())
        seen.append(str(widget.close_button.isDefault()))
        widget.close_button.click()
        return True

    return act


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_issuing_for_everyone_writes_a_pdf_each_and_says_who_was_held_back_and_why(
    qtbot: QtBot, practice: Workspace, tmp_path: Path, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = documents / "September superbills"
    folder.mkdir()
    opened = answer_folder(monkeypatch, folder)
    panel = shown_panel(qtbot, practice)
    assert panel.batch_button.isVisible() and panel.batch_button.text() == BATCH_TEXT
    seen: list[str] = []
    when_modal(BatchSummaryDialog, read_summary(seen))
    with qtbot.waitSignal(panel.superbillsIssued):
        qtbot.mouseClick(panel.batch_button, Qt.MouseButton.LeftButton)

    assert opened == [str(documents)]  # the first time, in Documents
    heading, details, where, close_is_default = seen
    assert heading == "Issued 2 superbills: SB-2026-0001 and SB-2026-0002."
    assert details.splitlines()[0] == "Held back by the check (1): fix these, then issue again."
    assert details.splitlines()[1].startswith("    Brown, Carl: ") and "59" in details
    assert where == f"The PDFs are in {folder}" and close_is_default == "True"
    assert sorted(os.listdir(folder)) == [
        "Okafor, Daniel - SB-2026-0001.pdf",
        "Zhang, Amy - SB-2026-0002.pdf",
    ]
    for name, number in (("Okafor", "SB-2026-0001"), ("Zhang", "SB-2026-0002")):
        path = folder / f"{name}, {'Daniel' if name == 'Okafor' else 'Amy'} - {number}.pdf"
        assert path.read_bytes() == practice.store.superbill_pdf(number)
        assert number in pdf_text(path) and name in pdf_text(path)
    assert [s.number for s in practice.store.superbills()] == ["SB-2026-0001", "SB-2026-0002"]
    # The list now shows only Brown's visits, and the folder is remembered for next time.
    assert [t for t in panel.item_texts() if "not yet billed" in t and "—" in t] == [
        "Brown, Carl — 2 visits since 09/09/2026 not yet billed"
    ]
    assert user_settings().value(LAST_FOLDER) == str(folder)
    answer_folder(monkeypatch, folder)
    opened_again = answer_folder(monkeypatch, tmp_path)
    when_modal(BatchSummaryDialog, read_summary([]))
    qtbot.mouseClick(panel.batch_button, Qt.MouseButton.LeftButton)
    assert opened_again == [str(folder)]


def test_cancel_in_the_progress_dialog_stops_between_two_superbills_using_no_number_more(
    qtbot: QtBot, practice: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    answer_folder(monkeypatch, folder)
    panel = shown_panel(qtbot, practice)

    def cancel_after_two(widget: QWidget) -> bool:
        assert isinstance(widget, QProgressDialog)
        if widget.value() < 2:  # Brown held back, Okafor issued: now Cancel, before Zhang
            return False
        widget.findChild(QPushButton).click()  # the progress dialog's own Cancel button
        return True

    when_modal(QProgressDialog, cancel_after_two)
    seen: list[str] = []
    when_modal(BatchSummaryDialog, read_summary(seen))
    qtbot.mouseClick(panel.batch_button, Qt.MouseButton.LeftButton)
    assert seen[0] == "Issued 1 superbill: SB-2026-0001."
    assert "Stopped when you chose Cancel: 1 patient not reached, and no number used for them." in seen[1]
    assert os.listdir(folder) == ["Okafor, Daniel - SB-2026-0001.pdf"]
    assert [s.number for s in practice.store.superbills()] == ["SB-2026-0001"]
    assert practice.store.upcoming_statement_number(TODAY) == "SB-2026-0002"


def test_a_file_that_cannot_be_written_uses_no_number_and_the_summary_says_where_it_stopped(
    qtbot: QtBot, practice: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    blocker = folder / ".Zhang, Amy - SB-2026-0002.pdf.partial"
    blocker.mkdir(parents=True)
    (blocker / "x").write_text("x")
    answer_folder(monkeypatch, folder)
    panel = shown_panel(qtbot, practice)
    seen: list[str] = []
    when_modal(BatchSummaryDialog, read_summary(seen))
    qtbot.mouseClick(panel.batch_button, Qt.MouseButton.LeftButton)
    assert seen[0] == "Issued 1 superbill: SB-2026-0001."
    assert "Stopped at Zhang, Amy: " in seen[1] and "No number was used for it" in seen[1]
    assert sorted(os.listdir(folder)) == [blocker.name, "Okafor, Daniel - SB-2026-0001.pdf"]
    assert [s.number for s in practice.store.superbills()] == ["SB-2026-0001"]


def test_open_folder_in_the_summary_opens_the_folder_of_pdfs(
    qtbot: QtBot, practice: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_folder(monkeypatch, tmp_path)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel = shown_panel(qtbot, practice)

    def open_then_close(widget: QWidget) -> bool:
        assert isinstance(widget, BatchSummaryDialog)
        qtbot.mouseClick(widget.open_button, Qt.MouseButton.LeftButton)
        widget.close_button.click()
        return True

    when_modal(BatchSummaryDialog, open_then_close)
    qtbot.mouseClick(panel.batch_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


# Needs-attention items open the right thing on one click ----------------------------------------------


def open_window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    qtbot.waitUntil(lambda: window.attention.is_loaded)
    return window


def click_item(qtbot: QtBot, window: MainWindow, starts: str) -> None:
    panel = window.attention
    row = next(i for i, text in enumerate(panel.item_texts()) if text.startswith(starts))
    rect = panel.list.visualRect(panel.model.index(row))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_one_click_on_unbilled_visits_opens_their_superbill_on_not_yet_on_a_superbill(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = open_window(qtbot, workspace)
    click_item(qtbot, window, "Okafor, Daniel — 2 visits")
    dialog = window.current_dialog
    assert isinstance(dialog, SuperbillDialog)
    assert dialog.ui.rangeCombo.currentIndex() == UNBILLED
    assert dialog.ui.visitsValue.text() == "2   (09/09/2026 to 09/16/2026)"
    dialog.close()


def test_enter_on_an_item_does_what_a_click_does(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    panel = window.attention
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    dialog = window.current_dialog
    assert isinstance(dialog, SuperbillDialog) and dialog.ui.rangeCombo.currentIndex() == UNBILLED
    dialog.close()


def test_one_click_on_a_prescription_running_out_opens_that_prescription(
    qtbot: QtBot, workspace: Workspace
) -> None:
    rx = sample.chart().prescriptions[0]
    workspace.store.save_prescription("pt-0001", replace(rx, key="rx-0", expires_on=None))
    workspace.store.save_prescription("pt-0001", replace(rx, authorized_visits=2))
    window = open_window(qtbot, workspace)
    click_item(qtbot, window, "Okafor, Daniel — prescription")
    view = window.patient_view
    assert view.tabs.currentWidget() is view.prescriptions
    dialog = view.current_dialog
    assert isinstance(dialog, PrescriptionDialog)
    assert dialog.prescription_key == "rx-1"  # type: ignore[attr-defined]
    forget_changes(dialog)
    dialog.close()


def test_one_click_on_a_balance_due_opens_a_payment_of_that_balance(
    qtbot: QtBot, workspace: Workspace
) -> None:
    workspace.store.delete_payment("pt-0001", "pay-2")
    issue_superbill(workspace.store, workspace.codes, "pt-0001", Period(), today=TODAY)
    window = open_window(qtbot, workspace)
    click_item(qtbot, window, "Okafor, Daniel — superbill SB-2026-0001")
    view = window.patient_view
    assert view.tabs.currentWidget() is view.payments
    dialog = view.current_dialog
    assert isinstance(dialog, PaymentDialog)
    assert dialog.ui.amountEdit.text() == "125.00"
    qtbot.keyClick(dialog.ui.amountEdit, Qt.Key.Key_Return)
    assert not dialog.isVisible()


# Saving says where the file went ------------------------------------------------------------------------


def test_save_as_opens_in_documents_says_where_the_file_went_and_next_time_opens_there(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    issue_superbill(workspace.store, workspace.codes, "pt-0001", Period(), today=TODAY)
    pdf = workspace.store.superbill_pdf("SB-2026-0001")
    window = QMainWindow()
    qtbot.addWidget(window)
    HOSTS.append(window)
    window.show()
    offered: list[str] = []
    target = tmp_path / "sent" / "okafor"
    target.parent.mkdir()

    def choose(parent: QWidget, title: str, start: str, filters: str) -> tuple[str, str]:
        offered.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    preview = PdfPreviewDialog(pdf, "SB-2026-0001 Okafor.pdf", window, data_folder=workspace.data_dir)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert offered == [str(documents / "SB-2026-0001 Okafor.pdf")]
    saved = target.with_suffix(".pdf")
    assert saved.read_bytes() == pdf
    assert window.statusBar().currentMessage() == f"Saved to {saved}"
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert offered[1] == str(target.parent / "SB-2026-0001 Okafor.pdf")
