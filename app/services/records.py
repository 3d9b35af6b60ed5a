"""A patient's records as the app edits them: new keys, checks that name the field, balances, usage."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from app.domain.diagnoses import DiagnosisCode, DiagnosisCodeError, DiagnosisCodes, normalize_icd
from app.domain.errors import ValidationError
from app.domain.identifiers import validate_npi, validate_payer_id, validate_state
from app.domain.issued import IssuedSuperbill
from app.domain.money import Cents, format_money
from app.domain.practice import (
    NO_PRACTITIONER,
    Address,
    Coverage,
    Patient,
    PatientChart,
    Payer,
    PayerKind,
    Payment,
    Prescription,
    Relationship,
    Visit,
)
from app.domain.procedures import CATALOGUE, Procedure, is_procedure_code
from app.domain.record_dates import check_dates
from app.domain.superbill import SuperbillData, Totals
from app.store.keys import RecordKind, new_key
from app.store.records import PracticeStore

_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Which coverage fields a payer kind asks for (docs/design.md 5, "Payers and what each kind needs").
_INSURED = frozenset({"member_id", "group_number", "relationship", "authorization_number", "visit_limit"})
COVERAGE_FIELDS: Mapping[PayerKind, frozenset[str]] = {
    PayerKind.COMMERCIAL: _INSURED,
    PayerKind.MEDICARE: _INSURED,
    PayerKind.MEDICARE_ADVANTAGE: _INSURED,
    PayerKind.MEDICAID: _INSURED,
    PayerKind.WORKERS_COMP: frozenset({"claim_number", "injury_date", "employer", "adjuster", "visit_limit"}),
    PayerKind.AUTO: frozenset({"claim_number", "injury_date", "accident_state", "adjuster", "visit_limit"}),
    PayerKind.VA_COMMUNITY_CARE: frozenset({"authorization_number", "visit_limit"}),
    PayerKind.HSA_FSA: frozenset(),
    PayerKind.SELF_PAY: frozenset(),
}


def _blank(text: str | None) -> str | None:
    """Text as typed, without surrounding spaces; None when nothing was typed."""
    stripped = (text or "").strip()
    return stripped or None


def _check_address(address: Address | None, field: str) -> Address | None:
    if address is None:
        return None
    parts = {
        "line1": _blank(address.line1),
        "city": _blank(address.city),
        "state": _blank(address.state),
        "zip": _blank(address.zip),
    }
    line2 = _blank(address.line2)
    if not any(parts.values()) and not line2:
        return None
    words = {"line1": "Street", "city": "City", "state": "State", "zip": "ZIP code"}
    for name, value in parts.items():
        if value is None:
            raise ValidationError(
                f"{field}.{name}",
                f"{words[name]} is missing: fill in the whole address or leave it all empty.",
            )
    state = validate_state(parts["state"], field=f"{field}.state")
    zip_code = parts["zip"] or ""
    if not _ZIP.match(zip_code):
        raise ValidationError(f"{field}.zip", f'ZIP code "{zip_code}": use 5 digits, such as 98109.')
    return Address(
        line1=parts["line1"] or "", city=parts["city"] or "", state=state, zip=zip_code, line2=line2
    )


# Patients --------------------------------------------------------------------------------------


def save_patient(store: PracticeStore, patient: Patient, *, today: date) -> Patient:
    """Add (an empty key gets a new one) or update a patient; returns it as stored, with its account number.

    The name is kept exactly as typed (any script, accents, hyphens), only surrounding spaces dropped.
    """
    first, last = _blank(patient.first_name), _blank(patient.last_name)
    if first is None:
        raise ValidationError(
            "patient.first_name", "First name is missing: type it as on the insurance card."
        )
    if last is None:
        raise ValidationError("patient.last_name", "Last name is missing: type it as on the insurance card.")
    check_dates(patient, "patient", today=today)
    email = _blank(patient.email)
    if email is not None and not _EMAIL.match(email):
        raise ValidationError("patient.email", f'"{email}" is not an email address such as name@example.com.')
    checked = replace(
        patient,
        key=patient.key or new_key(RecordKind.PATIENT),
        first_name=first,
        last_name=last,
        sex=_blank(patient.sex),
        address=_check_address(patient.address, "patient.address"),
        phone=_blank(patient.phone),
        email=email,
    )
    return store.save_patient(checked)


# Coverages -------------------------------------------------------------------------------------


def save_coverage(store: PracticeStore, patient_key: str, coverage: Coverage, *, today: date) -> Coverage:
    """Add (empty key) or update a coverage; fields the payer's kind does not use are cleared."""
    payer = store.payer(coverage.payer) if coverage.payer else None
    if payer is None:
        raise ValidationError("coverage.payer", "Choose the payer this coverage is with.")
    wanted = COVERAGE_FIELDS[payer.kind]

    def keep(name: str, value: str | None) -> str | None:
        return _blank(value) if name in wanted else None

    relationship = coverage.relationship if "relationship" in wanted else Relationship.SELF
    subscriber = coverage.subscriber if relationship is not Relationship.SELF else None
    if relationship is not Relationship.SELF:
        if subscriber is None or not _blank(subscriber.first_name):
            raise ValidationError(
                "coverage.subscriber.first_name", "Subscriber's first name is missing (the insured person)."
            )
        if not _blank(subscriber.last_name):
            raise ValidationError("coverage.subscriber.last_name", "Subscriber's last name is missing.")
        subscriber = replace(
            subscriber,
            first_name=(subscriber.first_name or "").strip(),
            last_name=(subscriber.last_name or "").strip(),
        )
    injury_date = coverage.injury_date if "injury_date" in wanted else None
    state = keep("accident_state", coverage.accident_state)
    if state is not None:
        state = validate_state(state, field="coverage.accident_state", label="Accident state")
    limit = coverage.annual_visit_limit if "visit_limit" in wanted else None
    if limit is not None and limit <= 0:
        raise ValidationError("coverage.annual_visit_limit", "Annual visit limit must be 1 or more, or none.")
    checked = Coverage(
        key=coverage.key or new_key(RecordKind.COVERAGE),
        payer=payer.key,
        relationship=relationship,
        member_id=keep("member_id", coverage.member_id),
        group_number=keep("group_number", coverage.group_number),
        subscriber=subscriber,
        claim_number=keep("claim_number", coverage.claim_number),
        injury_date=injury_date,
        employer=keep("employer", coverage.employer),
        accident_state=state,
        adjuster=keep("adjuster", coverage.adjuster),
        authorization_number=keep("authorization_number", coverage.authorization_number),
        annual_visit_limit=limit,
    )
    check_dates(checked, "coverage", today=today)
    store.save_coverage(patient_key, checked)
    return checked


# Prescriptions ---------------------------------------------------------------------------------


def check_diagnosis(
    codes: DiagnosisCodes, text: str, *, field: str = "prescription.diagnoses", on: date | None = None
) -> DiagnosisCode:
    """The code-set entry for a typed ICD-10-CM code, or ValidationError saying why it cannot be billed.

    ``on``: the date the code is for (a prescription's date written); the release in force then
    judges it. Without it, the newest release.
    """
    try:
        code = normalize_icd(text)
    except DiagnosisCodeError as error:
        raise ValidationError(field, str(error)) from None
    entry = codes.lookup(code, on) if on is not None else codes.lookup(code, codes.release.first_date)
    release = codes.release_on(on) if on is not None else codes.release
    if entry is None:
        raise ValidationError(field, f"{code} is not in {release.name}: check the code on the prescription.")
    if not entry.billable:
        children = [child.code for child in codes.billable_children(code, on)]
        choice = f": choose one of {', '.join(children[:6])}" + ("…" if len(children) > 6 else "")
        raise ValidationError(field, f"{code} is a heading, not a billable code{choice if children else ''}.")
    return entry


def save_prescription(
    store: PracticeStore, codes: DiagnosisCodes, patient_key: str, prescription: Prescription, *, today: date
) -> Prescription:
    """Add (empty key) or update a prescription; the NPI and every diagnosis code are checked."""
    name = _blank(prescription.prescriber_name)
    if name is None:
        raise ValidationError("prescription.prescriber_name", "Prescriber's name is missing.")
    npi = _blank(prescription.prescriber_npi)
    if npi is not None:
        npi = validate_npi(npi, field="prescription.prescriber_npi", label="Prescriber NPI")
    check_dates(prescription, "prescription", today=today)
    starts, expires = prescription.starts_on, prescription.expires_on
    if starts is not None and starts < prescription.written_on:
        raise ValidationError(
            "prescription.starts_on", "It starts before the date it was written: check both dates."
        )
    if expires is not None and expires < (starts or prescription.written_on):
        raise ValidationError("prescription.expires_on", "It expires before it starts: check both dates.")
    visits = prescription.authorized_visits
    if visits is not None and visits <= 0:
        raise ValidationError(
            "prescription.authorized_visits", "Authorized visits must be 1 or more, or none."
        )
    diagnoses: list[str] = []
    for index, text in enumerate(prescription.diagnoses):
        entry = check_diagnosis(
            codes, text, field=f"prescription.diagnoses[{index}]", on=prescription.written_on
        )
        if entry.code not in diagnoses:
            diagnoses.append(entry.code)
    checked = replace(
        prescription,
        key=prescription.key or new_key(RecordKind.PRESCRIPTION),
        prescriber_name=name,
        prescriber_credentials=_blank(prescription.prescriber_credentials),
        prescriber_npi=npi,
        diagnoses=tuple(diagnoses),
        frequency=_blank(prescription.frequency),
        body_areas=_blank(prescription.body_areas),
        notes=_blank(prescription.notes),
    )
    store.save_prescription(patient_key, checked)
    return checked


# Payments --------------------------------------------------------------------------------------


def save_payment(store: PracticeStore, patient_key: str, payment: Payment, *, today: date) -> Payment:
    if payment.amount <= 0:
        raise ValidationError("payment.amount", "Amount must be more than $0.00, such as 45.00.")
    check_dates(payment, "payment", today=today)
    checked = replace(
        payment, key=payment.key or new_key(RecordKind.PAYMENT), reference=_blank(payment.reference)
    )
    store.save_payment(patient_key, checked)
    return checked


# Payers, fees and codes ------------------------------------------------------------------------


def save_payer(store: PracticeStore, payer: Payer) -> Payer:
    name = _blank(payer.name)
    if name is None:
        raise ValidationError("payer.name", "Payer's name is missing, such as Premera Blue Cross.")
    if payer.filing_limit_days is not None and payer.filing_limit_days <= 0:
        raise ValidationError("payer.filing_limit_days", "Filing limit must be 1 day or more, or none.")
    checked = replace(
        payer,
        key=payer.key or new_key(RecordKind.PAYER),
        name=name,
        phone=_blank(payer.phone),
        address=_check_address(payer.address, "payer.address"),
        payer_id=validate_payer_id(payer.payer_id, field="payer.payer_id"),
    )
    store.save_payer(checked)
    return checked


def add_procedure(store: PracticeStore, code: str, description: str, *, timed: bool) -> Procedure:
    """A code of the therapist's own (a HCPCS code, a code a payer asked for) in the fee schedule."""
    cleaned = code.strip().upper()
    if not is_procedure_code(cleaned):
        raise ValidationError(
            "procedure.code",
            f'"{code.strip()}" is not a procedure code: five characters, such as 97039 or G0283.',
        )
    if cleaned in CATALOGUE:
        raise ValidationError("procedure.code", f"{cleaned} is already in the list.")
    words = _blank(description)
    if words is None:
        raise ValidationError("procedure.description", "Say in a few words what the code is for.")
    procedure = Procedure(cleaned, words, timed=timed, user_added=True)
    store.save_procedure(procedure)
    return procedure


# What the patient view shows -------------------------------------------------------------------


@dataclass(frozen=True)
class PrescriptionUsage:
    used: int
    authorized: int | None

    @property
    def text(self) -> str:
        if self.authorized is None:
            return f"used {self.used}"
        return f"used {self.used} of {self.authorized}"

    @property
    def used_up(self) -> bool:
        return self.authorized is not None and self.used >= self.authorized


@dataclass(frozen=True)
class VisitCharges:
    visit: Visit
    procedures: tuple[str, ...]  # "97124", "97140-59"
    units: int
    charge: Cents
    superbill: str | None  # the number of the issued superbill it is on


@dataclass(frozen=True)
class PatientAccount:
    """A patient's chart with what it adds up to: charges per visit, balance, prescription usage."""

    chart: PatientChart
    visits: tuple[VisitCharges, ...]
    totals: Totals
    usage: Mapping[str, PrescriptionUsage]  # by prescription key
    superbills: tuple[IssuedSuperbill, ...]
    payers: Mapping[str, Payer]

    @property
    def balance_text(self) -> str:
        return format_money(self.totals.balance)


def prescription_usage(chart: PatientChart, prescription: Prescription) -> PrescriptionUsage:
    used = sum(1 for visit in chart.visits if visit.prescription == prescription.key)
    return PrescriptionUsage(used, prescription.authorized_visits)


def patient_account(store: PracticeStore, patient_key: str) -> PatientAccount:
    """Everything the patient view shows, priced the way a superbill over all visits would price it."""
    chart = store.chart(patient_key)
    payers = {payer.key: payer for payer in store.payers()}
    data = SuperbillData(
        practitioner=store.practitioner() or NO_PRACTITIONER,
        chart=chart,
        visits=tuple(sorted(chart.visits, key=lambda v: v.date)),
        payments=chart.payments,
        payers=payers,
        fees=store.fees(),
        procedures=store.procedures(),
    )
    superbills = tuple(store.superbills(patient_key))
    on_superbill = {key: issued.number for issued in superbills for key in issued.visit_keys}
    visits = []
    for visit in data.visits:
        priced = data.priced_visit(visit)
        visits.append(
            VisitCharges(
                visit=visit,
                procedures=tuple("-".join((p.line.cpt, *p.line.modifiers)) for p in priced),
                units=sum(p.units for p in priced),
                charge=sum(p.charge for p in priced),
                superbill=on_superbill.get(visit.key),
            )
        )
    return PatientAccount(
        chart=chart,
        visits=tuple(visits),
        totals=data.totals(),
        usage={rx.key: prescription_usage(chart, rx) for rx in chart.prescriptions},
        superbills=superbills,
        payers=payers,
    )


def balance_due(store: PracticeStore, patient_key: str) -> Cents:
    return patient_account(store, patient_key).totals.balance
