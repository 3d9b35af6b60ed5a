"""At start, a practice file that cannot be used: say what is wrong and offer to restore a backup.

The damaged file is never overwritten or deleted: restoring renames it aside in the data folder
(`practice.sqlite3.before-restore-<date>T<time>`), and only when the therapist chooses a restore.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services import backups
from app.services.backups import BackupRefused, BackupSummary, RestoreResult
from app.services.errors import StoreUnavailable
from app.services.practice_health import Health, health_problem
from app.ui.widgets.fit import fit_dialog

APP_TITLE = "Superbill Desk"


def _when(summary: BackupSummary) -> str:
    return f"{summary.taken_at:%m/%d/%Y %H:%M}"


class RestoreDialog(QDialog):
    """The problem in words, and the ways out: the latest backup, another backup file, or quit.

    After `exec()` returns Accepted, `restored` says what was restored and where the old file is.
    `choose_file` (returns a path or None) is the file chooser; tests replace it.
    """

    def __init__(
        self, data_dir: Path, health: Health, key: bytes | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.health = health
        self.key = key
        self.restored: RestoreResult | None = None
        self.choose_file: Callable[[], Path | None] = self._choose_file
        self.latest = self._latest()
        self.setWindowTitle(f"{APP_TITLE}: the practice file cannot be opened")
        self._build()
        fit_dialog(self)

    def _latest(self) -> BackupSummary | None:
        """The latest backup in the data folder when it can be restored; else why not (`latest_problem`)."""
        self.latest_problem: str | None = None
        latest = backups.latest_backup(self.data_dir)
        if latest is None:
            return None
        try:
            return backups.describe_backup(latest.path, self.key)
        except StoreUnavailable as error:
            self.latest_problem = str(error)
            return None

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{health_problem(self.health)}</b>", self)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        details = [
            f"Practice file: {backups.practice_file(self.data_dir)}",
            "It has not been changed. Restoring a backup keeps it beside the restored one, renamed.",
        ]
        if self.health is Health.NEWER_SCHEMA:
            details.append("Installing the newer version of Superbill Desk opens it as it is.")
        if self.latest_problem is not None:
            details.append(
                f"{self.latest_problem} If you have another backup (a USB stick, or an earlier one in "
                "the backups folder), choose it."
            )
        elif self.latest is None:
            details.append(
                "There is no backup in the data folder. If you have one elsewhere (a USB stick), choose it."
            )
        self.details = QLabel("\n".join(details), self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)

        self.message = QLabel(self)  # why a chosen file cannot be used
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a40000;")
        self.message.hide()
        layout.addWidget(self.message)

        # In the order to read them: the usual way out first.
        buttons = QVBoxLayout()
        self.latest_button = QPushButton(self)
        if self.latest is not None:
            self.latest_button.setText(
                f"&Restore the latest backup ({_when(self.latest)}, {self.latest.counts()})"
            )
        else:
            self.latest_button.hide()
        self.latest_button.clicked.connect(self.restore_latest)
        self.choose_button = QPushButton("&Choose a backup file…", self)
        self.choose_button.clicked.connect(self.restore_chosen)
        self.quit_button = QPushButton("&Quit", self)
        self.quit_button.clicked.connect(self.reject)
        for button in (self.latest_button, self.choose_button, self.quit_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        (self.latest_button if self.latest is not None else self.choose_button).setDefault(True)
        self.setMinimumWidth(520)

    def _choose_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            "Choose a backup of the practice",
            str(backups.backup_folder(self.data_dir)),
            "Superbill Desk backups (*.sqlite3);;All files (*)",
        )
        return Path(name) if name else None

    def restore_latest(self) -> None:
        if self.latest is not None:
            self._restore(self.latest.path)

    def restore_chosen(self) -> None:
        chosen = self.choose_file()
        if chosen is not None:
            self._restore(chosen)

    def _restore(self, backup: Path) -> None:
        try:
            self.restored = backups.restore(self.data_dir, backup, self.key)
        except (BackupRefused, StoreUnavailable) as error:
            self.message.setText(f"{error} Nothing was restored.")
            self.message.show()
            self.adjustSize()
            return
        self.accept()

    def result_text(self) -> str:
        if self.restored is None:
            return ""
        summary = self.restored.summary
        lines = [f"Restored the backup of {_when(summary)}: {summary.counts()}."]
        if self.restored.kept_aside:
            lines.append(f"The file that could not be opened is kept as {self.restored.kept_aside[0]}.")
        issued = backups.issued_since_message(
            self.restored.issued_since, next(iter(self.restored.kept_aside), None)
        )
        if issued:
            lines.append(issued)
        return "\n".join(lines)


def offer_restore(parent: QWidget | None, data_dir: Path, health: Health, key: bytes | None = None) -> bool:
    """Show the problem and the ways out; True when a backup was restored (open the practice then)."""
    dialog = RestoreDialog(data_dir, health, key, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.restored is None:
            return False
        QMessageBox.information(parent, APP_TITLE, dialog.result_text())
        return True
    finally:
        dialog.deleteLater()
