"""Back up now: the whole practice to a folder the therapist chooses (a USB stick), and what was written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services import backups
from app.services.backups import BackupSummary
from app.services.errors import StoreUnavailable
from app.services.workspace import Workspace
from app.ui.widgets.fit import fit_dialog


def _size(summary: BackupSummary) -> str:
    if summary.size >= 1_000_000:
        return f"{summary.size / 1_000_000:.1f} MB"
    return f"{max(1, round(summary.size / 1000))} KB"


class BackupDialog(QDialog):
    """Choose a folder, press Back up, read what was written (file, size, counts).

    `choose_folder` (returns a folder or None) is the folder chooser; tests replace it. `now`
    fixes the moment the file is named after (tests).
    """

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, now: datetime | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.now = now
        self.summary: BackupSummary | None = None
        self.choose_folder: Callable[[], Path | None] = self._choose_folder
        self.setWindowTitle("Back up now")
        self._build()
        fit_dialog(self)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A copy of the whole practice (patients, visits, issued superbills) in one file. "
            "Choose a USB stick or another drive, so a copy survives if this computer does not.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        row = QHBoxLayout()
        label = QLabel("&Folder:", self)
        self.folder_edit = QLineEdit(str(backups.backup_folder(self.workspace.data_dir)), self)
        label.setBuddy(self.folder_edit)
        self.browse_button = QPushButton("C&hoose…", self)
        self.browse_button.clicked.connect(self._browse)
        row.addWidget(label)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)

        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)

        self.buttons = QDialogButtonBox(self)
        self.back_up_button = self.buttons.addButton("&Back up", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.back_up_button.setDefault(True)
        self.back_up_button.clicked.connect(self.back_up)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _choose_folder(self) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self, "Back up to folder", self.folder_edit.text())
        return Path(chosen) if chosen else None

    def _browse(self) -> None:
        chosen = self.choose_folder()
        if chosen is not None:
            self.folder_edit.setText(str(chosen))

    def back_up(self) -> None:
        text = self.folder_edit.text().strip()
        if not text:
            self._show("Choose the folder to back up to.", error=True)
            self.folder_edit.setFocus()
            return
        try:
            self.summary = backups.back_up_now(
                self.workspace, Path(text).expanduser(), self.now, field="folder"
            )
        except ValidationError as error:
            self._show(f"{error.message.rstrip('.')}. Nothing was backed up.", error=True)
            self.folder_edit.setFocus()
            return
        except StoreUnavailable as error:
            self._show(f"{error} Nothing was backed up.", error=True)
            return
        s = self.summary
        self._show(
            f"Backed up to {s.path}\n{_size(s)}: {s.counts()}. SQLite's integrity check found the copy sound.",
            error=False,
        )
        self.close_button.setFocus()

    def _show(self, text: str, *, error: bool) -> None:
        self.result_label.setStyleSheet("color: #a40000;" if error else "")
        self.result_label.setText(text)
        self.adjustSize()  # room for the lines just shown
