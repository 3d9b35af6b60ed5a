"""The practitioner's profile and the paper size: read, checked and saved for the setup wizard,
the settings dialog and the practice-file importer alike (one set of checks for all three)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from app.domain.errors import ValidationError

if TYPE_CHECKING:
    from app.domain.money import Cents
    from app.domain.people import Practitioner
    from app.domain.superbill import PaperSize
    from app.services.workspace import Workspace


def practitioner(workspace: Workspace) -> Practitioner | None:
    """The practice's practitioner; None before the setup wizard has been finished."""
    return workspace.store.practitioner()


def paper_size(workspace: Workspace) -> PaperSize:
    return workspace.store.paper_size()


def check_practitioner(given: Practitioner) -> Practitioner:
    """The practitioner as it may be stored, or ValidationError naming the first field that cannot be.

    The same domain rules the form shows as the therapist types (NPI check digit, tax ID, license,
    state, taxonomy, ZIP code), applied again here so that nothing reaches the store unchecked.
    """
    # Imported here: the main window reads the practitioner for its title before its first frame.
    from app.domain.identifiers import (
        validate_license_number,
        validate_npi,
        validate_state,
        validate_tax_id,
        validate_taxonomy,
    )
    from app.services.records import _check_address  # the address rules of patients and payers

    for name, words in (
        ("first_name", "First name"),
        ("last_name", "Last name"),
        ("credentials", "Credentials"),
    ):
        if not str(getattr(given, name) or "").strip():
            raise ValidationError(name, f"{words} is missing.")
    address = _check_address(given.address, "address")
    if address is None:
        raise ValidationError("address.line1", "Street is missing: it is printed on every superbill.")
    return replace(
        given,
        first_name=given.first_name.strip(),
        last_name=given.last_name.strip(),
        credentials=given.credentials.strip(),
        npi=validate_npi(given.npi),
        organization_npi=validate_npi(
            given.organization_npi, field="organization_npi", label="Organization NPI"
        )
        if given.organization_npi
        else given.organization_npi,
        tax_id=validate_tax_id(given.tax_id, given.tax_id_type),
        license_number=validate_license_number(given.license_number),
        license_state=validate_state(given.license_state, field="license_state", label="License state"),
        taxonomy=validate_taxonomy(given.taxonomy) if given.taxonomy else given.taxonomy,
        address=address,
    )


def save_profile(workspace: Workspace, given: Practitioner, paper: PaperSize) -> Practitioner:
    """The settings dialog's Save: the profile and the paper size in one transaction, or neither."""
    checked = check_practitioner(given)
    store = workspace.store
    with store.transaction():
        store.save_practitioner(checked)
        store.save_paper_size(paper)
    return checked


def set_up_practice(workspace: Workspace, given: Practitioner, fees: Mapping[str, Cents]) -> Practitioner:
    """The setup wizard's Finish: the practitioner and the first fees in one transaction, or nothing."""
    from app.services.fees import check_fee

    checked = check_practitioner(given)
    for code, cents in fees.items():
        check_fee(code, cents)
    store = workspace.store
    with store.transaction():
        store.save_practitioner(checked)
        for code, cents in fees.items():
            store.save_fee(code, cents)
    return checked
