"""What needs attention, as the therapist would state it (queries in app/store/attention.py, words in
app/services/attention.py), and the patient count behind "12 of 10,000 patients"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.domain.practice import Coverage, Patient, Payer, PayerKind, Prescription, Visit
from app.services.attention import AttentionItem, AttentionKind, needs_attention
from app.store.patient_counts import count_patients
from app.store.records import PracticeStore
from tests import sample

TODAY = date(2026, 9, 20)
PDF = b"%PDF-1.4 test"


@pytest.fixture
def practice_store(store: PracticeStore) -> PracticeStore:
    store.save_practice(sample.practice())
    return store


def items(store: PracticeStore, kind: AttentionKind, today: date = TODAY) -> list[AttentionItem]:
    return [item for item in needs_attention(store, today) if item.kind is kind]


def issue(
    store: PracticeStore, visit_keys: tuple[str, ...], balance: int = 0, replaces: str | None = None
) -> str:
    number = store.next_statement_number(TODAY)
    store.record_superbill(
        number=number,
        patient="pt-0001",
        visit_keys=visit_keys,
        issued_on=TODAY,
        charges=24500 + balance,
        payments=24500,
        balance=balance,
        pdf=PDF + number.encode(),
        replaces=replaces,
    )
    return number


def test_the_samples_two_visits_wait_for_a_superbill(practice_store: PracticeStore) -> None:
    [item] = items(practice_store, AttentionKind.UNBILLED_VISITS)
    assert item.patient_key == "pt-0001"
    assert item.text == "Okafor, Daniel — 2 visits since 09/09/2026 not yet billed"


def test_visits_on_an_issued_superbill_no_longer_wait(practice_store: PracticeStore) -> None:
    issue(practice_store, ("v-1",))
    [item] = items(practice_store, AttentionKind.UNBILLED_VISITS)
    assert item.message == "1 visit on 09/16/2026 not yet billed"
    issue(practice_store, ("v-2",))
    assert items(practice_store, AttentionKind.UNBILLED_VISITS) == []


def test_self_pay_and_future_visits_need_no_superbill(practice_store: PracticeStore) -> None:
    issue(practice_store, ("v-1", "v-2"))
    practice_store.save_visit("pt-0001", Visit("v-3", date(2026, 9, 18), ("M54.50",), ()))  # no coverage
    practice_store.save_coverage("pt-0001", Coverage("cov-self", "self"))
    practice_store.save_visit(
        "pt-0001", Visit("v-4", date(2026, 9, 19), ("M54.50",), (), coverage="cov-self")
    )
    practice_store.save_visit("pt-0001", Visit("v-5", date(2026, 9, 25), ("M54.50",), (), coverage="cov-1"))
    assert items(practice_store, AttentionKind.UNBILLED_VISITS) == []


def test_a_prescription_with_all_its_visits_used_needs_attention(practice_store: PracticeStore) -> None:
    assert items(practice_store, AttentionKind.PRESCRIPTION) == []  # 2 of 8 used, expires in December
    rx = sample.chart().prescriptions[0]
    practice_store.save_prescription("pt-0001", replace(rx, authorized_visits=2))
    [item] = items(practice_store, AttentionKind.PRESCRIPTION)
    assert item.text == "Okafor, Daniel — prescription by Helen Park, MD: 2 of 2 visits used"
    assert item.due == TODAY


def test_a_prescription_expiring_within_14_days_needs_attention(practice_store: PracticeStore) -> None:
    rx = sample.chart().prescriptions[0]
    practice_store.save_prescription("pt-0001", replace(rx, expires_on=TODAY + timedelta(days=15)))
    assert items(practice_store, AttentionKind.PRESCRIPTION) == []
    practice_store.save_prescription("pt-0001", replace(rx, expires_on=TODAY + timedelta(days=14)))
    [item] = items(practice_store, AttentionKind.PRESCRIPTION)
    assert item.message == "prescription by Helen Park, MD: expires 10/04/2026 (in 14 days)"
    assert item.due == date(2026, 10, 4)


def test_an_expired_prescription_is_no_longer_listed(practice_store: PracticeStore) -> None:
    rx = sample.chart().prescriptions[0]
    practice_store.save_prescription("pt-0001", replace(rx, expires_on=TODAY - timedelta(days=1)))
    assert items(practice_store, AttentionKind.PRESCRIPTION) == []


def test_a_superbill_with_a_balance_due_needs_attention(practice_store: PracticeStore) -> None:
    issue(practice_store, ("v-1",))
    assert items(practice_store, AttentionKind.BALANCE_DUE) == []  # paid in full
    number = issue(practice_store, ("v-2",), balance=4500)
    [item] = items(practice_store, AttentionKind.BALANCE_DUE)
    assert item.text == f"Okafor, Daniel — superbill {number} of 09/20/2026: $45.00 balance due"


def test_a_replaced_superbill_no_longer_shows_its_balance(practice_store: PracticeStore) -> None:
    first = issue(practice_store, ("v-1", "v-2"), balance=4500)
    issue(practice_store, ("v-1", "v-2"), replaces=first)
    assert items(practice_store, AttentionKind.BALANCE_DUE) == []


def test_filing_deadlines_within_30_days_for_visits_not_on_a_superbill(practice_store: PracticeStore) -> None:
    # Premera allows 365 days: the sample's visits are due in September 2027.
    assert items(practice_store, AttentionKind.FILING_DEADLINE) == []
    practice_store.save_payer(replace(sample.PAYERS[0], filing_limit_days=30))
    [item] = items(practice_store, AttentionKind.FILING_DEADLINE)
    assert item.text == (
        "Okafor, Daniel — 2 visits for Premera Blue Cross to file, the first by 10/09/2026 (in 19 days)"
    )
    assert item.due == date(2026, 10, 9)
    issue(practice_store, ("v-1", "v-2"))
    assert items(practice_store, AttentionKind.FILING_DEADLINE) == []


def test_a_passed_filing_deadline_is_not_announced_as_near(practice_store: PracticeStore) -> None:
    practice_store.save_payer(replace(sample.PAYERS[0], filing_limit_days=3))  # 09/12, 09/19
    assert items(practice_store, AttentionKind.FILING_DEADLINE) == []


def test_the_most_urgent_kind_comes_first(practice_store: PracticeStore) -> None:
    practice_store.save_payer(replace(sample.PAYERS[0], filing_limit_days=30))
    rx = sample.chart().prescriptions[0]
    practice_store.save_prescription("pt-0001", replace(rx, authorized_visits=2))
    issue(practice_store, ("v-1",), balance=1000)
    kinds = [item.kind for item in needs_attention(practice_store, TODAY)]
    assert kinds == [
        AttentionKind.FILING_DEADLINE,
        AttentionKind.PRESCRIPTION,
        AttentionKind.UNBILLED_VISITS,
        AttentionKind.BALANCE_DUE,
    ]


def test_nothing_needs_attention_in_an_empty_practice(store: PracticeStore) -> None:
    assert needs_attention(store, TODAY) == []


def test_several_patients_are_counted_apart(practice_store: PracticeStore) -> None:
    practice_store.save_payer(Payer("aetna", "Aetna", PayerKind.COMMERCIAL, filing_limit_days=90))
    practice_store.save_patient(Patient("pt-2", "Ana", "Bell", date(1970, 1, 2)))
    practice_store.save_coverage("pt-2", Coverage("c", "aetna", member_id="AET1"))
    practice_store.save_prescription(
        "pt-2",
        Prescription("r", "Sam Lee", date(2026, 6, 1), authorized_visits=1, expires_on=date(2026, 10, 1)),
    )
    for n, day in enumerate((date(2026, 6, 28), date(2026, 7, 5), date(2026, 7, 12))):
        practice_store.save_visit(
            "pt-2", Visit(f"v{n}", day, ("M54.2",), (), coverage="c", prescription="r" if n == 0 else None)
        )
    texts = [item.text for item in needs_attention(practice_store, TODAY)]
    assert texts == [
        "Bell, Ana — 3 visits for Aetna to file, the first by 09/26/2026 (in 6 days)",
        "Bell, Ana — prescription by Sam Lee: 1 of 1 visits used, expires 10/01/2026 (in 11 days)",
        "Bell, Ana — 3 visits since 06/28/2026 not yet billed",
        "Okafor, Daniel — 2 visits since 09/09/2026 not yet billed",
    ]


@pytest.mark.parametrize(
    "search", ["", "oka", "OKAFOR daniel", "6/12/1984", "1984-06-12", "a0000", "prm448", "zzz"]
)
def test_the_patient_count_agrees_with_the_search(practice_store: PracticeStore, search: str) -> None:
    practice_store.save_patient(Patient("pt-2", "Zoë", "Ökafor", date(1990, 1, 2)))
    assert count_patients(practice_store, search) == len(practice_store.patients(search))


def test_the_queries_over_every_visit_and_over_one_patient_agree_on_which_visits_are_billed(
    practice_store: PracticeStore,
) -> None:
    """ON_A_SUPERBILL looks a patient's visits up one by one; the queries over the whole practice list
    the billed visits once (_unbilled_of_all): a visit dropped by a replacement waits again in both."""
    from app.store import attention as queries

    first = issue(practice_store, ("v-1", "v-2"))
    issue(practice_store, ("v-2",), replaces=first)
    [one] = queries.unbilled_visits(practice_store, TODAY, "pt-0001")
    assert (one.visit_key, one.date) == ("v-1", date(2026, 9, 9))
    [waiting] = queries.visits_waiting(practice_store, TODAY)
    assert (waiting.visits, waiting.first_date, waiting.last_date) == (1, one.date, one.date)
    codes = {code for code, day in queries.visit_codes_by_day(practice_store, date.min, unbilled_only=True)}
    uses = queries.visit_code_uses(practice_store, date.min, unbilled_only=True, codes=codes)
    assert {(use.key, use.day) for use in uses} == {("v-1", one.date)}
    [item] = items(practice_store, AttentionKind.UNBILLED_VISITS)
    assert item.message == "1 visit on 09/09/2026 not yet billed"
