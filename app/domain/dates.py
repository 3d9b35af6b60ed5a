"""Dates as text: read as YYYY-MM-DD with ASCII digits only, shown as US therapists read them (MM/DD/YYYY).

Every date typed or imported as text goes through `parse_date`: Python's date.fromisoformat alone
would also take ISO week dates ("2026-W37-3"), the basic format ("20260914") and, through int(),
digits of other scripts ("٢٠٢٦-٠٩-١٤", fullwidth "２０２６-０９-１４").
"""

from __future__ import annotations

from datetime import date, timedelta

_ASCII_DIGITS = frozenset("0123456789")


class DateError(ValueError):
    """Text that is not a date written YYYY-MM-DD."""


def parse_date(text: str) -> date:
    """ "2026-09-14" -> date(2026, 9, 14); anything else, a real calendar day included, raises DateError."""
    if (
        isinstance(text, str)
        and len(text) == 10
        and text[4] == "-"
        and text[7] == "-"
        and _ASCII_DIGITS.issuperset(text[:4] + text[5:7] + text[8:])
    ):
        try:
            return date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            pass  # a month 13, a February 30, the year 0
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
