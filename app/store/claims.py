"""Issued claims (CMS-1500 forms, 837P files) and the printer offset of red claim forms.

Like superbills, a claim once recorded is never changed or deleted (the table's triggers): a
correction is a replacement claim that names the one it replaces.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from app.domain.errors import ValidationError
from app.store._base import StoreBase, fingerprint, guarded, iso, required_date

if TYPE_CHECKING:
    from app.domain.claim import IssuedClaim
    from app.domain.money import Cents


class ClaimRecords(StoreBase):
    @guarded
    def next_claim_number(self, issued_on: date) -> tuple[str, int]:
        """The next claim number of the year, "CL-2026-0001", and the practice's next interchange
        control number (an 837P's ISA13). Call it inside the transaction that records the claim."""
        with self.transaction():
            number = self._take_number("claims", *claim_sequence(issued_on.year))
            return number, self._next_counter("claim:interchange")

    @guarded
    def record_claim(
        self,
        *,
        number: str,
        patient: str,
        payer: str,
        format: str,
        visit_keys: Sequence[str],
        first_date: date,
        last_date: date,
        issued_on: date,
        charges: Cents,
        document: bytes,
        replaces: str | None = None,
        payer_claim_number: str | None = None,
    ) -> IssuedClaim:
        from app.domain.claim import IssuedClaim

        with self.transaction():
            if self._value("SELECT 1 FROM claims WHERE number = ?", (number,)) is not None:
                raise ValidationError("claim.number", f"claim number {number} has already been issued")
            if not self._patient_exists(patient):
                raise ValidationError("claim.patient", f'there is no patient with the ID "{patient}"')
            digest = fingerprint(document)
            claim_id = self.conn.execute(
                "INSERT INTO claims (number, patient, payer, format, issued_on, first_date, last_date, charges,"
                " sha256, document, replaces, payer_claim_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " RETURNING id",
                (
                    number,
                    patient,
                    payer,
                    format,
                    iso(issued_on),
                    iso(first_date),
                    iso(last_date),
                    charges,
                    digest,
                    bytes(document),
                    replaces,
                    payer_claim_number,
                ),
            ).fetchone()[0]
            self.conn.executemany(
                "INSERT INTO claim_visits (claim_id, position, visit_key) VALUES (?, ?, ?)",
                [(claim_id, position, key) for position, key in enumerate(visit_keys)],
            )
        return IssuedClaim(
            number,
            patient,
            payer,
            format,
            tuple(visit_keys),
            first_date,
            last_date,
            issued_on,
            charges,
            digest,
            replaces,
            payer_claim_number,
        )

    @guarded
    def claims(self, patient_key: str) -> list[IssuedClaim]:
        rows = self._rows("SELECT * FROM claims WHERE patient = ? ORDER BY id", (patient_key,))
        return [self._issued_claim(row) for row in rows]

    @guarded
    def claim(self, number: str) -> IssuedClaim | None:
        row = self._row("SELECT * FROM claims WHERE number = ?", (number,))
        return None if row is None else self._issued_claim(row)

    @guarded
    def claim_document(self, number: str) -> bytes:
        """The claim's form (PDF) or 837P file, byte for byte as issued (RecordNotFound if never issued).

        The bytes are checked against the SHA-256 recorded at issue; a mismatch means the database
        is damaged (StoreUnavailable).
        """
        return self._issued_document("claims", "document", number, "claim")

    def next_interchange_control(self) -> int:
        """The practice's next interchange control number (ISA13) for an 837P that records no new
        claim: a claim written again, or a test file. Call it inside the transaction that writes it."""
        with self.transaction():
            return self._next_counter("claim:interchange")

    @guarded
    def claimed_visits(self, patient_key: str, payer: str) -> dict[str, str]:
        """The patient's visits already claimed to the payer: visit key -> the claim in force for it
        (the last of a chain of replacements)."""
        rows = self._rows(
            "SELECT c.number, v.visit_key FROM claims c JOIN claim_visits v ON v.claim_id = c.id"
            " WHERE c.patient = ? AND c.payer = ?"
            " AND NOT EXISTS (SELECT 1 FROM claims r WHERE r.replaces = c.number) ORDER BY c.id",
            (patient_key, payer),
        )
        return {row["visit_key"]: row["number"] for row in rows}

    @guarded
    def claim_offset(self) -> tuple[int, int]:
        """The red forms' printer offset, hundredths of an inch right and down."""
        row = self._row("SELECT claim_offset_right, claim_offset_down FROM practice WHERE id = 1")
        return (0, 0) if row is None else (int(row[0]), int(row[1]))

    @guarded
    def save_claim_offset(self, right: int, down: int) -> None:
        for name, value in (("right", right), ("down", down)):
            if not -100 <= value <= 100:
                raise ValidationError(
                    "--set-offset", f"the {name} offset must be within 1 inch (-1.00 to 1.00)"
                )
        with self.transaction():
            self.conn.execute(
                "UPDATE practice SET claim_offset_right = ?, claim_offset_down = ? WHERE id = 1",
                (right, down),
            )

    def _issued_claim(self, row: sqlite3.Row) -> IssuedClaim:
        from app.domain.claim import IssuedClaim

        keys = self._column(
            "SELECT visit_key FROM claim_visits WHERE claim_id = ? ORDER BY position", (row["id"],)
        )
        return IssuedClaim(
            number=row["number"],
            patient=row["patient"],
            payer=row["payer"],
            format=row["format"],
            visit_keys=keys,
            first_date=required_date(row["first_date"]),
            last_date=required_date(row["last_date"]),
            issued_on=required_date(row["issued_on"]),
            charges=row["charges"],
            sha256=row["sha256"],
            replaces=row["replaces"],
            payer_claim_number=row["payer_claim_number"],
        )


def claim_sequence(year: int) -> tuple[str, str]:
    """The year's claim number prefix ("CL-2026-") and the name of its counter."""
    from app.domain.check.billed import CLAIM_PREFIX  # the check's: not loaded with the store

    return f"{CLAIM_PREFIX}-{year:04d}-", f"claim:{year:04d}"
