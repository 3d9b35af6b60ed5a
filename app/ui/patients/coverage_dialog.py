"""Add or edit a coverage: the payer's kind decides which fields appear (member ID, claim, authorisation)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.domain.errors import ValidationError
from app.domain.practice import Coverage, Payer, PayerKind, Relationship, Subscriber
from app.services import patients, payers, saving
from app.services.workspace import Workspace
from app.ui.forms.ui_coverage_dialog import Ui_CoverageDialog
from app.ui.patients.patient_record_dialog import PatientRecordDialog
from app.ui.practice.new_payer_dialog import NewPayerDialog, add_new_payer_button
from app.ui.widgets.fit import fit_dialog, fit_to_screen
from app.ui.widgets.record_form import fill_combo, select_data

RELATIONSHIPS = (
    ("The patient is the insured", Relationship.SELF),
    ("Spouse of the insured", Relationship.SPOUSE),
    ("Child of the insured", Relationship.CHILD),
    ("Other", Relationship.OTHER),
)

KIND_HINTS = {
    PayerKind.COMMERCIAL: "Commercial insurance: the superbill needs the member ID; most plans also have a group number.",
    PayerKind.MEDICARE: "Original Medicare does not cover massage on its own: the patient usually pays in full.",
    PayerKind.MEDICARE_ADVANTAGE: "Medicare Advantage: only some plans cover massage, with a prescription, in network.",
    PayerKind.MEDICAID: "Medicaid: coverage differs by state and often needs a physical therapy plan of care.",
    PayerKind.WORKERS_COMP: "Workers' compensation: the superbill needs the claim number and the date of injury.",
    PayerKind.AUTO: "Auto insurance: the superbill needs the claim number and the accident date.",
    PayerKind.VA_COMMUNITY_CARE: "VA Community Care: the superbill needs the referral or authorization number.",
    PayerKind.HSA_FSA: "HSA / FSA: no member ID; the account may ask for a letter of medical necessity.",
    PayerKind.SELF_PAY: "Self-pay: nothing more is needed.",
}


class CoverageDialog(PatientRecordDialog):
    what = "this coverage"

    def __init__(
        self,
        workspace: Workspace,
        patient_key: str,
        coverage_key: str | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workspace, patient_key, today, parent)
        self.ui = Ui_CoverageDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._payers: dict[str, Payer] = {}
        self.new_payer_dialog: NewPayerDialog | None = None
        self._fill_payers()
        self.new_payer_button = add_new_payer_button(ui.coverageForm, ui.payerCombo, self.new_payer)
        fill_combo(ui.relationshipCombo, RELATIONSHIPS)
        ui.injuryDateEdit.configure("Date of injury", today=self._today, years="past")
        ui.subscriberDobEdit.configure("Subscriber's date of birth", today=self._today, years="past")
        ui.payerKindLabel.setEnabled(False)
        self.setup_record_form(
            ui.buttonBox,
            ui.errorLabel,
            {
                "coverage.payer": ui.payerCombo,
                "coverage.member_id": ui.memberIdEdit,
                "coverage.group_number": ui.groupEdit,
                "coverage.claim_number": ui.claimEdit,
                "coverage.injury_date": ui.injuryDateEdit,
                "coverage.employer": ui.employerEdit,
                "coverage.accident_state": ui.accidentStateEdit,
                "coverage.adjuster": ui.adjusterEdit,
                "coverage.authorization_number": ui.authorizationEdit,
                "coverage.relationship": ui.relationshipCombo,
                "coverage.subscriber.first_name": ui.subscriberFirstEdit,
                "coverage.subscriber.last_name": ui.subscriberLastEdit,
                "coverage.subscriber.date_of_birth": ui.subscriberDobEdit,
                "coverage.annual_visit_limit": ui.visitLimitSpin,
            },
        )
        ui.payerCombo.currentIndexChanged.connect(self._show_fields)
        ui.relationshipCombo.currentIndexChanged.connect(self._show_fields)
        chart = patients.chart(workspace, patient_key)
        self._coverage = chart.coverage(coverage_key) if coverage_key else None
        self.coverage_key = self._coverage.key if self._coverage else None
        self._load()
        self._show_fields()
        self.setMinimumWidth(600)
        self.setWindowTitle(f"{'Coverage' if self._coverage else 'New coverage'}: {chart.patient.full_name}")
        ui.payerCombo.setFocus()
        fit_dialog(self)

    def _load(self) -> None:
        ui, c = self.ui, self._coverage
        with self.watcher.loading():
            if c is None:
                if len(self._payers) == 1:  # the only payer there is: nothing to choose
                    ui.payerCombo.setCurrentIndex(1)
                return
            select_data(ui.payerCombo, c.payer)
            ui.memberIdEdit.setText(c.member_id or "")
            ui.groupEdit.setText(c.group_number or "")
            ui.claimEdit.setText(c.claim_number or "")
            ui.injuryDateEdit.set_date(c.injury_date)
            ui.employerEdit.setText(c.employer or "")
            ui.accidentStateEdit.setText(c.accident_state or "")
            ui.adjusterEdit.setText(c.adjuster or "")
            ui.authorizationEdit.setText(c.authorization_number or "")
            select_data(ui.relationshipCombo, c.relationship)
            if c.subscriber is not None:
                ui.subscriberFirstEdit.setText(c.subscriber.first_name)
                ui.subscriberLastEdit.setText(c.subscriber.last_name)
                ui.subscriberDobEdit.set_date(c.subscriber.date_of_birth)
            ui.visitLimitSpin.setValue(c.annual_visit_limit or 0)

    def _fill_payers(self) -> None:
        self._payers = {payer.key: payer for payer in payers.payers(self._workspace)}
        first = "Choose the payer…" if self._payers else "No payers yet: choose New payer… to add one"
        fill_combo(
            self.ui.payerCombo,
            [(first, None)] + [(f"{p.name}  ({p.kind.label})", p.key) for p in self._payers.values()],
        )

    def new_payer(self) -> None:
        """Add a payer without leaving the coverage; it becomes this coverage's payer."""
        dialog = NewPayerDialog(self._workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._payer_added(dialog.payer))
        self.new_payer_dialog = dialog
        dialog.open()

    def _payer_added(self, payer: Payer | None) -> None:
        self.new_payer_dialog = None
        self.activateWindow()  # back here with the keyboard (some platforms forget)
        if payer is None:
            self.ui.payerCombo.setFocus()
            return
        self._fill_payers()
        select_data(self.ui.payerCombo, payer.key)
        self.watcher.changed = True
        self._show_fields()
        ui = self.ui
        shown = [w for w in (ui.memberIdEdit, ui.claimEdit, ui.authorizationEdit) if w.isVisibleTo(self)]
        (shown[0] if shown else ui.payerCombo).setFocus()

    def payer(self) -> Payer | None:
        key = self.ui.payerCombo.currentData()
        return self._payers.get(key) if key else None

    def _relationship(self) -> Relationship:
        # Qt hands a StrEnum back as a plain str.
        return Relationship(self.ui.relationshipCombo.currentData() or Relationship.SELF)

    def _show_fields(self) -> None:
        ui = self.ui
        payer = self.payer()
        wanted = saving.COVERAGE_FIELDS[payer.kind] if payer else frozenset()
        form = ui.coverageForm
        for name, widget in (
            ("member_id", ui.memberIdEdit),
            ("group_number", ui.groupEdit),
            ("claim_number", ui.claimEdit),
            ("injury_date", ui.injuryDateEdit),
            ("employer", ui.employerEdit),
            ("accident_state", ui.accidentStateEdit),
            ("adjuster", ui.adjusterEdit),
            ("authorization_number", ui.authorizationEdit),
            ("relationship", ui.relationshipCombo),
            ("visit_limit", ui.visitLimitSpin),
        ):
            form.setRowVisible(widget, name in wanted)
        through_someone = "relationship" in wanted and self._relationship() is not Relationship.SELF
        for widget in (ui.subscriberFirstEdit, ui.subscriberLastEdit, ui.subscriberDobEdit):
            form.setRowVisible(widget, through_someone)
        auto = payer is not None and payer.kind is PayerKind.AUTO
        ui.injuryDateLabel.setText("Acc&ident date:" if auto else "Date of &injury:")
        ui.injuryDateEdit.label = "Accident date" if auto else "Date of injury"
        ui.payerKindLabel.setText(
            KIND_HINTS[payer.kind] if payer else "The payer decides which details are asked for."
        )
        if self.isVisible():
            # Room for the fields the payer asks for, within the screen (adjustSize shrank the
            # scrolling form to a strip once a payer was added from the dialog).
            fit_to_screen(self)

    def coverage_from_form(self) -> Coverage:
        ui = self.ui
        payer = self.payer()
        relationship = self._relationship()
        subscriber = None
        if relationship is not Relationship.SELF:
            born = ui.subscriberDobEdit.date()
            if born is None and payer is not None and "relationship" in saving.COVERAGE_FIELDS[payer.kind]:
                raise ValidationError(
                    "coverage.subscriber.date_of_birth", "The insured person's date of birth is missing."
                )
            subscriber = Subscriber(
                ui.subscriberFirstEdit.text(), ui.subscriberLastEdit.text(), born or date(1900, 1, 1)
            )
        return Coverage(
            key=self.coverage_key or "",
            payer=payer.key if payer else "",
            relationship=relationship,
            member_id=ui.memberIdEdit.text(),
            group_number=ui.groupEdit.text(),
            subscriber=subscriber,
            claim_number=ui.claimEdit.text(),
            injury_date=ui.injuryDateEdit.date(),
            employer=ui.employerEdit.text(),
            accident_state=ui.accidentStateEdit.text(),
            adjuster=ui.adjusterEdit.text(),
            authorization_number=ui.authorizationEdit.text(),
            annual_visit_limit=ui.visitLimitSpin.value() or None,
        )

    def store_record(self) -> None:
        saved = patients.save_coverage(
            self._workspace, self._patient_key, self.coverage_from_form(), today=self._today
        )
        self._coverage = saved
        self.coverage_key = saved.key
        self.saved.emit(saved.key)
