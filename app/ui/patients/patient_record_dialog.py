"""What the dialogs for one of a patient's records (a coverage, a prescription, a payment) share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.services.workspace import Workspace
from app.ui.widgets.record_form import RecordDialog


class PatientRecordDialog(RecordDialog):
    """Adds a record to a patient's chart, or edits one of them: opened as
    `Dialog(workspace, patient_key, record_key or None, today, parent)`; `saved(record_key)` after a
    successful save."""

    saved = Signal(str)

    def __init__(
        self, workspace: Workspace, patient_key: str, today: date | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._patient_key = patient_key
        self._today = today or date.today()


# Such a dialog's class, called as the patient view calls it: (workspace, patient key, the record's
# key or None for a new record, today, parent).
PatientRecordDialogClass = Callable[
    [Workspace, str, str | None, date | None, QWidget | None], PatientRecordDialog
]
