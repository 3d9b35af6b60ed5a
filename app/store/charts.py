"""A patient's chart: coverages, prescriptions, visits with their lines, payments.

The chart's record classes (app.domain.practice) and the audit log's are imported by the methods
that read or audit a chart, not with the store: opening the main window needs neither.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from app.domain.errors import ValidationError
from app.domain.text_limits import clean_text
from app.store._base import guarded, iso, required_date
from app.store.audit import AuditRecords
from app.store.errors import RecordNotFound
from app.store.patients import patient_from_row

if TYPE_CHECKING:
    from app.domain.practice import Coverage, PatientChart, Payment, Prescription, ServiceLine, Visit


class ChartRecords(AuditRecords):
    # Reading -----------------------------------------------------------------------------------

    @guarded
    def chart(self, patient_key: str) -> PatientChart:
        charts = self._load_charts(patient_key)
        if not charts:
            raise RecordNotFound("patient", patient_key)
        return charts[0]

    @guarded
    def charts(self) -> list[PatientChart]:
        """Every patient's chart, in the order they were added, in a few queries."""
        return self._load_charts()

    def _load_charts(self, patient_key: str | None = None) -> list[PatientChart]:
        """One patient's chart, or everyone's (in the order they were added), in a few queries."""
        from app.domain.practice import PatientChart  # see the module's docstring
        from app.store import chart_rows

        only = "WHERE patient = :patient" if patient_key is not None else ""
        params = {"patient": patient_key}
        patients = self._rows(
            f"SELECT * FROM patients {'WHERE key = :patient' if patient_key is not None else ''} ORDER BY id",
            params,
        )
        if not patients:
            return []

        coverages: dict[str, list[Coverage]] = defaultdict(list)
        for row in self._rows(f"SELECT * FROM coverages {only} ORDER BY id", params):
            coverages[row["patient"]].append(chart_rows.coverage(row))

        rx_codes = self._grouped(
            "SELECT prescription_id, code FROM prescription_diagnoses WHERE prescription_id IN "
            f"(SELECT id FROM prescriptions {only}) ORDER BY prescription_id, position",
            params,
        )
        prescriptions: dict[str, list[Prescription]] = defaultdict(list)
        for row in self._rows(f"SELECT * FROM prescriptions {only} ORDER BY id", params):
            prescriptions[row["patient"]].append(
                chart_rows.prescription(row, tuple(rx_codes.get(row["id"], ())))
            )

        visit_codes = self._grouped(
            "SELECT visit_id, code FROM visit_diagnoses WHERE visit_id IN "
            f"(SELECT id FROM visits {only}) ORDER BY visit_id, position",
            params,
        )
        lines: dict[int, list[ServiceLine]] = defaultdict(list)
        for row in self._rows(
            f"SELECT * FROM service_lines WHERE visit_id IN (SELECT id FROM visits {only}) "
            "ORDER BY visit_id, position",
            params,
        ):
            lines[row["visit_id"]].append(chart_rows.line(row))
        visits: dict[str, list[Visit]] = defaultdict(list)
        for row in self._rows(f"SELECT * FROM visits {only} ORDER BY date, id", params):
            visits[row["patient"]].append(
                chart_rows.visit(row, tuple(visit_codes.get(row["id"], ())), tuple(lines.get(row["id"], ())))
            )

        payments: dict[str, list[Payment]] = defaultdict(list)
        for row in self._rows(f"SELECT * FROM payments {only} ORDER BY date, id", params):
            payments[row["patient"]].append(chart_rows.payment(row))

        return [
            PatientChart(
                patient=patient_from_row(row),
                coverages=tuple(coverages[row["key"]]),
                prescriptions=tuple(prescriptions[row["key"]]),
                visits=tuple(visits[row["key"]]),
                payments=tuple(payments[row["key"]]),
            )
            for row in patients
        ]

    # Writing -----------------------------------------------------------------------------------

    @guarded
    def save_coverage(self, patient_key: str, coverage: Coverage) -> None:
        with self.transaction():
            self._require_patient(patient_key)
            self._save_coverage(patient_key, coverage, field="coverage")

    @guarded
    def save_prescription(self, patient_key: str, prescription: Prescription) -> None:
        with self.transaction():
            self._require_patient(patient_key)
            self._save_prescription(patient_key, prescription, field="prescription")

    @guarded
    def save_visit(self, patient_key: str, visit: Visit) -> None:
        """Add or update the visit; its diagnoses and lines are replaced by the ones given."""
        with self.transaction():
            self._require_patient(patient_key)
            self._save_visit(patient_key, visit, field="visit")

    @guarded
    def save_payment(self, patient_key: str, payment: Payment) -> None:
        with self.transaction():
            self._require_patient(patient_key)
            self._save_payment(patient_key, payment, field="payment")

    @guarded
    def delete_visit(self, patient_key: str, visit_key: str) -> None:
        """Remove a visit that no issued superbill or claim is a record of (store.audit.records_of_visit)."""
        with self.transaction():
            visit_id = self._value(
                "SELECT id FROM visits WHERE patient = ? AND key = ?", (patient_key, visit_key)
            )
            if visit_id is None:
                raise RecordNotFound("visit", visit_key)
            records = self.records_of_visit(patient_key, visit_key)
            if records.superbills:
                raise ValidationError(
                    "visit",
                    f"this visit is on superbill {records.superbills[0]}, already issued; it cannot be deleted",
                )
            if records.claims:
                number = records.claims[0]
                raise ValidationError(
                    "visit",
                    f"this visit is on claim {number}, already issued; it cannot be deleted: correct it "
                    f"and send a replacement claim (--replaces {number})",
                )
            self.conn.execute("DELETE FROM visits WHERE id = ?", (visit_id,))

    @guarded
    def delete_payment(self, patient_key: str, payment_key: str) -> None:
        """Remove a payment; when an issued superbill showed it, the audit log keeps what it was."""
        with self.transaction():
            old = self._stored_payment(patient_key, payment_key)
            if old is None:
                raise RecordNotFound("payment", payment_key)
            self.conn.execute(
                "DELETE FROM payments WHERE patient = ? AND key = ?", (patient_key, payment_key)
            )
            numbers = self._superbills_showing_payment(patient_key, payment_key, [old.date])
            from app.domain.audit import AuditedRecord, payment_changes  # see the module's docstring

            self._write_audit(
                patient_key, AuditedRecord.PAYMENT, payment_key, payment_changes(old, None), numbers
            )

    def _require_patient(self, patient_key: str) -> None:
        if not self._patient_exists(patient_key):
            raise RecordNotFound("patient", patient_key)

    def _save_coverage(self, patient_key: str, c: Coverage, field: str) -> None:
        from app.domain.record_dates import check_dates  # see the module's docstring

        c = clean_text(c, field)
        check_dates(c, field, today=date.today())
        if self._value("SELECT 1 FROM payers WHERE key = ?", (c.payer,)) is None:
            raise ValidationError(f"{field}.payer", f'there is no payer with the ID "{c.payer}"')
        subscriber = c.subscriber
        self._upsert(
            "coverages",
            ("patient", "key"),
            {
                "patient": patient_key,
                "key": c.key,
                "payer": c.payer,
                "relationship": c.relationship.value,
                "member_id": c.member_id,
                "group_number": c.group_number,
                "subscriber_first_name": subscriber.first_name if subscriber else None,
                "subscriber_last_name": subscriber.last_name if subscriber else None,
                "subscriber_date_of_birth": iso(subscriber.date_of_birth) if subscriber else None,
                "claim_number": c.claim_number,
                "injury_date": iso(c.injury_date),
                "employer": c.employer,
                "accident_state": c.accident_state,
                "adjuster": c.adjuster,
                "authorization_number": c.authorization_number,
                "annual_visit_limit": c.annual_visit_limit,
            },
        )

    def _save_prescription(self, patient_key: str, rx: Prescription, field: str) -> None:
        from app.domain.record_dates import check_dates  # see the module's docstring

        rx = clean_text(rx, field)
        check_dates(rx, field, today=date.today())
        rx_id = self._upsert(
            "prescriptions",
            ("patient", "key"),
            {
                "patient": patient_key,
                "key": rx.key,
                "prescriber_name": rx.prescriber_name,
                "prescriber_credentials": rx.prescriber_credentials,
                "prescriber_npi": rx.prescriber_npi,
                "written_on": iso(rx.written_on),
                "starts_on": iso(rx.starts_on),
                "expires_on": iso(rx.expires_on),
                "authorized_visits": rx.authorized_visits,
                "frequency": rx.frequency,
                "body_areas": rx.body_areas,
                "notes": rx.notes,
            },
        )
        self.conn.execute("DELETE FROM prescription_diagnoses WHERE prescription_id = ?", (rx_id,))
        self.conn.executemany(
            "INSERT INTO prescription_diagnoses (prescription_id, position, code) VALUES (?, ?, ?)",
            [(rx_id, position, code) for position, code in enumerate(rx.diagnoses)],
        )

    def _save_visit(self, patient_key: str, visit: Visit, field: str, born: date | None = None) -> None:
        """`born` is the patient's date of birth, when the caller has it at hand."""
        from app.domain.record_dates import check_dates  # see the module's docstring

        visit = clean_text(visit, field)
        if born is None:
            born = required_date(
                self._value("SELECT date_of_birth FROM patients WHERE key = ?", (patient_key,))
            )
        check_dates(visit, field, today=date.today(), born=born)
        for name, table, key in (
            ("coverage", "coverages", visit.coverage),
            ("prescription", "prescriptions", visit.prescription),
        ):
            if key is not None and (
                self._value(f"SELECT 1 FROM {table} WHERE patient = ? AND key = ?", (patient_key, key))
                is None
            ):
                raise ValidationError(f"{field}.{name}", f'this patient has no {name} with the ID "{key}"')
        # A visit on an issued superbill or claim may be corrected; the audit log records what changed.
        numbers = self.records_of_visit(patient_key, visit.key).numbers
        if numbers:
            from app.domain.audit import AuditedRecord, visit_changes  # see the module's docstring

            old = self._stored_visit(patient_key, visit.key)
            self._write_audit(patient_key, AuditedRecord.VISIT, visit.key, visit_changes(old, visit), numbers)
        visit_id = self._upsert(
            "visits",
            ("patient", "key"),
            {
                "patient": patient_key,
                "key": visit.key,
                "date": iso(visit.date),
                "place_of_service": visit.place_of_service,
                "coverage": visit.coverage,
                "prescription": visit.prescription,
            },
        )
        self.conn.execute("DELETE FROM visit_diagnoses WHERE visit_id = ?", (visit_id,))
        self.conn.executemany(
            "INSERT INTO visit_diagnoses (visit_id, position, code) VALUES (?, ?, ?)",
            [(visit_id, position, code) for position, code in enumerate(visit.diagnoses)],
        )
        self.conn.execute("DELETE FROM service_lines WHERE visit_id = ?", (visit_id,))
        self.conn.executemany(
            "INSERT INTO service_lines (visit_id, position, cpt, minutes, units, unit_reason, modifiers,"
            " pointers, body_region, fee) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    visit_id,
                    position,
                    line.cpt,
                    line.minutes,
                    line.units,
                    line.unit_reason,
                    json.dumps(list(line.modifiers), ensure_ascii=False),
                    json.dumps(list(line.pointers), ensure_ascii=False),
                    line.body_region,
                    line.fee,
                )
                for position, line in enumerate(visit.lines)
            ],
        )

    def _save_payment(self, patient_key: str, payment: Payment, field: str) -> None:
        from app.domain.record_dates import check_dates  # see the module's docstring

        payment = clean_text(payment, field)
        check_dates(payment, field, today=date.today())
        old = self._stored_payment(patient_key, payment.key)
        numbers = self._superbills_showing_payment(
            patient_key, payment.key, [old.date if old else None, payment.date]
        )
        if numbers:
            from app.domain.audit import AuditedRecord, payment_changes  # see the module's docstring

            self._write_audit(
                patient_key, AuditedRecord.PAYMENT, payment.key, payment_changes(old, payment), numbers
            )
        self._upsert(
            "payments",
            ("patient", "key"),
            {
                "patient": patient_key,
                "key": payment.key,
                "date": iso(payment.date),
                "amount": payment.amount,
                "method": payment.method.value,
                "reference": payment.reference,
            },
        )

    def _stored_visit(self, patient_key: str, visit_key: str) -> Visit | None:
        from app.store import chart_rows  # see the module's docstring

        row = self._row("SELECT * FROM visits WHERE patient = ? AND key = ?", (patient_key, visit_key))
        if row is None:
            return None
        codes = self._column(
            "SELECT code FROM visit_diagnoses WHERE visit_id = ? ORDER BY position", (row["id"],)
        )
        lines = tuple(
            chart_rows.line(line)
            for line in self._rows(
                "SELECT * FROM service_lines WHERE visit_id = ? ORDER BY position", (row["id"],)
            )
        )
        return chart_rows.visit(row, codes, lines)

    def _stored_payment(self, patient_key: str, payment_key: str) -> Payment | None:
        from app.store import chart_rows  # see the module's docstring

        row = self._row("SELECT * FROM payments WHERE patient = ? AND key = ?", (patient_key, payment_key))
        return None if row is None else chart_rows.payment(row)
