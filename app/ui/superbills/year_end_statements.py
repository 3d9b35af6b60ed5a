"""File > Year-end statements...: the year and who, a folder, a progress bar with Cancel, and a summary.

Who gets a statement, what it holds, how files are named and numbered: app.services.statements.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import us_date
from app.domain.errors import ValidationError
from app.services.errors import StoreUnavailable
from app.services.statements import AlreadyIssued, StatementsSummary, Who, write_statements
from app.services.workspace import Workspace
from app.ui.superbills.run_summary import RunSummaryDialog
from app.ui.widgets.progress import cancellable_progress, next_step
from app.ui.widgets.saving import choose_folder

WHO_CHOICES = (
    (Who.ALL, "Everyone with visits that year"),
    (Who.WITH_BALANCE, "Only patients with a balance due"),
    (Who.HSA, "Only patients paying through an HSA/FSA"),
)


class StatementsChoiceDialog(QDialog):
    """Which year, for whom, final or draft."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Year-end statements")
        self.year = QSpinBox(self)
        self.year.setRange(1900, 9999)
        self.year.setValue(today.year - 1 if today.month <= 6 else today.year)
        self.who = QComboBox(self)
        for value, text in WHO_CHOICES:
            self.who.addItem(text, value.value)
        self.draft = QCheckBox("Drafts only (marked DRAFT, not numbered)", self)
        self.again = QCheckBox("Corrected statements, replacing those already issued for the year", self)
        form = QFormLayout()
        form.addRow("&Year:", self.year)
        form.addRow("&Patients:", self.who)
        form.addRow("", self.draft)
        form.addRow("", self.again)
        note = QLabel(
            "One PDF per patient, every date of service with what was charged and paid. "
            "Final statements are numbered and kept, so each can be printed again exactly.",
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Choose folder…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def chosen_who(self) -> Who:
        return Who(str(self.who.currentData()))


def summary_text(summary: StatementsSummary) -> tuple[str, list[str]]:
    kind = "statement" if any(w.number for w in summary.written) else "draft statement"
    count = len(summary.written)
    heading = f"Wrote {count:,} {kind}{'' if count == 1 else 's'} for {summary.year}."
    if not summary.total:
        heading = f"No patient has visits in {summary.year}: no statement was written."
    lines: list[str] = []
    if summary.partial_through is not None and summary.total:
        lines.append(
            f"{summary.year} is not over: the statements list the visits up to "
            f"{us_date(summary.partial_through)} only, and say so (partial year)."
        )
    if summary.held_back:
        lines.append(f"Held back by the check ({len(summary.held_back)}): fix these, then write them again.")
        lines.extend(f"    {held.patient.name}: {held.reason}" for held in summary.held_back)
    if summary.cancelled:
        lines.append(f"Stopped when you chose Cancel: {summary.not_reached:,} patient(s) not reached.")
    return heading, lines


class StatementsSummaryDialog(RunSummaryDialog):
    def __init__(self, summary: StatementsSummary, parent: QWidget | None = None) -> None:
        heading, lines = summary_text(summary)
        super().__init__("Year-end statements", heading, lines, summary.folder, bool(summary.written), parent)
        self.summary = summary


def run_statements(
    parent: QWidget,
    workspace: Workspace,
    today: date,
    year: int,
    who: Who,
    draft: bool,
    folder: Path,
    again: bool = False,
) -> StatementsSummary | None:
    """Write them with a progress bar (Cancel stops between two statements); None when refused (said why)."""

    progress = cancellable_progress(
        parent, "Year-end statements", "Writing year-end statements…", "statementsProgress"
    )

    def go_on(done: int, total: int, name: str) -> bool:
        return next_step(progress, done, total, f"Statement {done + 1:,} of {total:,}: {name}")

    try:
        return write_statements(
            workspace, year, folder, today, who=who, draft=draft, go_on=go_on, again=again
        )
    except AlreadyIssued as issued:
        QMessageBox.warning(
            parent,
            "No statements written",
            f'{issued}. Reprint them by number, tick "Drafts only" for a look, or tick "Corrected '
            'statements" for new ones that replace them.',
        )
        return None
    except (ValidationError, StoreUnavailable) as error:
        where = f"{error.field}: " if isinstance(error, ValidationError) else ""
        QMessageBox.warning(parent, "No statements written", f"{where}{error.message}")
        return None
    finally:
        progress.close()
        progress.deleteLater()


def write_year_end_statements(parent: QWidget, workspace: Workspace, today: date) -> StatementsSummary | None:
    choice = StatementsChoiceDialog(today, parent)
    try:
        if choice.exec() != QDialog.DialogCode.Accepted:
            return None
        year, who, draft = choice.year.value(), choice.chosen_who(), choice.draft.isChecked()
        again = choice.again.isChecked()
    finally:
        choice.deleteLater()
    folder = choose_folder(parent, f"Choose the folder for the {year} statements")
    if folder is None:
        return None
    summary = run_statements(parent, workspace, today, year, who, draft, folder, again)
    if summary is not None:
        dialog = StatementsSummaryDialog(summary, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
    return summary
