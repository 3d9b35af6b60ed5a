"""Issued superbills are immutable: a correction to what they show is written to the audit log."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.audit import ADDED, DELETED, AuditedRecord, AuditEntry
from app.domain.practice import Payment, PaymentMethod, ServiceLine, Visit
from app.services.superbills import Period
from app.services.workspace import Workspace
from tests.protection.helpers import PATIENT, imported_workspace, issue


@pytest.fixture
def workspace(data_dir: Path, sample_practice_path: Path) -> Iterator[Workspace]:
    with imported_workspace(data_dir, sample_practice_path) as opened:
        yield opened


def visit(workspace: Workspace, key: str) -> Visit:
    return next(v for v in workspace.store.chart(PATIENT).visits if v.key == key)


def payment(workspace: Workspace, key: str) -> Payment:
    return next(p for p in workspace.store.chart(PATIENT).payments if p.key == key)


def changes(entries: list[AuditEntry]) -> set[tuple[str, str, str | None, str | None]]:
    return {(e.record_key, e.field, e.old_value, e.new_value) for e in entries}


def test_changing_a_visit_on_an_issued_superbill_records_old_and_new_values(workspace: Workspace) -> None:
    document = issue(workspace)
    number = document.number
    assert number is not None
    before = datetime.now(UTC) - timedelta(seconds=1)
    v2 = visit(workspace, "v-2")
    first, second = v2.lines
    corrected = replace(
        v2,
        date=date(2026, 9, 17),
        diagnoses=("M54.50", "M62.838"),
        lines=(
            replace(first, minutes=38, modifiers=("GP",)),
            replace(second, fee=5000, body_region="cervical", pointers=("A", "B")),
            ServiceLine("97010", ("A",)),
        ),
    )
    workspace.store.save_visit(PATIENT, corrected)

    entries = workspace.store.audit_entries(PATIENT)
    assert changes(entries) == {
        ("v-2", "date", "2026-09-16", "2026-09-17"),
        ("v-2", "diagnoses", "M54.50, M62.830", "M54.50, M62.838"),
        ("v-2", "lines[0].minutes", "30", "38"),
        ("v-2", "lines[0].modifiers", None, "GP"),
        ("v-2", "lines[1].fee", None, "50.00"),
        ("v-2", "lines[1].body_region", "thoracic", "cervical"),
        ("v-2", "lines[1].pointers", "B", "A, B"),
        ("v-2", "lines[2]", None, "code 97010; pointers A"),
    }
    for entry in entries:
        assert entry.record_kind is AuditedRecord.VISIT
        assert entry.patient == PATIENT
        assert entry.superbills == (number,)
        assert entry.at.tzinfo is not None and before <= entry.at <= datetime.now(UTC)
    assert workspace.store.audit_entries(number=number) == entries
    assert workspace.store.audit_entries(number="SB-2026-0999") == []

    # The superbill handed out is untouched, byte for byte.
    assert workspace.store.superbill_pdf(number) == document.pdf
    record = workspace.store.superbill(number)
    assert record is not None and record.sha256 == document.sha256


def test_saving_a_visit_unchanged_writes_nothing(workspace: Workspace) -> None:
    issue(workspace)
    workspace.store.save_visit(PATIENT, visit(workspace, "v-1"))
    assert workspace.store.audit_entries() == []


def test_a_visit_on_no_superbill_is_changed_without_an_entry(workspace: Workspace) -> None:
    issue(workspace, Period(date(2026, 9, 9), date(2026, 9, 9)))  # v-1 only
    v2 = visit(workspace, "v-2")
    workspace.store.save_visit(PATIENT, replace(v2, diagnoses=("M54.50",)))
    new = Visit("v-3", date(2026, 9, 23), ("M54.50",), (ServiceLine("97124", minutes=30),))
    workspace.store.save_visit(PATIENT, new)
    assert workspace.store.audit_entries() == []


def test_payments_on_an_issued_superbill_changed_deleted_and_added(workspace: Workspace) -> None:
    number = issue(workspace).number
    pay1 = payment(workspace, "pay-1")
    workspace.store.save_payment(PATIENT, replace(pay1, amount=11000, method=PaymentMethod.CASH))
    workspace.store.delete_payment(PATIENT, "pay-2")
    workspace.store.save_payment(PATIENT, Payment("pay-3", date(2026, 9, 10), 500, PaymentMethod.CHECK))
    workspace.store.save_payment(PATIENT, Payment("pay-4", date(2026, 10, 1), 500, PaymentMethod.CHECK))

    entries = workspace.store.audit_entries(PATIENT)
    assert {e.record_kind for e in entries} == {AuditedRecord.PAYMENT}
    assert {e.superbills for e in entries} == {(number,)}
    assert changes(entries) == {
        ("pay-1", "amount", "120.00", "110.00"),
        ("pay-1", "method", "card", "cash"),
        ("pay-2", DELETED, "2026-09-16; 125.00; hsa_fsa_card", None),
        # inside the superbill's period: a reissue would show it
        ("pay-3", ADDED, None, "2026-09-10; 5.00; check"),
    }


def test_the_entry_and_the_change_are_one_transaction(workspace: Workspace) -> None:
    issue(workspace)
    v1 = visit(workspace, "v-1")
    with pytest.raises(RuntimeError), workspace.store.transaction():
        workspace.store.save_visit(PATIENT, replace(v1, diagnoses=("M54.2",)))
        assert len(workspace.store.audit_entries()) == 1
        raise RuntimeError("the save is abandoned")
    assert workspace.store.audit_entries() == []
    assert visit(workspace, "v-1") == v1


def test_an_import_that_changes_an_issued_visit_is_audited_too(
    workspace: Workspace, sample_practice_path: Path
) -> None:
    from app.services.practice_file import read_practice_file

    issue(workspace)
    practice = read_practice_file(sample_practice_path)
    chart = practice.charts[0]
    moved = replace(chart.visits[0], place_of_service="12")
    workspace.store.save_practice(
        replace(practice, charts=(replace(chart, visits=(moved, *chart.visits[1:])),))
    )
    assert changes(workspace.store.audit_entries()) == {("v-1", "place_of_service", "11", "12")}


def test_the_audit_log_is_append_only(workspace: Workspace) -> None:
    issue(workspace)
    workspace.store.save_visit(PATIENT, replace(visit(workspace, "v-1"), diagnoses=("M54.2",)))
    conn = workspace.store.conn
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        conn.execute("UPDATE audit_log SET new_value = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        conn.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute(
            "INSERT INTO audit_log (at, patient, record_kind, record_key, field, superbills)"
            " VALUES ('2026-09-20T10:00:00.000Z', 'pt-0001', 'visit', 'v-1', 'date', '[]')"
        )
    assert len(workspace.store.audit_entries()) == 1
