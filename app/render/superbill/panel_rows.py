"""What the superbill's panels say, row by row: the provider, a referring provider, the patient, the insurance."""

from __future__ import annotations

from app.domain.dates import us_date
from app.domain.identifiers import INDIVIDUAL_NPI, ORGANIZATION_NPI, printed_tax_id
from app.domain.phones import format_phone
from app.domain.practice import Address, Coverage, PayerKind, Prescription, Relationship
from app.domain.superbill import SuperbillData
from app.render.superbill.wording import ACCEPT_ASSIGNMENT, RELATIONSHIP, SAME_AS_BILLING, SEX

Row = tuple[str, str | tuple[str, ...]]  # label, value as one text or as its lines (an address)


def _address(address: Address | None) -> tuple[str, ...]:
    return address.lines() if address else ()


def provider_rows(data: SuperbillData) -> list[Row]:
    who = data.practitioner
    rows: list[Row] = [("Name", who.display_name)]
    if who.practice_name:
        rows.append(("Practice", who.practice_name))
    rows.append(("Address", _address(who.address)))
    rows.append(("Phone", format_phone(who.phone)))
    rows.append((INDIVIDUAL_NPI, who.npi))
    if who.organization_npi:
        rows.append((ORGANIZATION_NPI, who.organization_npi))
    # An SSN is masked unless the therapist allows it in full: the domain's rule (identifiers).
    tax_id = printed_tax_id(who.tax_id, who.tax_id_type, full_ssn=who.print_full_ssn)
    rows.append((f"Tax ID ({who.tax_id_type.value})", tax_id))
    rows.append(("License no.", f"{who.license_number} ({who.license_state})"))
    if who.taxonomy:
        rows.append(("Taxonomy", f"{who.taxonomy} (Massage Therapist)"))
    # Billing under the organization's NPI, the therapist who treated is named (box 24J);
    # billing as themself, they are the billing provider too (box 33).
    if who.organization_npi:
        rows.append(("Rendering provider", who.display_name))
        rows.append(("Rendering NPI", who.npi))
    else:
        rows.append(("Rendering provider", SAME_AS_BILLING))
    rows.append(("Accept assignment", ACCEPT_ASSIGNMENT))
    return rows


def patient_rows(data: SuperbillData) -> list[Row]:
    patient = data.chart.patient
    rows: list[Row] = [
        ("Name", patient.full_name),
        ("Date of birth", us_date(patient.date_of_birth)),
    ]
    if patient.sex:
        rows.append(("Sex", SEX.get(patient.sex.upper(), patient.sex)))
    if patient.address:
        rows.append(("Address", _address(patient.address)))
    if patient.phone:
        rows.append(("Phone", format_phone(patient.phone)))
    if patient.account_number:
        rows.append(("Account no.", patient.account_number))
    return rows


def insurance_rows(data: SuperbillData, coverage: Coverage) -> list[Row]:
    payer = data.payers.get(coverage.payer)
    if payer is None or payer.kind is PayerKind.SELF_PAY:
        return []
    rows: list[Row] = [("Payer", payer.name)]
    if payer.address:
        rows.append(("Payer address", _address(payer.address)))
    if payer.phone:
        rows.append(("Payer phone", format_phone(payer.phone)))
    rows.append(("Plan type", payer.kind.label))
    if coverage.member_id:
        rows.append(("Member ID", coverage.member_id))
    if coverage.group_number:
        rows.append(("Group no.", coverage.group_number))
    # CMS-1500 boxes 4, 11a and 6: who the insured is, always, and the patient's relationship to them.
    if coverage.relationship is Relationship.SELF:
        rows.append(("Insured's name", data.chart.patient.full_name))
    elif coverage.subscriber:
        rows.append(("Insured's name", coverage.subscriber.full_name))
        rows.append(("Insured's DOB", us_date(coverage.subscriber.date_of_birth)))
    rows.append(("Relationship to insured", RELATIONSHIP[coverage.relationship]))
    if coverage.claim_number:
        rows.append(("Claim no.", coverage.claim_number))
    if coverage.injury_date:
        label = "Date of accident" if payer.kind is PayerKind.AUTO else "Date of injury"
        rows.append((label, us_date(coverage.injury_date)))
    if coverage.employer:
        rows.append(("Employer", coverage.employer))
    if coverage.accident_state:
        rows.append(("Accident state", coverage.accident_state))
    if coverage.adjuster:
        rows.append(("Adjuster", coverage.adjuster))
    if coverage.authorization_number:
        rows.append(("Prior auth. no.", coverage.authorization_number))
    return rows


def referrer_rows(prescription: Prescription) -> list[Row]:
    name = prescription.prescriber_name
    if prescription.prescriber_credentials:
        name = f"{name}, {prescription.prescriber_credentials}"
    rows: list[Row] = [("Name", name)]
    if prescription.prescriber_npi:
        rows.append(("NPI", prescription.prescriber_npi))
    rows.append(("Prescription date", us_date(prescription.written_on)))
    return rows


def panel_rows(data: SuperbillData) -> list[tuple[str, list[Row]]]:
    """Every panel in reading order: the provider and referrers, then the patient and insurance."""
    panels = [("Provider", provider_rows(data))]
    panels += [("Referring provider", referrer_rows(p)) for p in data.prescriptions()]
    panels.append(("Patient", patient_rows(data)))
    panels += [("Insurance", rows) for c in data.coverages() if (rows := insurance_rows(data, c))]
    return panels
