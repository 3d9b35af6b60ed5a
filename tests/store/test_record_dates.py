"""The store refuses a date outside its window, whoever hands the record in, and keeps what it had.

Without this, a form, a script or an import could store 9999-12-31, and the check, the superbill
or the needs-attention panel would run off the end of the calendar adding days to it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.domain.errors import ValidationError
from app.store.records import PracticeStore
from tests.store.builders import rich_practice

FAR = date(9999, 12, 31)


@pytest.fixture
def filled(store: PracticeStore) -> PracticeStore:
    store.save_practice(rich_practice())
    return store


def test_each_record_with_a_date_past_its_window_is_refused_and_the_chart_kept(filled: PracticeStore) -> None:
    chart = filled.chart("pt-zoe")
    coverage, prescription, visit, payment = (
        chart.coverages[0],
        chart.prescriptions[0],
        chart.visits[0],
        chart.payments[0],
    )
    cases = [
        (lambda: filled.save_patient(replace(chart.patient, date_of_birth=FAR)), "patient.date_of_birth"),
        (lambda: filled.save_coverage("pt-zoe", replace(coverage, injury_date=FAR)), "coverage.injury_date"),
        (
            lambda: filled.save_prescription("pt-zoe", replace(prescription, written_on=FAR)),
            "prescription.written_on",
        ),
        (lambda: filled.save_visit("pt-zoe", replace(visit, date=FAR)), "visit.date"),
        (lambda: filled.save_payment("pt-zoe", replace(payment, date=FAR)), "payment.date"),
    ]
    for save, field in cases:
        with pytest.raises(ValidationError) as caught:
            save()
        assert caught.value.field == field
    assert filled.chart("pt-zoe") == chart


def test_a_visit_before_the_patients_birth_is_refused(filled: PracticeStore) -> None:
    chart = filled.chart("pt-zoe")
    before_birth = chart.patient.date_of_birth - timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        filled.save_visit("pt-zoe", replace(chart.visits[0], date=before_birth))
    assert caught.value.field == "visit.date"
    assert "before the patient's date of birth" in caught.value.message
    assert filled.chart("pt-zoe") == chart


def test_an_import_names_the_record_in_the_file(filled: PracticeStore) -> None:
    practice = rich_practice()
    chart = practice.charts[1]
    late = replace(chart, visits=(chart.visits[0], replace(chart.visits[-1], date=FAR)))
    with pytest.raises(ValidationError) as caught:
        filled.save_practice(replace(practice, charts=(practice.charts[0], late)))
    assert caught.value.field == f"patients[1].visits[{len(late.visits) - 1}].date"
