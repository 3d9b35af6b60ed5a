"""File > Update code set…: a new fiscal year's ICD-10-CM from the file CMS or CDC publish, offline.

The therapist chooses the file (the order file, its zip, or the order addenda); the dialog says what
it changes (the release and its dates, codes added, deleted and revised, and which of the practice's
visits and prescriptions use a code it deletes or revises, by initials and date) before anything
changes. Apply loads it (app.services.code_update); Cancel leaves everything as it was.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import us_date
from app.domain.errors import ValidationError
from app.services.code_update import CodeUpdate, apply_update, passed_over_code_sets, preview_practice_update
from app.services.workspace import Workspace
from app.ui.widgets.fit import fit_dialog
from app.ui.widgets.saving import choose_open_file, tell_saved

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)  # kinds of errors and counts only: no patient data

FILE_FILTER = "ICD-10-CM files (*.txt *.zip);;All files (*)"
TITLE = "Update code set"


def update_code_set(window: MainWindow) -> None:
    """File > Update code set…: choose the file, read what it changes, Apply or Cancel; then the
    codes retired for their dates show in needs attention, and the window's note says what was loaded."""
    path = choose_open_file(window, "Choose the ICD-10-CM file from CMS or CDC", FILE_FILTER)
    if path is None:
        return
    update = read_update(window, window.workspace, path)
    if update is None:
        return
    dialog = CodeUpdateDialog(window.workspace, update, window)

    def applied() -> None:
        window.attention.reload()
        if dialog.applied:
            window.say(dialog.applied)

    dialog.accepted.connect(applied)
    window._open(dialog)


def say_passed_over_code_sets(widget: QWidget, data_dir: Path) -> None:
    """A newer code set loaded by another version of the app, and so not used, is said in the window's note."""
    for note in passed_over_code_sets(data_dir):
        tell_saved(widget, note)


def read_update(parent: QWidget, workspace: Workspace, path: Path) -> CodeUpdate | None:
    """What the file changes, or None when it is refused (said in a message naming the file)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return preview_practice_update(workspace, path)
    except ValidationError as error:
        log.warning("code set update refused: %s", type(error).__name__)
        QMessageBox.warning(parent, "Code set not updated", _refusal(path, error))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()


def _refusal(path: Path, error: ValidationError) -> str:
    """One line naming the file: "icd10cm_order_2028.txt is empty: give …"."""
    if error.field == str(path):
        return f"{path.name} {error.message}. Nothing was changed."
    return f"{path.name}: {error.field}: {error.message}. Nothing was changed."


class CodeUpdateDialog(QDialog):
    """The preview of one update, with Apply and Cancel. ``applied`` holds the note once applied."""

    def __init__(self, workspace: Workspace, update: CodeUpdate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.code_update = update
        self.applied: str | None = None
        self.setWindowTitle(TITLE)
        self._build()
        fit_dialog(self)

    def _build(self) -> None:
        update = self.code_update
        layout = QVBoxLayout(self)
        self.summary = QLabel(f"<b>{update.summary}</b>", self)
        self.summary.setObjectName("codeUpdateSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        source = QLabel(
            f"From {update.file_name} ({update.kind}). Visits before "
            f"{us_date(update.release.first_date)} keep being checked with {update.current.name} "
            "and the releases before it.",
            self,
        )
        source.setWordWrap(True)
        layout.addWidget(source)

        if update.affected:
            heading = f"Your visits and prescriptions it affects ({len(update.affected):,}):"
        else:
            heading = "None of your visits or prescriptions uses a code it deletes or revises."
        self.affected_label = QLabel(heading, self)
        self.affected_label.setWordWrap(True)
        layout.addWidget(self.affected_label)
        self.affected = QListWidget(self)
        self.affected.setObjectName("affectedCodes")
        self.affected.setAccessibleName("Visits and prescriptions affected")
        self.affected.addItems([a.text for a in update.affected])
        self.affected.setVisible(bool(update.affected))
        self.affected.setWordWrap(True)  # a long line wraps rather than hiding the codes to choose
        self.affected.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.affected.setMaximumHeight(160)
        layout.addWidget(self.affected)

        note = QLabel("Nothing changes until you click Apply. No internet connection is used.", self)
        note.setWordWrap(True)
        layout.addWidget(note)

        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton("&Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.setDefault(True)
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)

    def _apply(self) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            release = apply_update(self.code_update, self.workspace.data_dir)
        except (OSError, ValueError) as error:  # a full disk, a folder that cannot be written
            log.error("code set update failed: %s", type(error).__name__)
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(
                self,
                "Code set not updated",
                f"{self.code_update.release.name} could not be loaded ({type(error).__name__}): "
                f"{self.code_update.current.name} stays in force.",
            )
            return
        QGuiApplication.restoreOverrideCursor()
        self.workspace.reopen_codes()
        log.info("code set updated fiscal_year=%d", self.code_update.fiscal_year)
        self.applied = (
            f"Loaded {release.name}: dates of service {us_date(release.first_date)} "
            f"to {us_date(release.last_date)}"
        )
        self.accept()
