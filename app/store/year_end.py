"""What January adds to the records: signed letters of medical necessity, and year-end statements issued.

A letter is recorded when the signed copy comes back from the prescriber: the day it was signed and
the day it runs out. A final year-end statement is kept as issued (its PDF and the SHA-256 of the
bytes), like a superbill, so it can be reprinted identically; it is never changed or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.errors import ValidationError
from app.store._base import StoreBase, fingerprint, guarded, iso, required_date

STATEMENT_PREFIX = "YE"


@dataclass(frozen=True)
class NecessityLetter:
    patient: str
    prescription: str | None
    signed_on: date
    expires_on: date


@dataclass(frozen=True)
class YearStatement:
    number: str
    patient: str
    year: int
    issued_on: date
    visits: int
    charges: int
    payments: int
    sha256: str


class YearEndRecords(StoreBase):
    @guarded
    def record_necessity_letter(self, letter: NecessityLetter) -> None:
        with self.transaction():
            if not self._patient_exists(letter.patient):
                raise ValidationError("--patient", f'there is no patient with the ID "{letter.patient}"')
            self.conn.execute(
                "INSERT INTO necessity_letters (patient, prescription, signed_on, expires_on) VALUES (?, ?, ?, ?)",
                (letter.patient, letter.prescription, iso(letter.signed_on), iso(letter.expires_on)),
            )

    @guarded
    def necessity_letters(self, patient: str | None = None) -> list[NecessityLetter]:
        """Signed letters on file (a patient's, or everyone's), the latest to run out last."""
        where = "WHERE patient = ?" if patient is not None else ""
        rows = self._rows(
            f"SELECT patient, prescription, signed_on, expires_on FROM necessity_letters {where} "
            "ORDER BY expires_on, signed_on, id",
            (patient,) if patient is not None else (),
        )
        return [
            NecessityLetter(
                row["patient"],
                row["prescription"],
                required_date(row["signed_on"]),
                required_date(row["expires_on"]),
            )
            for row in rows
        ]

    @guarded
    def necessity_letter_on(self, patient: str, on: date) -> NecessityLetter | None:
        """The signed letter in force on `on` (signed by then, not run out), the one signed last."""
        row = self._row(
            "SELECT patient, prescription, signed_on, expires_on FROM necessity_letters WHERE patient = ? "
            "AND signed_on <= ? AND expires_on >= ? ORDER BY signed_on DESC, id DESC LIMIT 1",
            (patient, iso(on), iso(on)),
        )
        if row is None:
            return None
        return NecessityLetter(
            row["patient"],
            row["prescription"],
            required_date(row["signed_on"]),
            required_date(row["expires_on"]),
        )

    @guarded
    def next_year_statement_number(self, year: int) -> str:
        """ "YE-2026-0001": call it inside the transaction that records the statement."""
        with self.transaction():
            return self._take_number("year_statements", *year_statement_sequence(year))

    @guarded
    def upcoming_year_statement_number(self, year: int) -> str:
        """The number next_year_statement_number would give now, without taking it."""
        return self._upcoming_number("year_statements", *year_statement_sequence(year))

    @guarded
    def record_year_statement(self, statement: YearStatement, pdf: bytes) -> None:
        with self.transaction():
            if fingerprint(pdf) != statement.sha256:
                raise ValueError("the SHA-256 given does not match the PDF bytes")
            self.conn.execute(
                "INSERT INTO year_statements (number, patient, year, issued_on, visits, charges, payments,"
                " sha256, pdf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    statement.number,
                    statement.patient,
                    statement.year,
                    iso(statement.issued_on),
                    statement.visits,
                    statement.charges,
                    statement.payments,
                    statement.sha256,
                    bytes(pdf),
                ),
            )

    @guarded
    def year_statements(self, year: int | None = None) -> list[YearStatement]:
        where = "WHERE year = ?" if year is not None else ""
        rows = self._rows(
            "SELECT number, patient, year, issued_on, visits, charges, payments, sha256 FROM year_statements "
            f"{where} ORDER BY id",
            (year,) if year is not None else (),
        )
        return [
            YearStatement(
                row["number"],
                row["patient"],
                row["year"],
                required_date(row["issued_on"]),
                row["visits"],
                row["charges"],
                row["payments"],
                row["sha256"],
            )
            for row in rows
        ]

    @guarded
    def year_statement_pdf(self, number: str) -> bytes:
        return self._issued_document("year_statements", "pdf", number, "statement")


def year_statement_sequence(year: int) -> tuple[str, str]:
    """The year's number prefix ("YE-2026-") and the name of its counter."""
    return f"{STATEMENT_PREFIX}-{year:04d}-", f"yearend:{year:04d}"
