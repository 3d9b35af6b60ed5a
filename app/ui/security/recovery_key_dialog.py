"""The recovery key, shown once: copy it, print it, and say it is kept before going on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase, QGuiApplication, QKeyEvent, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.encryption import confirm_recovery_key_written
from app.services.errors import StoreUnavailable
from app.ui.app_settings import APP_TITLE
from app.ui.widgets.fit import fit_dialog


class RecoveryKeyDialog(QDialog):
    """Shows `recovery_key` with Copy and Print; Continue only once "I have printed or written it down" is ticked."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.setWindowTitle(f"Your recovery key - {APP_TITLE}")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "If you ever forget your passphrase, this recovery key is the only other way to open your "
            "records. It is shown only now.\n\n"
            "Print it or write it down, and keep it somewhere apart from this computer "
            "(not in a file on it, and not in the laptop bag).",
            self,
        )
        intro.setWordWrap(True)
        self.keyLabel = QLabel(recovery_key, self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 10) + 6)
        font.setWeight(QFont.Weight.Bold)
        self.keyLabel.setFont(font)
        self.keyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keyLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keyLabel.setStyleSheet("border: 1px solid #9aa0a6; padding: 12px; background: #ffffff;")
        self.copyButton = QPushButton("&Copy", self)
        self.printButton = QPushButton("&Print…", self)
        for button in (self.copyButton, self.printButton):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.copyButton)
        row.addWidget(self.printButton)
        self.keptBox = QCheckBox("I have printed or &written it down", self)
        self.buttons = QDialogButtonBox(self)
        self.continueButton = self.buttons.addButton("C&ontinue", QDialogButtonBox.ButtonRole.AcceptRole)
        self.continueButton.setEnabled(False)
        self.status = QLabel(self)
        self.status.setStyleSheet("color: #5f6368;")
        layout.addWidget(intro)
        layout.addWidget(self.keyLabel)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.keptBox)
        layout.addWidget(self.buttons)
        self.copyButton.clicked.connect(self.copy)
        self.printButton.clicked.connect(self.print_key)
        self.keptBox.toggled.connect(self._kept_toggled)
        self.buttons.accepted.connect(self.accept)
        self.keptBox.setFocus()
        self.resize(560, 320)
        fit_dialog(self)

    def _kept_toggled(self) -> None:
        self.continueButton.setEnabled(self.keptBox.isChecked())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)
        self.status.setText("Copied. Paste it only into something you print, then clear it.")

    def print_key(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setHtml(
            f"<h2>{APP_TITLE}: recovery key</h2>"
            f"<p style='font-size:20pt; font-family:monospace'><b>{self.recovery_key}</b></p>"
            "<p>This key opens the practice records if the passphrase is forgotten. "
            "Keep this page somewhere safe, apart from the computer.</p>"
        )
        document.print_(printer)
        self.status.setText("Sent to the printer.")

    def accept(self) -> None:
        if self.keptBox.isChecked():
            super().accept()

    def reject(self) -> None:
        """Escape and the close button do nothing until the key is kept: it is never shown again."""
        if self.keptBox.isChecked():
            super().accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.keptBox.isChecked():
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not self.keptBox.isChecked():
            return
        super().keyPressEvent(event)


def show_recovery_key(recovery_key: str | None, data_dir: Path, parent: QWidget | None = None) -> None:
    """Show the pending recovery key; once the therapist ticks "written down", it is no longer kept.

    Until then (the app closed or killed while it is shown) it stays pending in the data folder and
    is shown again at the next unlock.
    """
    if recovery_key is None:
        return
    dialog = RecoveryKeyDialog(recovery_key, parent)
    dialog.exec()
    if dialog.keptBox.isChecked():
        try:
            confirm_recovery_key_written(data_dir)
        except StoreUnavailable as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(parent, APP_TITLE, str(error))
