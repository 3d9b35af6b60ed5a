"""The store refuses text longer than its field takes, whoever hands it in, and keeps what it had.

Without this, a record typed in the app could hold text the practice file refuses: its export
would not import again, and the superbill would not hold it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.errors import ValidationError
from app.domain.practice import Address
from app.domain.procedures import Procedure
from app.store.records import PracticeStore
from tests import sample
from tests.store.builders import rich_practice


@pytest.fixture
def filled(store: PracticeStore) -> PracticeStore:
    store.save_practice(rich_practice())
    return store


def test_a_too_long_patient_name_is_refused_and_the_patient_kept(filled: PracticeStore) -> None:
    before = filled.patient("pt-zoe")
    assert before is not None
    with pytest.raises(ValidationError) as caught:
        filled.save_patient(replace(before, first_name="Z" * 151))
    assert caught.value.field == "patient.first_name"
    assert filled.patient("pt-zoe") == before


def test_a_new_patient_with_a_too_long_city_is_not_added(filled: PracticeStore) -> None:
    count = len(filled.patients(""))
    patient = replace(sample.chart().patient, key="pt-new", account_number=None,
                      address=Address("1 Main St", "C" * 61, "WA", "98109"))  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        filled.save_patient(patient)
    assert caught.value.field == "patient.address.city"
    assert len(filled.patients("")) == count


def test_the_practitioner_payer_and_procedure_are_checked(filled: PracticeStore) -> None:
    with pytest.raises(ValidationError) as caught:
        filled.save_practitioner(sample.practitioner(practice_name="P" * 201))
    assert caught.value.field == "practitioner.practice_name"
    payer = filled.payers()[0]
    with pytest.raises(ValidationError) as caught:
        filled.save_payer(replace(payer, name="N" * 201))
    assert caught.value.field == "payer.name"
    assert filled.payer(payer.key) == payer
    with pytest.raises(ValidationError) as caught:
        filled.save_procedure(Procedure("S9999", "D" * 301, timed=False, user_added=True))
    assert caught.value.field == "procedure.description"


def test_coverage_prescription_visit_and_payment_are_checked_and_kept(filled: PracticeStore) -> None:
    chart = filled.chart("pt-zoe")
    coverage, prescription, visit, payment = (
        chart.coverages[0],
        chart.prescriptions[0],
        chart.visits[0],
        chart.payments[0],
    )
    line = replace(visit.lines[0], unit_reason="U" * 301)
    cases = [
        (lambda: filled.save_coverage("pt-zoe", replace(coverage, member_id="M" * 41)), "coverage.member_id"),
        (
            lambda: filled.save_prescription("pt-zoe", replace(prescription, notes="N" * 2001)),
            "prescription.notes",
        ),
        (lambda: filled.save_visit("pt-zoe", replace(visit, lines=(line,))), "visit.lines[0].unit_reason"),
        (lambda: filled.save_payment("pt-zoe", replace(payment, reference="R" * 101)), "payment.reference"),
    ]
    for save, field in cases:
        with pytest.raises(ValidationError) as caught:
            save()
        assert caught.value.field == field
    assert filled.chart("pt-zoe") == chart
