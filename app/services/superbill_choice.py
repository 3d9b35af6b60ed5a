"""What a superbill would cover for one patient: the visits to pick from, and a choice's totals and findings.

The superbill dialog asks these questions as the therapist changes the choice; issuing itself is
`app.services.superbills.issue_superbill`, with the practice's paper size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from app.domain.check import Finding, Severity
from app.domain.check.billed import is_claim_number
from app.domain.claim import IssuedClaim
from app.domain.errors import ValidationError
from app.domain.issued import IssuedSuperbill
from app.domain.money import Cents
from app.domain.superbill import Totals
from app.services import superbills
from app.services.superbills import IssuedDocument, Period, SuperbillRefused
from app.services.workspace import Workspace

__all__ = [
    "Choice",
    "Period",
    "SuperbillRefused",
    "VisitOption",
    "issue",
    "judge",
    "unbilled",
    "upcoming_number",
    "visit_options",
]


@dataclass(frozen=True)
class VisitOption:
    """One visit the superbill can be made for."""

    key: str
    date: date
    procedures: tuple[str, ...]  # CPT codes, in line order
    charges: Cents
    same_day: int  # how many of the patient's visits fall on this date (1 when it is alone)


@dataclass(frozen=True)
class Choice:
    """What a period covers: how many visits, the money, and what the check says."""

    patient_name: str
    visit_count: int
    first: date
    last: date
    charges: Cents
    payments: Cents
    findings: tuple[Finding, ...]  # errors first, then warnings, each in the check's order
    already_issued: tuple[IssuedSuperbill, ...]  # superbills holding any of these visits
    billed_visits: int = (
        0  # of these visits, those billed: on an issued superbill or claim not since replaced
    )
    # The claims (not since replaced) billing any of these visits, each with the dates of those visits.
    already_claimed: tuple[tuple[IssuedClaim, tuple[date, ...]], ...] = ()

    @property
    def totals(self) -> Totals:
        return Totals(self.charges, self.payments)

    @property
    def balance(self) -> Cents:
        return self.totals.balance

    @property
    def paid_in_full(self) -> bool:
        return self.totals.paid_in_full

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is not Severity.ERROR)


def visit_options(workspace: Workspace, patient_key: str, today: date) -> list[VisitOption]:
    """The patient's visits, newest first, each with its codes and charges."""
    chart = workspace.store.chart(patient_key)
    if not chart.visits:
        return []
    charges: Counter[str] = Counter()
    try:
        data = superbills.superbill_data(workspace.store, chart, Period(), issued_on=today)
    except ValidationError:
        pass  # no provider yet: the visits can still be listed, without their charges
    else:
        for priced in data.priced_lines():
            charges[priced.visit.key] += priced.charge
    per_day = Counter(v.date for v in chart.visits)
    ordered = sorted(chart.visits, key=lambda v: v.date, reverse=True)
    return [
        VisitOption(
            key=v.key,
            date=v.date,
            procedures=tuple(line.cpt for line in v.lines),
            charges=charges[v.key],
            same_day=per_day[v.date],
        )
        for v in ordered
    ]


def judge(workspace: Workspace, patient_key: str, period: Period, today: date) -> Choice:
    """The superbill a period would give, checked. ValidationError when the period holds no visit."""
    chart = workspace.store.chart(patient_key)
    data = superbills.superbill_data(
        workspace.store, chart, period, issued_on=today, paper=workspace.store.paper_size()
    )
    findings = superbills.check(data, workspace.codes, today)
    ordered = [f for f in findings if f.severity is Severity.ERROR]
    ordered += [f for f in findings if f.severity is not Severity.ERROR]
    keys = {v.key for v in data.visits}
    issued = tuple(s for s in workspace.store.superbills(patient_key) if keys & set(s.visit_keys))
    claim_numbers = {n for ns in data.billed.values() for n in ns if is_claim_number(n)}
    dates = {v.key: v.date for v in data.visits}
    claimed = tuple(
        (c, tuple(sorted(dates[k] for k in set(c.visit_keys) & keys)))
        for c in workspace.store.claims(patient_key)
        if c.number in claim_numbers
    )
    totals = data.totals()
    first, last = data.period or (today, today)
    return Choice(
        patient_name=chart.patient.full_name,
        visit_count=len(data.visits),
        first=first,
        last=last,
        charges=totals.charges,
        payments=totals.payments,
        findings=tuple(ordered),
        already_issued=issued,
        billed_visits=len(data.billed),
        already_claimed=claimed,
    )


def issue(
    workspace: Workspace, patient_key: str, period: Period, today: date, *, draft: bool
) -> IssuedDocument:
    """A final superbill, numbered and recorded (SuperbillRefused on errors), or a draft, on the practice's paper."""
    return superbills.issue_superbill(
        workspace.store,
        workspace.codes,
        patient_key,
        period,
        today=today,
        draft=draft,
        paper=workspace.store.paper_size(),
    )


def unbilled(workspace: Workspace, patient_key: str, today: date) -> Period | None:
    """The patient's visits not yet billed, as a period; None when every visit is billed (superbill or claim)."""
    return superbills.unbilled_period(workspace.store, patient_key, today)


def upcoming_number(workspace: Workspace, today: date) -> str:
    """The statement number the next final superbill issued today gets (to ask before issuing it)."""
    return workspace.store.upcoming_statement_number(today)
