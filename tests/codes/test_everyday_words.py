"""Codes found by the words therapists and prescriptions use, typed as at the command line.

`superbill codes icd TEXT` searches the titles, the tabular list's inclusion terms and our curated
everyday terms (tools/data/everyday-terms.tsv), codes common in massage first, and says which term
found a code.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.store.code_index import IcdIndex, shipped_index_path
from app.store.code_set_schema import CodeEntry
from tools.build_icd_index import EVERYDAY_TERMS, everyday_terms, read_everyday_terms


def codes_icd(data_dir: Path, capsys: pytest.CaptureFixture[str], *words: str) -> list[str]:
    """The result lines of `superbill codes icd WORDS` (the heading line left out)."""
    assert main(["--data-dir", str(data_dir), "codes", "icd", *words]) == 0
    return capsys.readouterr().out.splitlines()[1:]


def shown_codes(lines: list[str]) -> list[str]:
    return [line.split()[0] for line in lines]


def test_neck_pain_lists_cervicalgia_m54_2_first(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = codes_icd(data_dir, capsys, "neck pain")
    assert shown_codes(lines)[0] == "M54.2"
    assert 'Cervicalgia  (matched "neck pain")' in lines[0]


def test_whiplash_lists_s13_4xxa_within_the_first_three(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "S13.4XXA" in shown_codes(codes_icd(data_dir, capsys, "whiplash"))[:3]


def test_plantar_fasciitis_lists_the_fy2027_codes_and_m72_2_each_with_its_dates(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = codes_icd(data_dir, capsys, "plantar fasciitis")
    shown = {line.split()[0]: line for line in lines}
    for code in ("M67.A01", "M67.A02", "M67.A09"):
        assert shown[code].endswith("(dates of service from 2026-10-01)")
    assert shown["M72.2"].endswith("(dates of service to 2026-09-30)")
    assert " billable " in shown["M72.2"]
    assert shown_codes(lines)[:4] == ["M67.A01", "M67.A02", "M67.A09", "M72.2"]


@pytest.mark.parametrize(
    ("typed", "category"),
    [("TMJ", "M26.6"), ("sciatica", "M54.3"), ("tension headache", "G44.2")],
)
def test_everyday_words_list_the_codes_of_their_category_first(
    data_dir: Path, capsys: pytest.CaptureFixture[str], typed: str, category: str
) -> None:
    codes = shown_codes(codes_icd(data_dir, capsys, typed))
    assert codes[:3] and all(code.startswith(category) for code in codes[:3]), codes[:5]


def test_neck_lists_m54_2_before_webbing_of_neck(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    codes = shown_codes(codes_icd(data_dir, capsys, "neck"))
    assert codes[0] == "M54.2"
    assert codes.index("M54.2") < codes.index("Q18.3")  # Q18.3 Webbing of neck


def test_plantar_lists_plantar_fasciitis_before_plantar_wart(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = shown_codes(codes_icd(data_dir, capsys, "plantar"))
    assert codes[0] != "B07.0"  # Plantar wart
    assert codes[0] == "M67.A01"
    assert codes.index("M67.A01") < codes.index("B07.0")


# Everyday words as prescriptions and patients write them, and a code each must find in the first three.
EVERYDAY = [
    ("neck pain", "M54.2"),
    ("sore neck", "M54.2"),
    ("stiff neck", "M43.6"),
    ("low back pain", "M54.50"),
    ("lower back pain", "M54.50"),
    ("lumbago", "M54.50"),
    ("back pain", "M54.9"),
    ("upper back pain", "M54.6"),
    ("mid back pain", "M54.6"),
    ("sciatica", "M54.30"),
    ("lumbago with sciatica", "M54.40"),
    ("piriformis syndrome", "G57.00"),
    ("whiplash", "S13.4XXA"),
    ("neck strain", "S16.1XXA"),
    ("muscle spasm neck", "M62.838"),
    ("back spasm", "M62.830"),
    ("muscle knots", "M79.18"),
    ("trigger points", "M79.18"),
    ("fibromyalgia", "M79.7"),
    ("tension headache", "G44.209"),
    ("migraine", "G43.909"),
    ("headache", "R51.9"),
    ("cervicogenic headache", "G44.86"),
    ("TMJ", "M26.609"),
    ("TMJD", "M26.609"),
    ("TMD", "M26.609"),
    ("whiplash injury", "S13.4XXA"),
    ("car accident", "V89.2XXA"),
    ("motor vehicle accident", "V89.2XXA"),
    ("jaw pain", "R68.84"),
    ("frozen shoulder", "M75.00"),
    ("rotator cuff", "M75.100"),
    ("shoulder pain", "M25.511"),
    ("tennis elbow", "M77.10"),
    ("golfer's elbow", "M77.00"),
    ("carpal tunnel", "G56.00"),
    ("plantar fasciitis", "M67.A01"),
    ("heel pain", "M79.671"),
    ("low back strain", "S39.012A"),
    ("lumbar sprain", "S33.5XXA"),
    ("ankle sprain", "S93.401A"),
    ("hamstring strain", "S76.311A"),
    ("hip pain", "M25.551"),
    ("knee pain", "M25.561"),
    ("IT band syndrome", "M76.30"),
    ("scoliosis", "M41.9"),
    ("post-surgical scar", "L90.5"),
    ("scar tissue", "L90.5"),
    ("lymphedema", "I89.0"),
    ("lymphedema after mastectomy", "I97.2"),
    ("pregnancy back pain", "O26.893"),
    ("SI joint pain", "M53.3"),
    ("thoracic outlet syndrome", "G54.0"),
    ("muscle pain", "M79.10"),
    ("chronic pain", "G89.29"),
    ("stress", "Z73.3"),
]


@pytest.mark.parametrize(("typed", "code"), EVERYDAY)
def test_an_everyday_term_finds_its_code_in_the_first_three(
    data_dir: Path, capsys: pytest.CaptureFixture[str], typed: str, code: str
) -> None:
    assert code in shown_codes(codes_icd(data_dir, capsys, *typed.split()))[:3]


def test_an_inclusion_term_finds_its_code_and_says_it_came_from_the_tabular_list() -> None:
    with IcdIndex(shipped_index_path(), immutable=True) as index:
        hits = index.search("whiplash injury")
    s13_4 = next(hit for hit in hits if hit.code == "S13.4")
    assert s13_4.matched == "Whiplash injury of cervical spine"
    assert s13_4.matched_source == "Tabular S13.4: inclusion term"


def test_an_inclusion_term_of_april_2026_does_not_find_the_fy2027_entry_that_dropped_it() -> None:
    """M72.2 listed "Plantar fasciitis" until 2026-09-30; from 2026-10-01 it is plantar fibromatosis only."""
    with IcdIndex(shipped_index_path(), immutable=True) as index:
        after = {hit.code: hit for hit in index.search("plantar fasciitis", on=date(2026, 11, 10))}
        before = {hit.code: hit for hit in index.search("plantar fasciitis", on=date(2026, 9, 15))}
    assert "M72.2" not in after
    assert {"M67.A01", "M67.A02", "M67.A09"} <= set(after)
    assert before["M72.2"].billable
    assert not {"M67.A01", "M67.A02", "M67.A09"} & set(before)


def test_a_hit_found_by_its_title_says_no_term() -> None:
    with IcdIndex(shipped_index_path(), immutable=True) as index:
        assert index.search("low back")[0].matched is None


def test_codes_common_in_massage_come_before_rarer_ones_billable_first() -> None:
    with IcdIndex(shipped_index_path(), immutable=True) as index:
        hits = index.search("neck")
    flags = [hit.billable for hit in hits]
    assert flags == sorted(flags, reverse=True)
    codes = [hit.code for hit in hits]
    for common in ("M54.2", "S13.4XXA", "S16.1XXA", "M62.838"):
        assert codes.index(common) < codes.index("Q18.3")


def test_the_curated_list_holds_at_least_150_terms_each_with_its_source() -> None:
    terms = read_everyday_terms()
    assert len(terms) >= 150
    for term, codes, source in terms:
        assert codes, term
        assert source.startswith(("Index:", "Tabular")), (term, source)


def _shipped_entries() -> list[CodeEntry]:
    with sqlite3.connect(f"{shipped_index_path().as_uri()}?mode=ro", uri=True) as db:
        return [
            CodeEntry(code, "", bool(billable), None, date.fromisoformat(first) if first else None)
            for code, billable, first in db.execute("SELECT code, billable, first_date FROM codes")
        ]


def test_every_curated_term_points_to_codes_billable_in_a_shipped_release() -> None:
    terms = everyday_terms(_shipped_entries(), EVERYDAY_TERMS)
    assert all(term.codes for term in terms)


@pytest.mark.parametrize("code", ["M54.99", "Z99.99-"])
def test_the_build_refuses_a_term_pointing_to_a_code_in_neither_release(tmp_path: Path, code: str) -> None:
    listed = tmp_path / "terms.tsv"
    listed.write_text(f"term\tcodes\tsource\nneck pain\tM54.2 {code}\tIndex: Pain, neck NEC -> M54.2\n")
    with pytest.raises(
        SystemExit, match=re.escape(f'"neck pain" points to {code}, which is billable in neither release')
    ):
        everyday_terms(_shipped_entries(), listed)


def test_the_build_refuses_a_term_pointing_to_a_category_instead_of_its_codes(tmp_path: Path) -> None:
    listed = tmp_path / "terms.tsv"
    listed.write_text("term\tcodes\tsource\nneck sprain\tS13.4\tTabular: S13.4\n")
    with pytest.raises(SystemExit, match=re.escape("S13.4, which is billable in neither release")):
        everyday_terms(_shipped_entries(), listed)


def test_the_shipped_index_fits_its_22_mb_budget() -> None:
    assert shipped_index_path().stat().st_size <= 22_000_000


def test_an_everyday_term_that_is_also_an_inclusion_term_offers_the_billable_codes_first() -> None:
    with IcdIndex(shipped_index_path(), immutable=True) as index:
        hits = index.search("whiplash injury")
    assert [hit.code for hit in hits[:3]] == ["S13.4XXA", "S13.4XXD", "S13.4XXS"]
    flags = [hit.billable for hit in hits]
    assert flags == sorted(flags, reverse=True)


def test_car_accident_finds_the_motor_vehicle_accident_code_not_cable_cars() -> None:
    with IcdIndex(shipped_index_path(), immutable=True) as index:
        codes = [hit.code for hit in index.search("car accident")[:3]]
    assert codes == ["V89.2XXA", "V89.2XXD", "V89.2XXS"]
