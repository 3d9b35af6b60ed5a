"""The Tax ID has one printing rule (app.domain.identifiers): every paper for the patient prints what it
answers, an SSN masked unless the therapist allows it in full; a claim form carries the whole number."""

from __future__ import annotations

import pytest

from app.domain.identifiers import claim_tax_id, printed_tax_id
from app.domain.practice import TaxIdType
from app.domain.statement import YearStatementData
from app.render.cms1500 import FormKind, render_cms1500
from app.render.superbill import SuperbillRenderer
from app.render.year_end import StatementRenderer
from tests import sample
from tests.claims.builders import claim_for
from tests.render.pdf_text import plain_text

SSN, EIN = TaxIdType.SSN, TaxIdType.EIN

# (stored Tax ID, its kind, printed in full?): as saved, typed without hyphens (an older import),
# and not a Tax ID at all (a draft is printed while the check refuses it).
STORED = [
    ("536-90-4399", SSN, False),
    ("536-90-4399", SSN, True),
    ("536904399", SSN, False),
    ("536904399", SSN, True),
    ("123-45-678", SSN, False),
    ("53 690 43991", SSN, False),
    ("91-1234567", EIN, False),
    ("911234567", EIN, False),
    ("12-34", EIN, False),
]


def _data(tax_id: str, kind: TaxIdType, full: bool):  # type: ignore[no-untyped-def]
    who = sample.practitioner(tax_id=tax_id, tax_id_type=kind, print_full_ssn=full)
    return sample.superbill_data(practitioner=who)


def _superbill_text(tax_id: str, kind: TaxIdType, full: bool) -> str:
    return plain_text(SuperbillRenderer().render(_data(tax_id, kind, full), draft=True))


def _statement_text(tax_id: str, kind: TaxIdType, full: bool) -> str:
    statement = YearStatementData(_data(tax_id, kind, full), 2026)
    return plain_text(StatementRenderer().render(statement, draft=True))


@pytest.mark.parametrize(("stored", "kind", "full"), STORED)
def test_the_superbill_and_the_year_end_statement_print_the_tax_id_the_domain_answers(
    stored: str, kind: TaxIdType, full: bool
) -> None:
    expected = f"Tax ID ({kind.value}) {printed_tax_id(stored, kind, full_ssn=full)}"
    assert expected in _superbill_text(stored, kind, full)
    assert expected in _statement_text(stored, kind, full)


@pytest.mark.parametrize("stored", ["536-90-4399", "123-45-678", "53 690 43991", "5369043"])
def test_a_masked_ssn_shows_only_its_last_four_digits_on_every_paper_whatever_is_stored(stored: str) -> None:
    digits = "".join(ch for ch in stored if ch.isdigit())
    assert printed_tax_id(stored, SSN) == f"***-**-{digits[-4:]}"
    for text in (_superbill_text(stored, SSN, False), _statement_text(stored, SSN, False)):
        assert f"Tax ID (SSN) ***-**-{digits[-4:]}" in text
        assert stored not in text and digits not in text.replace(" ", "").replace("-", "")


def test_the_claim_form_carries_the_whole_ssn_in_box_25_where_the_superbill_masks_it() -> None:
    data = _data("536-90-4399", SSN, False)
    claim = claim_for(data)
    assert claim.tax_id == claim_tax_id("536-90-4399") == "536904399"
    form = plain_text(render_cms1500(claim, FormKind.PLAIN))
    assert "536904399" in form
    superbill = plain_text(SuperbillRenderer().render(data))
    assert "***-**-4399" in superbill and "536904399" not in superbill and "536-90-4399" not in superbill
