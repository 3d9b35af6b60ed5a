"""What needs the therapist's attention today, worded for them and sorted by urgency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

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
    PRESCRIPTION = 2
    NECESSITY_LETTER = 3
    UNBILLED_VISITS = 4
    BALANCE_DUE = 5

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    AttentionKind.FILING_DEADLINE: f"Filing deadlines within {FILING_WARNING_DAYS} days",
    AttentionKind.PRESCRIPTION: "Prescriptions expiring or used up",
    AttentionKind.NECESSITY_LETTER: "HSA/FSA letters of medical necessity",
    AttentionKind.UNBILLED_VISITS: "Visits not on a superbill",
    AttentionKind.BALANCE_DUE: "Superbills with a balance due",
}


@dataclass(frozen=True)
class AttentionItem:
    kind: AttentionKind
    patient_key: str
    patient_name: str  # "Okafor, Daniel"
    message: str  # what needs doing, without the name: "8 of 8 visits used on the prescription..."
    due: date | None  # when it becomes (or became) a problem, when there is such a day
    target: str | None = None  # what it is about: the prescription's key, or the superbill's number

    @property
    def text(self) -> str:
        """One line for a list: "Okafor, Daniel — prescription by Helen Park, MD: 8 of 8 visits used"."""
        return f"{self.patient_name} — {self.message}"


def needs_attention(source: Workspace | PracticeStore, today: date) -> list[AttentionItem]:
    """Everything that needs attention on `today`: grouped by kind (most urgent kind first), then by due date."""
    # A Workspace holds its store; a PracticeStore is one.
    store = source if isinstance(source, PracticeStore) else source.store
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
        message = f"{_visits(count)} {since} not on a superbill"
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
