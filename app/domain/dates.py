"""Dates as text: read as YYYY-MM-DD with ASCII digits only, shown as US therapists read them (MM/DD/YYYY).

Every date imported as text goes through `parse_date`: Python's date.fromisoformat alone
would also take ISO week dates ("2026-W37-3"), the basic format ("20260914") and, through int(),
digits of other scripts ("٢٠٢٦-٠٩-١٤", fullwidth "２０２６-０９-１４").

Every date typed in the app's date fields goes through `typed_date`, which reads what a US user
types (03/14/1985, 3/14/85, 03141985, 2026-03-14, t for today) and says what is wrong otherwise.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Literal

from app.domain.errors import DomainError

_ASCII_DIGITS = frozenset("0123456789")


class DateError(DomainError):
    """Text that is not a date (written YYYY-MM-DD for `parse_date`, as typed for `typed_date`)."""


class ImpossibleDate(DateError):
    """Numbers that name no day of the calendar; the message says which: "year 0", "month 13", "day 0",
    "February 2026 has 28 days". `part` is "year", "month" or "day" for a number that does not exist,
    "days" for a day past the month's last."""

    def __init__(self, message: str, part: Literal["year", "month", "day", "days"]) -> None:
        super().__init__(message)
        self.part = part


def calendar_day(year: int, month: int, day: int) -> date:
    """The one rule for which numbers are a day of the calendar (`parse_date` and `typed_date` use it)."""
    if year == 0:
        raise ImpossibleDate("year 0", "year")
    if not 1 <= month <= 12:
        raise ImpossibleDate(f"month {month}", "month")
    last_day = calendar.monthrange(year, month)[1]
    if day == 0:
        raise ImpossibleDate("day 0", "day")
    if not 1 <= day <= last_day:
        raise ImpossibleDate(f"{_FULL_MONTHS[month - 1]} {year} has {last_day} days", "days")
    return date(year, month, day)


def parse_date(text: str) -> date:
    """ "2026-09-14" -> date(2026, 9, 14); anything else, a real calendar day included, raises DateError.

    Written YYYY-MM-DD but no day of the calendar, it says why: '"2026-13-01" is not a date (month 13)'.
    """
    if (
        isinstance(text, str)
        and len(text) == 10
        and text[4] == "-"
        and text[7] == "-"
        and _ASCII_DIGITS.issuperset(text[:4] + text[5:7] + text[8:])
    ):
        try:
            return calendar_day(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ImpossibleDate as impossible:
            raise DateError(f'"{text}" is not a date ({impossible})') from None
    raise DateError(f'"{text}" is not a date written YYYY-MM-DD')


def days_after(day: date, days: int) -> date | None:
    """`day` plus `days`; None when that falls past the end of the calendar (year 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def us_date(day: date | None) -> str:
    """09/09/2026; an empty string for no date."""
    return "" if day is None else day.strftime("%m/%d/%Y")


# Typed dates ----------------------------------------------------------------------------------

YearRule = Literal["past", "near"]
"""How a two-digit year is read (`typed_date`):

- "past", for dates that have happened (a date of birth, a payment, the date a prescription was
  written, a date of injury): the latest year ending in those digits that is not after this year
  (in 2026: 85 -> 1985, 26 -> 2026, 27 -> 1927);
- "near", for dates of service and the dates a prescription starts and expires: the year ending in
  those digits nearest this year (in 2026: 26 -> 2026, 27 -> 2027, 99 -> 1999).
"""

# What a typed date may hold (a date field takes only these keys; letters are for its shortcuts).
TYPED_CHARACTERS = frozenset("0123456789/-. ")
_GROUPS = re.compile(r"[0-9]+")
_HOW = "type it as MM/DD/YYYY, such as 03/14/1985"
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def typed_date(text: str, *, today: date, years: YearRule) -> date:
    """A date as a US user types it; DateError says what is wrong (its message follows "... is not a date:").

    Month first: 03/14/1985, 3/14/1985, 3-14-1985, 3.14.1985, 3/14/85 (two-digit years by `years`),
    03141985 and 031485 (digits only, month first); 2026-03-14 (a four-digit year first is ISO);
    "t" or "today" for today. Spaces around are ignored; ASCII digits only.
    """
    typed = text.strip()
    if typed.lower() in ("t", "today"):
        return today
    if not typed or not TYPED_CHARACTERS.issuperset(typed):
        raise DateError(_HOW)
    groups = _GROUPS.findall(typed)  # the separators between them: / - . or spaces
    if len(groups) == 1:
        digits = groups[0]
        if len(digits) not in (6, 8):
            raise DateError(f"{_HOW} or as 8 digits, 03141985")
        month, day, year = digits[:2], digits[2:4], digits[4:]
    elif len(groups) == 3 and len(groups[0]) == 4:
        year, month, day = groups
        if len(month) > 2 or len(day) > 2:
            raise DateError("type it as YYYY-MM-DD when the year comes first, such as 1985-03-14")
    elif len(groups) == 3:
        month, day, year = groups
        if len(month) > 2 or len(day) > 2 or len(year) not in (2, 4):
            raise DateError(_HOW)
    elif len(groups) == 2 and all(len(group) <= 2 for group in groups):
        raise DateError(f"the year is missing: {_HOW}")
    else:
        raise DateError(_HOW)
    full_year = _two_digit_year(int(year), today.year, years) if len(year) == 2 else int(year)
    try:
        return calendar_day(full_year, int(month), int(day))
    except ImpossibleDate as impossible:
        if impossible.part == "days":
            raise  # "February 2026 has 28 days"
        month_first = ": the month comes first, MM/DD/YYYY" if impossible.part == "month" else ""
        raise DateError(f"there is no {impossible}{month_first}") from None


_FULL_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NAMES = tuple(month[:3] for month in _FULL_MONTHS)


def _two_digit_year(two: int, this_year: int, rule: YearRule) -> int:
    century = this_year - this_year % 100
    if rule == "past":
        year = century + two
        return year - 100 if year > this_year else year
    # The nearest of the three candidates; a tie (50 years either way) goes to the past.
    return min((century - 100 + two, century + two, century + 100 + two), key=lambda y: abs(y - this_year))


def spoken_date(day: date) -> str:
    """ "Sat, Mar 14, 1985": the weekday and month in words, so a wrong date is seen (not locale-bound)."""
    return f"{_DAY_NAMES[day.weekday()]}, {_MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


def months_after(day: date, months: int) -> date:
    """`day` plus whole months, on the same day of the month or the month's last (01/31 + 1 -> 02/28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_covered(first: date, last: date) -> int:
    """How many months a period covers, its last day included, to the nearest month: 01/05/2026 to
    12/31/2026 is 12 (11 months and 27 days), 01/05/2026 to 01/05/2027 is 12, 03/01 to 03/10 is 0."""
    end = last + timedelta(days=1)
    months = max((end.year - first.year) * 12 + end.month - first.month, 0)
    while months and months_after(first, months) > end:
        months -= 1
    left_over = (end - months_after(first, months)).days
    return months + (1 if left_over >= 15 else 0)
