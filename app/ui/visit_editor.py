"""The visit editor (Ctrl+N): date, place, insurance, prescription, diagnoses and services of one visit,
with the check's findings for it beside the form, updated as the therapist types."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QListWidgetItem, QMessageBox, QWidget

from app.domain.check import Finding, Severity
from app.domain.dates import us_date
from app.domain.diagnoses import DiagnosisCode
from app.domain.errors import ValidationError
from app.domain.money import format_money
from app.domain.practice import ServiceLine, Visit
from app.domain.procedures import PLACES_OF_SERVICE
from app.domain.superbill import POINTER_LETTERS, PricedLine
from app.services import visits
from app.services.errors import RecordNotFound, StoreBug, StoreUnavailable
from app.services.visit_check import (
    first_pointers,
    new_visit_key,
    remap_pointers,
)
from app.services.visit_start import start_visit
from app.services.workspace import Workspace
from app.ui.code_picker_dialog import CodePickerDialog
from app.ui.cpt_picker import CptPicker
from app.ui.diagnosis_picker_dialog import DiagnosisPickerDialog
from app.ui.fit import fit_dialog
from app.ui.forms.ui_visit_editor import Ui_VisitEditor
from app.ui.icd_picker import IcdPicker
from app.ui.service_line_fields import ServiceLineFields
from app.ui.service_lines_model import COL_CODE, ServiceLinesModel, row_from_priced
from app.ui.visit_editor_widgets import arrange, coverage_items, prescription_items
from app.ui.visit_findings import Target, show_findings, summary, target_of

CHECK_DELAY_MS = 150  # the check runs once typing pauses this long


class VisitEditor(QDialog):
    """A new visit for the patient, or the stored visit `visit_key`; `saved` carries the visit key."""

    saved = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        patient_key: str,
        visit_key: str | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
        repeat: bool = False,
    ) -> None:
        """A new visit starts filled in (`app.services.visit_start`); `repeat` puts the cursor on Save."""
        super().__init__(parent)
        self._workspace = workspace
        self._patient_key = patient_key
        self._today = today or date.today()
        self._setting = visits.visit_setting(workspace, patient_key)
        stored = next((v for v in self._setting.chart.visits if v.key == visit_key), None)
        if visit_key is not None and stored is None:
            raise RecordNotFound("visit", visit_key)
        self._visit_key = visit_key or new_visit_key()
        self._is_new = stored is None
        self._date = self._today  # the visit's date: the last whole date typed
        self._start = None if stored else start_visit(self._setting, self._visit_key, self._today)
        self._diagnoses: list[str] = []
        self._lines: list[ServiceLine] = []
        self._auto_pointers: list[bool] = []
        self._descriptions: dict[str, DiagnosisCode | None] = {}
        self._findings: list[Finding] = []
        self._priced: tuple[PricedLine, ...] = ()
        self._loading = True
        self._prescription_chosen = not self._is_new  # a new visit follows the date until one is chosen
        self._icd_dialog: DiagnosisPickerDialog | None = None
        self._cpt_dialog: CodePickerDialog | None = None
        self._cpt_replaces: int | None = None  # the line whose code "Change code" replaces

        self.ui = Ui_VisitEditor()
        self.ui.setupUi(self)
        self.model = ServiceLinesModel(self)
        self.line_fields = ServiceLineFields(self.ui, self)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._init_widgets()
        self._load(stored)
        self._connect()
        self._loading = False
        self._initial = self._build_visit()
        self._refresh()
        self._select_line(0)
        self._run_check()
        self._first_focus(repeat)
        fit_dialog(self)

    # Building --------------------------------------------------------------------------------------

    def _init_widgets(self) -> None:
        ui = self.ui
        patient = self._setting.chart.patient
        name = patient.full_name
        self.setWindowTitle(f"New visit — {name}" if self._is_new else f"Visit — {name}")
        facts = [name, f"born {us_date(patient.date_of_birth)}"]
        if patient.account_number:
            facts.append(f"account {patient.account_number}")
        ui.patientLabel.setText(" · ".join(facts))
        font = ui.patientLabel.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        ui.patientLabel.setFont(font)
        for code, words in PLACES_OF_SERVICE.items():
            ui.placeCombo.addItem(f"{code} — {words}", code)
        self._fill_coverages()
        arrange(self, ui, self.model)

    def _first_focus(self, repeat: bool) -> None:
        """Stored: the date. New: Save when repeating, else the minutes of the first service, else Add diagnosis."""
        ui = self.ui
        first = self._setting.procedures.get(self._lines[0].cpt) if self._lines else None
        copied = self._start is not None and self._start.source == "last visit"
        if repeat and not copied:
            ui.statusLabel.setText(f"No earlier visit to repeat. {ui.statusLabel.text()}".strip())
        if not self._is_new:
            ui.dateEdit.setFocus()
            issued = visits.issued_superbills_showing(self._workspace, self._patient_key, self._visit_key)
            if issued:
                # Already in the patient's hands: say so before anything is changed.
                ui.statusLabel.setText(
                    f"This visit is on superbill {', '.join(issued)}, already issued: a change is kept "
                    "in the audit trail, and the issued superbill stays as it was given."
                )
        elif repeat and copied:
            ui.saveButton.setFocus()  # Enter saves once the therapist has looked it over
        elif self._lines and (first is None or first.timed):
            ui.minutesSpin.setFocus()
            ui.minutesSpin.selectAll()  # typing "60" replaces what was there
        else:
            ui.addDiagnosisButton.setFocus()

    def _fill_coverages(self) -> None:
        for text, key in coverage_items(self._setting):
            self.ui.coverageCombo.addItem(text, key)

    def _fill_prescriptions(self) -> None:
        combo = self.ui.prescriptionCombo
        chosen = combo.currentData()
        combo.clear()
        for text, key in prescription_items(self._setting, self._visit_key):
            combo.addItem(text, key)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else combo.count() - 1)

    def _load(self, stored: Visit | None) -> None:
        ui = self.ui
        day = stored.date if stored else self._today
        self._date = day
        ui.dateEdit.configure("Date of service", today=self._today, years="near", required=True)
        ui.dateEdit.set_date(day)
        start = stored or (self._start.visit if self._start else None)
        place = (
            start.place_of_service if start else None
        ) or self._setting.practitioner.default_place_of_service
        if ui.placeCombo.findData(place) < 0:
            ui.placeCombo.addItem(f"{place} — not a code we know", place)
        ui.placeCombo.setCurrentIndex(ui.placeCombo.findData(place))
        coverage = start.coverage if start else None
        ui.coverageCombo.setCurrentIndex(
            max(ui.coverageCombo.findData(coverage), 0) if coverage else ui.coverageCombo.count() - 1
        )
        self._fill_prescriptions()
        self._select_prescription(start.prescription if start else None)
        if start is not None:
            self._diagnoses = list(start.diagnoses)
            self._lines = list(start.lines)
            follow = self._start is not None and self._start.pointers_follow
            self._auto_pointers = [follow] * len(start.lines)
            self.ui.statusLabel.setText(self._start.note if self._start else "")
        self._show_diagnoses()
        self._priority_codes_changed()

    def _select_prescription(self, key: str | None) -> None:
        combo = self.ui.prescriptionCombo
        index = combo.findData(key) if key is not None else -1
        combo.setCurrentIndex(index if index >= 0 else combo.count() - 1)

    def _connect(self) -> None:
        ui = self.ui
        ui.dateEdit.dateChanged.connect(self._date_changed)
        ui.placeCombo.currentIndexChanged.connect(self._changed)
        ui.coverageCombo.currentIndexChanged.connect(self._coverage_changed)
        ui.prescriptionCombo.activated.connect(self._prescription_activated)
        ui.prescriptionCombo.currentIndexChanged.connect(self._changed)
        ui.addDiagnosisButton.clicked.connect(self.add_diagnosis)
        ui.removeDiagnosisButton.clicked.connect(self._remove_diagnosis)
        ui.upButton.clicked.connect(lambda: self._move_diagnosis(-1))
        ui.downButton.clicked.connect(lambda: self._move_diagnosis(1))
        ui.diagnosesList.currentRowChanged.connect(self._enable_buttons)
        ui.addServiceButton.clicked.connect(self.add_service)
        ui.removeServiceButton.clicked.connect(self._remove_line)
        ui.changeCodeButton.clicked.connect(self._change_code)
        ui.linesTable.selectionModel().currentRowChanged.connect(lambda *_: self._show_line())
        self.line_fields.edited.connect(self._line_edited)
        self.line_fields.pointersEdited.connect(self._pointers_edited)
        self.line_fields.handUnitsToggled.connect(self._hand_units_toggled)
        ui.findingsList.itemDoubleClicked.connect(self._go_to_finding)
        ui.findingsList.itemClicked.connect(self._go_to_finding)
        ui.saveButton.clicked.connect(self.save)
        ui.cancelButton.clicked.connect(self.reject)
        self._check_timer.timeout.connect(self._run_check)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        ui.findingsList.installEventFilter(self)
        ui.linesTable.installEventFilter(self)
        for widget, action in (
            (ui.diagnosesList, self._remove_diagnosis),
            (ui.linesTable, self._remove_line),
        ):
            shortcut = QShortcut(QKeySequence.StandardKey.Delete, widget, action)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    # The visit as entered --------------------------------------------------------------------------

    def _build_visit(self) -> Visit:
        ui = self.ui
        return Visit(
            key=self._visit_key,
            date=self._date,
            diagnoses=tuple(self._diagnoses),
            lines=tuple(self._lines),
            place_of_service=ui.placeCombo.currentData(),
            coverage=ui.coverageCombo.currentData(),
            prescription=ui.prescriptionCombo.currentData(),
        )

    def is_dirty(self) -> bool:
        typed_other_date = self.ui.dateEdit.text().strip() != us_date(self._date)
        return self._build_visit() != self._initial or typed_other_date

    def _changed(self) -> None:
        if not self._loading:
            self._refresh()

    def _refresh(self) -> None:
        """Units, charges and totals now; the check once typing pauses."""
        visit = self._build_visit()
        self._priced = self._setting.priced(visit)
        self.model.set_rows(tuple(row_from_priced(p) for p in self._priced))
        self._show_line_figures()
        total = sum(p.charge for p in self._priced)
        self.ui.totalLabel.setText(
            f"<b>Total charges: {format_money(total)}</b>"
            if self._priced
            else "No service yet: Add service (Alt+S) offers 97124 massage first."
        )
        self.ui.lineBox.setVisible(bool(self._lines))
        self._enable_buttons()
        self._check_timer.start()

    def _run_check(self) -> None:
        self._check_timer.stop()
        visit = self._build_visit()
        self._findings = self._setting.check(visit, self._workspace.codes, self._today)
        row = self._current_line()
        if self.line_fields.fee_problem and row is not None:
            field = f"visits[{self._visit_key}].lines[{row}].fee"
            self._findings.insert(
                0, Finding("fee-unreadable", Severity.ERROR, self.line_fields.fee_problem, field)
            )
        codes = [line.cpt for line in visit.lines]
        show_findings(self.ui.findingsList, self._findings, self._visit_key, codes)
        self.ui.findingsSummaryLabel.setText(summary(self._findings))

    def findings(self) -> list[Finding]:
        """The findings shown (after any pending check has run)."""
        if self._check_timer.isActive():
            self._run_check()
        return list(self._findings)

    # Visit fields ----------------------------------------------------------------------------------

    def _date_changed(self, day: date | None) -> None:
        if day is None:
            return  # no whole date yet (or an emptied field): saving says so; the check keeps the last one
        self._date = day
        if self._icd_dialog is not None:
            self._icd_dialog.picker.set_date_of_service(day)
        if self._loading:
            return
        if not self._prescription_chosen:
            self._loading = True
            self._select_prescription(self._setting.default_prescription(day))
            self._loading = False
        self._refresh()

    def _coverage_changed(self) -> None:
        if self._cpt_dialog is not None:
            self._cpt_picker().set_payer(self._payer_key())
        self._changed()

    def _prescription_activated(self) -> None:
        self._prescription_chosen = True
        self._priority_codes_changed()

    def _payer_key(self) -> str | None:
        payer = self._setting.payer_for(self.ui.coverageCombo.currentData())
        return payer.key if payer else None

    def _priority_codes_changed(self) -> None:
        if self._icd_dialog is not None:
            self._icd_picker().set_priority_codes(self._prescription_codes())

    def _prescription_codes(self) -> list[str]:
        rx = self._setting.chart.prescription(self.ui.prescriptionCombo.currentData())
        return [code for code in (rx.diagnoses if rx else ()) if code not in self._diagnoses]

    # Diagnoses -------------------------------------------------------------------------------------

    def add_diagnosis(self) -> None:
        """Open the ICD-10-CM picker; the chosen codes become the next letters."""
        self._icd_picker()
        assert self._icd_dialog is not None
        self._icd_dialog.start(self._prescription_codes(), len(POINTER_LETTERS) - len(self._diagnoses))

    def _icd_picker(self) -> IcdPicker:
        if self._icd_dialog is None:
            self._icd_dialog = DiagnosisPickerDialog(IcdPicker(self._workspace), self)
            self._icd_dialog.codesChosen.connect(self._diagnoses_chosen)
            self._icd_dialog.finished.connect(self._picker_closed)
            self._icd_dialog.picker.set_date_of_service(self._date)
        return self._icd_dialog.picker

    def _diagnoses_chosen(self, codes: list[str]) -> None:
        for code in codes:
            self._diagnosis_chosen(code)

    def _diagnosis_chosen(self, code: str) -> None:
        if code in self._diagnoses:
            self.ui.diagnosesList.setCurrentRow(self._diagnoses.index(code))
            return
        if len(self._diagnoses) >= len(POINTER_LETTERS):
            self.ui.statusLabel.setText("A visit holds at most 12 diagnoses (A–L): remove one first.")
            return
        self._set_diagnoses([*self._diagnoses, code], current=len(self._diagnoses))
        self.ui.addDiagnosisButton.setFocus()

    def _remove_diagnosis(self) -> None:
        row = self.ui.diagnosesList.currentRow()
        if 0 <= row < len(self._diagnoses):
            after = self._diagnoses[:row] + self._diagnoses[row + 1 :]
            self._set_diagnoses(after, current=min(row, len(after) - 1))

    def _move_diagnosis(self, step: int) -> None:
        row = self.ui.diagnosesList.currentRow()
        other = row + step
        if 0 <= row < len(self._diagnoses) and 0 <= other < len(self._diagnoses):
            after = list(self._diagnoses)
            after[row], after[other] = after[other], after[row]
            self._set_diagnoses(after, current=other)

    def _set_diagnoses(self, after: list[str], current: int) -> None:
        """New diagnosis list; each service keeps pointing to the same codes under their new letters."""
        before = self._diagnoses
        self._diagnoses = after
        auto = first_pointers(len(after))
        for i, line in enumerate(self._lines):
            pointers = auto if self._auto_pointers[i] else remap_pointers(line.pointers, before, after)
            self._lines[i] = replace(line, pointers=pointers)
        self._show_diagnoses()
        self.ui.diagnosesList.setCurrentRow(current)
        self._show_line()
        self._refresh()

    def _show_diagnoses(self) -> None:
        view = self.ui.diagnosesList
        view.clear()
        for letter, code in zip(POINTER_LETTERS, self._diagnoses, strict=False):
            entry = self._describe(code)
            words = entry.description if entry else "not in the loaded ICD-10-CM release"
            item = QListWidgetItem(f"{letter}   {code}   {words}")
            item.setToolTip(f"{letter}  {code}: {words}")
            view.addItem(item)
        if not self._diagnoses:
            view.addItem(
                QListWidgetItem(
                    "No diagnosis yet: Add diagnosis (Alt+D) offers the prescription's codes first"
                )
            )
            view.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def _describe(self, code: str) -> DiagnosisCode | None:
        if code not in self._descriptions:
            self._descriptions[code] = self._workspace.codes.lookup(code)
        return self._descriptions[code]

    # Services --------------------------------------------------------------------------------------

    def add_service(self) -> None:
        """Open the procedure-code picker; the chosen code becomes a new service line."""
        self._cpt_replaces = None
        self._cpt_picker()
        assert self._cpt_dialog is not None
        self._cpt_dialog.setWindowTitle("Add a service")
        self._cpt_dialog.start()

    def _change_code(self) -> None:
        row = self._current_line()
        if row is None:
            return
        self._cpt_picker()
        assert self._cpt_dialog is not None
        self._cpt_replaces = row
        self._cpt_dialog.setWindowTitle(f"Change the code of service {row + 1}")
        self._cpt_dialog.start()

    def _cpt_picker(self) -> CptPicker:
        if self._cpt_dialog is None:
            picker = CptPicker(self._workspace)
            picker.set_payer(self._payer_key())
            self._cpt_dialog = CodePickerDialog(picker, "Add a service", self)
            picker.codeChosen.connect(self._procedure_chosen)
            self._cpt_dialog.finished.connect(self._picker_closed)
        assert isinstance(self._cpt_dialog.picker, CptPicker)
        return self._cpt_dialog.picker

    def _picker_closed(self) -> None:
        # Back to this window with the keyboard where the chosen code left it (some platforms forget).
        focus = self.focusWidget()
        self.activateWindow()
        if focus is not None:
            focus.setFocus()

    def _procedure_chosen(self, code: str) -> None:
        if self._cpt_replaces is not None and self._cpt_replaces < len(self._lines):
            row = self._cpt_replaces
            self._lines[row] = replace(self._lines[row], cpt=code)
        else:
            auto = first_pointers(len(self._diagnoses)) or ("A",)
            self._lines.append(ServiceLine(code, pointers=auto))
            self._auto_pointers.append(True)
            row = len(self._lines) - 1
        self._refresh()
        self._select_line(row)
        procedure = self._setting.procedures.get(code)
        if procedure is None or procedure.timed:
            self.ui.minutesSpin.setFocus()
            self.ui.minutesSpin.selectAll()  # typing "45" replaces the dash
        else:
            self.ui.regionEdit.setFocus()

    def _remove_line(self) -> None:
        row = self._current_line()
        if row is None:
            return
        del self._lines[row]
        del self._auto_pointers[row]
        self._refresh()
        self._select_line(min(row, len(self._lines) - 1))

    def _current_line(self) -> int | None:
        row = self.ui.linesTable.currentIndex().row()
        return row if 0 <= row < len(self._lines) else None

    def _select_line(self, row: int) -> None:
        if 0 <= row < len(self._lines):
            index = self.model.index(row, COL_CODE)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.ui.linesTable.selectionModel().setCurrentIndex(index, flags)
        self._show_line()

    def _show_line(self) -> None:
        """The selected service's fields, below the table."""
        row = self._current_line()
        self.line_fields.fill(self._lines[row] if row is not None else None)
        self._show_line_figures()

    def _show_line_figures(self) -> None:
        row = self._current_line()
        priced = self._priced[row] if row is not None and row < len(self._priced) else None
        coverage = self.ui.coverageCombo.currentData()
        schedule = self._setting.fee_for(priced.line.cpt, coverage) if priced else None
        self.line_fields.explain(priced, len(self._lines), self._setting.unit_rule_for(coverage), schedule)

    def _line_edited(self) -> None:
        row = self._current_line()
        if row is not None:
            self._lines[row] = self.line_fields.read(self._lines[row])
            self._refresh()

    def _pointers_edited(self) -> None:
        row = self._current_line()
        if row is not None:
            self._auto_pointers[row] = False
            self._lines[row] = replace(self._lines[row], pointers=self.line_fields.typed_pointers())
            self._refresh()

    def _hand_units_toggled(self, on: bool) -> None:
        row = self._current_line()
        if on and row is not None and row < len(self._priced):
            self.line_fields.start_hand_count(self._priced[row].rule_units)
        self._line_edited()

    def _enable_buttons(self) -> None:
        ui = self.ui
        row = ui.diagnosesList.currentRow()
        has = bool(self._diagnoses) and 0 <= row < len(self._diagnoses)
        ui.removeDiagnosisButton.setEnabled(has)
        ui.upButton.setEnabled(has and row > 0)
        ui.downButton.setEnabled(has and row < len(self._diagnoses) - 1)
        ui.removeServiceButton.setEnabled(self._current_line() is not None)

    # Findings --------------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a finding goes to its field, and on a service to its minutes, instead of saving."""
        enter = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
        )
        if enter and watched is self.ui.findingsList:
            item = self.ui.findingsList.currentItem()
            if item is not None:
                self._go_to_finding(item)
            return True
        if enter and watched is self.ui.linesTable and self._current_line() is not None:
            self.ui.minutesSpin.setFocus()
            self.ui.minutesSpin.selectAll()
            return True
        return super().eventFilter(watched, event)

    def _go_to_finding(self, item: QListWidgetItem) -> None:
        field = item.data(Qt.ItemDataRole.UserRole)
        target = target_of(str(field), self._visit_key)
        if target is None:
            self.ui.statusLabel.setText("That is not part of this visit: change it where the finding says.")
            return
        self.focus_target(target)

    def focus_target(self, target: Target) -> None:
        """Put the cursor in the field a finding concerns (selecting its diagnosis or service first)."""
        ui = self.ui
        self.ui.statusLabel.setText("")
        simple: dict[str, QWidget] = {
            "date": ui.dateEdit,
            "place_of_service": ui.placeCombo,
            "coverage": ui.coverageCombo,
            "prescription": ui.prescriptionCombo,
            "lines": ui.addServiceButton,
        }
        if target.name in simple:
            simple[target.name].setFocus()
        elif target.name == "diagnoses":
            if not self._diagnoses:
                ui.addDiagnosisButton.setFocus()
                return
            ui.diagnosesList.setCurrentRow(min(target.index or 0, len(self._diagnoses) - 1))
            ui.diagnosesList.setFocus()
        elif target.name == "line" and target.index is not None and target.index < len(self._lines):
            self._select_line(target.index)
            self.line_fields.widget_for(target.line_field or "").setFocus()

    # Saving and closing ----------------------------------------------------------------------------

    def save(self) -> bool:
        """Save in one transaction; the form keeps its content when the store refuses. True when saved."""
        self._run_check()
        try:
            self.ui.dateEdit.date()  # a text that is not a whole date is never saved as the last one
        except ValidationError as problem:
            self.ui.statusLabel.setText(f"Not saved: {problem.message}")
            self.ui.dateEdit.setFocus()
            return False
        if self.line_fields.fee_problem:
            self.ui.statusLabel.setText(self.line_fields.fee_problem)
            self.ui.feeEdit.setFocus()
            return False
        visit = self._build_visit()
        try:
            visits.save_visit(self._workspace, self._patient_key, visit)
        except ValidationError as problem:
            self.ui.statusLabel.setText(f"Not saved: {problem.message}")
            return False
        except (StoreUnavailable, RecordNotFound) as problem:
            self._tell("The visit was not saved", str(problem))
            return False
        except StoreBug as problem:
            self._tell(
                "The visit was not saved",
                "Superbill Desk met a fault of its own while saving. Your visit is still in this window; "
                f"please report this message: {problem}",
            )
            return False
        self._initial = visit
        self._is_new = False
        self.saved.emit(visit.key)
        if any(f.is_error for f in self._findings):
            self.ui.statusLabel.setText(
                "Saved. The problems on the right still need fixing before a final superbill; Esc closes."
            )
        else:
            self.accept()
        return True

    def done(self, result: int) -> None:
        """Closed (saved, discarded or cancelled): no check is left to run on a closed practice."""
        self._check_timer.stop()
        super().done(result)

    def _tell(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, f"{message}\n\nWhat you typed is still here.")

    def reject(self) -> None:
        """Esc, Cancel or the window's close button: ask before dropping unsaved changes."""
        if not self.is_dirty():
            super().reject()
            return
        ask = QMessageBox(
            QMessageBox.Icon.Question,
            "Unsaved changes",
            "This visit has changes that are not saved. Save them?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        ask.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = ask.exec()
        if answer == QMessageBox.StandardButton.Discard:
            super().reject()
        elif answer == QMessageBox.StandardButton.Save and self.save() and self.isVisible():
            super().reject()  # saved with problems left: the form stays open after save(), so close it now
