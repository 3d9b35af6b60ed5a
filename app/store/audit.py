"""The audit log: changes to visits and payments that an issued superbill (or claim, for visits) shows.

Entries are written by the chart's save and delete methods, in the same transaction as the change
(a change rolled back leaves no entry), and are never changed or deleted (triggers refuse it).

app.domain.audit is imported when the log is read or written, not with the store: opening the
main window does neither.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from app.store._base import StoreBase, guarded, iso

if TYPE_CHECKING:
    from app.domain.audit import AuditedRecord, AuditEntry, Change
    from app.domain.issued import VisitRecords


class AuditRecords(StoreBase):
    @guarded
    def audit_entries(self, patient_key: str | None = None, number: str | None = None) -> list[AuditEntry]:
        """The audit log, oldest first: one patient's, one superbill's or claim's, or everything (both None)."""
        from app.domain.audit import AuditedRecord, AuditEntry  # see the module's docstring

        conditions = []
        if patient_key is not None:
            conditions.append("patient = :patient")
        if number is not None:
            conditions.append("EXISTS (SELECT 1 FROM json_each(audit_log.superbills) WHERE value = :number)")
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._rows(
            f"SELECT * FROM audit_log {where} ORDER BY id", {"patient": patient_key, "number": number}
        )
        return [
            AuditEntry(
                id=row["id"],
                at=datetime.fromisoformat(row["at"]),
                patient=row["patient"],
                record_kind=AuditedRecord(row["record_kind"]),
                record_key=row["record_key"],
                field=row["field"],
                old_value=row["old_value"],
                new_value=row["new_value"],
                superbills=tuple(json.loads(row["superbills"])),
            )
            for row in rows
        ]

    # For the chart's writes (inside their transaction) ----------------------------------------

    def records_of_visit(self, patient_key: str, visit_key: str) -> VisitRecords:
        """The issued documents that are a record of the visit: every issued superbill that shows it,
        and the claims that hold it while it is billed on them (app.store.attention.BILLED, the one
        rule: a claim no later one replaces), each oldest first."""
        from app.domain.issued import VisitRecords
        from app.store.attention import billed_on  # loaded when a visit is written, not at start

        superbills = tuple(
            self._column(
                "SELECT DISTINCT s.number FROM visits v JOIN superbill_visits sv ON sv.visit_id = v.id "
                "JOIN superbills s ON s.id = sv.superbill_id WHERE v.patient = ? AND v.key = ? ORDER BY s.id",
                (patient_key, visit_key),
            )
        )
        # billed_on names the final superbills (all among those above), then the claims; a patient
        # with no claim needs no more (an import of 12,000 visits: 10% slower without this look).
        if self._value("SELECT 1 FROM claims WHERE patient = ? LIMIT 1", (patient_key,)) is None:
            return VisitRecords(superbills, ())
        billed = billed_on(self, patient_key).get(visit_key, ())
        return VisitRecords(superbills, tuple(n for n in billed if n not in superbills))

    def _superbills_showing_payment(
        self, patient_key: str, payment_key: str, dates: Sequence[date | None]
    ) -> list[str]:
        """Superbills that showed the payment, or whose period holds its old or new date.

        A superbill shows the payments of its period; the ones it showed are recorded since schema
        version 2, and the period covers superbills issued before that.
        """
        days = [iso(day) for day in dates if day is not None]
        in_period = " OR ".join("? BETWEEN s.first_date AND s.last_date" for _ in days)
        return list(
            self._column(
                "SELECT s.number FROM superbills s WHERE s.patient = ? AND (EXISTS (SELECT 1 FROM "
                "superbill_payments sp WHERE sp.superbill_id = s.id AND sp.payment_key = ?)"
                f"{' OR ' + in_period if in_period else ''}) ORDER BY s.id",
                (patient_key, payment_key, *days),
            )
        )

    def _write_audit(
        self,
        patient_key: str,
        kind: AuditedRecord,
        record_key: str,
        changes: Sequence[Change],
        numbers: Sequence[str],
    ) -> None:
        if not changes or not numbers:
            return
        at = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        concerned = json.dumps(list(numbers))
        self.conn.executemany(
            "INSERT INTO audit_log (at, patient, record_kind, record_key, field, old_value, new_value,"
            " superbills) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (at, patient_key, kind.value, record_key, field, old, new, concerned)
                for field, old, new in changes
            ],
        )
