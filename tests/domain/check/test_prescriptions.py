"""The prescription rules (app/domain/check/prescriptions.py): required, in date, visits authorized, the prescriber's NPI."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from app.domain.check import Severity, has_errors
from app.domain.diagnoses import DiagnosisCodes
from app.domain.practice import (
    PayerKind,
    Prescription,
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


def test_a_prescriber_npi_with_a_wrong_check_digit_is_a_warning_naming_the_prescriber(
    codes: DiagnosisCodes,
) -> None:
    chart = sample.chart()
    rx = replace(chart.prescriptions[0], prescriber_npi="1003000127")
    chart = replace(chart, prescriptions=(rx,))
    findings = check(sample.superbill_data(chart=chart), codes)
    finding = only(findings, C.PRESCRIBER_NPI_INVALID)
    assert finding.severity is Severity.WARNING
    assert finding.field == "prescriptions[rx-1].prescriber_npi"
    assert "Helen Park" in finding.message and "1003000127" in finding.message
    assert not has_errors(findings)


def test_medicare_advantage_without_a_prescription_is_refused(codes: DiagnosisCodes) -> None:
    data = with_payer(PayerKind.MEDICARE_ADVANTAGE, visit(prescription=None), member_id="M1")
    finding = only(check(data, codes), C.PRESCRIPTION_MISSING)
    assert finding.is_error and finding.field == "visits[v-9].prescription"


def test_commercial_insurance_without_a_prescription_is_a_warning(codes: DiagnosisCodes) -> None:
    findings = check(with_visits(visit(prescription=None)), codes)
    assert only(findings, C.PRESCRIPTION_MISSING).severity is Severity.WARNING
    assert not has_errors(findings)


def test_self_pay_needs_no_prescription(codes: DiagnosisCodes) -> None:
    assert check(with_visits(visit(prescription=None, coverage=None)), codes) == []


def test_a_visit_after_the_prescription_expired_is_a_warning_naming_both_dates(codes: DiagnosisCodes) -> None:
    later = visit(on=date(2027, 1, 5))
    findings = check(with_visits(later), codes, today=date(2027, 1, 10))
    finding = only(findings, C.PRESCRIPTION_EXPIRED)
    assert "Dec 31, 2026" in finding.message and "Jan 5, 2027" in finding.message
    assert "Helen Park, MD" in finding.message
    assert finding.severity is Severity.WARNING


def test_a_visit_on_the_prescriptions_last_day_is_in_date(codes: DiagnosisCodes) -> None:
    findings = check(with_visits(visit(on=date(2026, 12, 31))), codes, today=date(2027, 1, 10))
    assert not found(findings, C.PRESCRIPTION_EXPIRED)


def test_a_visit_before_the_prescription_starts_is_a_warning(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(on=date(2026, 9, 1))), codes), C.PRESCRIPTION_NOT_STARTED)
    assert "Sep 2, 2026" in finding.message


def test_the_visit_past_the_authorised_number_is_a_warning(codes: DiagnosisCodes) -> None:
    # The sample prescription authorises 8 visits; the 9th is not covered.
    weekly = tuple(visit(f"v-{n}", date(2026, 9, 2) + timedelta(weeks=n)) for n in range(9))
    findings = check(with_visits(*weekly), codes, today=date(2026, 11, 30))
    finding = only(findings, C.PRESCRIPTION_VISITS_EXCEEDED)
    assert finding.field == "visits[v-8].prescription"
    assert "visit 9 on a prescription that authorizes 8" in finding.message


def test_earlier_visits_not_on_this_superbill_count_towards_the_authorised_number(
    codes: DiagnosisCodes,
) -> None:
    weekly = tuple(visit(f"v-{n}", date(2026, 9, 2) + timedelta(weeks=n)) for n in range(9))
    chart = replace(sample.chart(), visits=weekly)
    data = sample.superbill_data(chart=chart, visits=weekly[-1:])
    assert only(check(data, codes, today=date(2026, 11, 30)), C.PRESCRIPTION_VISITS_EXCEEDED)


def test_a_visit_naming_a_prescription_not_on_record_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(prescription="rx-gone")), codes), C.PRESCRIPTION_UNKNOWN)
    assert finding.is_error


def test_a_prescription_with_no_end_date_or_visit_count_never_expires_or_runs_out(
    codes: DiagnosisCodes,
) -> None:
    chart = sample.chart()
    open_ended = Prescription("rx-1", "Helen Park", date(2026, 9, 2), prescriber_credentials="MD")
    chart = replace(chart, prescriptions=(open_ended,))
    assert check(sample.superbill_data(chart=chart), codes, today=date(2027, 3, 1)) == []
