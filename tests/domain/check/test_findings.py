"""The check as a whole (app/domain/check/__init__.py, findings.py): the sample passes, errors block, codes are stable."""

from __future__ import annotations

from app.domain.check import FindingCode, Severity, errors, has_errors
from app.domain.diagnoses import DiagnosisCodes
from tests import sample
from tests.domain.check.builders import (
    C,
    check,
    found,
    with_practitioner,
)


def test_the_sample_superbill_is_ready_to_submit_with_no_findings(codes: DiagnosisCodes) -> None:
    assert check(sample.superbill_data(), codes) == []


def test_findings_are_errors_or_warnings_and_only_errors_block(codes: DiagnosisCodes) -> None:
    findings = check(with_practitioner(npi="1234567890", taxonomy="2257"), codes)
    assert has_errors(findings)
    assert [f.code for f in errors(findings)] == [C.NPI_INVALID]
    assert not has_errors(found(findings, C.TAXONOMY_INVALID))
    assert {f.severity for f in findings} == {Severity.ERROR, Severity.WARNING}


def test_finding_codes_are_stable_kebab_case_strings() -> None:
    assert C.NPI_INVALID == "npi-invalid"
    assert C.TAX_ID_MISSING == "tax-id-missing"
    assert all(code.value == code.name.lower().replace("_", "-") for code in FindingCode)
