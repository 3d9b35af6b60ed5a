"""The practice's own records: the practitioner, paper size, fees, procedure codes and payers.

Only the practitioner is read before the main window's first frame (for its title): the domain
modules of the other records are imported by the methods that use them.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from app.domain.errors import ValidationError
from app.domain.people import Practitioner, TaxIdType
from app.domain.text_limits import clean_text
from app.store._base import StoreBase, address_columns, address_from, guarded

if TYPE_CHECKING:
    from app.domain.money import Cents
    from app.domain.practice import FeeSchedule, Payer
    from app.domain.procedures import Procedure
    from app.domain.superbill import PaperSize


class SettingsRecords(StoreBase):
    # Practitioner ------------------------------------------------------------------------------

    @guarded
    def practitioner(self) -> Practitioner | None:
        row = self._row("SELECT * FROM practice WHERE id = 1")
        if row is None or row["first_name"] is None:
            return None
        address = address_from(row)
        assert address is not None  # the table's CHECK keeps the address with the practitioner
        return Practitioner(
            first_name=row["first_name"],
            last_name=row["last_name"],
            credentials=row["credentials"],
            npi=row["npi"],
            tax_id=row["tax_id"],
            tax_id_type=TaxIdType(row["tax_id_type"]),
            license_number=row["license_number"],
            license_state=row["license_state"],
            address=address,
            phone=row["phone"],
            practice_name=row["practice_name"],
            organization_npi=row["organization_npi"],
            taxonomy=row["taxonomy"],
            email=row["email"],
            default_place_of_service=row["default_place_of_service"],
            print_full_ssn=bool(row["print_full_ssn"]),
            signature_png=row["signature_png"],
        )

    @guarded
    def save_practitioner(self, practitioner: Practitioner) -> None:
        with self.transaction():
            self._save_practitioner(practitioner)

    def _save_practitioner(self, p: Practitioner) -> None:
        p = clean_text(p, "practitioner")
        values = {
            "first_name": p.first_name,
            "last_name": p.last_name,
            "credentials": p.credentials,
            "npi": p.npi,
            "tax_id": p.tax_id,
            "tax_id_type": p.tax_id_type.value,
            "license_number": p.license_number,
            "license_state": p.license_state,
            "phone": p.phone,
            "practice_name": p.practice_name,
            "organization_npi": p.organization_npi,
            "taxonomy": p.taxonomy,
            "email": p.email,
            "default_place_of_service": p.default_place_of_service,
            "print_full_ssn": int(p.print_full_ssn),
            "signature_png": p.signature_png,
            **address_columns(p.address),
        }
        assignments = ", ".join(f"{c} = :{c}" for c in values)
        self.conn.execute(f"UPDATE practice SET {assignments} WHERE id = 1", values)

    @guarded
    def paper_size(self) -> PaperSize:
        from app.domain.superbill import PaperSize  # see the module's docstring

        return PaperSize(self._value("SELECT paper_size FROM practice WHERE id = 1") or PaperSize.LETTER)

    @guarded
    def save_paper_size(self, size: PaperSize) -> None:
        from app.domain.superbill import PaperSize  # see the module's docstring

        with self.transaction():
            self.conn.execute("UPDATE practice SET paper_size = ? WHERE id = 1", (PaperSize(size).value,))

    # Fees and procedure codes ------------------------------------------------------------------

    @guarded
    def fees(self) -> FeeSchedule:
        from app.domain.practice import FeeSchedule  # see the module's docstring

        default = {code: cents for code, cents in self.conn.execute("SELECT code, cents FROM fees")}
        by_payer = {
            (payer, code): cents
            for payer, code, cents in self.conn.execute("SELECT payer, code, cents FROM payer_fees")
        }
        return FeeSchedule(default=default, by_payer=by_payer)

    @guarded
    def save_fee(self, code: str, cents: Cents | None, payer: str | None = None) -> None:
        """Set the fee per unit for a code (for one payer when `payer` is given); None removes it."""
        with self.transaction():
            self._save_fee(code, cents, payer, field="fee")

    def _save_fee(self, code: str, cents: Cents | None, payer: str | None, field: str) -> None:
        if payer is None:
            if cents is None:
                self.conn.execute("DELETE FROM fees WHERE code = ?", (code,))
            else:
                self.conn.execute(
                    "INSERT INTO fees (code, cents) VALUES (?, ?) "
                    "ON CONFLICT (code) DO UPDATE SET cents = excluded.cents",
                    (code, cents),
                )
            return
        if self._value("SELECT 1 FROM payers WHERE key = ?", (payer,)) is None:
            raise ValidationError(field, f'there is no payer with the ID "{payer}"')
        if cents is None:
            self.conn.execute("DELETE FROM payer_fees WHERE payer = ? AND code = ?", (payer, code))
        else:
            self.conn.execute(
                "INSERT INTO payer_fees (payer, code, cents) VALUES (?, ?, ?) "
                "ON CONFLICT (payer, code) DO UPDATE SET cents = excluded.cents",
                (payer, code, cents),
            )

    @guarded
    def procedures(self) -> dict[str, Procedure]:
        """The built-in catalogue, then the codes the therapist added."""
        from app.domain.procedures import CATALOGUE, Procedure  # see the module's docstring

        added = {
            code: Procedure(code, description, timed=bool(timed), user_added=True)
            for code, description, timed in self.conn.execute(
                "SELECT code, description, timed FROM procedures ORDER BY code"
            )
        }
        return {**CATALOGUE, **added}

    @guarded
    def save_procedure(self, procedure: Procedure) -> None:
        from app.domain.procedures import CATALOGUE  # see the module's docstring

        procedure = clean_text(procedure, "procedure")
        if procedure.code in CATALOGUE:
            raise ValidationError(
                "procedure.code",
                f"{procedure.code} is a built-in code; its description and timing cannot be changed",
            )
        with self.transaction():
            self.conn.execute(
                "INSERT INTO procedures (code, description, timed) VALUES (?, ?, ?) "
                "ON CONFLICT (code) DO UPDATE SET description = excluded.description, timed = excluded.timed",
                (procedure.code, procedure.description, int(procedure.timed)),
            )

    # Payers ------------------------------------------------------------------------------------

    @guarded
    def payers(self) -> tuple[Payer, ...]:
        return tuple(_payer(row) for row in self._rows("SELECT * FROM payers ORDER BY id"))

    @guarded
    def payer(self, key: str) -> Payer | None:
        row = self._row("SELECT * FROM payers WHERE key = ?", (key,))
        return None if row is None else _payer(row)

    @guarded
    def save_payer(self, payer: Payer) -> None:
        with self.transaction():
            self._save_payer(payer)

    def _save_payer(self, payer: Payer, field: str = "payer") -> None:
        payer = clean_text(payer, field)
        self._upsert(
            "payers",
            ("key",),
            {
                "key": payer.key,
                "name": payer.name,
                "kind": payer.kind.value,
                "phone": payer.phone,
                "unit_rule": payer.unit_rule.value,
                "filing_limit_days": payer.filing_limit_days,
                "payer_id": payer.payer_id,
                **address_columns(payer.address),
            },
        )


def _payer(row: sqlite3.Row) -> Payer:
    from app.domain.practice import Payer, PayerKind, UnitRule  # see the module's docstring

    return Payer(
        key=row["key"],
        name=row["name"],
        kind=PayerKind(row["kind"]),
        address=address_from(row),
        phone=row["phone"],
        unit_rule=UnitRule(row["unit_rule"]),
        filing_limit_days=row["filing_limit_days"],
        payer_id=row["payer_id"],
    )
