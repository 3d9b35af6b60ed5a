"""Issued superbills: statement numbers never repeat, and the PDF comes back byte for byte."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.domain.issued import IssuedSuperbill
from app.store.errors import RecordNotFound, StoreBug, StoreUnavailable
from app.store.records import PracticeStore
from tests import sample

ISSUED_ON = date(2026, 9, 20)


@pytest.fixture
def sample_store(store: PracticeStore) -> PracticeStore:
    store.save_practice(sample.practice())
    return store


def issue(
    store: PracticeStore, pdf: bytes, issued_on: date = ISSUED_ON, replaces: str | None = None
) -> IssuedSuperbill:
    with store.transaction():
        number = store.next_statement_number(issued_on)
        return store.record_superbill(
            number=number,
            patient="pt-0001",
            visit_keys=("v-1", "v-2"),
            issued_on=issued_on,
            charges=24500,
            payments=24500,
            balance=0,
            pdf=pdf,
            replaces=replaces,
        )


def test_statement_numbers_are_sequential_within_a_year_and_restart_the_next(
    sample_store: PracticeStore,
) -> None:
    numbers = [issue(sample_store, b"%PDF-" + bytes([n])).number for n in range(3)]
    numbers.append(issue(sample_store, b"%PDF-next", issued_on=date(2027, 1, 4)).number)
    assert numbers == ["SB-2026-0001", "SB-2026-0002", "SB-2026-0003", "SB-2027-0001"]


def test_a_superbill_that_fails_before_it_is_recorded_gives_its_number_back(
    sample_store: PracticeStore,
) -> None:
    with pytest.raises(RuntimeError), sample_store.transaction():
        assert sample_store.next_statement_number(ISSUED_ON) == "SB-2026-0001"
        raise RuntimeError("the renderer failed")
    assert issue(sample_store, b"%PDF-1").number == "SB-2026-0001"


def test_a_number_already_issued_is_never_issued_again(sample_store: PracticeStore) -> None:
    first = issue(sample_store, b"%PDF-1")
    with pytest.raises(ValidationError, match="already been issued"):
        sample_store.record_superbill(
            number=first.number,
            patient="pt-0001",
            visit_keys=("v-1",),
            issued_on=ISSUED_ON,
            charges=1,
            payments=0,
            balance=1,
            pdf=b"%PDF-other",
        )


def test_the_recorded_pdf_comes_back_identical_with_its_sha256(
    sample_store: PracticeStore, db_path: Path
) -> None:
    pdf = b"%PDF-1.7\n" + os.urandom(50_000)
    issued = issue(sample_store, pdf)
    sample_store.close()

    with PracticeStore.open(db_path) as reopened:
        assert reopened.superbill_pdf(issued.number) == pdf
        kept = reopened.superbill(issued.number)
    assert kept == issued
    assert kept.sha256 == hashlib.sha256(pdf).hexdigest()
    assert kept.visit_keys == ("v-1", "v-2")
    assert (kept.first_date, kept.last_date) == (date(2026, 9, 9), date(2026, 9, 16))


def test_superbills_are_listed_per_patient_with_what_they_replace(sample_store: PracticeStore) -> None:
    first = issue(sample_store, b"%PDF-1")
    second = issue(sample_store, b"%PDF-2", replaces=first.number)
    assert sample_store.superbills("pt-0001") == [first, second]
    assert second.replaces == "SB-2026-0001"
    assert sample_store.superbills("nobody") == []


def test_an_issued_superbill_cannot_be_changed(sample_store: PracticeStore) -> None:
    issued = issue(sample_store, b"%PDF-1")
    with pytest.raises(StoreBug), sample_store.transaction():
        sample_store.conn.execute("UPDATE superbills SET balance = 0 WHERE number = ?", (issued.number,))
    assert sample_store.superbill_pdf(issued.number) == b"%PDF-1"


def test_a_visit_on_an_issued_superbill_cannot_be_deleted(sample_store: PracticeStore) -> None:
    issue(sample_store, b"%PDF-1")
    with pytest.raises(ValidationError, match="SB-2026-0001"):
        sample_store.delete_visit("pt-0001", "v-1")
    assert len(sample_store.chart("pt-0001").visits) == 2


def test_a_superbill_must_name_the_patients_own_visits(sample_store: PracticeStore) -> None:
    with pytest.raises(ValidationError) as refused:
        sample_store.record_superbill(
            number="SB-2026-0001",
            patient="pt-0001",
            visit_keys=("v-1", "v-7"),
            issued_on=ISSUED_ON,
            charges=1,
            payments=0,
            balance=1,
            pdf=b"%PDF",
        )
    assert refused.value.field == "superbill.visits[1]"
    assert sample_store.superbills() == []


def test_a_sha256_that_does_not_match_the_pdf_is_our_bug(sample_store: PracticeStore) -> None:
    with pytest.raises(StoreBug):
        sample_store.record_superbill(
            number="SB-2026-0001",
            patient="pt-0001",
            visit_keys=("v-1",),
            issued_on=ISSUED_ON,
            charges=1,
            payments=0,
            balance=1,
            pdf=b"%PDF",
            sha256="0" * 64,
        )


def test_a_stored_pdf_that_no_longer_matches_its_fingerprint_is_reported_as_damage(
    sample_store: PracticeStore,
) -> None:
    issued = issue(sample_store, b"%PDF-1")
    # Simulate damage on disk: bypass the guard that keeps issued superbills unchanged.
    sample_store.conn.execute("DROP TRIGGER superbills_are_final_update")
    sample_store.conn.execute("UPDATE superbills SET pdf = X'00' WHERE number = ?", (issued.number,))
    with pytest.raises(StoreUnavailable, match="damaged"):
        sample_store.superbill_pdf(issued.number)


def test_a_superbill_never_issued_is_not_found(store: PracticeStore) -> None:
    assert store.superbill("SB-2026-0099") is None
    with pytest.raises(RecordNotFound):
        store.superbill_pdf("SB-2026-0099")


def test_the_upcoming_number_is_the_one_issued_next_and_asking_takes_none(store: PracticeStore) -> None:
    day = date(2026, 9, 20)
    assert store.upcoming_statement_number(day) == "SB-2026-0001"
    assert store.upcoming_statement_number(day) == "SB-2026-0001"
    assert store.next_statement_number(day) == "SB-2026-0001"
    assert store.upcoming_statement_number(day) == "SB-2026-0002"
