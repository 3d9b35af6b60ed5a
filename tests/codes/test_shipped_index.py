"""The ICD-10-CM code set the app ships (April 2026 and FY2027): what a therapist can look up and find."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.store.code_index import IcdIndex, open_code_index, shipped_index_path

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped() -> Iterator[IcdIndex]:
    with IcdIndex(shipped_index_path(), immutable=True) as index:
        yield index


def _all_codes() -> list[tuple[str, bool]]:
    """April 2026's codes: the rows valid on its dates of service (to 2026-09-30)."""
    with sqlite3.connect(f"{shipped_index_path().as_uri()}?mode=ro", uri=True) as db:
        return [
            (code, bool(billable))
            for code, billable in db.execute("SELECT code, billable FROM codes WHERE first_date IS NULL")
        ]


ALL_CODES = _all_codes()


def test_the_shipped_releases_are_april_2026_then_fy2027(shipped: IcdIndex) -> None:
    assert [(r.name, r.first_date, r.last_date) for r in shipped.releases] == [
        ("ICD-10-CM April 2026", date(2026, 4, 1), date(2026, 9, 30)),
        ("ICD-10-CM FY2027", date(2026, 10, 1), date(2027, 9, 30)),
    ]
    assert shipped.release.name == "ICD-10-CM FY2027"


def test_april_2026_holds_74719_billable_codes(shipped: IcdIndex) -> None:
    assert shipped.billable_count(date(2026, 9, 30)) == 74_719
    assert sum(billable for _, billable in ALL_CODES) == 74_719


def test_the_release_holds_every_code_once() -> None:
    """98,466 entries in the CDC tabular list = 22 chapters + 258 ranges such as M50-M54 + 98,186 codes."""
    codes = [code for code, _ in ALL_CODES]
    assert len(codes) == 98_186
    assert len(set(codes)) == len(codes)


def test_count_says_how_many_codes_the_release_holds(shipped: IcdIndex) -> None:
    assert shipped.count(date(2026, 9, 30)) == 98_186
    assert shipped.count(date(2026, 10, 1)) == 98_186 + 253 - 36


def test_every_code_is_stored_dotted_after_the_third_character() -> None:
    shape = re.compile(r"^[A-Z][0-9A-Z]{2}(\.[0-9A-Z]{1,4})?$")
    assert [code for code, _ in ALL_CODES if not shape.match(code)] == []


def test_the_releases_cover_dates_of_service_from_april_2026_through_the_end_of_fiscal_2027(
    shipped: IcdIndex,
) -> None:
    assert shipped.release_on(date(2026, 4, 1)).name == "ICD-10-CM April 2026"
    assert shipped.release_on(date(2026, 9, 30)).name == "ICD-10-CM April 2026"
    assert shipped.release_on(date(2026, 10, 1)).name == "ICD-10-CM FY2027"
    assert shipped.release_on(date(2027, 9, 30)).name == "ICD-10-CM FY2027"
    assert shipped.release_on(date(2026, 3, 31)).name == "ICD-10-CM April 2026"  # the nearest
    assert shipped.release_on(date(2027, 10, 1)).name == "ICD-10-CM FY2027"
    assert not shipped.release.covers(date(2027, 10, 1))


def test_low_back_pain_unspecified_is_billable(shipped: IcdIndex) -> None:
    code = shipped.lookup("M54.50")
    assert code is not None
    assert code.billable
    assert code.description == "Low back pain, unspecified"


@pytest.mark.parametrize("typed", ["M54.50", "m54.50", "M5450", "m5450", " M54.50 "])
def test_a_code_is_found_dotted_or_not_in_any_case(shipped: IcdIndex, typed: str) -> None:
    code = shipped.lookup(typed)
    assert code is not None
    assert code.code == "M54.50"


def test_m54_5_is_no_longer_billable_and_its_billable_codes_are_m54_50_51_59(shipped: IcdIndex) -> None:
    code = shipped.lookup("M54.5")
    assert code is not None
    assert not code.billable
    assert [c.code for c in shipped.billable_children("M54.5")] == ["M54.50", "M54.51", "M54.59"]
    assert all(c.billable for c in shipped.billable_children("m545"))


def test_a_neck_sprain_needs_its_seventh_character(shipped: IcdIndex) -> None:
    code = shipped.lookup("S13.4")
    assert code is not None
    assert not code.billable
    children = shipped.billable_children("S13.4")
    assert [c.code for c in children] == ["S13.4XXA", "S13.4XXD", "S13.4XXS"]
    assert children[0].description == "Sprain of ligaments of cervical spine, initial encounter"


def test_fibromyalgia_is_billable(shipped: IcdIndex) -> None:
    code = shipped.lookup("M79.7")
    assert code is not None
    assert code.billable
    assert code.description == "Fibromyalgia"


def test_a_billable_code_has_no_billable_children(shipped: IcdIndex) -> None:
    assert shipped.billable_children("M54.50") == []


def test_a_code_the_release_lacks_is_not_found(shipped: IcdIndex) -> None:
    assert shipped.lookup("A00.2") is None
    assert shipped.lookup("not a code") is None
    assert shipped.billable_children("A00.2") == []


def test_the_codes_new_in_april_2026_are_there(shipped: IcdIndex) -> None:
    code = shipped.lookup("QA0.0101")
    assert code is not None
    assert code.billable
    assert code.description == "SCN2A-related neurodevelopmental disorder"


def test_a_code_knows_the_entry_above_it(shipped: IcdIndex) -> None:
    parent = shipped.parent("M54.50")
    assert parent is not None
    assert parent.code == "M54.5"
    assert shipped.parent("M54") is None  # above a category is a range of categories, not a code


def test_searching_a_code_finds_it_first_then_the_codes_under_it(shipped: IcdIndex) -> None:
    hits = shipped.search("M54")
    assert hits[0].code == "M54"
    assert not hits[0].billable
    under = [code for code, _ in ALL_CODES if code.startswith("M54.")]
    assert sorted(h.code for h in hits[1:]) == sorted(under)  # all 39 of them, nothing else
    flags = [h.billable for h in hits[1:]]
    assert flags == sorted(flags, reverse=True)  # billable first
    assert hits[1].code == "M54.00"


def test_searching_a_short_code_prefix_stops_at_the_limit(shipped: IcdIndex) -> None:
    hits = shipped.search("M5", limit=50)
    assert len(hits) == 50
    assert all(h.code.startswith("M5") and h.billable for h in hits)


@pytest.mark.parametrize("typed", ["m54.5", "M545", "M54.5"])
def test_searching_m54_5_however_typed_offers_its_billable_codes(shipped: IcdIndex, typed: str) -> None:
    hits = shipped.search(typed)
    assert [(h.code, h.billable) for h in hits] == [
        ("M54.5", False),
        ("M54.50", True),
        ("M54.51", True),
        ("M54.59", True),
    ]


def test_searching_s134_finds_the_neck_sprain_codes(shipped: IcdIndex) -> None:
    assert [h.code for h in shipped.search("S134")] == ["S13.4", "S13.4XXA", "S13.4XXD", "S13.4XXS"]


def test_searching_low_back_puts_the_low_back_pain_codes_first(shipped: IcdIndex) -> None:
    hits = shipped.search("low back")
    assert hits[0].code == "M54.50"  # "Low back pain, unspecified" starts with the words
    assert {h.code for h in hits[:3]} == {"M54.50", "M54.51", "M54.59"}
    for hit in hits:  # found by its title, or by the everyday or inclusion term it says it matched
        words = re.findall(r"\w+", (hit.matched or hit.description).lower())
        assert any(w.startswith("low") for w in words) and any(w.startswith("back") for w in words)


def test_a_word_fragment_finds_the_whole_word(shipped: IcdIndex) -> None:
    hits = shipped.search("myal")
    assert {"M79.10", "M79.11", "M79.18", "M79.1"} <= {h.code for h in hits}
    assert hits[0].description.startswith("Myalgia")


def test_words_in_any_order_and_case_find_a_code(shipped: IcdIndex) -> None:
    assert "M25.512" in [h.code for h in shipped.search("Left SHOULDER pain")]
    assert "G44.209" in [h.code for h in shipped.search("tension headache")]


def test_a_one_letter_word_narrows_the_search(shipped: IcdIndex) -> None:
    hits = shipped.search("shoulder pain l")
    assert [h.code for h in hits] == ["M25.512"]  # "Pain in left shoulder"; right and unspecified drop out


def test_search_hits_say_whether_they_are_billable_billable_first(shipped: IcdIndex) -> None:
    hits = shipped.search("myalgia")
    by_code = {h.code: h.billable for h in hits}
    assert by_code["M79.1"] is False
    assert by_code["M79.10"] is True
    flags = [h.billable for h in hits]
    assert flags == sorted(flags, reverse=True)


def test_search_returns_at_most_the_limit(shipped: IcdIndex) -> None:
    assert len(shipped.search("pain", limit=10)) == 10
    assert shipped.search("pain", limit=0) == []


def test_text_that_matches_nothing_finds_nothing(shipped: IcdIndex) -> None:
    assert shipped.search("xyzzy") == []
    assert shipped.search("") == []
    assert shipped.search("  ,. ") == []


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ALL_CODES))
def test_any_code_typed_without_its_dot_is_the_first_hit(entry: tuple[str, bool]) -> None:
    code, billable = entry
    with IcdIndex(shipped_index_path(), immutable=True) as index:
        hits = index.search(code.replace(".", "").lower(), on=date(2026, 9, 30))
        assert (hits[0].code, hits[0].billable) == (code, billable)


def test_with_no_data_folder_the_shipped_release_is_used() -> None:
    with open_code_index(None) as index:
        assert index.path == shipped_index_path()


def test_the_shipped_file_cannot_be_changed_through_the_index() -> None:
    path = shipped_index_path()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with IcdIndex(path, immutable=True) as index:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            index._db.execute("DELETE FROM codes")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            index._db.execute("CREATE TABLE scribble (x)")
        assert index.lookup("M54.50") is not None
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_the_app_reads_codes_without_simple_icd_10_cm_or_qt() -> None:
    script = textwrap.dedent(
        """
        import sys
        from app.store.code_index import open_code_index
        with open_code_index(None) as index:
            assert index.search("low back")[0].code == "M54.50"
            assert index.lookup("M79.7").billable
        loaded = [m for m in sys.modules if m.startswith(("simple_icd_10_cm", "PySide6"))]
        print(loaded)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
