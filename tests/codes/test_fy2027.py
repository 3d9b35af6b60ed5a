"""FY2027 shipped beside April 2026: the official addenda applied at build time, each code valid by date of service."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.store.code_index import IcdIndex, shipped_index_path
from app.store.icd_release_files import apply_addenda, parse_addenda

REPO_ROOT = Path(__file__).resolve().parents[2]
ADDENDA = REPO_ROOT / "tools" / "data" / "icd10cm_order_addenda_2027.txt"
SEPT_30, OCT_1 = date(2026, 9, 30), date(2026, 10, 1)


@pytest.fixture(scope="module")
def shipped() -> Iterator[IcdIndex]:
    with IcdIndex(shipped_index_path(), immutable=True) as index:
        yield index


def _rows(sql: str) -> list[tuple[str, int]]:
    with sqlite3.connect(f"{shipped_index_path().as_uri()}?mode=ro", uri=True) as db:
        return db.execute(sql).fetchall()


def test_the_addenda_in_the_repository_is_the_published_file() -> None:
    raw = ADDENDA.read_bytes()
    assert (
        hashlib.sha256(raw).hexdigest() == "d64c57ef4534e4f90336decf27a34ba42979c31cd88f6ea923b5b5edd3da6384"
    )
    assert raw.count(b"\r\n") == 319


def test_fy2027_holds_74879_billable_codes_and_april_2026_74719(shipped: IcdIndex) -> None:
    assert shipped.billable_count(OCT_1) == 74_879
    assert shipped.billable_count(SEPT_30) == 74_719
    assert shipped.billable_count() == 74_879  # without a date: the newest release


def test_190_billable_codes_added_30_deleted_4_revised() -> None:
    april = {
        c: (d, bool(b))
        for c, d, b in _rows("SELECT code, description, billable FROM codes WHERE first_date IS NULL")
    }
    fy2027 = {
        c: (d, bool(b))
        for c, d, b in _rows("SELECT code, description, billable FROM codes WHERE last_date IS NULL")
    }
    billable_before = {c for c, (_, b) in april.items() if b}
    billable_after = {c for c, (_, b) in fy2027.items() if b}
    assert len(billable_after - billable_before) == 190
    assert len(billable_before - billable_after) == 30
    revised = {c for c in billable_before & billable_after if april[c][0] != fy2027[c][0]}
    assert sorted(revised) == ["L02.232", "L03.312", "L03.322", "Z29.14"]


def test_the_addenda_applied_again_gives_the_same_fy2027() -> None:
    april = {
        c.replace(".", ""): (d, bool(b))
        for c, d, b in _rows("SELECT code, description, billable FROM codes WHERE first_date IS NULL")
    }
    fy2027 = {
        c.replace(".", ""): (d, bool(b))
        for c, d, b in _rows("SELECT code, description, billable FROM codes WHERE last_date IS NULL")
    }
    changes = parse_addenda(ADDENDA.read_text(encoding="ascii"))
    assert len(changes) == 253 + 36 + 4 + 4
    assert apply_addenda(april, changes) == fy2027


def test_m72_2_is_billable_to_sep_30_2026_and_a_header_from_oct_1(shipped: IcdIndex) -> None:
    before, after = shipped.lookup("M72.2", SEPT_30), shipped.lookup("M72.2", OCT_1)
    assert before is not None and before.billable
    assert (before.first_date, before.last_date) == (date(2026, 4, 1), SEPT_30)
    assert after is not None and not after.billable
    assert (after.first_date, after.last_date) == (OCT_1, date(2027, 9, 30))
    assert shipped.billable_children("M72.2", SEPT_30) == []
    assert [c.code for c in shipped.billable_children("M72.2", OCT_1)] == ["M72.20", "M72.21", "M72.22"]


@pytest.mark.parametrize("code", ["M67.A01", "M67.A02", "M67.A09"])
def test_plantar_fasciitis_codes_are_new_from_oct_1_2026(shipped: IcdIndex, code: str) -> None:
    assert shipped.lookup(code, SEPT_30) is None
    entry = shipped.lookup(code, OCT_1)
    assert entry is not None and entry.billable and entry.first_date == OCT_1
    assert "Plantar fasciitis" in entry.description


def test_a_revised_title_is_the_one_in_force_on_the_date(shipped: IcdIndex) -> None:
    before, after = shipped.lookup("Z29.14", SEPT_30), shipped.lookup("Z29.14", OCT_1)
    assert before is not None and after is not None
    assert before.description == "Encounter for prophylactic rabies immune globin"
    assert after.description == "Encounter for prophylactic rabies immune globulin"


def test_a_search_on_a_date_offers_only_the_codes_valid_then(shipped: IcdIndex) -> None:
    september = [h.code for h in shipped.search("plantar fasc", on=date(2026, 9, 15))]
    november = [h.code for h in shipped.search("plantar fasc", on=date(2026, 11, 10))]
    assert "M72.2" in september and "M67.A01" not in september
    assert {"M67.A01", "M67.A02", "M67.A09", "M72.20"} <= set(november)
    assert [h.code for h in shipped.search("M72.2", on=date(2026, 11, 10))][:1] == ["M72.2"]
    assert not shipped.search("M72.2", on=date(2026, 11, 10))[0].billable
    everything = {h.code: h for h in shipped.search("plantar fasc")}
    assert everything["M72.2"].last_date == SEPT_30 and everything["M72.2"].billable
    assert everything["M67.A01"].first_date == OCT_1


def test_both_releases_fit_the_22_mb_budget() -> None:
    assert shipped_index_path().stat().st_size <= 22_000_000
