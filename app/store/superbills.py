"""Issued superbills: statement numbers, and the exact PDF bytes handed to the patient.

app.domain.issued is imported when a superbill is recorded or read, not with the store: opening
the main window does neither.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from app.domain.errors import ValidationError
from app.store._base import StoreBase, fingerprint, guarded, iso, required_date
from app.store.errors import StoreBug

if TYPE_CHECKING:
    from app.domain.issued import IssuedSuperbill
    from app.domain.money import Cents

STATEMENT_PREFIX = "SB"


class SuperbillRecords(StoreBase):
    @guarded
    def next_statement_number(self, issued_on: date) -> str:
        """The next statement number of the year issued, "SB-2026-0001", "SB-2026-0002"...

        Call it inside the `transaction()` that then calls `record_superbill`, so a superbill that
        fails to render or record gives its number back. A number once committed is never handed
        out again.
        """
        with self.transaction():
            return self._next_statement_number(issued_on)

    @guarded
    def upcoming_statement_number(self, issued_on: date) -> str:
        """The number `next_statement_number` would give now, without taking it (to ask before issuing)."""
        return self._upcoming_number("superbills", *statement_sequence(issued_on.year))

    def _next_statement_number(self, issued_on: date) -> str:
        return self._take_number("superbills", *statement_sequence(issued_on.year))

    @guarded
    def record_superbill(
        self,
        *,
        number: str,
        patient: str,
        visit_keys: Sequence[str],
        issued_on: date,
        charges: Cents,
        payments: Cents,
        balance: Cents,
        pdf: bytes,
        first_date: date | None = None,
        last_date: date | None = None,
        replaces: str | None = None,
        sha256: str | None = None,
        payment_keys: Sequence[str] = (),
    ) -> IssuedSuperbill:
        """Keep a final superbill as issued: its facts, and its PDF with the SHA-256 of the bytes.

        The period defaults to the first and last dates of its visits. `sha256`, when the caller
        computed it already, must be the digest of `pdf`. `payment_keys` are the payments it shows
        (kept by key: a payment may later be corrected or deleted, and the audit log says how).
        """
        with self.transaction():
            return self._record_superbill(
                number=number,
                patient=patient,
                visit_keys=visit_keys,
                first_date=first_date,
                last_date=last_date,
                issued_on=issued_on,
                charges=charges,
                payments=payments,
                balance=balance,
                pdf=pdf,
                replaces=replaces,
                sha256=sha256,
                payment_keys=payment_keys,
            )

    def _record_superbill(
        self,
        *,
        number: str,
        patient: str,
        visit_keys: Sequence[str],
        first_date: date | None,
        last_date: date | None,
        issued_on: date,
        charges: Cents,
        payments: Cents,
        balance: Cents,
        pdf: bytes,
        replaces: str | None,
        sha256: str | None,
        payment_keys: Sequence[str] = (),
    ) -> IssuedSuperbill:
        digest = fingerprint(pdf)
        if sha256 is not None and sha256.lower() != digest:
            raise StoreBug(f"superbill {number}: the SHA-256 given does not match the PDF bytes")
        if self._value("SELECT 1 FROM superbills WHERE number = ?", (number,)) is not None:
            raise ValidationError("superbill.number", f"statement number {number} has already been issued")
        if not self._patient_exists(patient):
            raise ValidationError("superbill.patient", f'there is no patient with the ID "{patient}"')
        if (
            replaces is not None
            and self._value("SELECT 1 FROM superbills WHERE number = ?", (replaces,)) is None
        ):
            raise ValidationError("superbill.replaces", f"there is no issued superbill {replaces} to replace")
        visit_ids: list[int] = []
        visit_dates: list[date] = []
        for index, key in enumerate(visit_keys):
            row = self._row("SELECT id, date FROM visits WHERE patient = ? AND key = ?", (patient, key))
            if row is None:
                raise ValidationError(
                    f"superbill.visits[{index}]", f'this patient has no visit with the ID "{key}"'
                )
            visit_ids.append(row["id"])
            visit_dates.append(required_date(row["date"]))
        from app.domain.issued import IssuedSuperbill  # see the module's docstring

        issued = IssuedSuperbill(
            number=number,
            patient=patient,
            visit_keys=tuple(visit_keys),
            first_date=first_date or min(visit_dates, default=issued_on),
            last_date=last_date or max(visit_dates, default=issued_on),
            issued_on=issued_on,
            charges=charges,
            payments=payments,
            balance=balance,
            sha256=digest,
            replaces=replaces,
            payment_keys=tuple(payment_keys),
        )
        superbill_id = self.conn.execute(
            "INSERT INTO superbills (number, patient, issued_on, first_date, last_date, charges, payments,"
            " balance, sha256, pdf, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                number,
                patient,
                iso(issued_on),
                iso(issued.first_date),
                iso(issued.last_date),
                charges,
                payments,
                balance,
                issued.sha256,
                bytes(pdf),
                replaces,
            ),
        ).fetchone()[0]
        self.conn.executemany(
            "INSERT INTO superbill_visits (superbill_id, position, visit_id) VALUES (?, ?, ?)",
            [(superbill_id, position, visit_id) for position, visit_id in enumerate(visit_ids)],
        )
        self.conn.executemany(
            "INSERT INTO superbill_payments (superbill_id, position, payment_key) VALUES (?, ?, ?)",
            [(superbill_id, position, key) for position, key in enumerate(payment_keys)],
        )
        return issued

    @guarded
    def superbills(self, patient_key: str | None = None) -> list[IssuedSuperbill]:
        """The superbills issued to a patient (everyone's when None), oldest first."""
        where = "WHERE s.patient = :patient" if patient_key is not None else ""
        params = {"patient": patient_key}
        visit_keys = self._grouped(
            "SELECT sv.superbill_id, v.key FROM superbill_visits sv JOIN visits v ON v.id = sv.visit_id "
            f"JOIN superbills s ON s.id = sv.superbill_id {where} ORDER BY sv.superbill_id, sv.position",
            params,
        )
        payment_keys = self._grouped(
            "SELECT sp.superbill_id, sp.payment_key FROM superbill_payments sp "
            f"JOIN superbills s ON s.id = sp.superbill_id {where} ORDER BY sp.superbill_id, sp.position",
            params,
        )
        rows = self._rows(
            "SELECT s.id, s.number, s.patient, s.issued_on, s.first_date, s.last_date, s.charges, s.payments,"
            f" s.balance, s.sha256, s.replaces FROM superbills s {where} ORDER BY s.issued_on, s.id",
            params,
        )
        return [_issued(row, tuple(visit_keys[row["id"]]), tuple(payment_keys[row["id"]])) for row in rows]

    @guarded
    def superbill(self, number: str) -> IssuedSuperbill | None:
        """What was issued under this statement number, or None."""
        row = self._row("SELECT * FROM superbills WHERE number = ?", (number,))
        if row is None:
            return None
        keys = self._column(
            "SELECT v.key FROM superbill_visits sv JOIN visits v ON v.id = sv.visit_id "
            "WHERE sv.superbill_id = ? ORDER BY sv.position",
            (row["id"],),
        )
        payments = self._column(
            "SELECT payment_key FROM superbill_payments WHERE superbill_id = ? ORDER BY position",
            (row["id"],),
        )
        return _issued(row, keys, payments)

    @guarded
    def superbill_pdf(self, number: str) -> bytes:
        """The PDF of an issued superbill, byte for byte as handed out (RecordNotFound if never issued).

        The bytes are checked against the SHA-256 recorded at issue; a mismatch means the
        database is damaged (StoreUnavailable).
        """
        return self._issued_document("superbills", "pdf", number, "superbill")


def statement_sequence(year: int) -> tuple[str, str]:
    """The year's number prefix ("SB-2026-") and the name of its counter."""
    return f"{STATEMENT_PREFIX}-{year:04d}-", f"statement:{year:04d}"


def _issued(row: sqlite3.Row, visit_keys: tuple[str, ...], payment_keys: tuple[str, ...]) -> IssuedSuperbill:
    from app.domain.issued import IssuedSuperbill  # see the module's docstring (a patient has a few)

    return IssuedSuperbill(
        number=row["number"],
        patient=row["patient"],
        visit_keys=visit_keys,
        first_date=required_date(row["first_date"]),
        last_date=required_date(row["last_date"]),
        issued_on=required_date(row["issued_on"]),
        charges=row["charges"],
        payments=row["payments"],
        balance=row["balance"],
        sha256=row["sha256"],
        replaces=row["replaces"],
        payment_keys=payment_keys,
    )
