"""Saving a whole practice (import) and reading it back (export): nothing lost, all or nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.errors import ValidationError
from app.domain.practice import Coverage, Payer, PayerKind, Practice, UnitRule, Visit
from app.store.records import PracticeStore
from tests import sample
from tests.store.builders import PNG, rich_practice, zoe_chart


def dump(store: PracticeStore) -> str:
    return "\n".join(store.conn.iterdump())


def test_the_sample_practice_comes_back_exactly_as_saved(store: PracticeStore) -> None:
    store.save_practice(sample.practice())
    assert store.practice() == sample.practice()


def test_every_field_comes_back_unicode_subscriber_orders_payer_fees_and_signature(
    store: PracticeStore,
) -> None:
    practice = rich_practice()
    store.save_practice(practice)

    back = store.practice()
    zoe = back.charts[1]
    # The store gives the new patient an account number; everything else is as written.
    assert zoe.patient.account_number is not None
    assert back == replace(
        practice, charts=(practice.charts[0], replace(practice.charts[1], patient=zoe.patient))
    )
    assert zoe.patient.full_name == "Zoë Nguyễn-Øster"
    assert zoe.coverages[0].subscriber is not None and zoe.coverages[0].subscriber.last_name == "Øster"
    assert zoe.prescriptions[0].diagnoses == ("S13.4XXA", "M54.2", "G44.209")
    assert zoe.visits[0].lines[0].modifiers == ("XS", "GP")
    assert zoe.visits[0].lines[0].pointers == ("C", "A")
    assert back.payer("premera") is not None and back.payer("premera").unit_rule is UnitRule.AMA_MIDPOINT  # type: ignore[union-attr]
    assert back.fees.fee_for("97124", "premera") == 3800
    assert back.practitioner is not None and back.practitioner.signature_png == PNG


def test_importing_the_same_ids_again_updates_instead_of_duplicating(store: PracticeStore) -> None:
    store.save_practice(sample.practice())
    chart = sample.chart()
    moved = replace(chart.patient, phone="206-555-9999", account_number=None)
    shorter_visit = replace(chart.visits[1], lines=chart.visits[1].lines[:1])
    store.save_practice(
        replace(
            sample.practice(),
            charts=(replace(chart, patient=moved, visits=(chart.visits[0], shorter_visit)),),
        )
    )

    back = store.practice()
    assert len(back.charts) == 1
    assert len(back.payers) == len(sample.PAYERS)
    again = back.charts[0]
    assert again.patient.phone == "206-555-9999"
    assert again.patient.account_number == "A00001"  # kept, though the file left it out
    assert [v.key for v in again.visits] == ["v-1", "v-2"]
    assert again.visits[1].lines == shorter_visit.lines
    assert store.conn.execute("SELECT COUNT(*) FROM service_lines").fetchone()[0] == 2


def test_an_import_that_fails_halfway_leaves_the_database_exactly_as_it_was(store: PracticeStore) -> None:
    store.save_practice(sample.practice())
    before = dump(store)

    chart = zoe_chart()
    broken_visit = replace(chart.visits[1], coverage="cov-unknown")
    broken = replace(
        rich_practice(),
        payers=(*sample.PAYERS, Payer("aetna", "Aetna", PayerKind.COMMERCIAL)),
        charts=(sample.chart(), replace(chart, visits=(chart.visits[0], broken_visit))),
    )

    with pytest.raises(ValidationError) as refused:
        store.save_practice(broken)

    assert refused.value.field == "patients[1].visits[1].coverage"
    assert "cov-unknown" in refused.value.message
    assert dump(store) == before


def test_a_visit_cannot_use_another_patients_coverage(store: PracticeStore) -> None:
    store.save_practice(sample.practice())  # Daniel has cov-1
    chart = zoe_chart()
    no_coverages = replace(chart, coverages=(), visits=(replace(chart.visits[1], coverage="cov-1"),))

    with pytest.raises(ValidationError, match="no coverage"):
        store.save_practice(Practice(practitioner=None, charts=(no_coverages,)))

    assert store.patient("pt-zoe") is None


def test_a_coverage_with_an_unknown_payer_is_refused(store: PracticeStore) -> None:
    chart = replace(sample.chart(), coverages=(Coverage("cov-1", "nobody"),), visits=())
    with pytest.raises(ValidationError) as refused:
        store.save_practice(Practice(practitioner=None, charts=(chart,)))
    assert refused.value.field == "patients[0].coverages[0].payer"
    assert store.patients() == []


def test_an_id_used_twice_in_one_file_is_refused_rather_than_overwritten(store: PracticeStore) -> None:
    chart = sample.chart()
    twice = replace(chart, visits=(chart.visits[0], replace(chart.visits[1], key="v-1")))
    with pytest.raises(ValidationError) as refused:
        store.save_practice(replace(sample.practice(), charts=(twice,)))
    assert refused.value.field == "patients[0].visits[1].id"
    assert store.practice().charts == ()


def test_a_later_file_can_add_visits_that_use_a_coverage_imported_before(store: PracticeStore) -> None:
    store.save_practice(sample.practice())
    chart = sample.chart()
    extra = Visit("v-3", date(2026, 9, 23), ("M54.50",), chart.visits[0].lines, coverage="cov-1")
    store.save_practice(Practice(practitioner=None, charts=(replace(chart, coverages=(), visits=(extra,)),)))

    assert [v.key for v in store.chart("pt-0001").visits] == ["v-1", "v-2", "v-3"]
    assert store.practitioner() == sample.practitioner()  # a file without a practitioner keeps ours


def test_keys_of_chart_records_only_need_to_be_unique_per_patient(store: PracticeStore) -> None:
    store.save_practice(rich_practice())  # both patients have cov-1, rx-1, v-1, pay-1
    daniel, zoe = store.practice().charts
    assert daniel.coverage("cov-1") != zoe.coverage("cov-1")
    assert daniel.visits[0].key == zoe.visits[0].key == "v-1"
