"""The claim-readiness check: every reason an insurer would refuse a superbill, found before printing.

`check_superbill` runs each rule family in order and returns their findings; an
error blocks a final superbill, a warning informs (docs/design.md 6).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from app.domain.check import (
    billed,
    coverage,
    diagnoses,
    patient,
    prescriptions,
    provider,
    service_lines,
)
from app.domain.check.findings import Context, Finding, FindingCode, Rule, Severity
from app.domain.diagnoses import DiagnosisCodes
from app.domain.superbill import SuperbillData

__all__ = ["RULES", "Finding", "FindingCode", "Severity", "check_superbill", "errors", "has_errors"]

RULES: tuple[Rule, ...] = (
    *provider.RULES,
    *patient.RULES,
    *billed.RULES,
    *diagnoses.RULES,
    *service_lines.RULES,
    *coverage.RULES,
    *prescriptions.RULES,
)


def check_superbill(
    data: SuperbillData, codes: DiagnosisCodes, today: date, *, document: str = "superbill"
) -> list[Finding]:
    """Every finding for the superbill, provider first, then patient, diagnoses, services, insurance.
    `document`: what the messages call the paper checked ("claim" when a claim is made of the data)."""
    ctx = Context(data, codes, today, document=document)
    return [finding for rule in RULES for finding in rule(ctx)]


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]
