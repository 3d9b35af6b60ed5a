"""Issuing superbills: gather a patient's visits for a period, check them, render, number and record."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from app.domain.check import Finding, Severity, check_superbill
from app.domain.diagnoses import DiagnosisCodes
from app.domain.errors import ValidationError
from app.domain.practice import PatientChart
from app.domain.superbill import PaperSize, SuperbillData
from app.store.records import PracticeStore


class SuperbillRefused(Exception):
    """The check found errors, so no final superbill was made."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        super().__init__(f"{len(errors)} problem(s) must be fixed before this superbill can be issued")


@dataclass(frozen=True)
class IssuedDocument:
    pdf: bytes
    findings: tuple[Finding, ...]
    number: str | None  # None for a draft
    sha256: str


@dataclass(frozen=True)
class Period:
    """The dates of service a superbill covers; None on either side means open."""

    first: date | None = None
    last: date | None = None

    def __post_init__(self) -> None:
        if self.first and self.last and self.first > self.last:
            raise ValidationError("--from", f"{self.first.isoformat()} is after --to {self.last.isoformat()}")

    def holds(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)

    def describe(self) -> str:
        if self.first is None and self.last is None:
            return "on record"
        return f"from {self.first or 'the first visit'} to {self.last or 'the last visit'}"


def find_chart(store: PracticeStore, patient: str) -> PatientChart:
    """A patient's chart by the practice file's id or by account number."""
    found = store.find_patient(patient)
    if found is None:
        raise ValidationError("--patient", f'no patient has the id or account number "{patient}"')
    return store.chart(found.key)


def superbill_data(
    store: PracticeStore,
    chart: PatientChart,
    period: Period,
    *,
    issued_on: date,
    statement_number: str | None = None,
    paper: PaperSize = PaperSize.LETTER,
) -> SuperbillData:
    practitioner = store.practitioner()
    if practitioner is None:
        raise ValidationError(
            "practitioner", "the practice has no provider yet: import a practice file first"
        )
    visits = tuple(sorted((v for v in chart.visits if period.holds(v.date)), key=lambda v: v.date))
    if not visits:
        raise ValidationError("--from/--to", f"{chart.patient.full_name} has no visits {period.describe()}")
    payments = tuple(sorted((p for p in chart.payments if period.holds(p.date)), key=lambda p: p.date))
    return SuperbillData(
        practitioner=practitioner,
        chart=chart,
        visits=visits,
        payments=payments,
        payers={payer.key: payer for payer in store.payers()},
        fees=store.fees(),
        procedures=store.procedures(),
        issued_on=issued_on,
        statement_number=statement_number,
        paper=paper,
    )


def check(data: SuperbillData, codes: DiagnosisCodes, today: date) -> list[Finding]:
    return check_superbill(data, codes, today)


def render(data: SuperbillData, codes: DiagnosisCodes, *, draft: bool) -> bytes:
    # reportlab takes a tenth of a second to import: only pay for it when a PDF is made.
    from app.render.superbill_pdf import SuperbillRenderer

    def describe(code: str) -> str | None:
        entry = codes.lookup(code)
        return entry.description if entry else None

    return SuperbillRenderer(describe=describe).render(data, draft=draft)


def issue_superbill(
    store: PracticeStore,
    codes: DiagnosisCodes,
    patient: str,
    period: Period,
    *,
    today: date,
    draft: bool = False,
    paper: PaperSize = PaperSize.LETTER,
) -> IssuedDocument:
    """A final superbill (numbered and recorded), or a draft when asked; refused when the check finds errors."""
    chart = find_chart(store, patient)
    data = superbill_data(store, chart, period, issued_on=today, paper=paper)
    findings = tuple(check(data, codes, today))
    if draft:
        pdf = render(data, codes, draft=True)
        return IssuedDocument(pdf, findings, None, hashlib.sha256(pdf).hexdigest())
    if any(f.severity is Severity.ERROR for f in findings):
        raise SuperbillRefused(findings)
    with store.transaction():
        number = store.next_statement_number(today)
        numbered = replace(data, statement_number=number)
        pdf = render(numbered, codes, draft=False)
        digest = hashlib.sha256(pdf).hexdigest()
        totals = numbered.totals()
        store.record_superbill(
            number=number,
            patient=chart.patient.key,
            visit_keys=tuple(v.key for v in numbered.visits),
            issued_on=today,
            charges=totals.charges,
            payments=totals.payments,
            balance=totals.balance,
            pdf=pdf,
            sha256=digest,
        )
    return IssuedDocument(pdf, findings, number, digest)
