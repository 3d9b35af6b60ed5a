"""Add or edit a prescription: prescriber and NPI (checked as typed), dates, visits, ICD-10-CM codes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QListWidgetItem, QWidget

from app.domain.errors import ValidationError
from app.domain.identifiers import validate_npi
from app.domain.practice import Prescription
from app.services import patients, saving
from app.services.workspace import Workspace
from app.ui.forms.ui_prescription_dialog import Ui_PrescriptionDialog
from app.ui.patients.patient_record_dialog import PatientRecordDialog
from app.ui.widgets.as_typed import still_typing
from app.ui.widgets.fit import fit_dialog
from app.ui.widgets.record_form import ERROR_COLOUR
from app.ui.widgets.tab_order import tab_chain

try:  # the picker is another engineer's module; a plain code field works without it
    from app.ui.visits.icd_picker import IcdPicker
except ImportError:  # pragma: no cover - only while the picker is being written
    IcdPicker = None  # type: ignore[assignment,misc]

OK_COLOUR = "#1e6b35"


class PrescriptionDialog(PatientRecordDialog):
    what = "this prescription"

    def __init__(
        self,
        workspace: Workspace,
        patient_key: str,
        prescription_key: str | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(workspace, patient_key, today, parent)
        self.ui = Ui_PrescriptionDialog()
        self.ui.setupUi(self)
        ui = self.ui
        ui.writtenEdit.configure("Date written", today=self._today, years="past", required=True)
        ui.startsEdit.configure("Start date", today=self._today, years="near")
        ui.expiresEdit.configure("Expiry date", today=self._today, years="near")
        self.picker: QWidget | None = None
        if IcdPicker is not None:
            self.picker = IcdPicker(workspace, self, settings=settings)
            self.picker.codeChosen.connect(self.add_code)
            ui.diagnosesLayout.insertWidget(1, self.picker, 1)
            for widget in (ui.codeLabel, ui.codeEdit, ui.addCodeButton):
                widget.hide()
            ui.pickerLayout.addStretch(1)
            # Body areas, then the code search (what is typed next is a code), its results, the
            # codes chosen and their Remove button, then the notes.
            tab_chain(
                [
                    ui.bodyAreasEdit,
                    self.picker.search,
                    self.picker.view,
                    ui.diagnosisList,
                    ui.removeCodeButton,
                ]
            )
        ui.leftLayout.addStretch(1)
        ui.codeEdit.returnPressed.connect(self._add_typed_code)
        ui.addCodeButton.clicked.connect(self._add_typed_code)
        ui.removeCodeButton.clicked.connect(self.remove_current_code)
        remove = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), ui.diagnosisList)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_current_code)
        ui.npiEdit.textChanged.connect(self._check_npi)
        ui.npiEdit.editingFinished.connect(self._check_npi)  # left with fewer digits: said now
        self.setup_record_form(
            ui.buttonBox,
            ui.errorLabel,
            {
                "prescription.prescriber_name": ui.prescriberEdit,
                "prescription.prescriber_credentials": ui.credentialsEdit,
                "prescription.prescriber_npi": ui.npiEdit,
                "prescription.written_on": ui.writtenEdit,
                "prescription.starts_on": ui.startsEdit,
                "prescription.expires_on": ui.expiresEdit,
                "prescription.authorized_visits": ui.visitsSpin,
                "prescription.frequency": ui.frequencyEdit,
                "prescription.body_areas": ui.bodyAreasEdit,
                "prescription.diagnoses": ui.diagnosisList,
                "prescription.notes": ui.notesEdit,
            },
        )
        chart = patients.chart(workspace, patient_key)
        self._prescription = chart.prescription(prescription_key) if prescription_key else None
        self.prescription_key = self._prescription.key if self._prescription else None
        self._load()
        if IcdPicker is not None and isinstance(self.picker, IcdPicker):
            # The codes in force on the date it was written, which is what its codes are checked against.
            self.picker.set_date_of_service(ui.writtenEdit.understood())
            ui.writtenEdit.dateChanged.connect(self._written_on_changed)
        self._check_npi()
        self._update_code_buttons()
        ui.diagnosisList.currentRowChanged.connect(self._update_code_buttons)
        self.setWindowTitle(
            f"{'Prescription' if self._prescription else 'New prescription'}: {chart.patient.full_name}"
        )
        self.resize(980, 620)
        ui.prescriberEdit.setFocus()
        fit_dialog(self)

    def _written_on_changed(self, day: date | None) -> None:
        if IcdPicker is not None and isinstance(self.picker, IcdPicker) and day is not None:
            self.picker.set_date_of_service(day)

    def _load(self) -> None:
        ui, rx = self.ui, self._prescription
        with self.watcher.loading():
            if rx is None:
                ui.writtenEdit.set_date(self._today)
                return
            ui.prescriberEdit.setText(rx.prescriber_name)
            ui.credentialsEdit.setText(rx.prescriber_credentials or "")
            ui.npiEdit.setText(rx.prescriber_npi or "")
            ui.writtenEdit.set_date(rx.written_on)
            ui.startsEdit.set_date(rx.starts_on)
            ui.expiresEdit.set_date(rx.expires_on)
            ui.visitsSpin.setValue(rx.authorized_visits or 0)
            ui.frequencyEdit.setText(rx.frequency or "")
            ui.bodyAreasEdit.setText(rx.body_areas or "")
            ui.notesEdit.setPlainText(rx.notes or "")
            for code in rx.diagnoses:
                self._append(code)
        if self.picker is not None and rx is not None:
            self.picker.set_priority_codes(rx.diagnoses)  # type: ignore[attr-defined]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in the code field or the picker adds a code; it must not also save the dialog.
        focus = self.focusWidget()
        in_codes = focus is self.ui.codeEdit or (self.picker is not None and self.picker.isAncestorOf(focus))
        if in_codes and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # NPI as typed -----------------------------------------------------------------------------

    def _check_npi(self) -> None:
        label, text = self.ui.npiStatusLabel, self.ui.npiEdit.text()
        if not text.strip():
            label.setStyleSheet("")
            label.setText("Optional; printed as the referring provider's NPI when given.")
            label.setEnabled(False)
            return
        label.setEnabled(True)
        if still_typing(self.ui.npiEdit, 10):
            label.setStyleSheet("")
            label.setText("An NPI has 10 digits.")
            return
        try:
            validate_npi(text, label="NPI")
        except ValidationError as error:
            label.setStyleSheet(f"color: {ERROR_COLOUR};")
            label.setText(f"✗ {error.message}")
            return
        label.setStyleSheet(f"color: {OK_COLOUR};")
        label.setText("✓ A valid NPI.")

    @property
    def npi_status(self) -> str:
        return self.ui.npiStatusLabel.text()

    # Diagnoses --------------------------------------------------------------------------------

    def codes(self) -> list[str]:
        return [
            self.ui.diagnosisList.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.ui.diagnosisList.count())
        ]

    def add_code(self, text: str) -> bool:
        """Check a code against the code set; a billable one joins the list, otherwise the reason is shown."""
        status = self.ui.diagnosisStatusLabel
        try:
            entry = saving.check_diagnosis(self._workspace.codes, text)
        except ValidationError as error:
            status.setStyleSheet(f"color: {ERROR_COLOUR};")
            status.setText(error.message)
            return False
        if entry.code in self.codes():
            status.setStyleSheet("")
            status.setText(f"{entry.code} is already on the list.")
            return False
        self._append(entry.code, entry.description)
        status.setStyleSheet("")
        status.setText(f"Added {entry.code}.")
        self._update_code_buttons()
        if self.picker is not None and self.picker.isAncestorOf(self.focusWidget()):
            # Ready for the next code: the code chosen last no longer sits before what is typed next.
            self.picker.reset()  # type: ignore[attr-defined]
        return True

    def _append(self, code: str, description: str | None = None) -> None:
        if description is None:
            entry = self._workspace.codes.lookup(code)
            description = entry.description if entry else "not in the loaded code set"
        item = QListWidgetItem(f"{code}    {description}")
        item.setData(Qt.ItemDataRole.UserRole, code)
        self.ui.diagnosisList.addItem(item)
        self.ui.diagnosisList.setCurrentItem(item)

    def _add_typed_code(self) -> None:
        if self.add_code(self.ui.codeEdit.text()):
            self.ui.codeEdit.clear()

    def remove_current_code(self) -> None:
        row = self.ui.diagnosisList.currentRow()
        if row >= 0:
            item = self.ui.diagnosisList.takeItem(row)
            self.ui.diagnosisStatusLabel.setText(f"Removed {item.data(Qt.ItemDataRole.UserRole)}.")
        self._update_code_buttons()

    def _update_code_buttons(self) -> None:
        self.ui.removeCodeButton.setEnabled(self.ui.diagnosisList.currentRow() >= 0)
        if self.ui.diagnosisList.count() == 0 and not self.ui.diagnosisStatusLabel.text():
            self.ui.diagnosisStatusLabel.setText(
                "No codes yet: type the code or words from the prescription and press Enter."
            )

    # Saving -----------------------------------------------------------------------------------

    def prescription_from_form(self) -> Prescription:
        ui = self.ui
        written_on = ui.writtenEdit.date()
        assert written_on is not None  # required: date() refuses an empty field
        return Prescription(
            key=self.prescription_key or "",
            prescriber_name=ui.prescriberEdit.text(),
            written_on=written_on,
            diagnoses=tuple(self.codes()),
            prescriber_credentials=ui.credentialsEdit.text(),
            prescriber_npi=ui.npiEdit.text(),
            starts_on=ui.startsEdit.date(),
            expires_on=ui.expiresEdit.date(),
            authorized_visits=ui.visitsSpin.value() or None,
            frequency=ui.frequencyEdit.text(),
            body_areas=ui.bodyAreasEdit.text(),
            notes=ui.notesEdit.toPlainText(),
        )

    def store_record(self) -> None:
        saved = patients.save_prescription(
            self._workspace,
            self._patient_key,
            self.prescription_from_form(),
            today=self._today,
        )
        self._prescription = saved
        self.prescription_key = saved.key
        self.saved.emit(saved.key)
