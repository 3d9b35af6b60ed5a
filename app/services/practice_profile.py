"""The practitioner's profile and the paper size: read, checked and saved for the setup wizard,
the settings dialog and the practice-file importer alike (one set of checks for all three)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

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
    """The practitioner as it may be stored, or ValidationError naming the first field that cannot be:
    the one profile rule (app.services.saving.check_practitioner), which the form, the wizard and
    the practice file share."""
    from app.services.saving import check_practitioner as checked  # not before the first frame

    return checked(given)


def save_profile(
    workspace: Workspace, given: Practitioner, paper: PaperSize, claim_offset: tuple[int, int] | None = None
) -> Practitioner:
    """The settings dialog's Save: the profile, the paper size and the red claim forms' printer
    offset (hundredths of an inch, right and down) in one transaction, or none of them."""
    checked = check_practitioner(given)
    store = workspace.store
    with store.transaction():
        store.save_practitioner(checked)
        store.save_paper_size(paper)
        if claim_offset is not None:
            store.save_claim_offset(*claim_offset)
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
