"""Saving a superbill with a password, for sending it by e-mail: the password typed twice, then the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services.pdf_password import MIN_PASSWORD_LENGTH, REPEAT_FIELD, check_password, protect_pdf
from app.ui.security.unlock_dialog import SecretField
from app.ui.widgets.fit import fit_dialog
from app.ui.widgets.saving import choose_save_file, save_chosen_file

NOTE_STYLE = "color: #5f6368;"


class PdfPasswordDialog(QDialog):
    """Asks for the password of a protected PDF, twice; `password` holds it once the dialog is accepted.

    A password too short, or typed differently the second time, is said under its field and the
    dialog stays open with what was typed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password: str | None = None
        self.setWindowTitle("Save with password")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Only someone who has the password can open the saved PDF, so you can e-mail it "
            f"to the patient. Use at least {MIN_PASSWORD_LENGTH} characters.",
            self,
        )
        intro.setWordWrap(True)
        self.field = SecretField("&Password:", self)
        self.repeat = SecretField("The same password &again:", self)
        self.note = QLabel(
            "Send the password to the patient separately (by text message or phone), "
            "not in the same e-mail as the PDF.",
            self,
        )
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Choose file…")
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(self.field)
        layout.addWidget(self.repeat)
        layout.addSpacing(4)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.setTabOrder(self.field.edit, self.repeat.edit)
        self.field.edit.setFocus()
        self.setMinimumWidth(440)
        self.resize(440, 0)
        fit_dialog(self)

    def try_accept(self) -> None:
        text = self.field.edit.text()
        try:
            check_password(text, self.repeat.edit.text())
        except ValidationError as error:
            shown = error.message[:1].upper() + error.message[1:]
            (self.repeat if error.field == REPEAT_FIELD else self.field).show_problem(shown)
            return
        self.password = text
        self.accept()


def protected_file_name(suggested_name: str) -> str:
    """ "Superbill SB-2026-0001.pdf" -> "Superbill SB-2026-0001 (password).pdf", told apart from the plain copy."""
    stem = suggested_name[:-4] if suggested_name.lower().endswith(".pdf") else suggested_name
    return f"{stem} (password).pdf"


def save_with_password(
    parent: QWidget, pdf: bytes, suggested_name: str, data_folder: Path | None = None
) -> Path | None:
    """Ask for a password and a file, and write the PDF encrypted with it; the saved file, or None.

    `data_folder` is the open practice's folder, which a file is never saved into (app.ui.widgets.saving).
    """
    asked = PdfPasswordDialog(parent)
    try:
        if asked.exec() != QDialog.DialogCode.Accepted or asked.password is None:
            return None
        password = asked.password
    finally:
        asked.deleteLater()
    chosen = choose_save_file(parent, "Save the PDF with a password as", protected_file_name(suggested_name))
    if not chosen:
        return None
    try:
        protected = protect_pdf(pdf, password)
    except ValidationError as error:
        QMessageBox.warning(parent, "Not saved", f"The PDF could not be protected: {error.message}")
        return None
    return save_chosen_file(parent, chosen, protected, data_folder)
