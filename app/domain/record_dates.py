"""The window each date of a record must fall in, wherever the record is typed, imported or saved.

One rule for the practice file, the app's forms and the store (which refuses to save a record
outside it), so no date far enough from today to be a typing error (year 2062 for 2026, 9999-12-31)
is ever stored, and nothing that adds days to a stored date can run off the calendar:

- a date of birth (the patient's, a subscriber's): from 1900-01-01, not in the future;
- a date of service: not before the patient's date of birth, at most a year after today
  (a visit may be booked ahead);
- a payment, the date a prescription was written, a date of injury: from 1900-01-01, not in the
  future (they have happened);
- the date a prescription starts: from 1900-01-01, at most a year after today;
- the date a prescription expires: from 1900-01-01, at most five years after today.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.domain.dates import us_date
from app.domain.errors import ValidationError
from app.domain.people import Patient

if TYPE_CHECKING:
    from app.domain.practice import Coverage, Payment, Prescription, Visit

EARLIEST = date(1900, 1, 1)
AHEAD = timedelta(days=365)  # how far ahead a visit may be booked or a prescription start
EXPIRY_AHEAD = timedelta(days=5 * 365)


# A date's window: the record's field (under the record's path), how a message names it, the date,
# the earliest date and what a date before it is, the latest date and what a date after it is.
# (A tuple rather than a dataclass: the store imports this module as the app starts.)
_Window = tuple[str, str, "date | None", date, str, date, str]


def check_dates(
    record: Patient | Coverage | Prescription | Visit | Payment,
    field: str,
    *,
    today: date,
    born: date | None = None,
) -> None:
    """Raise ValidationError naming `field.<name>` for the first date of `record` outside its window.

    `born` is the patient's date of birth, for a visit (its date of service cannot be before it).
    """
    for name, label, day, earliest, before, latest, after in _windows(record, today, born):
        if day is None or earliest <= day <= latest:
            continue
        wrong = before if day < earliest else after
        raise ValidationError(f"{field}.{name}", f"{label} {us_date(day)} is {wrong}: check the year.")


def _windows(
    record: Patient | Coverage | Prescription | Visit | Payment, today: date, born: date | None
) -> Iterator[_Window]:
    # The chart's records are built when first used (the main window opens without them).
    from app.domain.practice import Coverage, Prescription, Visit

    old, future = "before 1900", "in the future"
    ahead, far_ahead = today + AHEAD, "more than a year from today"
    if isinstance(record, Patient):
        yield ("date_of_birth", "Date of birth", record.date_of_birth, EARLIEST, old, today, future)
    elif isinstance(record, Coverage):
        if record.subscriber is not None:
            born_on = record.subscriber.date_of_birth
            yield (
                "subscriber.date_of_birth",
                "Subscriber's date of birth",
                born_on,
                EARLIEST,
                old,
                today,
                future,
            )
        yield ("injury_date", "Date of injury or accident", record.injury_date, EARLIEST, old, today, future)
    elif isinstance(record, Prescription):
        yield ("written_on", "Date written", record.written_on, EARLIEST, old, today, future)
        yield ("starts_on", "Start date", record.starts_on, EARLIEST, old, ahead, far_ahead)
        yield (
            "expires_on",
            "Expiry date",
            record.expires_on,
            EARLIEST,
            old,
            today + EXPIRY_AHEAD,
            "more than five years from today",
        )
    elif isinstance(record, Visit):
        if born is None:
            yield ("date", "Date of service", record.date, EARLIEST, old, ahead, far_ahead)
        else:
            before_birth = f"before the patient's date of birth ({us_date(born)})"
            yield ("date", "Date of service", record.date, born, before_birth, ahead, far_ahead)
    else:
        yield ("date", "Payment date", record.date, EARLIEST, old, today, future)
