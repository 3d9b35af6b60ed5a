"""Superbills for everyone who needs one, from the needs-attention panel: a folder, a progress bar, a summary.

Who gets one, what it covers, how files are named and numbered: app.services.batch. This only asks
for the folder, shows the progress (Cancel stops between two superbills) and says what was done.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from app.domain.words import plural
from app.services.batch import BatchPatient, BatchSummary, issue_all, patients_needing_superbills
from app.services.errors import StoreUnavailable
from app.services.workspace import Workspace
from app.ui.superbills.run_summary import RunSummaryDialog
from app.ui.widgets.progress import cancellable_progress, next_step
from app.ui.widgets.saving import choose_folder

FOLDER_TITLE = "Choose the folder for the superbills (they are issued once you choose it)"


def numbers_text(numbers: list[str]) -> str:
    """ "SB-2026-0001", "SB-2026-0001 and SB-2026-0002", "SB-2026-0001 to SB-2026-0009" (in order)."""
    if len(numbers) <= 2:
        return " and ".join(numbers)
    return f"{numbers[0]} to {numbers[-1]}"


def summary_lines(summary: BatchSummary) -> tuple[str, list[str]]:
    """The summary's heading, and its lines (who was held back and why; what stopped the batch)."""
    issued = [item.number for item in summary.issued]
    if issued:
        heading = f"Issued {plural(len(issued), 'superbill')}: {numbers_text(issued)}."
    else:
        heading = "No superbill was issued."
    lines: list[str] = []
    if summary.held_back:
        lines.append(f"Held back by the check ({len(summary.held_back)}): fix these, then issue again.")
        lines.extend(f"    {held.patient.name}: {held.reason}" for held in summary.held_back)
    if summary.failed is not None:
        lines.append(
            f"Stopped at {summary.failed.patient.name}: {summary.failed.reason}. No number was used for "
            "it or for the patients after it: put it right, then issue again."
        )
    elif summary.cancelled:
        lines.append(
            f"Stopped when you chose Cancel: {plural(summary.not_reached, 'patient')} not reached, "
            "and no number used for them."
        )
    return heading, lines


class BatchSummaryDialog(RunSummaryDialog):
    """What the batch did: the numbers issued, who was held back and why, and the folder with the PDFs."""

    def __init__(self, summary: BatchSummary, parent: QWidget | None = None) -> None:
        heading, lines = summary_lines(summary)
        super().__init__(
            "Superbills for all unbilled visits", heading, lines, summary.folder, bool(summary.issued), parent
        )
        self.summary = summary
        self.details.setObjectName("batchDetails")


def issue_superbills_for_everyone(parent: QWidget, workspace: Workspace, today: date) -> BatchSummary | None:
    """Ask for the folder, issue with a progress bar, then show the summary; None when nothing was tried."""
    try:
        waiting = len(patients_needing_superbills(workspace, today))
    except StoreUnavailable as error:
        QMessageBox.warning(parent, "No superbills issued", error.message)
        return None
    if waiting == 0:
        QMessageBox.information(
            parent, "No superbills to issue", "Every visit is billed already, on a superbill or a claim."
        )
        return None
    folder = choose_folder(parent, FOLDER_TITLE)
    if folder is None:
        return None
    progress = cancellable_progress(
        parent, "Issuing superbills", "Issuing superbills…", "batchProgress", waiting
    )

    def go_on(done: int, total: int, patient: BatchPatient) -> bool:
        return next_step(progress, done, total, f"Superbill {done + 1:,} of {total:,}: {patient.name}")

    try:
        summary = issue_all(workspace, folder, today, go_on)
    except StoreUnavailable as error:
        progress.close()
        QMessageBox.warning(parent, "The superbills could not be kept", error.message)
        return None
    progress.setValue(progress.maximum())
    progress.close()
    progress.deleteLater()
    dialog = BatchSummaryDialog(summary, parent)
    dialog.setObjectName("batchSummary")
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
    return summary
