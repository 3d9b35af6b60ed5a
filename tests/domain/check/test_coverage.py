"""The insurance rules (app/domain/check/coverage.py): member IDs, injury claims, limits and filing deadlines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.check import FindingCode, Severity, errors, has_errors
from app.domain.diagnoses import DiagnosisCodes
from app.domain.practice import (
    PayerKind,
    Relationship,
)
from tests import sample
from tests.domain.check.builders import (
    C,
    check,
    found,
    only,
    visit,
    with_payer,
    with_visits,
)


@pytest.mark.parametrize(
    "kind", [PayerKind.COMMERCIAL, PayerKind.MEDICARE, PayerKind.MEDICARE_ADVANTAGE, PayerKind.MEDICAID]
)
def test_insurance_without_a_member_id_is_refused(codes: DiagnosisCodes, kind: PayerKind) -> None:
    finding = only(check(with_payer(kind, group_number="1"), codes), C.MEMBER_ID_MISSING)
    assert finding.is_error and finding.field == "coverages[cov-1].member_id"


@pytest.mark.parametrize("kind", [PayerKind.HSA_FSA, PayerKind.SELF_PAY])
def test_hsa_fsa_and_self_pay_need_no_member_id(codes: DiagnosisCodes, kind: PayerKind) -> None:
    assert not has_errors(check(with_payer(kind), codes))


def test_commercial_insurance_without_a_group_number_is_a_warning(codes: DiagnosisCodes) -> None:
    findings = check(with_payer(PayerKind.COMMERCIAL, member_id="X1"), codes)
    assert only(findings, C.GROUP_NUMBER_MISSING).severity is Severity.WARNING
    assert not has_errors(findings)


def test_a_patient_covered_through_a_spouse_needs_the_insured_person(codes: DiagnosisCodes) -> None:
    findings = check(
        with_payer(PayerKind.COMMERCIAL, member_id="X1", group_number="1", relationship=Relationship.SPOUSE),
        codes,
    )
    assert only(findings, C.SUBSCRIBER_MISSING).field == "coverages[cov-1].subscriber"


def test_workers_comp_needs_a_claim_number_injury_date_and_employer(codes: DiagnosisCodes) -> None:
    findings = check(with_payer(PayerKind.WORKERS_COMP), codes)
    assert {f.code for f in errors(findings)} == {
        C.CLAIM_NUMBER_MISSING,
        C.INJURY_DATE_MISSING,
        C.EMPLOYER_MISSING,
    }
    assert only(findings, C.INJURY_DATE_MISSING).field == "coverages[cov-1].injury_date"
    assert only(findings, C.ADJUSTER_MISSING).severity is Severity.WARNING


def test_a_complete_workers_comp_claim_passes(codes: DiagnosisCodes) -> None:
    data = with_payer(
        PayerKind.WORKERS_COMP,
        claim_number="WC-1",
        injury_date=date(2026, 8, 1),
        employer="Acme",
        adjuster="R. Diaz",
    )
    assert check(data, codes) == []


def test_auto_insurance_needs_a_claim_number_accident_date_and_accident_state(codes: DiagnosisCodes) -> None:
    findings = check(with_payer(PayerKind.AUTO), codes)
    assert {f.code for f in errors(findings)} == {
        C.CLAIM_NUMBER_MISSING,
        C.INJURY_DATE_MISSING,
        C.ACCIDENT_STATE_MISSING,
    }
    assert "accident" in only(findings, C.INJURY_DATE_MISSING).message
    findings = check(
        with_payer(PayerKind.AUTO, claim_number="A", injury_date=date(2026, 8, 1), accident_state="Wash"),
        codes,
    )
    assert only(findings, C.ACCIDENT_STATE_INVALID).field == "coverages[cov-1].accident_state"


def test_an_injury_after_the_date_of_service_is_refused(codes: DiagnosisCodes) -> None:
    data = with_payer(
        PayerKind.WORKERS_COMP,
        claim_number="WC-1",
        injury_date=date(2026, 9, 12),
        employer="Acme",
        adjuster="R. Diaz",
    )
    finding = only(check(data, codes), C.INJURY_AFTER_SERVICE)
    assert "Sep 12, 2026" in finding.message and "Sep 9, 2026" in finding.message


def test_va_community_care_needs_an_authorisation_number(codes: DiagnosisCodes) -> None:
    findings = check(with_payer(PayerKind.VA_COMMUNITY_CARE), codes)
    assert [f.code for f in errors(findings)] == [C.AUTHORIZATION_MISSING]
    assert check(with_payer(PayerKind.VA_COMMUNITY_CARE, authorization_number="VA-77"), codes) == []


def test_original_medicare_warns_that_it_does_not_cover_massage(codes: DiagnosisCodes) -> None:
    findings = check(with_payer(PayerKind.MEDICARE, member_id="1EG4TE5MK73"), codes)
    finding = only(findings, C.MEDICARE_NOT_COVERED)
    assert (
        finding.severity is Severity.WARNING and "Original Medicare does not cover massage" in finding.message
    )
    assert not has_errors(findings)


@pytest.mark.parametrize(
    ("kind", "code", "words"),
    [
        (PayerKind.MEDICARE_ADVANTAGE, C.MEDICARE_ADVANTAGE_LIMITED, "supplemental benefit"),
        (PayerKind.MEDICAID, C.MEDICAID_VARIES, "varies by state"),
        (PayerKind.HSA_FSA, C.MEDICAL_NECESSITY_LETTER, "letter of medical necessity"),
    ],
)
def test_payer_kinds_with_limited_cover_warn(
    codes: DiagnosisCodes, kind: PayerKind, code: FindingCode, words: str
) -> None:
    findings = check(with_payer(kind, member_id="M1"), codes)
    assert words in only(findings, code).message
    assert not has_errors(findings)


def test_a_visit_naming_insurance_the_patient_does_not_have_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(coverage="cov-gone")), codes), C.COVERAGE_UNKNOWN)
    assert finding.field == "visits[v-9].coverage"


def test_the_visit_past_the_annual_limit_is_a_warning(codes: DiagnosisCodes) -> None:
    chart = sample.chart()
    chart = replace(chart, coverages=(replace(chart.coverages[0], annual_visit_limit=1),))
    findings = check(sample.superbill_data(chart=chart), codes)
    finding = only(findings, C.ANNUAL_VISIT_LIMIT_REACHED)
    assert finding.field == "visits[v-2].coverage" and "visit 2 of 2026" in finding.message
    assert not has_errors(findings)


def test_the_annual_limit_counts_only_visits_of_that_calendar_year(codes: DiagnosisCodes) -> None:
    chart = sample.chart()
    chart = replace(chart, coverages=(replace(chart.coverages[0], annual_visit_limit=1),))
    last_year = visit("v-0", date(2025, 12, 30))
    chart = replace(chart, visits=(last_year, chart.visits[0]))
    assert check(sample.superbill_data(chart=chart, visits=chart.visits[1:]), codes) == []


def test_a_claim_past_the_payers_filing_deadline_is_a_warning(codes: DiagnosisCodes) -> None:
    # Premera accepts claims for 365 days: Sep 9, 2026 was due by Sep 9, 2027.
    findings = check(sample.superbill_data(), codes, today=date(2027, 9, 10))
    finding = only(findings, C.FILING_DEADLINE_PASSED)
    assert finding.field == "visits[v-1].date" and "Sep 9, 2027" in finding.message
    assert not has_errors(findings)


def test_a_claim_on_its_last_filing_day_is_in_time(codes: DiagnosisCodes) -> None:
    assert not found(check(sample.superbill_data(), codes, today=date(2027, 9, 9)), C.FILING_DEADLINE_PASSED)
