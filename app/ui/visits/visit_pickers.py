"""The visit editor's diagnoses (the lettered list A-L, its buttons and the ICD-10-CM picker) and
its procedure-code picker.

The editor owns the service lines: when the list changes it is told (`changed`) with the codes
before and after, so that each service keeps pointing to the same codes under their new letters.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem, QWidget

from app.domain.diagnoses import DiagnosisCode
from app.domain.superbill import POINTER_LETTERS
from app.services.workspace import Workspace
from app.ui.forms.ui_visit_editor import Ui_VisitEditor
from app.ui.visits.code_picker_dialog import CodePickerDialog
from app.ui.visits.cpt_picker import CptPicker
from app.ui.visits.diagnosis_picker_dialog import DiagnosisPickerDialog
from app.ui.visits.icd_picker import IcdPicker

MOST = "A visit holds at most 12 diagnoses (A–L): remove one first."


class VisitDiagnoses(QObject):
    """`codes` in letter order; `changed(before, after)` once the therapist adds, removes or moves one."""

    changed = Signal(list, list)
    # The picker closed: the editor puts the keyboard back where it was.
    pickerClosed = Signal()

    def __init__(
        self,
        ui: Ui_VisitEditor,
        workspace: Workspace,
        offered_first: Callable[[], list[str]],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.ui = ui
        self.codes: list[str] = []
        self._workspace = workspace
        self._offered_first = offered_first  # the prescription's codes not on the visit yet
        self._window = window
        self._descriptions: dict[str, DiagnosisCode | None] = {}
        self._dialog: DiagnosisPickerDialog | None = None
        self._date: date | None = None

    def connect_buttons(self) -> None:
        ui = self.ui
        ui.addDiagnosisButton.clicked.connect(self.add)
        ui.removeDiagnosisButton.clicked.connect(self.remove)
        ui.upButton.clicked.connect(lambda: self.move(-1))
        ui.downButton.clicked.connect(lambda: self.move(1))

    def load(self, codes: list[str]) -> None:
        self.codes = list(codes)
        self.show()

    def add(self) -> None:
        """Open the ICD-10-CM picker; the chosen codes become the next letters."""
        self.picker()
        assert self._dialog is not None
        self._dialog.start(self._offered_first(), len(POINTER_LETTERS) - len(self.codes))

    def picker(self) -> IcdPicker:
        if self._dialog is None:
            self._dialog = DiagnosisPickerDialog(IcdPicker(self._workspace), self._window)
            self._dialog.codesChosen.connect(self._chosen)
            self._dialog.finished.connect(self.pickerClosed)
            if self._date is not None:
                self._dialog.picker.set_date_of_service(self._date)
        return self._dialog.picker

    def set_date_of_service(self, day: date) -> None:
        self._date = day
        if self._dialog is not None:
            self._dialog.picker.set_date_of_service(day)

    def offered_first_changed(self) -> None:
        if self._dialog is not None:
            self.picker().set_priority_codes(self._offered_first())

    def _chosen(self, codes: list[str]) -> None:
        for code in codes:
            self.choose(code)

    def choose(self, code: str) -> None:
        if code in self.codes:
            self.ui.diagnosesList.setCurrentRow(self.codes.index(code))
            return
        if len(self.codes) >= len(POINTER_LETTERS):
            self.ui.statusLabel.setText(MOST)
            return
        self._set([*self.codes, code], current=len(self.codes))
        self.ui.addDiagnosisButton.setFocus()

    def remove(self) -> None:
        row = self.ui.diagnosesList.currentRow()
        if 0 <= row < len(self.codes):
            after = self.codes[:row] + self.codes[row + 1 :]
            self._set(after, current=min(row, len(after) - 1))

    def move(self, step: int) -> None:
        row = self.ui.diagnosesList.currentRow()
        other = row + step
        if 0 <= row < len(self.codes) and 0 <= other < len(self.codes):
            after = list(self.codes)
            after[row], after[other] = after[other], after[row]
            self._set(after, current=other)

    def _set(self, after: list[str], current: int) -> None:
        before, self.codes = self.codes, after
        self.show()
        self.ui.diagnosesList.setCurrentRow(current)
        self.changed.emit(before, after)

    def show(self) -> None:
        view = self.ui.diagnosesList
        view.clear()
        for letter, code in zip(POINTER_LETTERS, self.codes, strict=False):
            entry = self._describe(code)
            words = entry.description if entry else "not in the loaded ICD-10-CM release"
            item = QListWidgetItem(f"{letter}   {code}   {words}")
            item.setToolTip(f"{letter}  {code}: {words}")
            view.addItem(item)
        if not self.codes:
            view.addItem(
                QListWidgetItem(
                    "No diagnosis yet: Add diagnosis (Alt+D) offers the prescription's codes first"
                )
            )
            view.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def enable_buttons(self) -> None:
        ui = self.ui
        row = ui.diagnosesList.currentRow()
        has = bool(self.codes) and 0 <= row < len(self.codes)
        ui.removeDiagnosisButton.setEnabled(has)
        ui.upButton.setEnabled(has and row > 0)
        ui.downButton.setEnabled(has and row < len(self.codes) - 1)

    def focus(self, index: int | None) -> None:
        """The cursor on diagnosis `index` (on Add diagnosis while there is none)."""
        if not self.codes:
            self.ui.addDiagnosisButton.setFocus()
            return
        self.ui.diagnosesList.setCurrentRow(min(index or 0, len(self.codes) - 1))
        self.ui.diagnosesList.setFocus()

    def _describe(self, code: str) -> DiagnosisCode | None:
        if code not in self._descriptions:
            self._descriptions[code] = self._workspace.codes.lookup(code)
        return self._descriptions[code]


class ServicePicker(QObject):
    """Add service / Change code: the procedure-code picker over the visit editor, opened on first use.

    `chosen(code, row)`: the code for service `row`, or for a new service when row is -1.
    """

    chosen = Signal(str, int)
    pickerClosed = Signal()

    def __init__(self, workspace: Workspace, payer_key: Callable[[], str | None], window: QWidget) -> None:
        super().__init__(window)
        self._workspace = workspace
        self._payer_key = payer_key
        self._window = window
        self._dialog: CodePickerDialog | None = None
        self._replaces = -1  # the service whose code "Change code" replaces

    def add(self) -> None:
        self._open(-1, "Add a service")

    def change(self, row: int) -> None:
        self._open(row, f"Change the code of service {row + 1}")

    def payer_changed(self) -> None:
        if self._dialog is not None:
            self._picker(self._dialog).set_payer(self._payer_key())

    def _open(self, row: int, title: str) -> None:
        if self._dialog is None:
            picker = CptPicker(self._workspace)
            picker.set_payer(self._payer_key())
            self._dialog = CodePickerDialog(picker, "Add a service", self._window)
            picker.codeChosen.connect(lambda code: self.chosen.emit(code, self._replaces))
            self._dialog.finished.connect(self.pickerClosed)
        self._replaces = row
        self._dialog.setWindowTitle(title)
        self._dialog.start()

    @staticmethod
    def _picker(dialog: CodePickerDialog) -> CptPicker:
        assert isinstance(dialog.picker, CptPicker)
        return dialog.picker
