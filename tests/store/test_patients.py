"""Finding patients, and the account numbers printed on their superbills."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.errors import ValidationError
from app.domain.practice import Coverage, Patient
from app.store.keys import RecordKind, new_key
from app.store.records import PracticeStore
from tests import sample
from tests.store.builders import rich_practice


@pytest.fixture
def practice_store(store: PracticeStore) -> PracticeStore:
    store.save_practice(rich_practice())
    store.save_patient(Patient("pt-ann", "Ann", "Okafor-Smith", date(1950, 1, 2)))
    return store


def keys(patients: list[Patient]) -> list[str]:
    return [p.key for p in patients]


def test_search_finds_a_fragment_of_a_name_in_any_case(practice_store: PracticeStore) -> None:
    assert keys(practice_store.patients("okaf")) == ["pt-0001", "pt-ann"]
    assert keys(practice_store.patients("DANIEL")) == ["pt-0001"]


def test_search_ignores_accents_both_ways(practice_store: PracticeStore) -> None:
    assert keys(practice_store.patients("zoe nguyen")) == ["pt-zoe"]
    assert keys(practice_store.patients("Zoë Nguyễn-Øster")) == ["pt-zoe"]
    assert keys(practice_store.patients("oster")) == ["pt-zoe"]


def test_every_word_of_a_search_must_match(practice_store: PracticeStore) -> None:
    assert keys(practice_store.patients("okafor ann")) == ["pt-ann"]
    assert keys(practice_store.patients("Okafor, Daniel")) == ["pt-0001"]


def test_search_by_date_of_birth_iso_or_us(practice_store: PracticeStore) -> None:
    assert keys(practice_store.patients("1984-06-12")) == ["pt-0001"]
    assert keys(practice_store.patients("6/12/1984")) == ["pt-0001"]


def test_search_by_account_number_and_member_id(practice_store: PracticeStore) -> None:
    assert keys(practice_store.patients("A00001")) == ["pt-0001"]
    assert keys(practice_store.patients("prm448812093")) == ["pt-0001"]
    assert keys(practice_store.patients("XJW-99")) == ["pt-zoe"]


def test_an_empty_search_lists_everyone_by_last_name_and_limit_caps_it(practice_store: PracticeStore) -> None:
    assert keys(practice_store.patients()) == ["pt-zoe", "pt-0001", "pt-ann"]
    assert keys(practice_store.patients("", limit=1)) == ["pt-zoe"]


def test_wildcards_in_a_search_are_taken_literally(practice_store: PracticeStore) -> None:
    assert practice_store.patients("%") == []
    assert practice_store.patients("_") == []


def test_new_patients_get_the_next_account_number_and_keep_it(store: PracticeStore) -> None:
    first = store.save_patient(Patient(new_key(RecordKind.PATIENT), "A", "One", date(1980, 1, 1)))
    second = store.save_patient(Patient(new_key(RecordKind.PATIENT), "B", "Two", date(1980, 1, 1)))
    assert (first.account_number, second.account_number) == ("A00001", "A00002")

    again = store.save_patient(replace(first, phone="555-0100", account_number=None))
    assert again.account_number == "A00001"
    assert store.patient(first.key) == again


def test_account_numbers_continue_after_imported_ones_and_never_go_back(store: PracticeStore) -> None:
    store.save_patient(Patient("imported", "C", "Three", date(1980, 1, 1), account_number="A00041"))
    later = store.save_patient(Patient("new", "D", "Four", date(1980, 1, 1)))
    assert later.account_number == "A00042"


def test_an_account_number_belonging_to_someone_else_is_refused(store: PracticeStore) -> None:
    store.save_practice(sample.practice())
    with pytest.raises(ValidationError) as refused:
        store.save_patient(Patient("pt-other", "E", "Five", date(1980, 1, 1), account_number="a00001"))
    assert refused.value.field == "patient.account_number"
    assert store.patient("pt-other") is None


def test_find_patient_by_id_or_account_number(practice_store: PracticeStore) -> None:
    assert practice_store.find_patient("pt-0001") == practice_store.patient("pt-0001")
    found = practice_store.find_patient(" a00001 ")
    assert found is not None and found.key == "pt-0001"
    assert practice_store.find_patient("nobody") is None


def test_generated_keys_say_their_kind_and_do_not_repeat() -> None:
    made = {new_key(RecordKind.VISIT) for _ in range(1000)}
    assert len(made) == 1000
    assert all(key.startswith("v-") for key in made)


def test_search_finds_each_kind_of_query_among_ten_thousand_patients(store: PracticeStore) -> None:
    """Name, date of birth, member ID, account number, first and last name (the time per keystroke is
    measured by bench.startup, not here: a timed test fails on a slow machine, not a slow app)."""
    with store.transaction():
        store.save_payer(sample.PAYERS[0])
        for n in range(10_000):
            patient = store.save_patient(Patient(f"p{n}", f"First{n}", f"Last{n}", date(1950 + n % 50, 1, 1)))
            store.save_coverage(patient.key, Coverage("c", "premera", member_id=f"M{n:06d}"))
    for query in ("last9999", "1999-01-01", "M004242", "A05000", "first12 last"):
        assert store.patients(query, limit=50), query
