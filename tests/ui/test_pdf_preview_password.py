"""Save with password… in the preview: a copy for e-mail that opens only with the password typed twice."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from app.services import superbills
from app.services.workspace import Workspace
from app.ui.patients.patient_view import PatientView
from app.ui.superbills.pdf_password_dialog import PdfPasswordDialog, protected_file_name
from app.ui.superbills.pdf_preview import PdfPreviewDialog
from tests import sample
from tests.domain.conftest import DictCodes
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

PASSWORD = "tide-2026"


@pytest.fixture(scope="module")
def issued_pdf() -> bytes:
    return superbills.render(sample.superbill_data(), DictCodes(), draft=False)


def open_preview(qtbot: QtBot, pdf: bytes) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(pdf, "Superbill SB-2026-0001.pdf")
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def when_password_dialog_appears(act: Callable[[PdfPasswordDialog], None]) -> None:
    def check() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, PdfPasswordDialog):
            QTimer.singleShot(10, check)
            return
        act(modal)

    QTimer.singleShot(0, check)


def choose_file(monkeypatch: pytest.MonkeyPatch, target: Path, offered: list[str]) -> None:
    def choose(parent: QWidget, caption: str, start: str, filters: str) -> tuple[str, str]:
        offered.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)


def text_of(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_save_with_password_writes_a_copy_that_opens_only_with_the_password(
    qtbot: QtBot, issued_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []
    choose_file(monkeypatch, tmp_path / "for e-mail", offered)
    seen: list[str] = []

    def type_twice(asked: PdfPasswordDialog) -> None:
        seen.append(asked.note.text())
        qtbot.keyClicks(asked.field.edit, PASSWORD)
        qtbot.keyClick(asked.field.edit, Qt.Key.Key_Tab)
        qtbot.keyClicks(asked.repeat.edit, PASSWORD)
        qtbot.keyClick(asked.repeat.edit, Qt.Key.Key_Return)

    dialog = open_preview(qtbot, issued_pdf)
    when_password_dialog_appears(type_twice)
    qtbot.mouseClick(dialog.save_password_button, Qt.MouseButton.LeftButton)

    assert "separately" in seen[0] and "not in the same e-mail" in seen[0]
    assert offered[0].endswith("Superbill SB-2026-0001 (password).pdf")
    saved = tmp_path / "for e-mail.pdf"
    reader = PdfReader(saved)
    assert reader.is_encrypted
    assert not PdfReader(saved).decrypt("wrong password")
    assert reader.decrypt(PASSWORD)
    assert text_of(reader) == text_of(PdfReader(io.BytesIO(issued_pdf)))
    assert dialog.pdf == issued_pdf  # what the preview shows and saves plainly is unchanged


def test_the_saved_copy_opens_in_a_pdf_viewer_only_with_the_password(
    qtbot: QtBot, issued_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_file(monkeypatch, tmp_path / "copy.pdf", [])

    def type_twice(asked: PdfPasswordDialog) -> None:
        asked.field.edit.setText(PASSWORD)
        asked.repeat.edit.setText(PASSWORD)
        asked.ok_button.click()

    dialog = open_preview(qtbot, issued_pdf)
    when_password_dialog_appears(type_twice)
    assert dialog.save_with_password() == tmp_path / "copy.pdf"

    data = QByteArray((tmp_path / "copy.pdf").read_bytes())
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    viewer = QPdfDocument()
    viewer.load(buffer)
    assert viewer.error() is QPdfDocument.Error.IncorrectPassword
    viewer.setPassword(PASSWORD)
    buffer.seek(0)
    viewer.load(buffer)
    assert viewer.status() is QPdfDocument.Status.Ready
    assert viewer.pageCount() == dialog.document.pageCount()
    assert "Daniel Okafor" in viewer.getAllText(0).text()
    viewer.close()


def test_two_different_passwords_are_refused_under_the_second_field(
    qtbot: QtBot, issued_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []
    choose_file(monkeypatch, tmp_path / "never.pdf", offered)
    problems: list[str] = []

    def type_differently(asked: PdfPasswordDialog) -> None:
        qtbot.keyClicks(asked.field.edit, PASSWORD)
        qtbot.keyClicks(asked.repeat.edit, "tide-2025")
        qtbot.keyClick(asked.repeat.edit, Qt.Key.Key_Return)
        assert asked.isVisible()  # still open, with what was typed
        assert asked.field.edit.text() == PASSWORD
        problems.append(asked.repeat.problem.text() if asked.repeat.problem.isVisible() else "")
        asked.reject()

    dialog = open_preview(qtbot, issued_pdf)
    when_password_dialog_appears(type_differently)
    assert dialog.save_with_password() is None
    assert "not the same" in problems[0]
    assert offered == []  # no file was even asked for
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_short_password_is_said_under_the_first_field(qtbot: QtBot) -> None:
    asked = PdfPasswordDialog()
    qtbot.addWidget(asked)
    with qtbot.waitExposed(asked):
        asked.show()
    qtbot.keyClicks(asked.field.edit, "abc")
    qtbot.keyClicks(asked.repeat.edit, "abc")
    asked.ok_button.click()
    assert asked.isVisible()
    assert asked.password is None
    assert asked.field.problem.isVisible()
    assert "at least 6 characters" in asked.field.problem.text()


def test_cancelling_writes_nothing(
    qtbot: QtBot, issued_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []
    choose_file(monkeypatch, tmp_path / "never.pdf", offered)
    dialog = open_preview(qtbot, issued_pdf)
    when_password_dialog_appears(lambda asked: qtbot.keyClick(asked.field.edit, Qt.Key.Key_Escape))
    assert dialog.save_with_password() is None
    assert offered == []
    assert not list(tmp_path.rglob("*.pdf"))


def test_the_button_is_in_the_tab_order_after_save_as(qtbot: QtBot, issued_pdf: bytes) -> None:
    dialog = open_preview(qtbot, issued_pdf)
    assert dialog.save_button.nextInFocusChain() is dialog.save_password_button
    assert dialog.save_password_button.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_protected_file_names() -> None:
    assert protected_file_name("Superbill SB-2026-0001.pdf") == "Superbill SB-2026-0001 (password).pdf"
    assert protected_file_name("Draft") == "Draft (password).pdf"


def test_the_patients_superbills_tab_saves_an_issued_superbill_with_a_password(
    qtbot: QtBot, workspace: Workspace, issued_pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.store.record_superbill(
        number="SB-2026-0001",
        patient="pt-0001",
        visit_keys=("v-1",),
        issued_on=date(2026, 9, 10),
        charges=12000,
        payments=0,
        balance=12000,
        pdf=issued_pdf,
    )
    offered: list[str] = []
    choose_file(monkeypatch, tmp_path / "okafor.pdf", offered)
    view = PatientView(workspace, TODAY)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
    view.show_patient("pt-0001")
    view.focus_tab(view.tabs.indexOf(view.superbills))
    view.superbills.select("SB-2026-0001")

    def type_twice(asked: PdfPasswordDialog) -> None:
        qtbot.keyClicks(asked.field.edit, PASSWORD)
        qtbot.keyClicks(asked.repeat.edit, PASSWORD)
        qtbot.keyClick(asked.repeat.edit, Qt.Key.Key_Return)

    when_password_dialog_appears(type_twice)
    qtbot.keyClick(view.superbills.view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil((tmp_path / "okafor.pdf").exists)
    assert offered[0].endswith("Superbill SB-2026-0001 (password).pdf")
    reader = PdfReader(tmp_path / "okafor.pdf")
    assert reader.is_encrypted and reader.decrypt(PASSWORD)
    assert text_of(reader) == text_of(PdfReader(io.BytesIO(workspace.store.superbill_pdf("SB-2026-0001"))))
