"""Dates as a US user types them (app.domain.dates.typed_date), and the words shown beside them."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.dates import DateError, YearRule, spoken_date, typed_date, us_date

TODAY = date(2026, 9, 20)


@pytest.mark.parametrize(
    "text",
    [
        "03/14/1985",
        "3/14/1985",
        "3/14/85",
        "03141985",
        "031485",
        "1985-03-14",
        "1985-3-14",
        "3-14-1985",
        "3.14.1985",
        "3 14 1985",
        "  03/14/1985  ",
    ],
)
@pytest.mark.parametrize("years", ["past", "near"])
def test_what_a_us_user_types_is_march_14_1985(text: str, years: YearRule) -> None:
    assert typed_date(text, today=TODAY, years=years) == date(1985, 3, 14)


@pytest.mark.parametrize(
    ("text", "years", "day"),
    [
        ("3/4/85", "past", date(1985, 3, 4)),  # a date of birth
        ("3/4/26", "past", date(2026, 3, 4)),
        ("3/4/27", "past", date(1927, 3, 4)),  # not after this year
        ("12/31/99", "past", date(1999, 12, 31)),
        ("3/4/26", "near", date(2026, 3, 4)),  # a date of service
        ("3/4/27", "near", date(2027, 3, 4)),  # booked ahead, or a prescription's expiry
        ("3/4/99", "near", date(1999, 3, 4)),
        ("3/4/76", "near", date(1976, 3, 4)),  # 50 years either way: the past
        ("030427", "near", date(2027, 3, 4)),
    ],
)
def test_a_two_digit_year_follows_the_fields_rule(text: str, years: YearRule, day: date) -> None:
    assert typed_date(text, today=TODAY, years=years) == day


@pytest.mark.parametrize("text", ["t", "T", "today", " Today "])
def test_t_is_today(text: str) -> None:
    assert typed_date(text, today=TODAY, years="near") == TODAY


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("02/30/2026", "February 2026 has 28 days"),
        ("02/29/2025", "February 2025 has 28 days"),
        ("04/31/2026", "April 2026 has 30 days"),
        ("13/01/2026", "there is no month 13: the month comes first"),
        ("00/10/2026", "there is no month 0"),
        ("03/00/2026", "there is no day 0"),
        ("14031985", "there is no month 14"),  # day first, as in Europe
        ("00/00/0000", "there is no year 0"),
        ("3/14", "the year is missing"),
        ("03/1", "the year is missing"),
        ("03/14/198", "type it as MM/DD/YYYY"),  # a partial date is never completed
        ("03/14/19855", "type it as MM/DD/YYYY"),
        ("0314198", "or as 8 digits"),
        ("03", "or as 8 digits"),
        ("031/4/1985", "type it as MM/DD/YYYY"),
        ("1985-314", "type it as MM/DD/YYYY"),
        ("1985-003-14", "YYYY-MM-DD"),
        ("Mar 14 1985", "type it as MM/DD/YYYY"),
        ("03/14/1985 10:00", "type it as MM/DD/YYYY"),
        ("０３/１４/１９８５", "type it as MM/DD/YYYY"),  # fullwidth digits
        ("", "type it as MM/DD/YYYY"),
        ("//", "type it as MM/DD/YYYY"),
    ],
)
def test_an_impossible_or_partial_date_is_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(DateError) as refused:
        typed_date(text, today=TODAY, years="past")
    assert reason in str(refused.value)


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_the_date_as_shown_is_read_back_as_the_same_date(day: date) -> None:
    assert typed_date(us_date(day), today=TODAY, years="past") == day
    assert typed_date(day.isoformat(), today=TODAY, years="near") == day
    assert typed_date(us_date(day).replace("/", ""), today=TODAY, years="near") == day


@given(st.text(max_size=14))
def test_any_text_is_a_date_or_a_date_error(text: str) -> None:
    with contextlib.suppress(DateError):
        typed_date(text, today=TODAY, years="near")


def test_the_words_beside_a_date_name_its_weekday_and_month() -> None:
    assert spoken_date(date(1985, 3, 14)) == "Thu, Mar 14, 1985"
    assert spoken_date(date(2026, 3, 14)) == "Sat, Mar 14, 2026"
