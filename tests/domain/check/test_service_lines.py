"""The service-line rules (app/domain/check/service_lines.py): pointers (box 24E), units (the 8-minute rule), fees, modifier 59."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.check import Severity, has_errors
from app.domain.diagnoses import DiagnosisCodes
from app.domain.practice import (
    UnitRule,
)
from tests import sample
from tests.domain.check.builders import (
    C,
    check,
    found,
    line,
    only,
    visit,
    with_visits,
)


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
