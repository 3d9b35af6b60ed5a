"""Choosing a passphrase: encrypting a plain practice from Settings, or changing the passphrase."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services.encryption import CopiesReport, check_new_passphrase, passphrase_strength
from app.services.errors import StoreUnavailable
from app.services.workspace import Workspace
from app.ui.security.recovery_key_dialog import show_recovery_key
from app.ui.security.unlock_dialog import SecretField
from app.ui.widgets.fit import fit_dialog


class NewPassphraseForm(QWidget):
    """A new passphrase typed twice, with a strength hint; `changed` on every keystroke."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.passphrase = SecretField("New &passphrase:", self)
        self.strength = QLabel(self)
        self.strength.setStyleSheet("color: #5f6368;")
        self.repeat = SecretField("The same passphrase &again:", self)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.strength)
        layout.addWidget(self.repeat)
        self.passphrase.edit.textEdited.connect(self._typed)
        self.repeat.edit.textEdited.connect(self._typed)

    def _typed(self) -> None:
        self.strength.setText(passphrase_strength(self.passphrase.edit.text()))
        self.changed.emit()

    def value(self) -> str:
        """The passphrase; ValidationError (shown under its field) when it cannot be used."""
        text = self.passphrase.edit.text()
        try:
            check_new_passphrase(text, self.repeat.edit.text())
        except ValidationError as error:
            (self.repeat if error.field == "repeat" else self.passphrase).show_problem(error.message)
            raise
        return text

    def is_acceptable(self) -> bool:
        try:
            check_new_passphrase(self.passphrase.edit.text(), self.repeat.edit.text())
        except ValidationError:
            return False
        return True


class PassphraseDialog(QDialog):
    """Encrypt a plain practice (`change=False`) or change the passphrase of an encrypted one."""

    def __init__(self, workspace: Workspace, change: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.change = change
        layout = QVBoxLayout(self)
        if change:
            self.setWindowTitle("Change passphrase")
            intro = "Your records stay as they are; only the passphrase that opens them changes."
        else:
            self.setWindowTitle("Encrypt the records")
            intro = (
                "Your records will be readable only with this passphrase (or the recovery key shown "
                "next). If the laptop is lost, nobody can read them without it."
            )
        label = QLabel(intro, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.current = SecretField("&Current passphrase:", self)
        self.current.setVisible(change)
        layout.addWidget(self.current)
        self.form = NewPassphraseForm(self)
        layout.addWidget(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Change" if change else "&Encrypt")
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        (self.current if change else self.form.passphrase).edit.setFocus()
        self.resize(460, 0)
        fit_dialog(self)

    def apply(self) -> None:
        try:
            new = self.form.value()  # a problem is shown under its field
        except ValidationError:
            return
        try:
            if self.change:
                self.workspace.change_passphrase(self.current.edit.text(), new)
            else:
                encrypted = self.workspace.encrypt(new)
        except ValidationError as error:
            if error.field == "passphrase" and self.change:
                self.current.show_problem(error.message)
            elif error.field == "passphrase":
                self.form.passphrase.show_problem(error.message)
            return
        except StoreUnavailable as error:
            QMessageBox.critical(self, "Not changed", str(error))
            return
        if self.change:
            QMessageBox.information(
                self, "Passphrase changed", "The passphrase is changed. Your recovery key still works."
            )
        else:
            show_recovery_key(encrypted.recovery_key, self.workspace.data_dir, self)
            QMessageBox.information(self, "Records encrypted", encrypted_message(encrypted.copies))
        self.accept()


def encrypted_message(copies: CopiesReport) -> str:
    """What encrypting did, for the therapist: the practice, its copies, and what was left."""
    lines = ["Your records are now encrypted, and the unencrypted copy was overwritten and deleted."]
    if copies.encrypted:
        lines.append(
            f"{len(copies.encrypted)} backups and earlier copies in the data folder are encrypted too."
        )
    if copies.removed:
        lines.append(f"{len(copies.removed)} unencrypted leftover files were overwritten and deleted.")
    lines += [f"Not encrypted: {path}: {reason}." for path, reason in copies.left]
    lines.append(
        "Backups made elsewhere (a USB stick) before now stay unencrypted: make a new one and delete them. "
        "(On an SSD the deleted copies' blocks may survive until the drive reuses them; turning on the "
        "computer's full-disk encryption covers that.)"
    )
    return "\n\n".join(lines)
