"""Issuing superbills: gather a patient's visits for a period, check them, render, number and record."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from app.domain.characters import terminal_text
from app.domain.check import Finding, Severity, check_superbill
from app.domain.check.billed import documents, is_claim_number
from app.domain.diagnoses import DiagnosisCodes
from app.domain.errors import ValidationError
from app.domain.identifiers import typed_document_number
from app.domain.practice import FeeSchedule, PatientChart, Payer, PayerKind, Payment, Practitioner, Visit
from app.domain.procedures import Procedure
from app.domain.superbill import PaperSize, SuperbillData
from app.services.errors import ServiceError
from app.store import attention as queries
from app.store.patients import BY_ACCOUNT, BY_ID, AmbiguousPatient
from app.store.records import PracticeStore

if TYPE_CHECKING:
    from app.services.workspace import Workspace

# Writes a superbill's PDF where it goes (a file, a device): an error it raises undoes the issuing.
Deliver = Callable[[bytes], None]
# The same, told the statement number too (a file named after it): (number, pdf).
DeliverNumbered = Callable[[str, bytes], None]

# Statement numbers and counts only: never a name, date, code or amount (see app/services/logs.py).
log = logging.getLogger(__name__)


class SuperbillRefused(ServiceError):
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
    """The dates of service a superbill covers; None on either side means open.

    `visits`, when given, narrows it to those visits (by key): the visits not yet billed
    are not always a run of days (see unbilled_period).
    """

    first: date | None = None
    last: date | None = None
    visits: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.first and self.last and self.first > self.last:
            raise ValidationError("--from", f"{self.first.isoformat()} is after --to {self.last.isoformat()}")

    def holds(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)

    def covers(self, visit: Visit) -> bool:
        return self.holds(visit.date) and (self.visits is None or visit.key in self.visits)

    def describe(self) -> str:
        if self.visits is not None:
            return "not yet billed"
        if self.first is None and self.last is None:
            return "on record"
        return f"from {self.first or 'the first visit'} to {self.last or 'the last visit'}"


def unbilled_period(store: PracticeStore, patient_key: str, today: date) -> Period | None:
    """The patient's visits not yet billed, on no superbill or claim (app.store.attention's rule), or None when there are none.

    The superbill shows the payments dated from the first of those visits to the last, like any period.
    """
    unbilled = queries.unbilled_visits(store, today, patient_key)
    if not unbilled:
        return None
    days = [visit.date for visit in unbilled]
    return Period(min(days), max(days), frozenset(visit.visit_key for visit in unbilled))


def billed_by(store: PracticeStore, patient_key: str) -> str:
    """The documents billing the patient's visits (app.store.attention's rule), as the check names
    them: "superbill SB-2026-0001 and claim CL-2026-0001"; "" when none does."""
    numbers = dict.fromkeys(n for ns in queries.billed_on(store, patient_key).values() for n in ns)
    return documents(sorted(numbers, key=is_claim_number))


def find_chart(store: PracticeStore, patient: str) -> PatientChart:
    """A patient's chart by the practice file's id or by account number."""
    try:
        found = store.find_patient(patient)
    except AmbiguousPatient as both:
        raise ValidationError(
            "--patient",
            f'"{terminal_text(both.text)}" is the ID of one patient (account number '
            f"{terminal_text(both.by_id.account_number or '')}) and the account number of another "
            f"(ID {terminal_text(both.by_account.key)}): write --patient {BY_ID}{terminal_text(both.text)} "
            f"or --patient {BY_ACCOUNT}{terminal_text(both.text)}",
        ) from None
    if found is None:
        raise ValidationError(
            "--patient", f'no patient has the id or account number "{terminal_text(patient)}"'
        )
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
    visits = tuple(v for v in chart.visits if period.covers(v))
    if not visits:
        name = terminal_text(chart.patient.full_name)
        raise ValidationError("--from/--to", f"{name} has no visits {period.describe()}")
    payments = tuple(p for p in chart.payments if period.holds(p.date))
    # Each visit is billed once: the check refuses the ones already on an issued superbill or claim.
    holding = queries.billed_on(store, chart.patient.key)
    return data_for(
        store,
        chart,
        visits,
        payments,
        issued_on=issued_on,
        statement_number=statement_number,
        paper=paper,
        billed={v.key: holding[v.key] for v in visits if v.key in holding},
    )


def data_for(
    store: PracticeStore,
    chart: PatientChart,
    visits: Sequence[Visit],
    payments: Sequence[Payment],
    *,
    issued_on: date,
    statement_number: str | None = None,
    paper: PaperSize = PaperSize.LETTER,
    replaces: str | None = None,
    practitioner: Practitioner | None = None,
    payers: Mapping[str, Payer] | None = None,
    fees: FeeSchedule | None = None,
    procedures: Mapping[str, Procedure] | None = None,
    billed: Mapping[str, tuple[str, ...]] | None = None,
) -> SuperbillData:
    """What a superbill (or statement) of these visits and payments holds; the practice's records
    (practitioner, payers, fees, procedures) are read unless given (a batch reads them once)."""
    practitioner = practitioner or store.practitioner()
    if practitioner is None:
        raise ValidationError(
            "practitioner", "the practice has no provider yet: import a practice file first"
        )
    if payers is None:
        payers = {payer.key: payer for payer in store.payers()}
    return SuperbillData(
        practitioner=practitioner,
        chart=chart,
        visits=tuple(sorted(visits, key=lambda v: v.date)),
        payments=tuple(sorted(payments, key=lambda p: p.date)),
        payers=payers,
        fees=fees if fees is not None else store.fees(),
        procedures=procedures if procedures is not None else store.procedures(),
        issued_on=issued_on,
        statement_number=statement_number,
        paper=paper,
        replaces=replaces,
        necessity_letter=necessity_letter(store, chart, visits, payers, issued_on),
        billed=billed or {},
    )


def necessity_letter(
    store: PracticeStore, chart: PatientChart, visits: Sequence[Visit], payers: Mapping[str, Payer], on: date
) -> date | None:
    """The day the signed letter of medical necessity in force on `on` was signed, for HSA/FSA visits."""
    kinds = {c.key: payers[c.payer].kind for c in chart.coverages if c.payer in payers}
    if not any(kinds.get(v.coverage or "") is PayerKind.HSA_FSA for v in visits):
        return None
    letter = store.necessity_letter_on(chart.patient.key, on)
    return letter.signed_on if letter is not None else None


def check(data: SuperbillData, codes: DiagnosisCodes, today: date) -> list[Finding]:
    return check_superbill(data, codes, today)


def render(data: SuperbillData, codes: DiagnosisCodes, *, draft: bool) -> bytes:
    # reportlab takes a tenth of a second to import: only pay for it when a PDF is made.
    from app.render.superbill import SuperbillRenderer

    # Each code's title as of the release in force on the visits that use it (the latest such visit
    # when the superbill spans two releases): a revised title is printed for the dates it holds.
    used_on = {
        code: visit.date for visit in sorted(data.visits, key=lambda v: v.date) for code in visit.diagnoses
    }

    def describe(code: str) -> str | None:
        entry = codes.lookup(code, used_on.get(code))
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
    deliver: Deliver | None = None,
    deliver_numbered: DeliverNumbered | None = None,
) -> IssuedDocument:
    """A final superbill (numbered and recorded), or a draft when asked; refused when the check finds errors.

    `deliver`, when given, gets the PDF before the superbill is recorded for good: when it raises,
    no number is used and nothing is recorded (the error goes to the caller). `deliver_numbered`
    is the same for a final superbill, given its number too.
    """
    chart = find_chart(store, patient)
    data = superbill_data(store, chart, period, issued_on=today, paper=paper)
    findings = tuple(check(data, codes, today))
    if draft:
        pdf = render(data, codes, draft=True)
        if deliver is not None:
            deliver(pdf)
        return IssuedDocument(pdf, findings, None, hashlib.sha256(pdf).hexdigest())
    if any(f.severity is Severity.ERROR for f in findings):
        raise SuperbillRefused(findings)
    document = _issue(store, codes, data, findings, today, deliver, deliver_numbered)
    log.info("superbill issued number=%s visits=%d", document.number, len(data.visits))
    return document


def reissue_superbill(
    store: PracticeStore,
    codes: DiagnosisCodes,
    number: str,
    today: date,
    *,
    paper: PaperSize = PaperSize.LETTER,
    deliver: Deliver | None = None,
) -> IssuedDocument:
    """A corrected superbill: the same visits as `number`, as they are now, under a new number.

    The new superbill records `replaces=number` and prints "Replaces superbill <number>"; the
    original stays as issued (reprint it with store.superbill_pdf). Its payments are the ones the
    original showed, as they are now, and any now dated within its visits' period. Refused like
    issue_superbill when the check finds errors, and when `number` was replaced already (reissue
    the replacement instead, so a statement has one successor). `deliver` as for issue_superbill.
    """
    number = typed_document_number(number)
    original = store.superbill(number)
    if original is None:
        raise ValidationError("number", f'no superbill numbered "{number}" was issued')
    successors = [s.number for s in store.superbills(original.patient) if s.replaces == number]
    if successors:
        raise ValidationError(
            "number", f"superbill {number} was already replaced by {successors[0]}; reissue that one instead"
        )
    chart = store.chart(original.patient)
    by_key = {visit.key: visit for visit in chart.visits}
    visits = [by_key[key] for key in original.visit_keys if key in by_key]
    first, last = min(v.date for v in visits), max(v.date for v in visits)
    shown = set(original.payment_keys)
    payments = [p for p in chart.payments if p.key in shown or first <= p.date <= last]
    data = data_for(store, chart, visits, payments, issued_on=today, paper=paper, replaces=number)
    findings = tuple(check(data, codes, today))
    if any(f.severity is Severity.ERROR for f in findings):
        raise SuperbillRefused(findings)
    document = _issue(store, codes, data, findings, today, deliver)
    log.info("superbill reissued number=%s replaces=%s visits=%d", document.number, number, len(data.visits))
    return document


def _issue(
    store: PracticeStore,
    codes: DiagnosisCodes,
    data: SuperbillData,
    findings: tuple[Finding, ...],
    today: date,
    deliver: Deliver | None,
    deliver_numbered: DeliverNumbered | None = None,
) -> IssuedDocument:
    """Number, render, deliver and record a final superbill, all in one transaction."""
    with store.transaction():
        number = store.next_statement_number(today)
        numbered = replace(data, statement_number=number)
        pdf = render(numbered, codes, draft=False)
        digest = hashlib.sha256(pdf).hexdigest()
        totals = numbered.totals()
        store.record_superbill(
            number=number,
            patient=data.chart.patient.key,
            visit_keys=tuple(v.key for v in numbered.visits),
            issued_on=today,
            charges=totals.charges,
            payments=totals.payments,
            balance=totals.balance,
            pdf=pdf,
            sha256=digest,
            replaces=data.replaces,
            payment_keys=tuple(p.key for p in numbered.payments),
        )
        if deliver is not None:
            deliver(pdf)  # last: a PDF that cannot be written gives its number back
        if deliver_numbered is not None:
            deliver_numbered(number, pdf)
    return IssuedDocument(pdf, findings, number, digest)


def stored_pdf(workspace: Workspace, number: str) -> bytes:
    """The PDF of issued superbill `number`, as it was given (RecordNotFound when there is none)."""
    return workspace.store.superbill_pdf(number)
