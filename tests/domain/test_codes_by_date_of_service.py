"""Every diagnosis code is judged by the ICD-10-CM release in force on its visit's date of service.

The shipped code set holds April 2026 (dates of service to 2026-09-30) and FY2027 (from 2026-10-01).
FY2027 made plantar fascial fibromatosis M72.2 a header (children M72.20/M72.21/M72.22) and gave
plantar fasciitis its own codes M67.A01/M67.A02/M67.A09.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.check import Finding, FindingCode, check_superbill, has_errors
from app.domain.diagnoses import DiagnosisCodes
from tests.domain.check.builders import visit, with_visits

C = FindingCode
TODAY = date(2026, 12, 15)


def findings_for(codes: DiagnosisCodes, code: str, on: date) -> list[Finding]:
    return check_superbill(with_visits(visit("v-1", on, diagnoses=(code,))), codes, TODAY)


def test_m72_2_is_billable_for_a_visit_on_sep_15_2026(codes: DiagnosisCodes) -> None:
    assert not has_errors(findings_for(codes, "M72.2", date(2026, 9, 15)))


def test_m72_2_is_refused_for_a_visit_on_nov_10_2026_naming_its_children(codes: DiagnosisCodes) -> None:
    findings = [f for f in findings_for(codes, "M72.2", date(2026, 11, 10)) if f.code is C.ICD_NOT_BILLABLE]
    assert len(findings) == 1
    assert findings[0].field == "visits[v-1].diagnoses[0]"
    assert findings[0].message.startswith(
        "M72.2 is no longer billable for dates from Oct 1, 2026: choose M72.20, M72.21 or M72.22"
    )
    assert "Nov 10, 2026" in findings[0].message


@pytest.mark.parametrize("code", ["M67.A01", "M67.A02", "M67.A09", "M72.20"])
def test_a_code_new_in_fy2027_is_refused_before_oct_1_2026(codes: DiagnosisCodes, code: str) -> None:
    findings = [f for f in findings_for(codes, code, date(2026, 9, 30)) if f.code is C.ICD_UNKNOWN]
    assert len(findings) == 1
    assert f"{code} (used on Sep 30, 2026) is a code only for dates of service from Oct 1, 2026" in (
        findings[0].message
    )


@pytest.mark.parametrize("code", ["M67.A01", "M67.A02", "M67.A09", "M72.20"])
def test_a_code_new_in_fy2027_is_fine_from_oct_1_2026(codes: DiagnosisCodes, code: str) -> None:
    assert not has_errors(findings_for(codes, code, date(2026, 10, 1)))


def test_one_code_over_both_releases_is_judged_visit_by_visit(codes: DiagnosisCodes) -> None:
    data = with_visits(
        visit("v-1", date(2026, 9, 15), diagnoses=("M72.2",)),
        visit("v-2", date(2026, 10, 6), diagnoses=("M72.2",)),
        visit("v-3", date(2026, 11, 10), diagnoses=("M72.2",)),
    )
    errors = [f for f in check_superbill(data, codes, TODAY) if f.code is C.ICD_NOT_BILLABLE]
    assert [f.field for f in errors] == ["visits[v-2].diagnoses[0]"]
    assert "Oct 6, 2026 and Nov 10, 2026" in errors[0].message
    assert "Sep 15, 2026" not in errors[0].message


def test_a_code_deleted_in_fy2027_is_refused_after_oct_1_2026(codes: DiagnosisCodes) -> None:
    import sqlite3

    from app.store.code_index import shipped_index_path

    with sqlite3.connect(f"{shipped_index_path().as_uri()}?mode=ro", uri=True) as db:
        # A billable code that FY2027 deleted outright (not turned into a header).
        (deleted,) = db.execute(
            "SELECT code FROM codes WHERE last_date = '2026-09-30' AND billable = 1 AND code NOT IN"
            " (SELECT code FROM codes WHERE first_date = '2026-10-01') ORDER BY code LIMIT 1"
        ).fetchone()
    assert not has_errors(findings_for(codes, deleted, date(2026, 9, 30)))
    findings = [f for f in findings_for(codes, deleted, date(2026, 10, 1)) if f.code is C.ICD_UNKNOWN]
    assert len(findings) == 1
    assert "was deleted from ICD-10-CM for dates from Oct 1, 2026" in findings[0].message
