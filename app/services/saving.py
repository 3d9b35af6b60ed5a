"""Saving what the therapist typed: each record checked (the message names the field), given a new key
when it has none, then written to the store. Every screen and importer saves through here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from app.domain.addresses import check_address
from app.domain.diagnoses import DiagnosisCode, DiagnosisCodeError, DiagnosisCodes, normalize_icd
from app.domain.emails import check_email
from app.domain.errors import ValidationError
from app.domain.identifiers import (
    ORGANIZATION_NPI,
    validate_license_number,
    validate_npi,
    validate_payer_id,
    validate_state,
    validate_tax_id,
    validate_taxonomy,
)
from app.domain.phones import check_phone
from app.domain.practice import (
    Coverage,
    Patient,
    Payer,
    PayerKind,
    Payment,
    Practitioner,
    Prescription,
    Relationship,
)
from app.domain.procedures import CATALOGUE, Procedure, is_procedure_code
from app.domain.record_dates import check_dates
from app.store.keys import RecordKind, new_key
from app.store.records import PracticeStore

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


# The practice profile -------------------------------------------------------------------------


def save_practitioner(store: PracticeStore, practitioner: Practitioner) -> Practitioner:
    """Check the practice profile as the form checks it, then store it; returns it as stored.

    Fields are named as the Practitioner's attributes (and the profile form's): "address.zip".
    """
    checked = check_practitioner(practitioner)
    store.save_practitioner(checked)
    return checked


def check_practitioner(p: Practitioner) -> Practitioner:
    """The profile with surrounding spaces dropped, or ValidationError naming the first field that
    cannot be printed on a superbill."""
    for name, label in (
        ("first_name", "First name"),
        ("last_name", "Last name"),
        ("credentials", "Credentials"),
    ):
        if _blank(getattr(p, name)) is None:
            raise ValidationError(name, f"{label} is missing.")
    address = check_address(p.address, "address")
    if address is None:
        raise ValidationError(
            "address.line1", "Street is missing: the address is printed on every superbill."
        )
    org_npi = _blank(p.organization_npi)
    taxonomy = _blank(p.taxonomy)
    return replace(
        p,
        first_name=p.first_name.strip(),
        last_name=p.last_name.strip(),
        credentials=p.credentials.strip(),
        practice_name=_blank(p.practice_name),
        npi=validate_npi(p.npi),
        organization_npi=validate_npi(org_npi, field="organization_npi", label=ORGANIZATION_NPI)
        if org_npi
        else None,
        tax_id=validate_tax_id(p.tax_id, p.tax_id_type),
        license_number=validate_license_number(p.license_number),
        license_state=validate_state(p.license_state, field="license_state", label="License state"),
        taxonomy=validate_taxonomy(taxonomy) if taxonomy else None,
        address=address,
        phone=check_phone(p.phone, required=True) or "",
        email=check_email(p.email),
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
    checked = replace(
        patient,
        key=patient.key or new_key(RecordKind.PATIENT),
        first_name=first,
        last_name=last,
        sex=_blank(patient.sex),
        address=check_address(patient.address, "patient.address"),
        phone=check_phone(patient.phone, field="patient.phone"),
        email=check_email(patient.email, field="patient.email"),
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
        phone=check_phone(payer.phone, field="payer.phone"),
        address=check_address(payer.address, "payer.address"),
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
