"""The codes common in massage have one list (app/domain/common_massage_codes.py): the ICD picker offers
it before anything is typed, a word search ranks it before the other listed codes, and the code-set
build checks it."""

from __future__ import annotations

import pytest

from app.domain import common_massage_codes
from app.store.code_index import IcdIndex, shipped_index_path
from tools.build_icd_index import check_common_massage_codes, read_everyday_terms

COMMON = common_massage_codes.COMMON_MASSAGE_CODES


@pytest.fixture(scope="module")
def index() -> IcdIndex:
    return IcdIndex(shipped_index_path(), immutable=True)


def test_every_common_massage_code_is_billable_in_the_shipped_release(index: IcdIndex) -> None:
    entries = {code: index.lookup(code) for code in COMMON}
    assert {code for code, entry in entries.items() if entry is None or not entry.billable} == set()


def test_the_picker_offers_the_codes_the_search_ranks_as_common_in_massage(index: IcdIndex) -> None:
    from app.ui.visits import icd_picker  # the picker's own import, not a copy of the list

    assert icd_picker.COMMON_MASSAGE_CODES is COMMON
    assert index.common_in_massage() == COMMON


@pytest.mark.parametrize(
    "typed", ["back pain", "neck", "pain", "shoulder", "muscle spasm", "headache", "strain", "whiplash"]
)
def test_of_the_codes_one_everyday_term_finds_the_common_massage_codes_come_first_in_their_order(
    index: IcdIndex, typed: str
) -> None:
    hits = [hit for hit in index.search(typed, limit=60) if hit.billable and hit.matched]
    for term in {hit.matched for hit in hits}:
        found = [hit.code for hit in hits if hit.matched == term]
        first = [code for code in found if code in COMMON]
        assert found[: len(first)] == first == sorted(first, key=COMMON.index), (typed, term, found)


def test_back_pain_lists_low_back_pain_before_the_unspecified_dorsalgia(index: IcdIndex) -> None:
    """The everyday term "back pain" lists M54.9 M54.50 M54.6; M54.50 and M54.6 are common in massage."""
    codes = [hit.code for hit in index.search("back pain")]
    assert codes[:3] == ["M54.50", "M54.6", "M54.9"]


def test_the_code_set_build_refuses_a_common_code_no_everyday_term_lists() -> None:
    terms = read_everyday_terms()
    check_common_massage_codes(terms)  # the shipped list passes
    without_whiplash = [(term, codes, source) for term, codes, source in terms if "S13.4XX-" not in codes]
    with pytest.raises(SystemExit, match=r"S13\.4XXA"):
        check_common_massage_codes(without_whiplash)
