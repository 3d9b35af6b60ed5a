"""The claim model (CMS-1500 items 1-33) and the check extended to claims, on the sample practice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.check.claim import ClaimCode, check_claim
from app.domain.claim import (
    Claim,
    InsuranceType,
    Resubmission,
    build_claim,
)
from app.domain.diagnoses import DiagnosisCodes
from app.domain.practice import (
    Address,
    Payer,
    PayerKind,
    Relationship,
    ServiceLine,
    Subscriber,
    Visit,
)
from app.domain.superbill import SuperbillData
from tests import sample
from tests.claims.builders import billed_to, claim_for

TODAY = date(2026, 9, 20)


_claim = claim_for


def _injury(kind: PayerKind, **coverage: object) -> SuperbillData:
    return billed_to(kind, **coverage)


def _codes(claim: Claim, codes: DiagnosisCodes, electronic: bool = False) -> dict[str, str | None]:
    return {f.code: f.box for f in check_claim(claim, codes, TODAY, electronic=electronic)}


def test_a_commercial_claim_fills_the_items_from_the_records() -> None:
    claim = _claim()
    assert claim.insurance_type is InsuranceType.GROUP_HEALTH_PLAN
    assert claim.insured_id == "PRM448812093"
    assert (claim.patient_last, claim.patient_first, claim.patient_sex) == ("OKAFOR", "DANIEL", "M")
    assert claim.relationship is Relationship.SELF and claim.insured_last == "OKAFOR"
    assert claim.group_number == "1000045" and claim.plan_name == "PREMERA BLUE CROSS"
    assert claim.referring is not None
    assert (claim.referring.qualifier, claim.referring.name, claim.referring.npi) == (
        "DN",
        "HELEN PARK MD",
        "1003000126",
    )
    assert claim.icd_indicator == "0"
    assert claim.diagnoses == ("M5450", "M62830")  # item 21 carries no dots
    assert claim.tax_id == "911234567"  # item 25 carries no hyphen
    assert claim.billing.npi == "1558598797" and claim.billing.taxonomy == "225700000X"
    assert [line.cpt for line in claim.lines] == ["97124", "97124", "97140"]
    assert claim.lines[2].modifiers == ("59",) and claim.lines[0].pointers == ("A", "B")
    assert all(line.rendering_npi is None for line in claim.lines)  # billed by the therapist herself
    assert claim.total_charge == 12000 + 8000 + 4500
    assert not claim.employment and not claim.auto_accident and claim.other_claim_id is None


def test_a_workers_comp_claim_is_other_with_10a_11b_y4_and_14_the_injury_date() -> None:
    claim = _claim(_injury(PayerKind.WORKERS_COMP))
    assert claim.insurance_type is InsuranceType.OTHER
    assert claim.employment and not claim.auto_accident
    assert claim.other_claim_id == ("Y4", "WC-88-1234")
    assert claim.current_date is not None
    assert (claim.current_date.qualifier, claim.current_date.day) == ("431", date(2026, 8, 30))
    assert claim.other_date is not None and claim.other_date.qualifier == "454"
    assert claim.insured_last == "HARBOR FREIGHT LINES"  # the employer holds a workers' comp policy
    assert claim.insured_id == "WC-88-1234"  # no member ID: the claim number


def test_an_auto_claim_has_10b_with_the_state_and_15_the_accident_date() -> None:
    claim = _claim(_injury(PayerKind.AUTO))
    assert claim.auto_accident and claim.accident_state == "WA" and not claim.employment
    assert claim.other_claim_id == ("Y4", "WC-88-1234")
    assert claim.other_date is not None
    assert (claim.other_date.qualifier, claim.other_date.day) == ("439", date(2026, 8, 30))


def test_more_than_six_lines_make_continuation_forms_each_totalled() -> None:
    data = sample.superbill_data()
    visits = tuple(
        Visit(
            f"v-{i}",
            date(2026, 9, i),
            ("M54.50",),
            (ServiceLine("97124", ("A",), minutes=30),),
            coverage="cov-1",
            prescription="rx-1",
        )
        for i in range(1, 9)
    )
    chart = replace(data.chart, visits=visits)
    claim = _claim(replace(data, chart=chart, visits=visits, payments=()))
    forms = claim.forms()
    assert [len(f.lines) for f in forms] == [6, 2]
    assert [f.total_charge for f in forms] == [6 * 8000, 2 * 8000]
    assert [(f.page, f.pages) for f in forms] == [(1, 2), (2, 2)]


def test_a_replacement_claim_carries_code_7_and_the_original_reference() -> None:
    claim = _claim(resubmission=Resubmission("7", "CL-2026-0001"))
    assert claim.resubmission == Resubmission("7", "CL-2026-0001")


def test_an_organization_billing_puts_the_therapists_npi_in_24j() -> None:
    data = sample.superbill_data(practitioner=sample.practitioner(organization_npi="1245319599"))
    claim = _claim(data)
    assert claim.billing.npi == "1245319599"
    assert {line.rendering_npi for line in claim.lines} == {"1558598797"}


def test_the_sample_claim_is_ready_on_paper_with_a_zip_plus_four_warning(codes: DiagnosisCodes) -> None:
    found = check_claim(_claim(), codes, TODAY, electronic=False)
    assert not [f for f in found if f.is_error]
    zip_finding = next(f for f in found if f.code == ClaimCode.BILLING_ZIP_WITHOUT_PLUS_FOUR)
    assert zip_finding.box == "33" and not zip_finding.is_error


def test_a_five_digit_billing_zip_is_an_error_in_an_837p(codes: DiagnosisCodes) -> None:
    found = check_claim(_claim(), codes, TODAY, electronic=True)
    zip_finding = next(f for f in found if f.code == ClaimCode.BILLING_ZIP_WITHOUT_PLUS_FOUR)
    assert zip_finding.is_error and zip_finding.box == "33"
    practitioner = sample.practitioner(address=Address("2200 Westlake Ave N", "Seattle", "WA", "98109-4121"))
    ready = check_claim(
        _claim(sample.superbill_data(practitioner=practitioner)), codes, TODAY, electronic=True
    )
    assert not [f for f in ready if f.is_error]


def test_va_community_care_without_an_authorization_is_refused_in_box_23(codes: DiagnosisCodes) -> None:
    data = _injury(PayerKind.VA_COMMUNITY_CARE, claim_number=None, injury_date=None, member_id="1012345678V")
    found = check_claim(_claim(data), codes, TODAY, electronic=False)
    auth = [f for f in found if f.code == "authorization-missing"]
    assert auth and auth[0].is_error and auth[0].box == "23"


def test_a_workers_comp_claim_without_its_claim_number_is_refused_in_11b(codes: DiagnosisCodes) -> None:
    found = _codes(_claim(_injury(PayerKind.WORKERS_COMP, claim_number=None)), codes)
    assert found["claim-number-missing"] == "11b"
    assert found[ClaimCode.INSURED_ID_MISSING] == "1a"


def test_a_dependent_without_the_insureds_name_is_refused_in_box_4(codes: DiagnosisCodes) -> None:
    data = sample.superbill_data()
    cov = replace(data.chart.coverages[0], relationship=Relationship.CHILD)
    chart = replace(data.chart, coverages=(cov,))
    found = check_claim(_claim(replace(data, chart=chart)), codes, TODAY, electronic=False)
    assert any(f.code == ClaimCode.INSURED_MISSING and f.is_error and f.box == "4" for f in found)
    with_parent = replace(cov, subscriber=Subscriber("Ada", "Okafor", date(1960, 1, 2)))
    chart = replace(data.chart, coverages=(with_parent,))
    claim = _claim(replace(data, chart=chart))
    assert (claim.insured_last, claim.insured_first) == ("OKAFOR", "ADA")
    assert claim.insured_birth == date(1960, 1, 2)


def test_a_visit_already_claimed_to_the_payer_is_refused_in_box_22(codes: DiagnosisCodes) -> None:
    found = check_claim(_claim(), codes, TODAY, electronic=False, already_claimed={"v-1": "CL-2026-0001"})
    refused = [f for f in found if f.code == ClaimCode.VISIT_ALREADY_CLAIMED]
    assert refused and refused[0].is_error and refused[0].box == "22"
    assert "CL-2026-0001" in refused[0].message


def test_superbill_findings_on_a_claim_name_their_box(codes: DiagnosisCodes) -> None:
    data = sample.superbill_data(practitioner=sample.practitioner(tax_id="91-123"))
    found = _codes(_claim(data), codes)
    assert found["tax-id-invalid"] == "25"


def test_a_self_pay_payer_takes_no_claim(codes: DiagnosisCodes) -> None:
    data = sample.superbill_data()
    claim = build_claim(data, data.chart.coverages[0], Payer("self", "Self-pay", PayerKind.SELF_PAY))
    assert _codes(claim, codes)[ClaimCode.PAYER_NOT_CLAIMABLE] == "1"
