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


@dataclass(frozen=True)
class VisitRecords:
    """The issued documents that are a record of one visit: while any holds it, the visit cannot be
    deleted, and a change to it is audited naming them (app.store.audit.records_of_visit)."""

    superbills: tuple[str, ...] = ()  # every issued superbill that shows it, oldest first
    claims: tuple[str, ...] = ()  # the issued claims, not replaced since, that hold it, oldest first

    @property
    def numbers(self) -> tuple[str, ...]:
        return (*self.superbills, *self.claims)

    def __bool__(self) -> bool:
        return bool(self.superbills or self.claims)

    @property
    def named(self) -> str:
        """'superbill SB-2026-0001', 'claim CL-2026-0001', or 'superbill SB-… and claim CL-…'."""
        parts = [
            f"{kind} {', '.join(numbers)}"
            for kind, numbers in (("superbill", self.superbills), ("claim", self.claims))
            if numbers
        ]
        return " and ".join(parts)
