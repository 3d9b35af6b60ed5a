"""Editing a patient's records from the app: keys, checks naming the field, balances and usage."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.errors import ValidationError
from app.domain.practice import (
    Address,
    Coverage,
    Patient,
    Payer,
    PayerKind,
    Payment,
    PaymentMethod,
    Prescription,
    Relationship,
)
from app.services import accounts, saving
from app.services.workspace import Workspace
from tests import sample

TODAY = date(2026, 9, 20)


def test_a_new_patient_gets_a_key_and_an_account_number_and_keeps_the_name_exactly(
    workspace: Workspace,
) -> None:
    saved = saving.save_patient(
        workspace.store, Patient("", " Zoë ", "Nguyễn-Øster", date(1990, 2, 3)), today=TODAY
    )
    assert saved.key.startswith("pt-")
    assert saved.account_number == "A00002"
    stored = workspace.store.patient(saved.key)
    assert stored is not None
    assert (stored.first_name, stored.last_name) == ("Zoë", "Nguyễn-Øster")


@pytest.mark.parametrize(
    ("patient", "field"),
    [
        (Patient("", "", "Okafor", date(1990, 1, 1)), "patient.first_name"),
        (Patient("", "Ann", "  ", date(1990, 1, 1)), "patient.last_name"),
        (Patient("", "Ann", "Lee", date(2027, 1, 1)), "patient.date_of_birth"),
        (Patient("", "Ann", "Lee", date(1990, 1, 1), email="ann-at-home"), "patient.email"),
        (
            Patient("", "Ann", "Lee", date(1990, 1, 1), address=Address("1 Main St", "", "WA", "98101")),
            "patient.address.city",
        ),
        (
            Patient("", "Ann", "Lee", date(1990, 1, 1), address=Address("1 Main St", "Tacoma", "WA", "981")),
            "patient.address.zip",
        ),
    ],
)
def test_a_patient_that_cannot_be_saved_names_the_field(
    workspace: Workspace, patient: Patient, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        saving.save_patient(workspace.store, patient, today=TODAY)
    assert caught.value.field == field
    assert len(workspace.store.patients()) == 1


def test_a_workers_comp_coverage_keeps_only_the_claim_fields(workspace: Workspace) -> None:
    coverage = Coverage(
        "",
        "lni",
        member_id="LEFTOVER",
        claim_number="WC-5512",
        injury_date=date(2026, 8, 1),
        employer="Harbor Freight Lines",
        adjuster="R. Diaz",
    )
    saved = saving.save_coverage(workspace.store, "pt-0001", coverage, today=TODAY)
    stored = workspace.store.chart("pt-0001").coverage(saved.key)
    assert stored is not None
    assert stored.member_id is None
    assert (stored.claim_number, stored.employer, stored.adjuster) == (
        "WC-5512",
        "Harbor Freight Lines",
        "R. Diaz",
    )


def test_a_coverage_through_a_spouse_needs_the_subscriber(workspace: Workspace) -> None:
    coverage = Coverage("", "premera", relationship=Relationship.SPOUSE, member_id="X1")
    with pytest.raises(ValidationError) as caught:
        saving.save_coverage(workspace.store, "pt-0001", coverage, today=TODAY)
    assert caught.value.field == "coverage.subscriber.first_name"


def test_a_prescription_with_a_wrong_npi_check_digit_is_refused(workspace: Workspace) -> None:
    rx = Prescription("", "Helen Park", date(2026, 9, 1), prescriber_npi="1234567890")
    with pytest.raises(ValidationError) as caught:
        saving.save_prescription(workspace.store, workspace.codes, "pt-0001", rx, today=TODAY)
    assert caught.value.field == "prescription.prescriber_npi"
    assert "last digit" in caught.value.message


def test_a_prescription_with_a_heading_code_is_refused_and_the_billable_codes_named(
    workspace: Workspace,
) -> None:
    rx = Prescription("", "Helen Park", date(2026, 9, 1), diagnoses=("M54.50", "m545"))
    with pytest.raises(ValidationError) as caught:
        saving.save_prescription(workspace.store, workspace.codes, "pt-0001", rx, today=TODAY)
    assert caught.value.field == "prescription.diagnoses[1]"
    assert "M54.51" in caught.value.message


def test_a_prescription_stores_its_codes_in_dotted_form(workspace: Workspace) -> None:
    rx = Prescription(
        "", "Helen Park", date(2026, 9, 1), diagnoses=("m5450", "M62.830"), prescriber_npi="1003000126"
    )
    saved = saving.save_prescription(workspace.store, workspace.codes, "pt-0001", rx, today=TODAY)
    assert workspace.store.chart("pt-0001").prescription(saved.key) == saved
    assert saved.diagnoses == ("M54.50", "M62.830")


def test_the_sample_prescription_shows_used_2_of_8(workspace: Workspace) -> None:
    account = accounts.patient_account(workspace.store, "pt-0001")
    assert account.usage["rx-1"].text == "used 2 of 8"


def test_the_balance_is_the_superbill_total_of_all_visits_minus_payments(workspace: Workspace) -> None:
    before = accounts.balance_due(workspace.store, "pt-0001")
    assert before == sample.superbill_data().totals().balance
    saving.save_payment(workspace.store, "pt-0001", Payment("", TODAY, 4500, PaymentMethod.CARD), today=TODAY)
    assert accounts.balance_due(workspace.store, "pt-0001") == before - 4500


def test_visit_charges_follow_the_superbill_pricing(workspace: Workspace) -> None:
    account = accounts.patient_account(workspace.store, "pt-0001")
    priced = {v.visit.key: v for v in account.visits}
    assert priced["v-2"].procedures == ("97124", "97140-59")
    assert sum(v.charge for v in account.visits) == account.totals.charges


def test_a_payment_of_nothing_is_refused(workspace: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        saving.save_payment(
            workspace.store, "pt-0001", Payment("", TODAY, 0, PaymentMethod.CASH), today=TODAY
        )
    assert caught.value.field == "payment.amount"


def test_a_new_payer_gets_a_key(workspace: Workspace) -> None:
    saved = saving.save_payer(
        workspace.store, Payer("", "Regence", PayerKind.COMMERCIAL, filing_limit_days=180)
    )
    assert workspace.store.payer(saved.key) == saved


def test_a_code_of_ones_own_is_added_and_a_built_in_one_refused(workspace: Workspace) -> None:
    saving.add_procedure(workspace.store, " g0283 ", "Electrical stimulation", timed=False)
    assert workspace.store.procedures()["G0283"].user_added
    with pytest.raises(ValidationError) as caught:
        saving.add_procedure(workspace.store, "97124", "Massage", timed=True)
    assert caught.value.field == "procedure.code"


def test_an_unchanged_sample_record_saves_as_it_was(workspace: Workspace) -> None:
    chart = workspace.store.chart("pt-0001")
    saved = saving.save_coverage(workspace.store, "pt-0001", chart.coverages[0], today=TODAY)
    assert saved == replace(chart.coverages[0])
