"""File > Year-end statements...: chosen, written with a progress bar, Cancel honored, summed up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.services.statements import Who
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.superbills.year_end_statements import StatementsSummaryDialog, run_statements
from bench import statements as practices
from tests.ui.conftest import TODAY


def _practice(workspace: Workspace) -> None:
    workspace.store.save_practice(practices.practice(12, 6))


def test_the_statements_are_written_and_the_summary_names_the_folder(
    qtbot: QtBot, empty_workspace: Workspace, tmp_path: Path
) -> None:
    _practice(empty_workspace)
    parent = QWidget()
    qtbot.addWidget(parent)
    folder = tmp_path / "statements"

    summary = run_statements(parent, empty_workspace, TODAY, practices.YEAR, Who.ALL, False, folder)

    assert summary is not None and len(summary.written) == 12
    assert len(list(folder.glob(f"* - {practices.YEAR} statement.pdf"))) == 12
    dialog = StatementsSummaryDialog(summary)
    qtbot.addWidget(dialog)
    assert dialog.heading.text() == f"Wrote 12 statements for {practices.YEAR}."
    assert str(folder) in dialog.folder_label.text()


def test_cancel_stops_before_the_next_statement_and_nothing_is_recorded(
    qtbot: QtBot, empty_workspace: Workspace, tmp_path: Path
) -> None:
    _practice(empty_workspace)
    parent = QWidget()
    qtbot.addWidget(parent)

    def press_cancel() -> None:
        progress = parent.findChild(QProgressDialog, "statementsProgress")
        assert progress is not None
        button = progress.findChild(QPushButton)
        assert button is not None
        button.click()

    QTimer.singleShot(0, press_cancel)
    summary = run_statements(parent, empty_workspace, TODAY, practices.YEAR, Who.ALL, False, tmp_path / "out")

    assert summary is not None and summary.cancelled and summary.written == []
    assert empty_workspace.store.year_statements() == []
    dialog = StatementsSummaryDialog(summary)
    qtbot.addWidget(dialog)
    assert "Stopped when you chose Cancel: 12 patient(s) not reached." in dialog.details.toPlainText()


def test_the_file_menu_offers_year_end_statements(qtbot: QtBot, workspace: Workspace) -> None:
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QWidget)
    texts = [a.text() for a in file_menu.actions()]
    assert "&Year-end statements…" in texts and "&Import clients…" in texts
    assert QApplication.instance() is not None


def test_writing_the_year_again_is_refused_unless_corrected_statements_are_ticked(
    qtbot: QtBot, empty_workspace: Workspace, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.record_helpers import BoxAnswer

    _practice(empty_workspace)
    parent = QWidget()
    qtbot.addWidget(parent)
    year, today = practices.YEAR, practices.TODAY
    assert run_statements(parent, empty_workspace, today, year, Who.ALL, False, tmp_path / "a") is not None
    answer = BoxAnswer()
    answer.next(QMessageBox.StandardButton.Ok)

    refused = run_statements(parent, empty_workspace, today, year, Who.ALL, False, tmp_path / "b")

    assert refused is None and not (tmp_path / "b").exists()
    assert (
        f"{year} statements were issued on 01/08/{year + 1} (YE-{year}-0001 to YE-{year}-0012)"
        in (answer.texts[0])
    )
    again = run_statements(parent, empty_workspace, today, year, Who.ALL, False, tmp_path / "c", again=True)
    assert again is not None and len(again.written) == 12
    assert len(empty_workspace.store.year_statements(year)) == 24


def test_the_summary_says_when_the_year_is_not_over(
    qtbot: QtBot, empty_workspace: Workspace, tmp_path: Path
) -> None:
    _practice(empty_workspace)
    parent = QWidget()
    qtbot.addWidget(parent)
    early = date(practices.YEAR, 12, 5)
    summary = run_statements(parent, empty_workspace, early, practices.YEAR, Who.ALL, True, tmp_path / "d")
    assert summary is not None
    dialog = StatementsSummaryDialog(summary)
    qtbot.addWidget(dialog)
    assert f"{practices.YEAR} is not over: the statements list the visits up to 12/05/{practices.YEAR}" in (
        dialog.details.toPlainText()
    )
