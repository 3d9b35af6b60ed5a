"""Rules about the provider: name, address, phone, NPI, Tax ID, licence and taxonomy."""

from __future__ import annotations

from collections.abc import Iterator

from app.domain.check.findings import Context, Finding, blank, error, listing, warning
from app.domain.check.findings import FindingCode as C
from app.domain.errors import ValidationError
from app.domain.identifiers import (
    ORGANIZATION_NPI,
    validate_license_number,
    validate_npi,
    validate_state,
    validate_tax_id,
    validate_taxonomy,
)


def provider_contact(ctx: Context) -> Iterator[Finding]:
    p = ctx.data.practitioner
    if blank(p.first_name) or blank(p.last_name):
        field = "practitioner.first_name" if blank(p.first_name) else "practitioner.last_name"
        yield error(
            C.PROVIDER_NAME_MISSING, field, f"Your first and last name must both be on the {ctx.document}."
        )
    if blank(p.credentials):
        yield error(
            C.PROVIDER_CREDENTIALS_MISSING,
            "practitioner.credentials",
            f"Your credentials (such as LMT) must follow your name on the {ctx.document}.",
        )
    parts = {
        "street": p.address.line1,
        "city": p.address.city,
        "state": p.address.state,
        "ZIP": p.address.zip,
    }
    missing = [name for name, value in parts.items() if blank(value)]
    if missing:
        attribute = {"street": "line1", "ZIP": "zip"}.get(missing[0], missing[0])
        yield error(
            C.PROVIDER_ADDRESS_MISSING,
            f"practitioner.address.{attribute}",
            f"Your practice address has no {listing(missing)}: insurers send the patient's "
            "reimbursement paperwork against it.",
        )
    if blank(p.phone):
        yield error(
            C.PROVIDER_PHONE_MISSING,
            "practitioner.phone",
            f"Your phone number must be on the {ctx.document} so the insurer can reach you.",
        )


def provider_npi(ctx: Context) -> Iterator[Finding]:
    p = ctx.data.practitioner
    try:
        validate_npi(p.npi, field="practitioner.npi", label="Your individual NPI")
    except ValidationError as problem:
        code = C.NPI_MISSING if blank(p.npi) else C.NPI_INVALID
        yield error(code, problem.field, problem.message)
    if not blank(p.organization_npi):
        try:
            validate_npi(p.organization_npi, field="practitioner.organization_npi", label=ORGANIZATION_NPI)
        except ValidationError as problem:
            yield error(C.ORGANIZATION_NPI_INVALID, problem.field, problem.message)


def provider_tax_id(ctx: Context) -> Iterator[Finding]:
    p = ctx.data.practitioner
    try:
        validate_tax_id(p.tax_id, p.tax_id_type, field="practitioner.tax_id")
    except ValidationError as problem:
        code = C.TAX_ID_MISSING if blank(p.tax_id) else C.TAX_ID_INVALID
        yield error(code, problem.field, problem.message)


def provider_license(ctx: Context) -> Iterator[Finding]:
    p = ctx.data.practitioner
    try:
        validate_license_number(p.license_number, field="practitioner.license_number")
    except ValidationError as problem:
        yield error(C.LICENSE_NUMBER_MISSING, problem.field, problem.message)
    try:
        validate_state(p.license_state, field="practitioner.license_state", label="License state")
    except ValidationError as problem:
        code = C.LICENSE_STATE_MISSING if blank(p.license_state) else C.LICENSE_STATE_INVALID
        yield error(code, problem.field, problem.message)
    if p.taxonomy is not None and not blank(p.taxonomy):
        try:
            validate_taxonomy(p.taxonomy, field="practitioner.taxonomy")
        except ValidationError as problem:
            yield warning(C.TAXONOMY_INVALID, problem.field, problem.message)


def provider_signature(ctx: Context) -> Iterator[Finding]:
    if not ctx.data.practitioner.signature_png:
        yield warning(
            C.SIGNATURE_MISSING,
            "practitioner.signature_png",
            "No signature image is on file: the provider's signature line prints blank, so sign each "
            "superbill by hand before it is sent (or set one: `superbill signature set FILE.png`, or Settings).",
        )


RULES = (provider_contact, provider_npi, provider_tax_id, provider_license, provider_signature)
