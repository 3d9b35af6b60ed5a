"""The diagnosis rules (app/domain/check/diagnoses.py): billable ICD-10-CM codes of the release in force, at most 12."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.check import Severity, has_errors
from app.domain.diagnoses import DiagnosisCodes
from tests.domain.check.builders import (
    C,
    check,
    found,
    only,
    visit,
    with_visits,
)
from tests.domain.conftest import ENTRIES, DictCodes


def test_a_category_code_is_refused_naming_the_billable_codes_under_it(codes: DiagnosisCodes) -> None:
    data = with_visits(visit(diagnoses=("S13.4",), prescription=None))
    finding = only(check(data, codes), C.ICD_NOT_BILLABLE)
    assert finding.is_error and finding.field == "visits[v-9].diagnoses[0]"
    assert "S13.4 (used on Sep 16, 2026) is a category, not a billable code" in finding.message
    assert "use S13.4XXA, S13.4XXD or S13.4XXS" in finding.message


def test_retired_m54_5_is_refused_pointing_to_its_replacements(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(diagnoses=("M54.5",))), codes), C.ICD_NOT_BILLABLE)
    assert "M54.50, M54.51 or M54.59" in finding.message


def test_a_code_the_release_does_not_have_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(diagnoses=("M54.99",))), codes), C.ICD_UNKNOWN)
    assert finding.is_error and "M54.99" in finding.message and "ICD-10-CM" in finding.message


def test_a_diagnosis_written_in_words_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(diagnoses=("low back pain",))), codes), C.ICD_MALFORMED)
    assert finding.is_error and "low back pain" in finding.message


def test_a_code_entered_without_its_dot_is_found_in_the_release(codes: DiagnosisCodes) -> None:
    assert check(with_visits(visit(diagnoses=("M5450",))), codes) == []


def test_a_code_used_on_several_visits_is_reported_once_naming_each_date(codes: DiagnosisCodes) -> None:
    data = with_visits(
        visit("v-1", date(2026, 9, 9), diagnoses=("M54.5",)),
        visit("v-2", date(2026, 9, 16), diagnoses=("M54.5",)),
    )
    finding = only(check(data, codes), C.ICD_NOT_BILLABLE)
    assert finding.field == "visits[v-1].diagnoses[0]"
    assert "Sep 9, 2026 and Sep 16, 2026" in finding.message


def test_a_date_after_the_newest_release_year_is_a_warning_naming_the_import_command(
    codes: DiagnosisCodes,
) -> None:
    data = with_visits(visit(on=date(2027, 10, 7)))
    findings = check(data, codes, today=date(2027, 10, 20))
    finding = only(findings, C.ICD_RELEASE_DOES_NOT_COVER_DATE)
    assert finding.severity is Severity.WARNING
    assert "ICD-10-CM FY2027" in finding.message
    assert "a newer ICD-10-CM release is needed" in finding.message
    assert "superbill codes import-icd FILE" in finding.message
    assert "Oct 7, 2027" in finding.message
    assert not has_errors(findings)


@pytest.mark.parametrize("on", [date(2026, 9, 30), date(2026, 10, 1), date(2026, 11, 10), date(2027, 9, 30)])
def test_a_date_within_april_2026_or_fy2027_gets_no_release_warning(codes: DiagnosisCodes, on: date) -> None:
    findings = check(with_visits(visit(on=on)), codes, today=date(2027, 10, 20))
    assert found(findings, C.ICD_RELEASE_DOES_NOT_COVER_DATE) == []


def test_a_visit_with_no_diagnosis_is_refused(codes: DiagnosisCodes) -> None:
    findings = check(with_visits(visit(diagnoses=())), codes)
    assert only(findings, C.DIAGNOSIS_MISSING).field == "visits[v-9].diagnoses"


BILLABLE = (
    "M54.50",
    "M54.51",
    "M54.59",
    "M54.2",
    "M54.6",
    "M79.10",
    "M79.11",
    "M79.12",
    "M79.18",
    "M79.7",
    "M62.830",
    "M62.838",
    "S16.1XXA",
)


def test_thirteen_different_diagnoses_do_not_fit_on_one_superbill(codes: DiagnosisCodes) -> None:
    data = with_visits(
        visit("v-1", date(2026, 9, 9), diagnoses=BILLABLE[:7]),
        visit("v-2", date(2026, 9, 16), diagnoses=BILLABLE[7:]),
    )
    finding = only(check(data, codes), C.TOO_MANY_DIAGNOSES)
    assert finding.is_error and "13 different diagnoses" in finding.message


def test_twelve_different_diagnoses_fit_on_one_superbill(codes: DiagnosisCodes) -> None:
    data = with_visits(
        visit("v-1", date(2026, 9, 9), diagnoses=BILLABLE[:6]),
        visit("v-2", date(2026, 9, 16), diagnoses=BILLABLE[6:12]),
    )
    assert check(data, codes) == []


def test_the_stand_in_code_set_agrees_with_the_shipped_index(codes: DiagnosisCodes) -> None:
    # Tests that must not open the store use DictCodes; it may hold only what the real release says.
    stand_in = DictCodes()
    september = date(2026, 9, 15)
    assert stand_in.release == codes.release_on(september)
    for code in ENTRIES:
        assert stand_in.lookup(code) == codes.lookup(code, september)
        assert stand_in.billable_children(code) == codes.billable_children(code, september)
