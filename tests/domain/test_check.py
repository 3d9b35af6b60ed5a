"""The claim-readiness check: each rule as a therapist would state it (docs/design.md 6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.domain.check import Finding, FindingCode, Severity, check_superbill, errors, has_errors
from app.domain.diagnoses import DiagnosisCodes
from app.domain.practice import (
    Address,
    Coverage,
    Payer,
    PayerKind,
    Prescription,
    Relationship,
    ServiceLine,
    TaxIdType,
    UnitRule,
    Visit,
)
from app.domain.superbill import SuperbillData
from tests import sample
from tests.domain.conftest import ENTRIES, DictCodes

TODAY = date(2026, 9, 20)  # the sample superbill's issue date
C = FindingCode


def check(data: SuperbillData, codes: DiagnosisCodes, today: date = TODAY) -> list[Finding]:
    return check_superbill(data, codes, today)


def found(findings: list[Finding], code: FindingCode) -> list[Finding]:
    return [f for f in findings if f.code == code]


def only(findings: list[Finding], code: FindingCode) -> Finding:
    matches = found(findings, code)
    assert len(matches) == 1, findings
    return matches[0]


def visit(
    key: str = "v-9",
    on: date = date(2026, 9, 16),
    diagnoses: tuple[str, ...] = ("M54.50",),
    lines: tuple[ServiceLine, ...] = (ServiceLine("97124", ("A",), minutes=30, body_region="lumbar"),),
    **changes: object,
) -> Visit:
    base = Visit(key, on, diagnoses, lines, place_of_service="11", coverage="cov-1", prescription="rx-1")
    return replace(base, **changes)  # type: ignore[arg-type]


def with_visits(*visits: Visit, **chart_changes: object) -> SuperbillData:
    """A superbill of these visits, which are also the patient's whole visit history."""
    chart = replace(sample.chart(), visits=visits, **chart_changes)  # type: ignore[arg-type]
    return sample.superbill_data(chart=chart, visits=visits)


def with_practitioner(**changes: object) -> SuperbillData:
    return sample.superbill_data(practitioner=sample.practitioner(**changes))


def with_payer(kind: PayerKind, *visits: Visit, **coverage: object) -> SuperbillData:
    """The sample visits (or these) billed to a payer of this kind through coverage cov-1."""
    payer = Payer("payer", f"Some {kind.label} payer", kind)
    cov = Coverage("cov-1", "payer", **coverage)  # type: ignore[arg-type]
    chart = replace(sample.chart(), coverages=(cov,))
    if visits:
        chart = replace(chart, visits=visits)
    return sample.superbill_data(chart=chart, visits=chart.visits, payers={"payer": payer})


def line(cpt: str = "97124", **changes: object) -> ServiceLine:
    return replace(ServiceLine(cpt, ("A",), minutes=30, body_region="lumbar"), **changes)  # type: ignore[arg-type]


# --- The sample passes -------------------------------------------------------------------


def test_the_sample_superbill_is_ready_to_submit_with_no_findings(codes: DiagnosisCodes) -> None:
    assert check(sample.superbill_data(), codes) == []


def test_findings_are_errors_or_warnings_and_only_errors_block(codes: DiagnosisCodes) -> None:
    findings = check(with_practitioner(npi="1234567890", taxonomy="2257"), codes)
    assert has_errors(findings)
    assert [f.code for f in errors(findings)] == [C.NPI_INVALID]
    assert not has_errors(found(findings, C.TAXONOMY_INVALID))
    assert {f.severity for f in findings} == {Severity.ERROR, Severity.WARNING}


# --- The provider ------------------------------------------------------------------------


def test_a_superbill_with_npi_1234567890_is_refused_naming_the_npi(codes: DiagnosisCodes) -> None:
    finding = only(check(with_practitioner(npi="1234567890"), codes), C.NPI_INVALID)
    assert finding.severity is Severity.ERROR
    assert finding.field == "practitioner.npi"
    assert "1234567890" in finding.message
    assert "last digit" in finding.message


def test_a_superbill_without_an_npi_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_practitioner(npi=""), codes), C.NPI_MISSING)
    assert finding.is_error and finding.field == "practitioner.npi"


def test_an_organisation_npi_with_a_wrong_check_digit_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_practitioner(organization_npi="1558598798"), codes), C.ORGANIZATION_NPI_INVALID)
    assert finding.is_error and finding.field == "practitioner.organization_npi"
    assert "Organization NPI 1558598798" in finding.message


def test_no_organisation_npi_is_fine(codes: DiagnosisCodes) -> None:
    assert check(with_practitioner(organization_npi=None), codes) == []


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


def test_a_superbill_without_a_tax_id_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_practitioner(tax_id=" "), codes), C.TAX_ID_MISSING)
    assert finding.is_error and finding.field == "practitioner.tax_id"


def test_an_ein_with_a_prefix_the_irs_never_assigns_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_practitioner(tax_id="07-1234567"), codes), C.TAX_ID_INVALID)
    assert "07-1234567" in finding.message


def test_an_ssn_tax_id_is_checked_as_an_ssn_and_never_shown_in_full(codes: DiagnosisCodes) -> None:
    assert check(with_practitioner(tax_id="536-90-4399", tax_id_type=TaxIdType.SSN), codes) == []
    finding = only(
        check(with_practitioner(tax_id="666-90-4399", tax_id_type=TaxIdType.SSN), codes), C.TAX_ID_INVALID
    )
    assert "666-90-4399" not in finding.message and "4399" in finding.message


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"license_number": ""}, C.LICENSE_NUMBER_MISSING, "practitioner.license_number"),
        ({"license_state": ""}, C.LICENSE_STATE_MISSING, "practitioner.license_state"),
        ({"license_state": "Washington"}, C.LICENSE_STATE_INVALID, "practitioner.license_state"),
        ({"last_name": ""}, C.PROVIDER_NAME_MISSING, "practitioner.last_name"),
        ({"credentials": ""}, C.PROVIDER_CREDENTIALS_MISSING, "practitioner.credentials"),
        ({"phone": ""}, C.PROVIDER_PHONE_MISSING, "practitioner.phone"),
        (
            {"address": Address("", "Seattle", "WA", "98109")},
            C.PROVIDER_ADDRESS_MISSING,
            "practitioner.address.line1",
        ),
    ],
)
def test_a_superbill_missing_a_required_provider_detail_is_refused(
    codes: DiagnosisCodes, changes: dict[str, object], code: FindingCode, field: str
) -> None:
    finding = only(check(with_practitioner(**changes), codes), code)
    assert finding.is_error and finding.field == field


def test_the_address_finding_names_every_missing_part(codes: DiagnosisCodes) -> None:
    finding = only(
        check(with_practitioner(address=Address("", "", "WA", "")), codes), C.PROVIDER_ADDRESS_MISSING
    )
    assert "street, city and ZIP" in finding.message


# --- The patient and dates of service ----------------------------------------------------------


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


# --- Diagnoses -------------------------------------------------------------------------------


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


# --- Service lines ----------------------------------------------------------------------------


def test_a_line_pointing_to_a_diagnosis_the_visit_lacks_is_refused(codes: DiagnosisCodes) -> None:
    data = with_visits(visit(diagnoses=("M54.50", "M62.830"), lines=(line(pointers=("A", "C")),)))
    finding = only(check(data, codes), C.POINTER_INVALID)
    assert finding.is_error and finding.field == "visits[v-9].lines[0].pointers"
    assert "diagnosis C" in finding.message and "A-B" in finding.message


def test_a_line_pointing_to_no_diagnosis_is_refused(codes: DiagnosisCodes) -> None:
    assert only(check(with_visits(visit(lines=(line(pointers=()),))), codes), C.POINTER_MISSING).is_error


def test_a_visit_with_no_services_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(lines=())), codes), C.SERVICE_LINES_MISSING)
    assert finding.field == "visits[v-9].lines"


def test_an_unknown_procedure_code_is_refused_naming_it(codes: DiagnosisCodes) -> None:
    findings = check(with_visits(visit(lines=(line("97999", fee=5000),))), codes)
    finding = only(findings, C.CPT_UNKNOWN)
    assert finding.field == "visits[v-9].lines[0].cpt" and "97999" in finding.message


def test_7_minutes_of_massage_alone_bill_no_units_and_are_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(lines=(line(minutes=7),))), codes), C.UNITS_ZERO)
    assert finding.is_error and finding.field == "visits[v-9].lines[0].minutes"
    assert "7 minutes bill no units under the AMA midpoint rule" in finding.message


def test_a_timed_code_without_minutes_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(lines=(line(minutes=None),))), codes), C.UNITS_ZERO)
    assert "no minutes" in finding.message


def test_a_line_with_no_fee_for_its_code_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(lines=(line("97530"),))), codes), C.FEE_MISSING)
    assert finding.is_error and "97530" in finding.message and "$0.00" in finding.message


def test_a_fee_entered_on_the_line_is_enough(codes: DiagnosisCodes) -> None:
    assert check(with_visits(visit(lines=(line("97530", fee=5000),))), codes) == []


def test_an_unknown_place_of_service_is_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(place_of_service="03")), codes), C.PLACE_OF_SERVICE_UNKNOWN)
    assert finding.field == "visits[v-9].place_of_service" and '"03"' in finding.message


def test_an_unknown_default_place_of_service_is_reported_once_at_the_practitioner(
    codes: DiagnosisCodes,
) -> None:
    data = with_visits(
        visit("v-1", date(2026, 9, 9), place_of_service=None),
        visit("v-2", date(2026, 9, 16), place_of_service=None),
    )
    data = replace(data, practitioner=sample.practitioner(default_place_of_service="1"))
    finding = only(check(data, codes), C.PLACE_OF_SERVICE_UNKNOWN)
    assert finding.field == "practitioner.default_place_of_service"


def test_more_than_four_modifiers_or_a_malformed_one_is_refused(codes: DiagnosisCodes) -> None:
    findings = check(with_visits(visit(lines=(line(modifiers=("GP", "KX", "59", "XU", "XE")),))), codes)
    assert "at most 4" in only(findings, C.MODIFIER_INVALID).message
    findings = check(with_visits(visit(lines=(line(modifiers=("xs",)),))), codes)
    assert "'xs'" in only(findings, C.MODIFIER_INVALID).message


def test_hand_entered_units_that_differ_from_the_payers_rule_need_a_reason(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(lines=(line(units=3),))), codes), C.UNITS_UNEXPLAINED)
    assert finding.is_error and finding.field == "visits[v-9].lines[0].unit_reason"
    assert "3 units entered by hand" in finding.message
    assert "30 minutes make 2 under the AMA midpoint rule" in finding.message


def test_hand_entered_units_with_a_reason_are_a_warning(codes: DiagnosisCodes) -> None:
    findings = check(with_visits(visit(lines=(line(units=3, unit_reason="payer contract"),))), codes)
    finding = only(findings, C.UNITS_HAND_ENTERED)
    assert finding.severity is Severity.WARNING and "payer contract" in finding.message
    assert not has_errors(findings)


def test_hand_entered_units_equal_to_the_rule_are_not_reported(codes: DiagnosisCodes) -> None:
    assert check(with_visits(visit(lines=(line(units=2),))), codes) == []


def test_the_rule_is_the_payers_so_cms_units_differ_from_ama_units(codes: DiagnosisCodes) -> None:
    # 10 + 10 minutes: AMA (the sample payer) gives 1 + 1; under CMS the second line is 0.
    lines = (line("97124", minutes=10), line("97140", minutes=10, modifiers=("59",), body_region="neck"))
    assert check(with_visits(visit(lines=lines)), codes) == []
    data = with_visits(visit(lines=lines))
    data = replace(data, payers={"premera": replace(data.payers["premera"], unit_rule=UnitRule.CMS_8_MINUTE)})
    assert [f.code for f in check(data, codes)] == [C.UNITS_ZERO]


MASSAGE = line("97124", minutes=30, body_region="lumbar")
MANUAL = line("97140", minutes=15, body_region="thoracic")


def test_97124_and_97140_on_one_date_without_59_or_xs_are_refused(codes: DiagnosisCodes) -> None:
    finding = only(check(with_visits(visit(lines=(MASSAGE, MANUAL))), codes), C.BUNDLED_WITHOUT_MODIFIER)
    assert finding.is_error and finding.field == "visits[v-9].lines[1].modifiers"
    assert "97124 and 97140 on Sep 16, 2026" in finding.message and "59 or XS" in finding.message


@pytest.mark.parametrize("modifier", ["59", "XS", "XU"])
def test_97124_and_97140_pass_when_one_carries_a_distinct_service_modifier(
    codes: DiagnosisCodes, modifier: str
) -> None:
    lines = (replace(MASSAGE, modifiers=(modifier,)), MANUAL)
    assert check(with_visits(visit(lines=lines)), codes) == []


def test_97124_and_97140_on_the_same_body_region_are_refused(codes: DiagnosisCodes) -> None:
    lines = (MASSAGE, replace(MANUAL, modifiers=("59",), body_region="Lumbar "))
    finding = only(check(with_visits(visit(lines=lines)), codes), C.BUNDLED_SAME_REGION)
    assert finding.is_error and finding.field == "visits[v-9].lines[1].body_region"
    assert "lumbar" in finding.message


def test_97124_and_97140_without_a_body_region_are_a_warning(codes: DiagnosisCodes) -> None:
    lines = (MASSAGE, replace(MANUAL, modifiers=("59",), body_region=None))
    findings = check(with_visits(visit(lines=lines)), codes)
    assert only(findings, C.BODY_REGION_MISSING).field == "visits[v-9].lines[1].body_region"
    assert not has_errors(findings)


def test_97124_and_97140_on_different_dates_are_not_a_bundled_pair(codes: DiagnosisCodes) -> None:
    data = with_visits(
        visit("v-1", date(2026, 9, 9), lines=(MASSAGE,)), visit("v-2", date(2026, 9, 16), lines=(MANUAL,))
    )
    assert check(data, codes) == []


# --- Insurance ----------------------------------------------------------------------------------


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


# --- Prescriptions ----------------------------------------------------------------------------


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


def test_finding_codes_are_stable_kebab_case_strings() -> None:
    assert C.NPI_INVALID == "npi-invalid"
    assert C.TAX_ID_MISSING == "tax-id-missing"
    assert all(code.value == code.name.lower().replace("_", "-") for code in FindingCode)


def test_a_prescription_with_no_end_date_or_visit_count_never_expires_or_runs_out(
    codes: DiagnosisCodes,
) -> None:
    chart = sample.chart()
    open_ended = Prescription("rx-1", "Helen Park", date(2026, 9, 2), prescriber_credentials="MD")
    chart = replace(chart, prescriptions=(open_ended,))
    assert check(sample.superbill_data(chart=chart), codes, today=date(2027, 3, 1)) == []


def test_the_stand_in_code_set_agrees_with_the_shipped_index(codes: DiagnosisCodes) -> None:
    # Tests that must not open the store use DictCodes; it may hold only what the real release says.
    stand_in = DictCodes()
    september = date(2026, 9, 15)
    assert stand_in.release == codes.release_on(september)
    for code in ENTRIES:
        assert stand_in.lookup(code) == codes.lookup(code, september)
        assert stand_in.billable_children(code) == codes.billable_children(code, september)


def test_box_24e_holds_at_most_four_diagnosis_pointers_per_line(codes: DiagnosisCodes) -> None:
    five = ("M54.50", "M54.2", "M54.6", "M62.830", "M79.7")
    data = with_visits(visit(diagnoses=five, lines=(line(pointers=("A", "B", "C", "D", "E")),)))
    finding = only(check(data, codes), C.POINTERS_TOO_MANY)
    assert finding.code == "pointers-too-many"  # stable: the CLI prints it
    assert finding.is_error and finding.field == "visits[v-9].lines[0].pointers"
    assert "5 diagnoses (A, B, C, D and E)" in finding.message and "at most 4" in finding.message
    four = with_visits(visit(diagnoses=five, lines=(line(pointers=("A", "B", "C", "D")),)))
    assert found(check(four, codes), C.POINTERS_TOO_MANY) == []


def test_a_pointer_letter_must_name_a_diagnosis_listed_on_the_superbill(codes: DiagnosisCodes) -> None:
    """Twelve diagnoses fill A-L; a line pointing to a thirteenth would print no letter in 24E."""
    twelve = (
        "M54.50", "M54.51", "M54.59", "M54.2", "M54.6", "M79.10",
        "M79.11", "M79.12", "M79.18", "M79.7", "M62.830", "M62.831",
    )  # fmt: skip
    first = visit("v-1", date(2026, 9, 9), diagnoses=twelve, lines=(line(pointers=("A",)),))
    second = visit("v-2", date(2026, 9, 16), diagnoses=("M62.838",), lines=(line(pointers=("A",)),))
    finding = only(check(with_visits(first, second), codes), C.POINTER_NOT_ON_SUPERBILL)
    assert finding.code == "pointer-not-on-superbill"
    assert finding.is_error and finding.field == "visits[v-2].lines[0].pointers"
    assert "M62.838" in finding.message and "A-L" in finding.message
