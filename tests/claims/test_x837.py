"""The 837P (005010X222A1) file: the segments the payer reads, and pyx12's check of every file written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from app.domain.claim import Claim, Resubmission
from app.domain.practice import PayerKind, Relationship, Subscriber
from app.render.x837 import Envelope, x837_text
from tests import sample
from tests.claims.builders import billed_to, claim_for, electronic_ready
from tests.x12 import x12_errors

ENVELOPE = Envelope("1558598797", "CLAIMMD", "CLAIM.MD", 7, datetime(2026, 9, 20, 10, 30))


def _file(claim: Claim, tmp_path: Path) -> list[str]:
    text = x837_text(claim, ENVELOPE)
    assert x12_errors(text, tmp_path) == ""
    return [line.rstrip("~") for line in text.splitlines()]


def test_a_commercial_claim_is_a_valid_837p_with_its_lines_and_diagnoses(tmp_path: Path) -> None:
    segments = _file(claim_for(electronic_ready(), number="CL-2026-0001"), tmp_path)
    assert segments[0].startswith("ISA*00*          *00*          *ZZ*1558598797     *ZZ*CLAIMMD        *")
    assert "GS*HC*1558598797*CLAIMMD*20260920*1030*7*X*005010X222A1" in segments
    assert "N4*SEATTLE*WA*981094121" in segments  # the billing provider's nine-digit ZIP
    assert "REF*EI*911234567" in segments
    assert "SBR*P*18*1000045******CI" in segments
    assert "CLM*CL-2026-0001*245***11:B:1*Y*A*Y*Y" in segments
    assert "HI*ABK:M5450*ABF:M62830" in segments
    assert "NM1*DN*1*PARK*HELEN****XX*1003000126" in segments
    assert "SV1*HC:97140:59*45*UN*1***2" in segments
    assert segments.count("DTP*472*D8*20260916") == 2
    se = next(s for s in segments if s.startswith("SE*"))
    st_to_se = segments.index(se) - next(i for i, s in enumerate(segments) if s.startswith("ST*")) + 1
    assert se == f"SE*{st_to_se}*0007"


def test_a_workers_comp_claim_says_employment_and_carries_the_y4_claim_number(tmp_path: Path) -> None:
    data = billed_to(PayerKind.WORKERS_COMP, electronic_ready())
    segments = _file(claim_for(data, number="CL-2026-0002"), tmp_path)
    assert any(s.startswith("CLM*CL-2026-0002*") and s.endswith("*EM") for s in segments)
    assert "REF*Y4*WC-881234" not in segments and "REF*Y4*WC-88-1234" in segments
    assert "DTP*431*D8*20260830" in segments
    assert any(s.startswith("SBR*P*") and s.endswith("*WC") for s in segments)
    assert "PAT*20" in segments  # the patient is the employee of the insured employer


def test_an_auto_claim_says_auto_accident_with_its_state_and_date(tmp_path: Path) -> None:
    data = billed_to(PayerKind.AUTO, electronic_ready())
    segments = _file(claim_for(data, number="CL-2026-0003"), tmp_path)
    assert any(s.startswith("CLM*CL-2026-0003*") and s.endswith("*AA:::WA") for s in segments)
    assert "DTP*439*D8*20260830" in segments
    assert "REF*Y4*WC-88-1234" in segments


def test_a_va_claim_carries_its_authorization_as_ref_g1(tmp_path: Path) -> None:
    data = billed_to(
        PayerKind.VA_COMMUNITY_CARE,
        electronic_ready(),
        claim_number=None,
        injury_date=None,
        member_id="1012345678V",
        authorization_number="VA0012345678",
    )
    segments = _file(claim_for(data, number="CL-2026-0004"), tmp_path)
    assert "REF*G1*VA0012345678" in segments
    assert any(s.startswith("SBR*P*18*") and s.endswith("*VA") for s in segments)


def test_a_replacement_claim_is_frequency_7_with_the_original_reference(tmp_path: Path) -> None:
    claim = claim_for(
        electronic_ready(), number="CL-2026-0005", resubmission=Resubmission("7", "CL-2026-0001")
    )
    segments = _file(claim, tmp_path)
    assert "CLM*CL-2026-0005*245***11:B:7*Y*A*Y*Y" in segments
    assert "REF*F8*CL-2026-0001" in segments


def test_an_organization_bills_and_the_therapist_renders_in_2310b(tmp_path: Path) -> None:
    practitioner = replace(electronic_ready().practitioner, organization_npi="1245319599")
    segments = _file(
        claim_for(sample.superbill_data(practitioner=practitioner), number="CL-2026-0006"), tmp_path
    )
    assert "NM1*85*2*TIDEWATER THERAPEUTIC MASSAGE*****XX*1245319599" in segments
    assert "NM1*82*1*LINDQVIST*MAYA****XX*1558598797" in segments
    assert "PRV*PE*PXC*225700000X" in segments


def test_a_dependent_patient_is_in_loop_2000c(tmp_path: Path) -> None:
    data = electronic_ready()
    coverage = replace(
        data.chart.coverages[0],
        relationship=Relationship.CHILD,
        subscriber=Subscriber("Ada", "Okafor", date(1960, 1, 2)),
    )
    chart = replace(data.chart, coverages=(coverage,))
    segments = _file(claim_for(replace(data, chart=chart), number="CL-2026-0007"), tmp_path)
    assert "HL*3*2*23*0" in segments and "PAT*19" in segments
    assert "NM1*IL*1*OKAFOR*ADA****MI*PRM448812093" in segments
    assert "NM1*QC*1*OKAFOR*DANIEL" in segments


def test_delimiters_typed_in_the_records_do_not_break_the_file(tmp_path: Path) -> None:
    data = electronic_ready()
    patient = replace(data.chart.patient, last_name="O*Kafor~Smith:Jr^")
    chart = replace(data.chart, patient=patient)
    segments = _file(claim_for(replace(data, chart=chart), number="CL-2026-0008"), tmp_path)
    assert "NM1*IL*1*O KAFOR SMITH JR*DANIEL****MI*PRM448812093" in segments


def test_the_submitter_phone_is_its_ten_digits_and_its_extension_goes_in_per05_ex(tmp_path: Path) -> None:
    ready = electronic_ready()
    practitioner = replace(ready.practitioner, phone="(206) 555-0148 x12")
    claim = claim_for(replace(ready, practitioner=practitioner), number="CL-2026-0001")
    segments = _file(claim, tmp_path)  # pyx12 accepts PER05 EX
    assert "PER*IC*MAYA LINDQVIST LMT*TE*2065550148*EX*12" in segments
    plain = claim_for(electronic_ready(), number="CL-2026-0001")
    assert "PER*IC*MAYA LINDQVIST LMT*TE*2065550148" in _file(plain, tmp_path)


def test_a_city_longer_than_n401s_30_characters_is_cut_with_a_warning_naming_the_loop(tmp_path: Path) -> None:
    from app.domain.check.claim import electronic_findings
    from app.domain.practice import Address
    from app.render.x837 import cut_cities

    ready = electronic_ready()
    city = "Coeur d'Alene Extraordinarily Long"  # 34
    address = Address("2200 Westlake Ave N", city, "ID", "83814-1234")
    claim = claim_for(
        replace(ready, practitioner=replace(ready.practitioner, address=address)), number="CL-1"
    )
    segments = _file(claim, tmp_path)
    assert "N4*COEUR D'ALENE EXTRAORDINARILY*ID*838141234" in segments
    (finding,) = electronic_findings(claim, cut_cities(claim))
    assert finding.code == "claim-text-cut" and finding.message.startswith("Loop 2010AA (billing provider)")
    assert "COEUR D'ALENE EXTRAORDINARILY LONG" in finding.message and not finding.is_error
    assert (
        electronic_findings(claim_for(ready, number="CL-1"), cut_cities(claim_for(ready, number="CL-1")))
        == []
    )
