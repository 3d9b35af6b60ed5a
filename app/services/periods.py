"""The date ranges a therapist picks a superbill by: this month, last month, this year, one day."""

from __future__ import annotations

from datetime import date, timedelta

from app.services.superbills import Period


def this_month(today: date) -> Period:
    """The first to the last day of today's month."""
    first = today.replace(day=1)
    return Period(first, _month_end(first))


def last_month(today: date) -> Period:
    """The whole month before today's (in January: December of the year before)."""
    last = today.replace(day=1) - timedelta(days=1)
    return Period(last.replace(day=1), last)


def this_year(today: date) -> Period:
    """1 January to 31 December of today's year."""
    return Period(date(today.year, 1, 1), date(today.year, 12, 31))


def one_day(day: date) -> Period:
    """Every visit on one date of service (two visits on the same day are both included)."""
    return Period(day, day)


def _month_end(first: date) -> date:
    following = date(first.year + 1, 1, 1) if first.month == 12 else date(first.year, first.month + 1, 1)
    return following - timedelta(days=1)
