"""What the check tests share: the check on a fixed day, findings picked by code, and superbills
built from the sample practice with one thing changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.check import Finding, FindingCode, check_superbill
from app.domain.diagnoses import DiagnosisCodes
from app.domain.practice import (
    Coverage,
    Payer,
    PayerKind,
    ServiceLine,
    Visit,
)
from app.domain.superbill import SuperbillData
from tests import sample

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
