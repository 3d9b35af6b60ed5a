"""The audit log: what changed in a record an issued superbill shows, after it was issued.

An issued superbill never changes (the PDF handed out is kept byte for byte). The visits and
payments behind it may still be corrected; each correction leaves one entry per field changed,
with the value before and after, so the therapist can say what the reissue differs by.

Values are text as a person reads them: dates "2026-09-09", money "45.00", lists "M54.50, M62.830";
None means "not set" (or, for a whole record added or deleted, "did not exist").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.domain.money import format_dollars
from app.domain.practice import Payment, ServiceLine, Visit


class AuditedRecord(StrEnum):
    VISIT = "visit"
    PAYMENT = "payment"


# Field names for a whole record appearing or disappearing.
ADDED = "(added)"
DELETED = "(deleted)"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime  # when, in UTC
    patient: str  # Patient.key
    record_kind: AuditedRecord
    record_key: str  # Visit.key or Payment.key
    field: str  # "date", "diagnoses", "lines[1].minutes", "amount", ADDED, DELETED
    old_value: str | None
    new_value: str | None
    superbills: tuple[str, ...]  # statement numbers of the issued superbills concerned


Change = tuple[str, str | None, str | None]  # field, old value, new value


def visit_changes(old: Visit | None, new: Visit | None) -> list[Change]:
    """What differs between two states of a visit, field by field (lines position by position)."""
    if old is None:
        return [] if new is None else [(ADDED, None, _visit_summary(new))]
    if new is None:
        return [(DELETED, _visit_summary(old), None)]
    changes: list[Change] = []
    _compare(changes, "date", old.date.isoformat(), new.date.isoformat())
    _compare(changes, "diagnoses", _listed(old.diagnoses), _listed(new.diagnoses))
    _compare(changes, "place_of_service", old.place_of_service, new.place_of_service)
    _compare(changes, "coverage", old.coverage, new.coverage)
    _compare(changes, "prescription", old.prescription, new.prescription)
    for index in range(max(len(old.lines), len(new.lines))):
        field = f"lines[{index}]"
        before = old.lines[index] if index < len(old.lines) else None
        after = new.lines[index] if index < len(new.lines) else None
        if before is None or after is None:
            _compare(changes, field, _line_summary(before), _line_summary(after))
            continue
        for name, old_value, new_value in zip(
            _LINE_FIELDS, _line_values(before), _line_values(after), strict=True
        ):
            _compare(changes, f"{field}.{name}", old_value, new_value)
    return changes


def payment_changes(old: Payment | None, new: Payment | None) -> list[Change]:
    """What differs between two states of a payment; a payment added or deleted is one change."""
    if old is None:
        return [] if new is None else [(ADDED, None, _payment_summary(new))]
    if new is None:
        return [(DELETED, _payment_summary(old), None)]
    changes: list[Change] = []
    _compare(changes, "date", old.date.isoformat(), new.date.isoformat())
    _compare(changes, "amount", format_dollars(old.amount), format_dollars(new.amount))
    _compare(changes, "method", old.method.value, new.method.value)
    _compare(changes, "reference", old.reference, new.reference)
    return changes


_LINE_FIELDS = ("code", "minutes", "units", "unit_reason", "modifiers", "pointers", "body_region", "fee")


def _line_values(line: ServiceLine) -> tuple[str | None, ...]:
    return (
        line.cpt,
        _number(line.minutes),
        _number(line.units),
        line.unit_reason,
        _listed(line.modifiers),
        _listed(line.pointers),
        line.body_region,
        None if line.fee is None else format_dollars(line.fee),
    )


def _compare(changes: list[Change], field: str, old: str | None, new: str | None) -> None:
    if old != new:
        changes.append((field, old, new))


def _listed(values: tuple[str, ...]) -> str | None:
    return ", ".join(values) if values else None


def _number(value: int | None) -> str | None:
    return None if value is None else str(value)


def _line_summary(line: ServiceLine | None) -> str | None:
    if line is None:
        return None
    return "; ".join(
        f"{name} {value}" for name, value in zip(_LINE_FIELDS, _line_values(line), strict=True) if value
    )


def _visit_summary(visit: Visit) -> str:
    codes = _listed(visit.diagnoses) or "no diagnoses"
    return f"{visit.date.isoformat()}; {codes}; {len(visit.lines)} line(s)"


def _payment_summary(payment: Payment) -> str:
    summary = f"{payment.date.isoformat()}; {format_dollars(payment.amount)}; {payment.method.value}"
    return f"{summary}; {payment.reference}" if payment.reference else summary
