"""Opening an encrypted practice: its passphrase, or the recovery key when the passphrase is forgotten."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services.errors import StoreUnavailable
from app.services.workspace import PracticeDamaged, Workspace
from app.ui.app_settings import APP_TITLE
from app.ui.widgets.fit import fit_dialog

PROBLEM_STYLE = "color: #b3261e;"


class SecretField(QWidget):
    """A passphrase (or recovery key) field with its label and, under it, what was wrong."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(label, self)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMinimumWidth(320)
        self.label.setBuddy(self.edit)
        self.problem = QLabel(self)
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.hide()
        layout.addWidget(self.label)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        self.edit.textEdited.connect(self.clear_problem)

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        self.edit.selectAll()
        self.edit.setFocus()

    def clear_problem(self) -> None:
        self.problem.hide()


class UnlockDialog(QDialog):
    """Asks for the passphrase of the encrypted practice in `data_dir`; `workspace` is open after Accepted.

    A wrong passphrase is said under the field and changes nothing; the dialog stays open.
    """

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.workspace: Workspace | None = None
        self._use_recovery_key = False
        self.setWindowTitle(f"Open your practice - {APP_TITLE}")
        layout = QVBoxLayout(self)
        intro = QLabel("Your records are encrypted. Enter your passphrase to open them.", self)
        intro.setWordWrap(True)
        self.intro = intro
        self.field = SecretField("&Passphrase:", self)
        self.recoveryButton = QPushButton("Use &recovery key…", self)
        self.recoveryButton.setAutoDefault(False)
        self.buttons = QDialogButtonBox(self)
        self.openButton = self.buttons.addButton("&Open", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.openButton.setDefault(True)
        layout.addWidget(intro)
        layout.addWidget(self.field)
        layout.addWidget(self.recoveryButton, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.try_open)
        self.buttons.rejected.connect(self.reject)
        self.recoveryButton.clicked.connect(self.use_recovery_key)
        self.field.edit.setFocus()
        fit_dialog(self)

    def use_recovery_key(self) -> None:
        """Switch the field to the recovery key (shown as typed: it is long and read from paper)."""
        self._use_recovery_key = True
        self.intro.setText(
            "Type the recovery key you printed when you set up the passphrase. "
            "Capital or small letters, with or without the dashes."
        )
        self.field.label.setText("&Recovery key:")
        self.field.edit.clear()
        self.field.edit.setEchoMode(QLineEdit.EchoMode.Normal)
        self.field.edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.field.clear_problem()
        self.recoveryButton.hide()
        self.field.edit.setFocus()

    def try_open(self) -> None:
        secret = self.field.edit.text()
        if not secret:
            self.field.show_problem("Type it first.")
            return
        try:
            try:
                self.workspace = self._workspace(secret)
            except PracticeDamaged as damaged:
                if not self._restored(secret, damaged):
                    self.reject()
                    return
                self.workspace = self._workspace(secret)
        except ValidationError as error:
            self.field.show_problem(error.message)
            return
        except StoreUnavailable as error:
            self.field.show_problem(str(error))
            return
        self.accept()

    def _workspace(self, secret: str) -> Workspace:
        if self._use_recovery_key:
            return Workspace(self.data_dir, recovery_key=secret)
        return Workspace(self.data_dir, passphrase=secret)

    def _restored(self, secret: str, damaged: PracticeDamaged) -> bool:
        """The practice file is missing or empty: offer its latest backup (opened with the same key)."""
        from app.services.encryption import database_key
        from app.ui.practice.restore_dialog import offer_restore

        if self._use_recovery_key:
            key = database_key(self.data_dir, recovery_key=secret)
        else:
            key = database_key(self.data_dir, passphrase=secret)
        return offer_restore(self, self.data_dir, damaged.health, key)
