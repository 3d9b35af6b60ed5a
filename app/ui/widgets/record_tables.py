"""Thin table models over immutable rows for a patient's records, payers and the fee schedule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from app.domain.dates import us_date
from app.domain.issued import IssuedSuperbill
from app.domain.money import Cents, MoneyError, format_dollars, format_money, parse_dollars
from app.domain.practice import Coverage, Payer, Payment, Prescription
from app.domain.procedures import Procedure
from app.services.accounts import PrescriptionUsage, VisitCharges
from app.ui.widgets.table_model import RowTableModel

_Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class TableRow(NamedTuple):
    key: str
    cells: tuple[str, ...]  # as shown
    raw: tuple[Any, ...]  # under UserRole, for sorting: ISO dates, cents, counts


class RowsModel(RowTableModel[TableRow]):
    """Read-only rows; subclasses name their columns in HEADERS and the right-aligned ones in NUMBERS."""

    NUMBERS: frozenset[int] = frozenset()

    def key(self, row: int) -> str | None:
        return self._rows[row].key if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int:
        return next((i for i, row in enumerate(self._rows) if row.key == key), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.cells[column]
        if role == Qt.ItemDataRole.UserRole:
            return row.raw[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMBERS:
            return int(_RIGHT.value)
        return None


# A patient's records ---------------------------------------------------------------------------


class CoverageTableModel(RowsModel):
    COL_PAYER, COL_KIND, COL_ID, COL_DETAILS, COL_LIMIT = range(5)
    HEADERS = ("Payer", "Kind", "Member ID / claim", "Details", "Visit limit")
    NUMBERS = frozenset({COL_LIMIT})


def coverage_row(coverage: Coverage, payer: Payer | None) -> TableRow:
    identifier = coverage.member_id or coverage.claim_number or coverage.authorization_number or ""
    details = []
    if coverage.group_number:
        details.append(f"group {coverage.group_number}")
    if coverage.injury_date:
        details.append(f"injury/accident {us_date(coverage.injury_date)}")
    if coverage.employer:
        details.append(coverage.employer)
    if coverage.accident_state:
        details.append(f"state {coverage.accident_state}")
    if coverage.adjuster:
        details.append(f"adjuster {coverage.adjuster}")
    if coverage.subscriber:
        details.append(f"insured: {coverage.subscriber.full_name} ({coverage.relationship.value})")
    limit = coverage.annual_visit_limit
    return TableRow(
        coverage.key,
        (
            payer.name if payer else coverage.payer,
            payer.kind.label if payer else "",
            identifier,
            "; ".join(details),
            f"{limit} a year" if limit else "",
        ),
        (
            payer.name if payer else coverage.payer,
            payer.kind.value if payer else "",
            identifier,
            "; ".join(details),
            limit or 0,
        ),
    )


class PrescriptionTableModel(RowsModel):
    COL_PRESCRIBER, COL_NPI, COL_WRITTEN, COL_VALID, COL_VISITS, COL_DIAGNOSES = range(6)
    HEADERS = ("Prescriber", "NPI", "Written", "Valid", "Visits", "Diagnoses")


def prescription_row(rx: Prescription, usage: PrescriptionUsage) -> TableRow:
    prescriber = ", ".join(part for part in (rx.prescriber_name, rx.prescriber_credentials) if part)
    if rx.starts_on or rx.expires_on:
        valid = f"{us_date(rx.starts_on) or 'written date'} – {us_date(rx.expires_on) or 'no end'}"
    else:
        valid = "no dates"
    return TableRow(
        rx.key,
        (
            prescriber,
            rx.prescriber_npi or "",
            us_date(rx.written_on),
            valid,
            usage.text,
            ", ".join(rx.diagnoses),
        ),
        (
            prescriber,
            rx.prescriber_npi or "",
            rx.written_on.isoformat(),
            (rx.expires_on or rx.written_on).isoformat(),
            usage.used,
            ", ".join(rx.diagnoses),
        ),
    )


class VisitTableModel(RowsModel):
    COL_DATE, COL_CODES, COL_UNITS, COL_CHARGE, COL_SUPERBILL = range(5)
    HEADERS = ("Date", "Procedures", "Units", "Charge", "On superbill")
    NUMBERS = frozenset({COL_UNITS, COL_CHARGE})


def visit_row(charges: VisitCharges) -> TableRow:
    visit = charges.visit
    codes = ", ".join(charges.procedures) or "no procedures yet"
    return TableRow(
        visit.key,
        (
            us_date(visit.date),
            codes,
            str(charges.units),
            format_money(charges.charge),
            charges.superbill or "not yet",
        ),
        (visit.date.isoformat(), codes, charges.units, charges.charge, charges.superbill or ""),
    )


class PaymentTableModel(RowsModel):
    COL_DATE, COL_AMOUNT, COL_METHOD, COL_REFERENCE = range(4)
    HEADERS = ("Date", "Amount", "Method", "Reference")
    NUMBERS = frozenset({COL_AMOUNT})


def payment_row(payment: Payment) -> TableRow:
    return TableRow(
        payment.key,
        (us_date(payment.date), format_money(payment.amount), payment.method.label, payment.reference or ""),
        (payment.date.isoformat(), payment.amount, payment.method.value, payment.reference or ""),
    )


class SuperbillTableModel(RowsModel):
    COL_NUMBER, COL_ISSUED, COL_PERIOD, COL_CHARGES, COL_PAID, COL_BALANCE = range(6)
    HEADERS = ("Number", "Issued", "Dates of service", "Charges", "Paid", "Balance")
    NUMBERS = frozenset({COL_CHARGES, COL_PAID, COL_BALANCE})


def dates_of_service(first: date, last: date) -> str:
    """A document's dates of service in a table: "09/09/2026", or "09/09/2026 – 09/16/2026"."""
    return us_date(first) if first == last else f"{us_date(first)} – {us_date(last)}"


def superbill_row(issued: IssuedSuperbill) -> TableRow:
    return TableRow(
        issued.number,
        (
            issued.number,
            us_date(issued.issued_on),
            dates_of_service(issued.first_date, issued.last_date),
            format_money(issued.charges),
            format_money(issued.payments),
            format_money(issued.balance),
        ),
        (
            issued.number,
            issued.issued_on.isoformat(),
            issued.first_date.isoformat(),
            issued.charges,
            issued.payments,
            issued.balance,
        ),
    )


# Payers and fees -------------------------------------------------------------------------------


class PayerTableModel(RowsModel):
    COL_NAME, COL_KIND, COL_RULE, COL_FILING = range(4)
    HEADERS = ("Payer", "Kind", "Unit rule", "Filing limit")
    NUMBERS = frozenset({COL_FILING})


def payer_row(payer: Payer) -> TableRow:
    rule = payer.unit_rule.label
    filing = f"{payer.filing_limit_days} days" if payer.filing_limit_days else ""
    return TableRow(
        payer.key,
        (payer.name, payer.kind.label, rule, filing),
        (payer.name, payer.kind.value, payer.unit_rule.value, payer.filing_limit_days or 0),
    )


class FeeTableModel(RowsModel):
    """The fee per unit of each code; the Fee column is edited in dollars and stored in cents."""

    COL_CODE, COL_DESCRIPTION, COL_TIMED, COL_FEE = range(4)
    HEADERS = ("Code", "Description", "Billed", "Fee per unit")
    NUMBERS = frozenset({COL_FEE})

    feeChanged = Signal(str, object)  # code, cents or None (no fee)
    feeRefused = Signal(str, str)  # code, why

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.COL_FEE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid() and index.column() == self.COL_FEE:
            cents = self._rows[index.row()].raw[self.COL_FEE]
            return "" if cents is None else format_dollars(cents)
        return super().data(index, role)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != self.COL_FEE:
            return False
        row = self._rows[index.row()]
        text = str(value).strip()
        try:
            cents = None if text == "" else parse_dollars(text)
        except MoneyError as error:
            self.feeRefused.emit(row.key, str(error))
            return False
        if cents is not None and cents < 0:
            self.feeRefused.emit(row.key, "a fee cannot be below $0.00")
            return False
        self._rows = (*self._rows[: index.row()], fee_row_with(row, cents), *self._rows[index.row() + 1 :])
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.feeChanged.emit(row.key, cents)
        return True


def fee_row(procedure: Procedure, cents: Cents | None) -> TableRow:
    billed = "per 15 minutes" if procedure.timed else "per session"
    description = procedure.description + ("  (your code)" if procedure.user_added else "")
    return TableRow(
        procedure.code,
        (procedure.code, description, billed, format_money(cents) if cents is not None else "no fee set"),
        (procedure.code, procedure.description, procedure.timed, cents),
    )


def fee_row_with(row: TableRow, cents: Cents | None) -> TableRow:
    cells = (*row.cells[:3], format_money(cents) if cents is not None else "no fee set")
    return TableRow(row.key, cells, (*row.raw[:3], cents))


def fee_rows(procedures: Sequence[Procedure], fees: dict[str, Cents]) -> list[TableRow]:
    return [fee_row(p, fees.get(p.code)) for p in procedures]
