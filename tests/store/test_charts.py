"""A patient's chart: visits with their lines, payments, and what may be changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.errors import ValidationError
from app.domain.practice import Payment, PaymentMethod, ServiceLine, Visit
from app.store.errors import RecordNotFound
from app.store.records import PracticeStore
from tests import sample


@pytest.fixture
def sample_store(store: PracticeStore) -> PracticeStore:
    store.save_practice(sample.practice())
    return store


def test_the_chart_holds_the_patient_and_everything_recorded_for_them(sample_store: PracticeStore) -> None:
    assert sample_store.chart("pt-0001") == sample.chart()


def test_the_chart_of_an_unknown_patient_is_not_found(store: PracticeStore) -> None:
    with pytest.raises(RecordNotFound, match="nobody"):
        store.chart("nobody")


def test_saving_a_visit_replaces_its_lines_and_diagnoses(sample_store: PracticeStore) -> None:
    edited = Visit(
        "v-2",
        date(2026, 9, 17),
        ("M62.830",),
        (ServiceLine("97112", ("A",), minutes=25, modifiers=("59", "GP", "KX", "XU")),),
        coverage="cov-1",
    )
    sample_store.save_visit("pt-0001", edited)

    visits = sample_store.chart("pt-0001").visits
    assert visits == (sample.chart().visits[0], edited)


def test_visits_come_back_in_date_order(sample_store: PracticeStore) -> None:
    earlier = Visit("v-0", date(2026, 9, 2), ("M54.50",), (ServiceLine("97124", minutes=30),))
    sample_store.save_visit("pt-0001", earlier)
    assert [v.key for v in sample_store.chart("pt-0001").visits] == ["v-0", "v-1", "v-2"]


def test_a_visit_with_a_prescription_the_patient_does_not_have_is_refused(
    sample_store: PracticeStore,
) -> None:
    visit = Visit("v-9", date(2026, 9, 30), ("M54.50",), (), prescription="rx-9")
    with pytest.raises(ValidationError) as refused:
        sample_store.save_visit("pt-0001", visit)
    assert refused.value.field == "visit.prescription"
    assert len(sample_store.chart("pt-0001").visits) == 2


def test_a_visit_for_an_unknown_patient_is_not_found(store: PracticeStore) -> None:
    with pytest.raises(RecordNotFound):
        store.save_visit("nobody", sample.chart().visits[0])


def test_deleting_a_visit_removes_it_with_its_lines(sample_store: PracticeStore) -> None:
    sample_store.delete_visit("pt-0001", "v-2")
    assert [v.key for v in sample_store.chart("pt-0001").visits] == ["v-1"]
    assert sample_store.conn.execute("SELECT COUNT(*) FROM service_lines").fetchone()[0] == 1
    with pytest.raises(RecordNotFound):
        sample_store.delete_visit("pt-0001", "v-2")


def test_payments_are_added_updated_and_deleted_by_key(sample_store: PracticeStore) -> None:
    sample_store.save_payment("pt-0001", Payment("pay-3", date(2026, 9, 20), 1000, PaymentMethod.CASH))
    sample_store.save_payment("pt-0001", replace(sample.chart().payments[0], amount=11000))
    sample_store.delete_payment("pt-0001", "pay-2")

    payments = sample_store.chart("pt-0001").payments
    assert [(p.key, p.amount) for p in payments] == [("pay-1", 11000), ("pay-3", 1000)]
    with pytest.raises(RecordNotFound):
        sample_store.delete_payment("pt-0001", "pay-2")


def test_a_prescription_keeps_its_diagnoses_in_the_order_written(sample_store: PracticeStore) -> None:
    rx = replace(sample.chart().prescriptions[0], diagnoses=("M79.7", "M54.2", "M54.50"))
    sample_store.save_prescription("pt-0001", rx)
    assert sample_store.chart("pt-0001").prescriptions == (rx,)
