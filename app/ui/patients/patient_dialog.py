"""Add or edit a patient: the name exactly as on the insurance card, date of birth, sex and contact details."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.domain.practice import Patient
from app.services import patients
from app.services.workspace import Workspace
from app.ui.forms.ui_patient_dialog import Ui_PatientDialog
from app.ui.widgets.address_fields import address_from, show_address
from app.ui.widgets.as_typed import format_phone_as_typed
from app.ui.widgets.fit import fit_dialog
from app.ui.widgets.record_form import RecordDialog, fill_combo, select_data

SEXES: tuple[tuple[str, str | None], ...] = (
    ("Not given", None),
    ("Female", "F"),
    ("Male", "M"),
    ("X (another or unspecified)", "X"),
)


class PatientDialog(RecordDialog):
    """`saved(patient_key)` after a successful save; a new patient gets a key and an account number."""

    saved = Signal(str)
    what = "this patient"

    def __init__(
        self,
        workspace: Workspace,
        patient_key: str | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._today = today or date.today()
        self.ui = Ui_PatientDialog()
        self.ui.setupUi(self)
        ui = self.ui
        fill_combo(ui.sexCombo, SEXES)
        # No made-up default: a wrong date of birth gets a claim rejected, so it starts empty.
        ui.dobEdit.configure("Date of birth", today=self._today, years="past", required=True)
        ui.nameHintLabel.setEnabled(False)
        self.setup_record_form(
            ui.buttonBox,
            ui.errorLabel,
            {
                "patient.first_name": ui.firstNameEdit,
                "patient.last_name": ui.lastNameEdit,
                "patient.date_of_birth": ui.dobEdit,
                "patient.sex": ui.sexCombo,
                "patient.address.line1": ui.line1Edit,
                "patient.address.line2": ui.line2Edit,
                "patient.address.city": ui.cityEdit,
                "patient.address.state": ui.stateEdit,
                "patient.address.zip": ui.zipEdit,
                "patient.phone": ui.phoneEdit,
                "patient.email": ui.emailEdit,
            },
        )
        self._patient: Patient | None = patients.patient(workspace, patient_key) if patient_key else None
        self.patient_key = self._patient.key if self._patient else None
        format_phone_as_typed(ui.phoneEdit)
        self._load()
        self.setMinimumWidth(720)
        ui.firstNameEdit.setFocus()
        fit_dialog(self)

    def _load(self) -> None:
        ui, patient = self.ui, self._patient
        with self.watcher.loading():
            if patient is None:
                self.setWindowTitle("New patient")
                return
            self.setWindowTitle(f"Patient: {patient.full_name}")
            ui.firstNameEdit.setText(patient.first_name)
            ui.lastNameEdit.setText(patient.last_name)
            ui.dobEdit.set_date(patient.date_of_birth)
            select_data(ui.sexCombo, patient.sex)
            show_address(ui, patient.address)
            ui.phoneEdit.setText(patient.phone or "")
            ui.emailEdit.setText(patient.email or "")

    def patient_from_form(self) -> Patient:
        ui = self.ui
        born = ui.dobEdit.date()
        assert born is not None  # required: date() refuses an empty field
        return Patient(
            key=self.patient_key or "",
            first_name=ui.firstNameEdit.text(),
            last_name=ui.lastNameEdit.text(),
            date_of_birth=born,
            sex=ui.sexCombo.currentData(),
            address=address_from(ui),
            phone=ui.phoneEdit.text(),
            email=ui.emailEdit.text(),
            account_number=self._patient.account_number if self._patient else None,
        )

    def store_record(self) -> None:
        saved = patients.save_patient(self._workspace, self.patient_from_form(), today=self._today)
        self._patient = saved
        self.patient_key = saved.key
        self.saved.emit(saved.key)
