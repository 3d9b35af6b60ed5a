"""Add or edit a coverage: the payer's kind decides which fields appear (member ID, claim, authorisation)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.domain.errors import ValidationError
from app.domain.practice import Coverage, Payer, PayerKind, Relationship, Subscriber
from app.services import records
from app.services.workspace import Workspace
from app.ui.forms.ui_coverage_dialog import Ui_CoverageDialog
from app.ui.record_form import (
    RecordDialog,
    fill_combo,
    make_optional,
    optional_date,
    select_data,
    set_optional_date,
    to_qdate,
)

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


class CoverageDialog(RecordDialog):
    """`saved(coverage_key)` after a successful save."""

    saved = Signal(str)
    what = "this coverage"

    def __init__(
        self,
        workspace: Workspace,
        patient_key: str,
        coverage_key: str | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._patient_key = patient_key
        self._today = today or date.today()
        self.ui = Ui_CoverageDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._payers: dict[str, Payer] = {payer.key: payer for payer in workspace.store.payers()}
        fill_combo(
            ui.payerCombo,
            [("Choose the payer…", None)]
            + [(f"{p.name}  ({p.kind.label})", p.key) for p in self._payers.values()],
        )
        fill_combo(ui.relationshipCombo, RELATIONSHIPS)
        make_optional(ui.injuryDateEdit, lambda: self._today)
        make_optional(ui.subscriberDobEdit, lambda: date(1980, 1, 1))
        ui.injuryDateEdit.setMaximumDate(to_qdate(self._today))
        ui.subscriberDobEdit.setMaximumDate(to_qdate(self._today))
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
        chart = workspace.store.chart(patient_key)
        self._coverage = chart.coverage(coverage_key) if coverage_key else None
        self.coverage_key = self._coverage.key if self._coverage else None
        self._load()
        self._show_fields()
        self.setMinimumWidth(600)
        self.setWindowTitle(f"{'Coverage' if self._coverage else 'New coverage'}: {chart.patient.full_name}")
        ui.payerCombo.setFocus()

    def _load(self) -> None:
        ui, c = self.ui, self._coverage
        with self.watcher.loading():
            if not self._payers:
                ui.payerCombo.setItemText(0, "No payers yet: add them under Payers & fees")
            if c is None:
                return
            select_data(ui.payerCombo, c.payer)
            ui.memberIdEdit.setText(c.member_id or "")
            ui.groupEdit.setText(c.group_number or "")
            ui.claimEdit.setText(c.claim_number or "")
            set_optional_date(ui.injuryDateEdit, c.injury_date)
            ui.employerEdit.setText(c.employer or "")
            ui.accidentStateEdit.setText(c.accident_state or "")
            ui.adjusterEdit.setText(c.adjuster or "")
            ui.authorizationEdit.setText(c.authorization_number or "")
            select_data(ui.relationshipCombo, c.relationship)
            if c.subscriber is not None:
                ui.subscriberFirstEdit.setText(c.subscriber.first_name)
                ui.subscriberLastEdit.setText(c.subscriber.last_name)
                set_optional_date(ui.subscriberDobEdit, c.subscriber.date_of_birth)
            ui.visitLimitSpin.setValue(c.annual_visit_limit or 0)

    def payer(self) -> Payer | None:
        key = self.ui.payerCombo.currentData()
        return self._payers.get(key) if key else None

    def _relationship(self) -> Relationship:
        # Qt hands a StrEnum back as a plain str.
        return Relationship(self.ui.relationshipCombo.currentData() or Relationship.SELF)

    def _show_fields(self) -> None:
        ui = self.ui
        payer = self.payer()
        wanted = records.COVERAGE_FIELDS[payer.kind] if payer else frozenset()
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
        ui.payerKindLabel.setText(
            KIND_HINTS[payer.kind] if payer else "The payer decides which details are asked for."
        )
        self.adjustSize()

    def coverage_from_form(self) -> Coverage:
        ui = self.ui
        payer = self.payer()
        relationship = self._relationship()
        subscriber = None
        if relationship is not Relationship.SELF:
            born = optional_date(ui.subscriberDobEdit)
            if born is None and payer is not None and "relationship" in records.COVERAGE_FIELDS[payer.kind]:
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
            injury_date=optional_date(ui.injuryDateEdit),
            employer=ui.employerEdit.text(),
            accident_state=ui.accidentStateEdit.text(),
            adjuster=ui.adjusterEdit.text(),
            authorization_number=ui.authorizationEdit.text(),
            annual_visit_limit=ui.visitLimitSpin.value() or None,
        )

    def store_record(self) -> None:
        saved = records.save_coverage(
            self._workspace.store, self._patient_key, self.coverage_from_form(), today=self._today
        )
        self._coverage = saved
        self.coverage_key = saved.key
        self.saved.emit(saved.key)
