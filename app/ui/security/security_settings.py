"""Settings, Security tab: encrypt the records or change the passphrase, and the idle lock's minutes."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app.services.workspace import Workspace
from app.ui.app_settings import user_settings
from app.ui.security.lock import IDLE_MINUTES_KEY, idle_minutes


class SecurityTab(QWidget):
    """Whether the records are encrypted, the button that changes that, and "Lock after N minutes idle"."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        layout = QVBoxLayout(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.passphraseButton = QPushButton(self)
        self.passphraseButton.setAutoDefault(False)
        self.lockSpin = QSpinBox(self)
        self.lockSpin.setRange(0, 240)
        self.lockSpin.setSuffix(" min")
        self.lockSpin.setSpecialValueText("never")
        self._minutes = idle_minutes(user_settings())
        self.lockSpin.setValue(self._minutes)
        form = QFormLayout()
        lock_label = QLabel("&Lock after idle:", self)
        lock_label.setBuddy(self.lockSpin)
        form.addRow(lock_label, self.lockSpin)
        note = QLabel(
            "The lock covers the window until the passphrase is typed (encrypted records only); the "
            "practice stays open underneath.",
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368;")
        layout.addWidget(self.status)
        layout.addWidget(self.passphraseButton)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)
        self.passphraseButton.clicked.connect(self._passphrase)
        self._show_state()

    def _show_state(self) -> None:
        if self.workspace.encrypted:
            self.status.setText(
                "Your records are encrypted: they open only with your passphrase or recovery key."
            )
            self.passphraseButton.setText("&Change passphrase…")
        else:
            self.status.setText(
                "Your records are not encrypted: anyone who gets this computer can read them."
            )
            self.passphraseButton.setText("&Encrypt the records…")

    def _passphrase(self) -> None:
        from app.ui.security.passphrase_dialog import PassphraseDialog

        PassphraseDialog(self.workspace, change=self.workspace.encrypted, parent=self).exec()
        self._show_state()

    def tab_order(self) -> list[QWidget]:
        return [self.passphraseButton, self.lockSpin]

    def is_dirty(self) -> bool:
        return self.lockSpin.value() != self._minutes

    def save(self) -> None:
        """Store the idle minutes (when changed); they apply from the next start."""
        if self.is_dirty():
            user_settings().setValue(IDLE_MINUTES_KEY, self.lockSpin.value())
        self._minutes = self.lockSpin.value()
