"""A small window around a code picker: opens over the visit editor, closes when a code is chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from app.ui.visits.cpt_picker import CptPicker
from app.ui.visits.icd_picker import IcdPicker
from app.ui.widgets.fit import fit_dialog


class CodePickerDialog(QDialog):
    """Hosts an IcdPicker or a CptPicker; `picker.codeChosen` closes it (Esc closes it without a code)."""

    def __init__(self, picker: IcdPicker | CptPicker, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.picker = picker
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # Enter belongs to the picker: it chooses the highlighted code
        close.setToolTip("Close without choosing (Esc)")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(picker, 1)
        layout.addWidget(buttons)
        picker.codeChosen.connect(self.accept)
        self.resize(720, 460)
        fit_dialog(self)

    def start(self) -> None:
        """Show (window-modal, without blocking) with an empty search and the offered codes on top."""
        self.picker.reset()
        self.open()
        self.picker.search.setFocus()
