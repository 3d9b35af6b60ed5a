"""Superbills already issued: the record kept of each final document handed to a patient."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.money import Cents


@dataclass(frozen=True)
class IssuedSuperbill:
    """What was issued, without the PDF itself."""

    number: str  # "SB-2026-0001", unique in the practice
    patient: str  # Patient.key
    visit_keys: tuple[str, ...]  # the patient's visits on it, in printed order
    first_date: date  # the period it covers
    last_date: date
    issued_on: date
    charges: Cents
    payments: Cents
    balance: Cents
    sha256: str  # hex digest of the PDF bytes
    replaces: str | None = None  # number of the superbill this one corrects
    payment_keys: tuple[str, ...] = ()  # the payments it showed (recorded since schema version 2)
