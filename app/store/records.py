"""PracticeStore: the practice's records in SQLite, as domain values.

Every method that changes more than one row runs in one transaction; `transaction()` lets a
caller group several calls (nested groups become savepoints). Errors come out as
StoreUnavailable (tell the therapist what to do), StoreBug (our mistake), RecordNotFound, or
app.domain.errors.ValidationError (the data refers to something missing; nothing changed).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from app.domain.errors import ValidationError
from app.store._base import guarded
from app.store.charts import ChartRecords
from app.store.claims import ClaimRecords
from app.store.database import open_connection
from app.store.patients import PatientRecords
from app.store.settings import SettingsRecords
from app.store.superbills import SuperbillRecords
from app.store.year_end import YearEndRecords

if TYPE_CHECKING:
    from app.domain.practice import PatientChart, Practice


class PracticeStore(
    SettingsRecords, PatientRecords, ChartRecords, SuperbillRecords, ClaimRecords, YearEndRecords
):
    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn)

    @classmethod
    def open(cls, path: Path) -> PracticeStore:
        """Open the database file at `path` (see open_connection); close the store when done."""
        return cls(open_connection(path))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PracticeStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # The whole practice ------------------------------------------------------------------------

    @guarded
    def practice(self) -> Practice:
        """Everything, for export: patients in the order they were added."""
        from app.domain.practice import Practice  # imported when first used, as in charts.py

        return Practice(
            practitioner=self.practitioner(),
            fees=self.fees(),
            payers=self.payers(),
            charts=tuple(self._load_charts()),
        )

    @guarded
    def save_practice(self, practice: Practice) -> None:
        """Add or update every record of `practice` by key, all or nothing.

        Records already stored and absent from `practice` stay as they are. A problem (a reference
        to a payer, coverage or prescription that does not exist, a key used twice, an account
        number taken) raises ValidationError naming the path of the field, as in the practice file
        ("patients[0].visits[1].coverage"), and leaves the database exactly as it was.
        """
        _refuse_repeated_keys(practice)
        with self.transaction():
            if practice.practitioner is not None:
                self._save_practitioner(practice.practitioner)
            for index, payer in enumerate(practice.payers):
                self._save_payer(payer, f"payers[{index}]")
            for code, cents in practice.fees.default.items():
                self._save_fee(code, cents, None, field=f"fees.{code}")
            for (payer_key, code), cents in practice.fees.by_payer.items():
                self._save_fee(code, cents, payer_key, field=f"fees[{payer_key}].{code}")
            for index, chart in enumerate(practice.charts):
                self._save_chart(chart, f"patients[{index}]")

    def _save_chart(self, chart: PatientChart, field: str) -> None:
        key = self._save_patient(chart.patient, field).key
        for i, coverage in enumerate(chart.coverages):
            self._save_coverage(key, coverage, f"{field}.coverages[{i}]")
        for i, prescription in enumerate(chart.prescriptions):
            self._save_prescription(key, prescription, f"{field}.prescriptions[{i}]")
        for i, visit in enumerate(chart.visits):
            self._save_visit(key, visit, f"{field}.visits[{i}]", born=chart.patient.date_of_birth)
        for i, payment in enumerate(chart.payments):
            self._save_payment(key, payment, f"{field}.payments[{i}]")


def _refuse_repeated_keys(practice: Practice) -> None:
    """A key used twice in one import would silently overwrite the first record."""

    def check(keys: list[str], field: str, kind: str) -> None:
        seen: set[str] = set()
        for index, key in enumerate(keys):
            if key in seen:
                raise ValidationError(f"{field}[{index}].id", f'the {kind} ID "{key}" is used twice')
            seen.add(key)

    check([p.key for p in practice.payers], "payers", "payer")
    check([c.patient.key for c in practice.charts], "patients", "patient")
    for index, chart in enumerate(practice.charts):
        field = f"patients[{index}]"
        check([c.key for c in chart.coverages], f"{field}.coverages", "coverage")
        check([p.key for p in chart.prescriptions], f"{field}.prescriptions", "prescription")
        check([v.key for v in chart.visits], f"{field}.visits", "visit")
        check([p.key for p in chart.payments], f"{field}.payments", "payment")
