"""The PDF preview: what the therapist sees, saves, prints and opens is the superbill as rendered."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.superbill import PaperSize
from app.services import superbills
from app.ui.superbills.pdf_preview import PdfPreviewDialog, print_pdf, safe_file_name
from app.ui.widgets.saving import PDF_FILTER
from tests import sample
from tests.domain.conftest import DictCodes

# The offscreen platform says so for every top-level window with a layout; no other Qt message is allowed.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def superbill_pdf(visit_count: int = 2) -> bytes:
    """The sample superbill; many visits make it run over several pages."""
    data = sample.superbill_data()
    if visit_count > 2:
        base = data.visits[0]
        visits = tuple(
            replace(base, key=f"v-{n}", date=base.date - timedelta(days=n)) for n in range(visit_count)
        )
        data = replace(data, visits=tuple(sorted(visits, key=lambda v: v.date)))
    return superbills.render(data, DictCodes(), draft=False)


@pytest.fixture
def one_page() -> bytes:
    return superbill_pdf()


@pytest.fixture
def long_pdf() -> bytes:
    return superbill_pdf(visit_count=60)


def open_preview(qtbot: QtBot, pdf: bytes, name: str = "SB-2026-0001 Okafor.pdf") -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(pdf, name)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_preview_shows_every_page_of_the_pdf(qtbot: QtBot, long_pdf: bytes) -> None:
    dialog = open_preview(qtbot, long_pdf)
    pages = len(PdfReader(io.BytesIO(long_pdf)).pages)
    assert pages > 1
    assert dialog.document.status() is QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == pages
    assert dialog.page_count_label.text() == f"of {pages}"


def test_the_page_opens_fitted_to_the_window_width(qtbot: QtBot, one_page: bytes) -> None:
    dialog = open_preview(qtbot, one_page)
    assert dialog.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    assert not dialog.fit_width_button.isEnabled()
    assert dialog.zoom_label.text() == f"{round(dialog.effective_zoom() * 100)}%"


def test_next_and_previous_move_between_pages(qtbot: QtBot, long_pdf: bytes) -> None:
    dialog = open_preview(qtbot, long_pdf)
    assert not dialog.previous_button.isEnabled()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.current_page() == 1
    assert dialog.page_spin.value() == 2
    assert dialog.previous_button.isEnabled()
    qtbot.keyClick(dialog.view, Qt.Key.Key_PageUp)
    assert dialog.current_page() == 0


def test_ctrl_plus_and_ctrl_minus_zoom_in_and_out(qtbot: QtBot, one_page: bytes) -> None:
    dialog = open_preview(qtbot, one_page)
    fitted = dialog.effective_zoom()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomMode() is QPdfView.ZoomMode.Custom
    assert dialog.view.zoomFactor() == pytest.approx(fitted * 1.25)
    assert dialog.zoom_label.text().endswith("%")
    qtbot.keyClick(dialog.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomFactor() == pytest.approx(fitted / 1.25)
    qtbot.mouseClick(dialog.fit_width_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomMode() is QPdfView.ZoomMode.FitToWidth


def test_save_as_writes_exactly_the_bytes(
    qtbot: QtBot, one_page: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "okafor superbill"
    offered: list[str] = []

    def choose(parent: object, caption: str, start: str, filters: str) -> tuple[str, str]:
        offered.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog = open_preview(qtbot, one_page)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert offered and offered[0].endswith("SB-2026-0001 Okafor.pdf")
    assert (tmp_path / "okafor superbill.pdf").read_bytes() == one_page


def test_saving_over_the_practice_file_is_refused_naming_the_file_chosen(
    qtbot: QtBot, one_page: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Save dialog asked "replace practice.sqlite3?" and the answer was Yes: the refusal names
    practice.sqlite3, not a practice.sqlite3.pdf that nobody chose, and nothing is written."""
    data = tmp_path / "data"
    data.mkdir()
    database = data / "practice.sqlite3"
    database.write_bytes(b"SQLite format 3\x00")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(database), PDF_FILTER))
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: said.append(text))
    dialog = PdfPreviewDialog(one_page, "SB-2026-0001 Okafor.pdf", data_folder=data)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(said) == 1 and f"{database} is part of your practice's data" in said[0], said
    assert ".sqlite3.pdf" not in said[0]
    assert database.read_bytes() == b"SQLite format 3\x00" and sorted(p.name for p in data.iterdir()) == [
        "practice.sqlite3"
    ]


def test_cancelling_save_as_writes_nothing(
    qtbot: QtBot, one_page: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    dialog = open_preview(qtbot, one_page)
    qtbot.keyClick(dialog.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not list(tmp_path.rglob("*.pdf"))


def test_printing_puts_every_page_on_paper(qtbot: QtBot, long_pdf: bytes, tmp_path: Path) -> None:
    dialog = open_preview(qtbot, long_pdf)
    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_pdf(dialog.document, printer)
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == dialog.document.pageCount()
    first = printed.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (612, 792)  # US Letter, as rendered


def test_an_a4_superbill_prints_on_a4(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = superbills.render(sample.superbill_data(paper=PaperSize.A4), DictCodes(), draft=False)
    dialog = open_preview(qtbot, pdf)
    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_pdf(dialog.document, printer)
    page = PdfReader(tmp_path / "printed.pdf").pages[0].mediabox
    assert (round(float(page.width)), round(float(page.height))) == (595, 842)


def test_open_in_system_viewer_hands_over_a_copy_of_the_bytes(
    qtbot: QtBot, one_page: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(Path(url.toLocalFile())) or True
    )
    dialog = open_preview(qtbot, one_page)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    assert opened[0].name == "SB-2026-0001 Okafor.pdf"
    assert opened[0].read_bytes() == one_page


def test_escape_closes_the_preview(qtbot: QtBot, one_page: bytes) -> None:
    dialog = open_preview(qtbot, one_page)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_every_button_is_reachable_with_tab(qtbot: QtBot, one_page: bytes) -> None:
    dialog = open_preview(qtbot, one_page)
    buttons = {
        dialog.save_button,
        dialog.save_password_button,
        dialog.print_button,
        dialog.open_button,
        dialog.close_button,
    }
    seen = set()
    widget = dialog.view
    for _ in range(30):
        widget = widget.nextInFocusChain()
        seen.add(widget)
    assert buttons <= seen
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus for b in buttons)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("SB-2026-0001 Okafor.pdf", "SB-2026-0001 Okafor.pdf"),
        ("Draft 09/2026: O'Brien", "Draft 09 2026  O'Brien.pdf"),
        ("", "document.pdf"),
    ],
)
def test_file_names_are_safe_on_every_system(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe
