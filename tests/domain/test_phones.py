"""Phone numbers as people read them, on screen and on the superbill."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.phones import format_phone


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("2065550148", "(206) 555-0148"),
        ("206-555-0148", "(206) 555-0148"),
        ("206.555.0148", "(206) 555-0148"),
        ("(206)555-0148", "(206) 555-0148"),
        ("+1 206 555 0148", "(206) 555-0148"),
        ("12065550148", "(206) 555-0148"),
        ("", ""),
        ("2", "2"),
        ("206", "206"),
        ("2065", "(206) 5"),
        ("206555", "(206) 555"),
        ("2065550", "(206) 555-0"),
    ],
)
def test_a_us_number_is_shown_the_usual_way_as_it_is_typed(typed: str, shown: str) -> None:
    assert format_phone(typed) == shown


@pytest.mark.parametrize("typed", ["206-555-0148 ext. 12", "+44 20 7946 0958", "call the front desk"])
def test_anything_but_a_plain_us_number_is_left_as_entered(typed: str) -> None:
    assert format_phone(f"  {typed} ") == typed


@given(st.text(alphabet="0123456789 ()-.", max_size=20))
def test_formatting_keeps_the_digits_and_settles(typed: str) -> None:
    shown = format_phone(typed)
    assert format_phone(shown) == shown
    digits = "".join(c for c in typed if c.isdigit())
    if len(digits) <= 10:
        assert "".join(c for c in shown if c.isdigit()) == digits


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("(206) 555-0148 x12", ("2065550148", "12")),
        ("503 555 0123 ext 45", ("5035550123", "45")),
        ("206-555-0148 ext. 12", ("2065550148", "12")),
        ("+1 206 555 0148", ("2065550148", "")),
        ("1-206-555-0148 extension 3", ("2065550148", "3")),
        ("(206) 555-0148", ("2065550148", "")),
    ],
)
def test_a_claim_reads_a_phone_as_its_ten_digits_and_the_extension_apart(
    typed: str, parts: tuple[str, str]
) -> None:
    from app.domain.phones import phone_parts

    assert phone_parts(typed) == parts
