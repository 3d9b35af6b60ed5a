"""The visit editor (Ctrl+N): date, place, insurance, prescription, diagnoses and services of one visit,
with the check's findings for it beside the form, updated as the therapist types."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QListWidgetItem, QMessageBox, QWidget

from app.domain.check import Finding, Severity
from app.domain.dates import us_date
from app.domain.errors import ValidationError
from app.domain.money import format_money
from app.domain.practice import ServiceLine, Visit
from app.domain.procedures import PLACES_OF_SERVICE
from app.domain.superbill import PricedLine
from app.services import visits
from app.services.errors import RecordNotFound, StoreBug, StoreUnavailable
from app.services.visit_check import first_pointers, new_visit_key, remap_pointers
from app.services.visit_start import start_visit
from app.services.workspace import Workspace
from app.ui.forms.ui_visit_editor import Ui_VisitEditor
from app.ui.visits.service_line_fields import ServiceLineFields
from app.ui.visits.service_lines_model import COL_CODE, ServiceLinesModel, row_from_priced
from app.ui.visits.visit_editor_widgets import (
    arrange,
    ask_to_save_visit,
    coverage_items,
    not_saved,
    prescription_items,
    show_patient,
    visit_field,
)
from app.ui.visits.visit_findings import Target, show_findings, summary, target_of
from app.ui.visits.visit_pickers import ServicePicker, VisitDiagnoses
from app.ui.widgets.fit import fit_dialog

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
        self._lines: list[ServiceLine] = []
        self._auto_pointers: list[bool] = []
        self._findings: list[Finding] = []
        self._priced: tuple[PricedLine, ...] = ()
        self._loading = True
        self._prescription_chosen = not self._is_new  # a new visit follows the date until one is chosen

        self.ui = Ui_VisitEditor()
        self.ui.setupUi(self)
        self.model = ServiceLinesModel(self)
        self.line_fields = ServiceLineFields(self.ui, self)
        self.diagnoses = VisitDiagnoses(self.ui, workspace, self._prescription_codes, self)
        self.services = ServicePicker(workspace, self._payer_key, self)
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
        show_patient(self, ui, self._setting.chart.patient, new_visit=self._is_new)
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
            issued = visits.issued_records_of(self._workspace, self._patient_key, self._visit_key)
            if issued:
                # Already in the patient's or the payer's hands: say so before anything is changed.
                kept = "the issued superbill stays as it was given" if issued.superbills else ""
                if issued.claims:
                    claim = "the claim stays as it was sent: send a replacement claim to correct it"
                    kept = f"{kept}; {claim}" if kept else claim
                ui.statusLabel.setText(
                    f"This visit is on {issued.named}, already issued: a change is kept in the audit "
                    f"trail, and {kept}."
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
        self.diagnoses.set_date_of_service(day)
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
            self.diagnoses.codes = list(start.diagnoses)
            self._lines = list(start.lines)
            follow = self._start is not None and self._start.pointers_follow
            self._auto_pointers = [follow] * len(start.lines)
            self.ui.statusLabel.setText(self._start.note if self._start else "")
        self.diagnoses.show()
        self.diagnoses.offered_first_changed()

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
        self.diagnoses.connect_buttons()
        self.diagnoses.changed.connect(self._diagnoses_changed)
        self.diagnoses.pickerClosed.connect(self._picker_closed)
        self.services.pickerClosed.connect(self._picker_closed)
        self.services.chosen.connect(self._procedure_chosen)
        ui.diagnosesList.currentRowChanged.connect(self._enable_buttons)
        ui.addServiceButton.clicked.connect(self.services.add)
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
            (ui.diagnosesList, self.diagnoses.remove),
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
            diagnoses=tuple(self.diagnoses.codes),
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
        self.diagnoses.set_date_of_service(day)
        if self._loading:
            return
        if not self._prescription_chosen:
            self._loading = True
            self._select_prescription(self._setting.default_prescription(day))
            self._loading = False
        self._refresh()

    def _coverage_changed(self) -> None:
        self.services.payer_changed()
        self._changed()

    def _prescription_activated(self) -> None:
        self._prescription_chosen = True
        self.diagnoses.offered_first_changed()

    def _payer_key(self) -> str | None:
        payer = self._setting.payer_for(self.ui.coverageCombo.currentData())
        return payer.key if payer else None

    def _prescription_codes(self) -> list[str]:
        rx = self._setting.chart.prescription(self.ui.prescriptionCombo.currentData())
        return [code for code in (rx.diagnoses if rx else ()) if code not in self.diagnoses.codes]

    # Diagnoses -------------------------------------------------------------------------------------

    def _diagnoses_changed(self, before: list[str], after: list[str]) -> None:
        """Each service keeps pointing to the same codes under their new letters."""
        auto = first_pointers(len(after))
        for i, line in enumerate(self._lines):
            pointers = auto if self._auto_pointers[i] else remap_pointers(line.pointers, before, after)
            self._lines[i] = replace(line, pointers=pointers)
        self._show_line()
        self._refresh()

    # Services --------------------------------------------------------------------------------------

    def _change_code(self) -> None:
        row = self._current_line()
        if row is not None:
            self.services.change(row)

    def _picker_closed(self) -> None:
        # Back to this window with the keyboard where the chosen code left it (some platforms forget).
        focus = self.focusWidget()
        self.activateWindow()
        if focus is not None:
            focus.setFocus()

    def _procedure_chosen(self, code: str, replaces: int) -> None:
        if 0 <= replaces < len(self._lines):
            row = replaces
            self._lines[row] = replace(self._lines[row], cpt=code)
        else:
            auto = first_pointers(len(self.diagnoses.codes)) or ("A",)
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
        self.diagnoses.enable_buttons()
        self.ui.removeServiceButton.setEnabled(self._current_line() is not None)

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
        self.ui.statusLabel.setText("")
        if target.name == "diagnoses":
            self.diagnoses.focus(target.index)
        elif target.name == "line":
            if target.index is not None and target.index < len(self._lines):
                self._select_line(target.index)
                self.line_fields.widget_for(target.line_field or "").setFocus()
        elif (widget := visit_field(self.ui, target.name)) is not None:
            widget.setFocus()

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
        except (StoreUnavailable, RecordNotFound, StoreBug) as problem:
            not_saved(self, problem, fault=isinstance(problem, StoreBug))
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

    # Closed (saved, cancelled, never shown, the practice closing): no check left to run on it.
    def done(self, result: int) -> None:
        self._check_timer.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._check_timer.stop()
        super().closeEvent(event)

    def reject(self) -> None:
        """Esc, Cancel or the window's close button: ask before dropping unsaved changes."""
        if not self.is_dirty():
            super().reject()
            return
        answer = ask_to_save_visit(self)
        if answer == QMessageBox.StandardButton.Discard:
            super().reject()
        elif answer == QMessageBox.StandardButton.Save and self.save() and self.isVisible():
            super().reject()  # saved with problems left: the form stays open after save(), so close it now
