"""Money is integer cents; dollar strings such as "45.00" only at the edges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.money import MoneyError, format_dollars, format_money, parse_dollars


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("45.00", 4500),
        ("45", 4500),
        ("$45.00", 4500),
        (" 0.99 ", 99),
        ("1,234.50", 123450),
        ("1,000", 100000),
        ("$1,000,000.00", 100000000),
        ("999,999,999.99", 99999999999),
        ("-2.50", -250),
        ("0", 0),
    ],
)
def test_a_dollar_amount_reads_as_cents(text: str, cents: int) -> None:
    assert parse_dollars(text) == cents


@pytest.mark.parametrize(
    "text",
    [
        *("45.5", "45.555", "4 5.00", "abc", "", "$", "45.", ".50", "1e3"),
        # digits of other scripts, which a regular expression's \d and int() take
        *("４５.００", "٤٥.٠٠", "۴۵.۰۰", "4٥.00", "45.0٠", "४५.००"),
        # thousands separators out of place
        *(
            "1,0,0.00",
            ",100.00",
            "100,",
            "100,.00",
            "1,00.00",
            "1,0000.00",
            "1000,000.00",
            "1,000,000,000.00",
        ),
    ],
)
def test_an_amount_that_is_not_dollars_and_two_decimals_is_refused(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_dollars(text)


def test_a_float_is_refused_rather_than_rounded() -> None:
    with pytest.raises(MoneyError, match="as text"):
        parse_dollars(45.1)  # type: ignore[arg-type]


def test_the_refusal_quotes_what_was_typed() -> None:
    with pytest.raises(MoneyError, match=r'"45\.5"'):
        parse_dollars("45.5")


@pytest.mark.parametrize(
    ("cents", "dollars", "money"),
    [
        (4500, "45.00", "$45.00"),
        (5, "0.05", "$0.05"),
        (-250, "-2.50", "-$2.50"),
        (123456789, "1234567.89", "$1,234,567.89"),
    ],
)
def test_cents_print_as_dollars(cents: int, dollars: str, money: str) -> None:
    assert format_dollars(cents) == dollars
    assert format_money(cents) == money


@given(st.integers(min_value=-(10**11) + 1, max_value=10**11 - 1))
def test_any_amount_survives_a_round_trip_through_its_dollar_string(cents: int) -> None:
    assert parse_dollars(format_dollars(cents)) == cents


@given(st.integers(min_value=0, max_value=10**11 - 1))
def test_a_printed_amount_reads_back_as_the_same_cents(cents: int) -> None:
    # Printed negatives ("-$2.50") are not read back: parse_dollars takes "-2.50" only.
    assert parse_dollars(format_money(cents)) == cents
