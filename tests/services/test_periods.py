"""The date ranges offered for a superbill, as a therapist names them."""

from __future__ import annotations

from datetime import date

import pytest

from app.services.periods import last_month, one_day, this_month, this_year
from app.services.superbills import Period


def test_this_month_runs_from_the_first_to_the_last_day() -> None:
    assert this_month(date(2026, 9, 20)) == Period(date(2026, 9, 1), date(2026, 9, 30))


@pytest.mark.parametrize(
    ("today", "last_day"),
    [
        (date(2026, 1, 31), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2028, 2, 15), date(2028, 2, 29)),  # a leap year
        (date(2026, 12, 31), date(2026, 12, 31)),
    ],
)
def test_this_month_ends_on_the_months_own_last_day(today: date, last_day: date) -> None:
    assert this_month(today) == Period(today.replace(day=1), last_day)


def test_last_month_is_the_whole_month_before() -> None:
    assert last_month(date(2026, 9, 20)) == Period(date(2026, 8, 1), date(2026, 8, 31))


def test_januarys_last_month_is_december_of_the_year_before() -> None:
    assert last_month(date(2027, 1, 5)) == Period(date(2026, 12, 1), date(2026, 12, 31))


def test_last_month_from_march_is_february_leap_day_included() -> None:
    assert last_month(date(2028, 3, 31)) == Period(date(2028, 2, 1), date(2028, 2, 29))


def test_last_month_on_the_first_of_a_month() -> None:
    assert last_month(date(2026, 10, 1)) == Period(date(2026, 9, 1), date(2026, 9, 30))


def test_this_year_is_january_to_december() -> None:
    assert this_year(date(2026, 9, 20)) == Period(date(2026, 1, 1), date(2026, 12, 31))


def test_one_day_holds_that_date_only() -> None:
    period = one_day(date(2026, 9, 16))
    assert period.holds(date(2026, 9, 16))
    assert not period.holds(date(2026, 9, 15))
    assert not period.holds(date(2026, 9, 17))
