"""The setup wizard's last page: a passphrase for the records, or the choice to keep them unencrypted."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from app.ui.security.passphrase_dialog import NewPassphraseForm

SKIP_WARNING = (
    "Without a passphrase, anyone who gets this computer (a lost or stolen laptop, a repair shop) "
    "can read your patients' records. You can encrypt them later in Settings."
)


class ProtectionForm(QWidget):
    """Passphrase and repeat, with "Skip: keep the records unencrypted" and its warning."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "You will type it each time you open Superbill Desk and after it locks when left alone. "
            "A few unrelated words are easy to remember and hard to guess. Next you will get a "
            "recovery key to print, in case the passphrase is forgotten.",
            self,
        )
        intro.setWordWrap(True)
        self.form = NewPassphraseForm(self)
        self.skipBox = QCheckBox("&Skip: keep the records unencrypted", self)
        self.warning = QLabel(SKIP_WARNING, self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b3261e;")
        self.warning.hide()
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addSpacing(12)
        layout.addWidget(self.skipBox)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        self.form.changed.connect(self.changed)
        self.skipBox.toggled.connect(self._skip_toggled)

    def _skip_toggled(self) -> None:
        skip = self.skipBox.isChecked()
        self.warning.setVisible(skip)
        self.form.setEnabled(not skip)
        self.changed.emit()

    def still_needed(self) -> list[str]:
        if self.skipBox.isChecked() or self.form.is_acceptable():
            return []
        return ["a passphrase of at least 8 characters, typed twice (or tick Skip)"]

    def passphrase(self) -> str | None:
        """The passphrase chosen, or None when skipped; ValidationError when it cannot be used."""
        if self.skipBox.isChecked():
            return None
        return self.form.value()
