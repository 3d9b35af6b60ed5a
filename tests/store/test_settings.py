"""The practitioner, paper size, fees, procedure codes and payers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain.errors import ValidationError
from app.domain.practice import FeeSchedule, Payer, PayerKind, UnitRule
from app.domain.procedures import CATALOGUE, Procedure
from app.domain.superbill import PaperSize
from app.store.records import PracticeStore
from tests import sample


def test_a_new_practice_has_no_practitioner_and_prints_on_letter(store: PracticeStore) -> None:
    assert store.practitioner() is None
    assert store.paper_size() is PaperSize.LETTER
    assert store.practice().charts == ()


def test_the_practitioner_is_saved_and_updated(store: PracticeStore) -> None:
    store.save_practitioner(sample.practitioner())
    changed = sample.practitioner(phone="206-555-0000", signature_png=b"\x89PNG...", print_full_ssn=True)
    store.save_practitioner(changed)
    assert store.practitioner() == changed


def test_paper_size_can_be_set_before_there_is_a_practitioner(store: PracticeStore) -> None:
    store.save_paper_size(PaperSize.A4)
    assert store.paper_size() is PaperSize.A4
    assert store.practitioner() is None


def test_fees_per_code_and_per_payer_can_be_set_and_removed(store: PracticeStore) -> None:
    store.save_payer(sample.PAYERS[0])
    store.save_fee("97124", 4000)
    store.save_fee("97140", 4500)
    store.save_fee("97124", 3800, payer="premera")
    store.save_fee("97140", None)

    fees = store.fees()
    assert fees == FeeSchedule(default={"97124": 4000}, by_payer={("premera", "97124"): 3800})
    assert fees.fee_for("97124", "premera") == 3800


def test_a_fee_for_an_unknown_payer_is_refused(store: PracticeStore) -> None:
    with pytest.raises(ValidationError, match="nobody"):
        store.save_fee("97124", 4000, payer="nobody")


def test_procedures_are_the_catalogue_plus_codes_the_therapist_adds(store: PracticeStore) -> None:
    added = Procedure("G0283", "Electrical stimulation, unattended", timed=False)
    store.save_procedure(added)
    procedures = store.procedures()
    assert procedures["G0283"] == replace(added, user_added=True)
    assert procedures["97124"] == CATALOGUE["97124"]


def test_a_built_in_procedure_cannot_be_redefined(store: PracticeStore) -> None:
    with pytest.raises(ValidationError):
        store.save_procedure(Procedure("97124", "Something else", timed=False))


def test_payers_are_added_and_updated_by_key(store: PracticeStore) -> None:
    for payer in sample.PAYERS:
        store.save_payer(payer)
    store.save_payer(replace(sample.PAYERS[1], unit_rule=UnitRule.AMA_MIDPOINT, filing_limit_days=90))
    store.save_payer(Payer("va", "VA Community Care", PayerKind.VA_COMMUNITY_CARE))

    assert [p.key for p in store.payers()] == ["premera", "lni", "self", "va"]
    lni = store.payer("lni")
    assert lni is not None and lni.unit_rule is UnitRule.AMA_MIDPOINT and lni.filing_limit_days == 90
    assert store.payer("nobody") is None
