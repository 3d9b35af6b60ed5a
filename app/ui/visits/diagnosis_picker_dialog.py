"""Several diagnoses in one go: the ICD-10-CM picker with the codes chosen so far beside it.

Type, arrow, Enter adds the highlighted code to the list and empties the search for the next one;
Ctrl+Enter or "Add N codes" puts them all on the visit and closes; Esc closes without adding any.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.visits.icd_picker import IcdPicker


class DiagnosisPickerDialog(QDialog):
    """`codesChosen(list of codes)` when the therapist adds them (in the order chosen)."""

    codesChosen = Signal(list)

    def __init__(self, picker: IcdPicker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add diagnoses")
        self.picker = picker
        self._chosen: list[str] = []
        self._offered: list[str] = []
        self._room = 12

        self.chosenList = QListWidget(self)
        self.chosenList.setMinimumWidth(150)
        chosen_label = QLabel("C&hosen:", self)
        chosen_label.setBuddy(self.chosenList)
        self.statusLabel = QLabel(self)
        self.statusLabel.setWordWrap(True)
        self.addButton = QPushButton(self)
        self.addButton.setAutoDefault(False)  # Enter belongs to the picker: it adds the highlighted code
        self.addButton.setToolTip("Put the chosen codes on the visit and close (Ctrl+Enter)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.addButton(self.addButton, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)
        cancel.setToolTip("Close without adding (Esc)")

        side = QVBoxLayout()
        side.addWidget(chosen_label)
        side.addWidget(self.chosenList, 1)
        row = QHBoxLayout()
        row.addWidget(picker, 3)
        row.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.statusLabel)
        layout.addWidget(buttons)

        picker.codeChosen.connect(self._add)
        buttons.accepted.connect(self.finish)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.finish)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.chosenList, self._remove)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.resize(860, 480)

    def start(self, offered: Iterable[str], room: int) -> None:
        """Open (window-modal, without blocking) with nothing chosen; `offered` codes come first, at most
        `room` codes can be added."""
        self._chosen = []
        self._offered = list(offered)
        self._room = room
        self._show()
        self.picker.reset()
        self.open()
        self.picker.search.setFocus()

    def chosen(self) -> list[str]:
        return list(self._chosen)

    def finish(self) -> None:
        """Add the chosen codes (the highlighted one when none is chosen yet) and close."""
        if not self._chosen:
            self.picker.choose_current()
        if self._chosen:
            self.codesChosen.emit(list(self._chosen))
            self.accept()

    def _add(self, code: str) -> None:
        if code in self._chosen:
            self.statusLabel.setText(f"{code} is chosen already.")
        elif len(self._chosen) >= self._room:
            self.statusLabel.setText("A visit holds at most 12 diagnoses (A–L): add these, then remove one.")
        else:
            self._chosen.append(code)
            self.statusLabel.setText(f"{code} chosen. Type the next one, or Ctrl+Enter to add them.")
        self._show()
        self.picker.reset()

    def _remove(self) -> None:
        row = self.chosenList.currentRow()
        if 0 <= row < len(self._chosen):
            del self._chosen[row]
            self._show()
            self.chosenList.setCurrentRow(min(row, len(self._chosen) - 1))

    def _show(self) -> None:
        self.chosenList.clear()
        self.chosenList.addItems(self._chosen)
        count = len(self._chosen)
        self.addButton.setText(f"&Add {count} code{'' if count == 1 else 's'}" if count else "&Add")
        self.picker.set_priority_codes(code for code in self._offered if code not in self._chosen)
