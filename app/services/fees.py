"""The fee schedule and the procedure codes it prices: read, checked and saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.errors import ValidationError

if TYPE_CHECKING:
    from app.domain.money import Cents
    from app.domain.practice import FeeSchedule
    from app.domain.procedures import Procedure
    from app.services.workspace import Workspace


def check_fee(code: str, cents: Cents | None) -> None:
    """ValidationError unless `cents` can be a fee per unit (None: the code has no fee)."""
    if cents is not None and cents < 0:
        raise ValidationError(f"fee.{code}", f"Fee for {code}: a fee cannot be negative.")


def procedures(workspace: Workspace) -> dict[str, Procedure]:
    """The built-in procedure codes, then the ones the therapist added, by code."""
    return workspace.store.procedures()


def fee_schedule(workspace: Workspace) -> FeeSchedule:
    return workspace.store.fees()


def save_fee(workspace: Workspace, code: str, cents: Cents | None) -> None:
    """Set the fee per unit of `code` (None removes it)."""
    check_fee(code, cents)
    workspace.store.save_fee(code, cents)


def add_procedure(workspace: Workspace, code: str, description: str, *, timed: bool) -> Procedure:
    """A code of the therapist's own in the fee schedule (ValidationError names the field)."""
    from app.services import saving

    return saving.add_procedure(workspace.store, code, description, timed=timed)
