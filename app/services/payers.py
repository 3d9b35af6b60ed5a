"""The practice's payers (insurers, HSA/FSA, self-pay): listed, read and saved after their checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domain.practice import Payer
    from app.services.workspace import Workspace


def payers(workspace: Workspace) -> tuple[Payer, ...]:
    return workspace.store.payers()


def payer(workspace: Workspace, key: str) -> Payer | None:
    return workspace.store.payer(key)


def save_payer(workspace: Workspace, given: Payer) -> Payer:
    """Add (empty key) or update a payer; returns it as stored. ValidationError names the field."""
    from app.services import saving

    return saving.save_payer(workspace.store, given)
