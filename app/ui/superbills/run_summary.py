"""The window at the end of a run over many patients (superbills for everyone, year-end statements):
what was written, who was held back and why, and the folder with the PDFs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class RunSummaryDialog(QDialog):
    """A bold heading, the details (hidden when there are none), then where the PDFs are with Open
    folder (both shown only when something was written); Close is the default button."""

    def __init__(
        self,
        title: str,
        heading: str,
        lines: list[str],
        folder: Path,
        wrote_any: bool,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.setWindowTitle(title)
        self.heading = QLabel(heading, self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.details = QPlainTextEdit("\n".join(lines), self)
        self.details.setReadOnly(True)
        self.details.setVisible(bool(lines))
        self.folder_label = QLabel(f"The PDFs are in {folder}", self)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setVisible(wrote_any)
        self.buttons = QDialogButtonBox(self)
        self.open_button = QPushButton("&Open folder", self)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setVisible(wrote_any)  # after addButton, which shows the buttons it takes
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.folder_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(560, self.screen().availableGeometry().width() - 40))
        self.close_button.setFocus()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
