"""A patient's payments: saved after their checks, or deleted (the audit log keeps an issued one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from app.domain.practice import Payment
    from app.services.workspace import Workspace


def save_payment(workspace: Workspace, patient_key: str, given: Payment, *, today: date) -> Payment:
    from app.services import saving

    return saving.save_payment(workspace.store, patient_key, given, today=today)


def delete_payment(workspace: Workspace, patient_key: str, payment_key: str) -> None:
    workspace.store.delete_payment(patient_key, payment_key)
