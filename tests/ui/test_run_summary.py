"""The window at the end of a run (superbills for everyone, year-end statements) offers Open folder
only when the run wrote a PDF there: after a run that wrote nothing there is no folder to open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.services.batch import BatchSummary
from app.services.statements import StatementsSummary
from app.ui.superbills.batch_superbills import BatchSummaryDialog
from app.ui.superbills.year_end_statements import StatementsSummaryDialog


def _shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_run_that_wrote_nothing_offers_no_folder_to_open(qtbot: QtBot, tmp_path: Path) -> None:
    batch = _shown(qtbot, BatchSummaryDialog(BatchSummary(folder=tmp_path, total=3, cancelled=True)))
    statements = _shown(
        qtbot, StatementsSummaryDialog(StatementsSummary(folder=tmp_path, year=2026, total=3, cancelled=True))
    )
    for dialog in (batch, statements):
        assert isinstance(dialog, BatchSummaryDialog | StatementsSummaryDialog)
        assert not dialog.folder_label.isVisible()
        assert not dialog.open_button.isVisible()
        assert dialog.details.isVisible()  # the reason nothing was written
