"""Dates from text: YYYY-MM-DD in ASCII digits only; each date of a record inside its window."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.dates import DateError, days_after, months_covered, parse_date
from app.domain.errors import ValidationError
from app.domain.practice import Coverage, Payment, PaymentMethod, Prescription, Subscriber, Visit
from app.domain.record_dates import check_dates
from tests import sample

TODAY = date(2026, 9, 20)


@pytest.mark.parametrize(
    ("text", "day"),
    [("2026-09-14", date(2026, 9, 14)), ("1900-01-01", date(1900, 1, 1)), ("2024-02-29", date(2024, 2, 29))],
)
def test_a_date_written_yyyy_mm_dd_is_read(text: str, day: date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "2026-W37-3",  # ISO week date: date.fromisoformat (3.11) takes it
        "2026W373",
        "2026-W37",
        "20260914",  # basic format: date.fromisoformat takes it too
        "2026-09-14T00:00",
        "2026-09-14 ",
        " 2026-09-14",
        "２０２６-０９-１４",
        "٢٠٢٦-٠٩-١٤",
        "۲۰۲۶-۰۹-۱۴",  # Extended Arabic-Indic (Persian)
        "2026-09-1٤",
        "2026-9-14",
        "+026-09-14",
        "",
        "2026/09/14",
    ],
)
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(DateError, match="is not a date written YYYY-MM-DD"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-13-01", '"2026-13-01" is not a date (month 13)'),
        ("2026-00-10", '"2026-00-10" is not a date (month 0)'),
        ("2026-02-29", '"2026-02-29" is not a date (February 2026 has 28 days)'),
        ("2026-04-31", '"2026-04-31" is not a date (April 2026 has 30 days)'),
        ("2026-03-00", '"2026-03-00" is not a date (day 0)'),
        ("0000-01-01", '"0000-01-01" is not a date (year 0)'),
    ],
)
def test_an_impossible_date_written_yyyy_mm_dd_says_which_part_is_impossible(text: str, message: str) -> None:
    with pytest.raises(DateError) as refused:
        parse_date(text)
    assert str(refused.value) == message


@given(st.dates())
def test_every_date_reads_back_from_its_iso_text(day: date) -> None:
    assert parse_date(day.isoformat()) == day


def test_days_after_the_end_of_the_calendar_is_none_instead_of_an_overflow() -> None:
    assert days_after(date(2026, 9, 9), 365) == date(2027, 9, 9)
    assert days_after(date(9999, 12, 31), 1) is None
    assert days_after(date(9999, 1, 1), 99_999) is None


# -- windows ---------------------------------------------------------------------------------


def refusal(record: object, *, born: date | None = None) -> tuple[str, str]:
    with pytest.raises(ValidationError) as caught:
        check_dates(record, "r", today=TODAY, born=born)  # type: ignore[arg-type]
    return caught.value.field, caught.value.message


def test_a_date_of_birth_from_1900_to_today_is_kept() -> None:
    patient = sample.chart().patient
    for born in (date(1900, 1, 1), TODAY):
        check_dates(replace(patient, date_of_birth=born), "r", today=TODAY)


@pytest.mark.parametrize(
    ("born", "says"),
    [(date(1899, 12, 31), "before 1900"), (TODAY + timedelta(days=1), "in the future"), (date.max, "future")],
)
def test_a_date_of_birth_outside_its_window_is_refused(born: date, says: str) -> None:
    field, message = refusal(replace(sample.chart().patient, date_of_birth=born))
    assert field == "r.date_of_birth" and says in message


def visit(day: date) -> Visit:
    return Visit("v", day, ("M54.50",), ())


def test_a_date_of_service_runs_from_birth_to_a_year_ahead() -> None:
    born = date(1984, 6, 12)
    check_dates(visit(born), "r", today=TODAY, born=born)
    check_dates(visit(TODAY + timedelta(days=365)), "r", today=TODAY, born=born)
    assert refusal(visit(born - timedelta(days=1)), born=born) == (
        "r.date",
        "Date of service 06/11/1984 is before the patient's date of birth (06/12/1984): check the year.",
    )
    assert refusal(visit(TODAY + timedelta(days=366)), born=born)[0] == "r.date"
    assert "more than a year from today" in refusal(visit(date.max), born=born)[1]
    assert "before 1900" in refusal(visit(date.min))[1]


def test_payments_written_prescriptions_and_injuries_have_happened() -> None:
    tomorrow = TODAY + timedelta(days=1)
    assert refusal(Payment("p", tomorrow, 100, PaymentMethod.CASH))[0] == "r.date"
    assert refusal(Prescription("rx", "Dr A", tomorrow))[0] == "r.written_on"
    assert refusal(Coverage("c", "payer", injury_date=tomorrow))[0] == "r.injury_date"
    check_dates(Payment("p", TODAY, 100, PaymentMethod.CASH), "r", today=TODAY)


def test_a_prescription_may_start_a_year_and_expire_five_years_ahead() -> None:
    rx = Prescription("rx", "Dr A", TODAY, starts_on=TODAY + timedelta(days=365))
    check_dates(rx, "r", today=TODAY)
    check_dates(
        Prescription("rx", "Dr A", TODAY, expires_on=TODAY + timedelta(days=5 * 365)), "r", today=TODAY
    )
    late_start = Prescription("rx", "Dr A", TODAY, starts_on=TODAY + timedelta(days=366))
    assert refusal(late_start)[0] == "r.starts_on"
    far_expiry = Prescription("rx", "Dr A", TODAY, expires_on=date(9999, 12, 31))
    assert refusal(far_expiry) == (
        "r.expires_on",
        "Expiry date 12/31/9999 is more than five years from today: check the year.",
    )


def test_a_subscriber_is_born_like_a_patient() -> None:
    coverage = Coverage("c", "payer", subscriber=Subscriber("A", "B", date(1800, 1, 1)))
    assert refusal(coverage)[0] == "r.subscriber.date_of_birth"


@pytest.mark.parametrize(
    ("first", "last", "months"),
    [
        (date(2026, 1, 5), date(2026, 12, 31), 12),
        (date(2026, 1, 5), date(2027, 1, 5), 12),
        (date(2026, 9, 2), date(2026, 12, 31), 4),
        (date(2026, 1, 1), date(2026, 1, 31), 1),
        (date(2026, 3, 1), date(2026, 3, 10), 0),
    ],
)
def test_a_period_covers_its_months_last_day_included_to_the_nearest_month(
    first: date, last: date, months: int
) -> None:
    assert months_covered(first, last) == months
