"""What needs the therapist's attention today, worded for them and sorted by urgency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from app.domain.check.diagnoses import retired_advice
from app.domain.dates import us_date
from app.domain.diagnoses import CodeRelease, DiagnosisCodes, RetiredCode, retired_code
from app.domain.money import format_money
from app.domain.people import listed_name
from app.store import attention as queries
from app.store.records import PracticeStore

if TYPE_CHECKING:
    from app.services.workspace import Workspace

PRESCRIPTION_WARNING_DAYS = 14
LETTER_WARNING_DAYS = 30
FILING_WARNING_DAYS = 30


class AttentionKind(Enum):
    """The groups of the attention list, most urgent first (the order they are shown in)."""

    FILING_DEADLINE = 1
    RETIRED_CODE_VISIT = 2
    RETIRED_CODE_PRESCRIPTION = 3
    PRESCRIPTION = 4
    NECESSITY_LETTER = 5
    UNBILLED_VISITS = 6
    BALANCE_DUE = 7

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    AttentionKind.FILING_DEADLINE: f"Filing deadlines within {FILING_WARNING_DAYS} days",
    AttentionKind.RETIRED_CODE_VISIT: "Visits with a code no longer billable",
    AttentionKind.RETIRED_CODE_PRESCRIPTION: "Prescriptions with a code no longer billable",
    AttentionKind.PRESCRIPTION: "Prescriptions expiring or used up",
    AttentionKind.NECESSITY_LETTER: "HSA/FSA letters of medical necessity",
    AttentionKind.UNBILLED_VISITS: "Visits not yet billed",
    AttentionKind.BALANCE_DUE: "Superbills with a balance due",
}


@dataclass(frozen=True)
class AttentionItem:
    kind: AttentionKind
    patient_key: str
    patient_name: str  # "Okafor, Daniel"
    message: str  # what needs doing, without the name: "8 of 8 visits used on the prescription..."
    due: date | None  # when it becomes (or became) a problem, when there is such a day
    target: str | None = (
        None  # what it is about: the prescription's or visit's key, or the superbill's number
    )

    @property
    def text(self) -> str:
        """One line for a list: "Okafor, Daniel — prescription by Helen Park, MD: 8 of 8 visits used"."""
        return f"{self.patient_name} — {self.message}"


def needs_attention(
    source: Workspace | PracticeStore, today: date, codes: DiagnosisCodes | None = None
) -> list[AttentionItem]:
    """Everything that needs attention on `today`: grouped by kind (most urgent kind first), then by due date.

    Codes retired for their dates are looked for with ``codes``, or the workspace's code set.
    """
    # A Workspace holds its store (and its code set); a PracticeStore is one.
    store = source if isinstance(source, PracticeStore) else source.store
    if codes is None and not isinstance(source, PracticeStore):
        codes = source.codes
    waiting = queries.visits_waiting(store, today, FILING_WARNING_DAYS)
    items = [
        *(_filing(row, today) for row in waiting if row.visits_due and row.first_deadline is not None),
        *(
            _prescription(row, today)
            for row in queries.prescriptions_needing_attention(store, today, PRESCRIPTION_WARNING_DAYS)
        ),
        *(
            item
            for row in queries.necessity_letters_needed(store)
            if (item := _letter(row, today)) is not None
        ),
        *_unbilled(waiting),
        *(_balance(row) for row in queries.balances_due(store)),
        *(_retired_codes(store, codes, today) if codes is not None else []),
    ]
    return sorted(
        items,
        key=lambda item: (item.kind.value, item.due is None, item.due or today, item.patient_name.casefold()),
    )


def _us(day: date) -> str:
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"


def _days(count: int) -> str:
    if count == 0:
        return "today"
    if count == 1:
        return "tomorrow"
    return f"in {count} days"


def _visits(count: int) -> str:
    return f"{count:,} visit" if count == 1 else f"{count:,} visits"


def _filing(row: queries.WaitingVisits, today: date) -> AttentionItem:
    assert row.first_deadline is not None
    when = f"{_us(row.first_deadline)} ({_days((row.first_deadline - today).days)})"
    if row.visits_due == 1:
        message = f"1 visit for {row.payer_name} must be filed by {when}"
    else:
        message = f"{_visits(row.visits_due)} for {row.payer_name} to file, the first by {when}"
    name = listed_name(row.first_name, row.last_name)
    return AttentionItem(AttentionKind.FILING_DEADLINE, row.patient_key, name, message, row.first_deadline)


def _prescription(row: queries.PrescriptionAttention, today: date) -> AttentionItem:
    prescriber = row.prescriber_name + (
        f", {row.prescriber_credentials}" if row.prescriber_credentials else ""
    )
    problems = []
    used_up = row.authorized_visits is not None and row.visits_used >= row.authorized_visits
    if used_up:
        problems.append(f"{row.visits_used} of {row.authorized_visits} visits used")
    expiring = row.expires_on is not None and (row.expires_on - today).days <= PRESCRIPTION_WARNING_DAYS
    if row.expires_on is not None and expiring:
        problems.append(f"expires {_us(row.expires_on)} ({_days((row.expires_on - today).days)})")
    message = f"prescription by {prescriber}: {', '.join(problems)}"
    # A prescription with no visits left is a problem now; one about to expire, on its last day.
    due = today if used_up else row.expires_on
    return AttentionItem(
        AttentionKind.PRESCRIPTION,
        row.patient_key,
        listed_name(row.first_name, row.last_name),
        message,
        due,
        row.prescription_key,
    )


def _letter(row: queries.LetterAttention, today: date) -> AttentionItem | None:
    """No signed letter on file, one run out, or one running out within LETTER_WARNING_DAYS; else None."""
    name = listed_name(row.first_name, row.last_name)
    kind = AttentionKind.NECESSITY_LETTER
    if row.expires_on is None:
        return AttentionItem(
            kind, row.patient_key, name, "no signed letter of medical necessity on file", None
        )
    days = (row.expires_on - today).days
    if days < 0:
        message = (
            f"letter of medical necessity ran out {_us(row.expires_on)}: ask the prescriber for a new one"
        )
    elif days <= LETTER_WARNING_DAYS:
        message = f"letter of medical necessity runs out {_us(row.expires_on)} ({_days(days)})"
    else:
        return None
    return AttentionItem(kind, row.patient_key, name, message, row.expires_on)


def _unbilled(waiting: list[queries.WaitingVisits]) -> list[AttentionItem]:
    """One line per patient, whatever the payers: how many visits, since when."""
    per_patient: dict[str, tuple[str, int, date]] = {}
    for row in waiting:
        name, count, first = per_patient.get(row.patient_key, ("", 0, row.first_date))
        per_patient[row.patient_key] = (
            listed_name(row.first_name, row.last_name),
            count + row.visits,
            min(first, row.first_date),
        )
    items = []
    for key, (name, count, first) in per_patient.items():
        since = f"on {_us(first)}" if count == 1 else f"since {_us(first)}"
        message = f"{_visits(count)} {since} not yet billed"
        items.append(AttentionItem(AttentionKind.UNBILLED_VISITS, key, name, message, None))
    return items


def _balance(row: queries.BalanceDue) -> AttentionItem:
    message = f"superbill {row.number} of {_us(row.issued_on)}: {format_money(row.balance)} balance due"
    return AttentionItem(
        AttentionKind.BALANCE_DUE,
        row.patient_key,
        listed_name(row.first_name, row.last_name),
        message,
        None,
        row.number,
    )


def _releases_between(codes: DiagnosisCodes, first: date, last: date) -> list[CodeRelease]:
    """The releases in force on the days from ``first`` to ``last``, oldest first (a code set's
    releases are consecutive: each begins the day after the one before it ends)."""
    release = codes.release_on(first)
    found = [release]
    while release.last_date < min(last, date.max):
        following = codes.release_on(release.last_date + timedelta(days=1))
        if following == release:
            break
        found.append(following)
        release = following
    return found


def _retired_codes(store: PracticeStore, codes: DiagnosisCodes, today: date) -> list[AttentionItem]:
    """Visits not yet billed, and prescriptions in force, that use a code retired for their dates.

    One line per patient and code for visits (the first visit opens), one per prescription and code.
    A prescription is judged on today, or its first day when that is later.
    """
    found: dict[tuple[str, date], RetiredCode | None] = {}

    def retired(code: str, on: date) -> RetiredCode | None:
        key = (code, codes.release_on(on).first_date)
        if key not in found:
            found[key] = retired_code(codes, code, on)
        return found[key]

    visits: dict[tuple[str, str], tuple[str, RetiredCode, list[date], str]] = {}
    # Each code the visits use, looked at once in each release their dates fall in (a few codes, a
    # release or two): no visit can use a code retired for its date but one retired in one of them.
    # Then, for those codes only (usually none), each (code, date of service) of the visits not yet
    # on a superbill; then the visits of the codes retired for their dates.
    span = queries.visit_dates_span(store)
    releases = [] if span is None else _releases_between(codes, *span)
    maybe_gone = {
        code
        for code in queries.visit_codes_in_use(store)
        if any(retired(code, release.first_date) is not None for release in releases)
    }
    gone_codes = {
        code
        for code, day in queries.visit_codes_by_day(store, date.min, unbilled_only=True, codes=maybe_gone)
        if retired(code, day) is not None
    }
    for use in queries.visit_code_uses(store, date.min, unbilled_only=True, codes=gone_codes):
        gone = retired(use.code, use.day)
        if gone is not None:
            name = listed_name(use.first_name, use.last_name)
            entry = visits.setdefault((use.patient_key, gone.code), (name, gone, [], use.key))
            entry[2].append(use.day)
    items = []
    for (patient_key, _code), (name, gone, days, first_key) in visits.items():
        when = (
            f"visit of {us_date(days[0])}"
            if len(days) == 1
            else f"{len(days)} visits from {us_date(days[0])}"
        )
        items.append(
            AttentionItem(
                AttentionKind.RETIRED_CODE_VISIT,
                patient_key,
                name,
                f"{when}: {retired_advice(gone)}",
                days[0],
                first_key,
            )
        )
    gone_codes = {
        code
        for code, day in queries.prescription_codes_by_day(store, today)
        if retired(code, max(today, day)) is not None
    }
    for use in queries.prescription_code_uses(store, today, codes=gone_codes):
        on = max(today, use.day)
        gone = retired(use.code, on)
        if gone is not None:
            items.append(
                AttentionItem(
                    AttentionKind.RETIRED_CODE_PRESCRIPTION,
                    use.patient_key,
                    listed_name(use.first_name, use.last_name),
                    f"prescription of {us_date(use.named_on)}: {retired_advice(gone)}",
                    on,
                    use.key,
                )
            )
    return items
