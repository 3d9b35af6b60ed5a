"""The provider's rules (app/domain/check/provider.py): NPI and its check digit, tax ID, the details a claim needs."""

from __future__ import annotations

import pytest

from app.domain.check import FindingCode, Severity
from app.domain.diagnoses import DiagnosisCodes
from app.domain.practice import (
    Address,
    TaxIdType,
)
from tests.domain.check.builders import (
    C,
    check,
    only,
    with_practitioner,
)


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
