"""The patient's rules and the dates of service (app/domain/check/patient.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.diagnoses import DiagnosisCodes
from tests import sample
from tests.domain.check.builders import (
    C,
    check,
    only,
)


def test_a_date_of_service_in_the_future_is_refused_naming_the_date(codes: DiagnosisCodes) -> None:
    findings = check(sample.superbill_data(), codes, today=date(2026, 9, 12))
    finding = only(findings, C.SERVICE_DATE_IN_FUTURE)
    assert finding.is_error and finding.field == "visits[v-2].date"
    assert "Sep 16, 2026" in finding.message


def test_a_date_of_service_before_the_patient_was_born_is_refused(codes: DiagnosisCodes) -> None:
    chart = sample.chart()
    chart = replace(chart, patient=replace(chart.patient, date_of_birth=date(2026, 9, 10)))
    finding = only(check(sample.superbill_data(chart=chart), codes), C.SERVICE_DATE_BEFORE_BIRTH)
    assert finding.field == "visits[v-1].date" and "Sep 9, 2026" in finding.message


def test_a_date_of_birth_in_the_future_is_refused(codes: DiagnosisCodes) -> None:
    chart = sample.chart()
    chart = replace(chart, patient=replace(chart.patient, date_of_birth=date(2030, 1, 1)))
    finding = only(check(sample.superbill_data(chart=chart), codes), C.PATIENT_DOB_IN_FUTURE)
    assert finding.is_error and finding.field == "patient.date_of_birth"


def test_a_patient_without_a_date_of_birth_is_refused(codes: DiagnosisCodes) -> None:
    chart = sample.chart()
    chart = replace(chart, patient=replace(chart.patient, date_of_birth=None))
    finding = only(check(sample.superbill_data(chart=chart), codes), C.PATIENT_DOB_MISSING)
    assert finding.is_error and finding.field == "patient.date_of_birth"


def test_a_patient_without_a_last_name_is_refused(codes: DiagnosisCodes) -> None:
    chart = sample.chart()
    chart = replace(chart, patient=replace(chart.patient, last_name=" "))
    assert only(check(sample.superbill_data(chart=chart), codes), C.PATIENT_NAME_MISSING).is_error


def test_a_superbill_with_no_visits_is_refused(codes: DiagnosisCodes) -> None:
    assert only(check(sample.superbill_data(visits=()), codes), C.NO_VISITS).is_error
