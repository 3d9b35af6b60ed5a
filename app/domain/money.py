"""Money as integer cents; dollar strings such as "45.00" only at the edges."""

from __future__ import annotations

import re

from app.domain.errors import DomainError

Cents = int

# ASCII digits only (\d and int() would also take Arabic-Indic or fullwidth digits); thousands
# separators at every third digit ("1,000.00") or nowhere; at most 999,999,999.99 dollars.
_DOLLARS = re.compile(
    r"(?P<sign>-)?(?P<whole>[0-9]{1,3}(?:,[0-9]{3}){1,2}|[0-9]{1,9})(?:\.(?P<frac>[0-9]{2}))?"
)


class MoneyError(DomainError):
    """A dollar amount that cannot be read."""


def parse_dollars(text: str) -> Cents:
    """ "45.00" -> 4500. Accepts "45", "$45.00" and "1,000.00"; refuses "45.5", "1,0,0.00" and floats."""
    if not isinstance(text, str):
        raise MoneyError(f'must be a dollar amount written as text, such as "45.00", not {text!r}')
    cleaned = text.strip()
    if cleaned.startswith("$"):
        cleaned = cleaned[1:]
    match = _DOLLARS.fullmatch(cleaned)
    if match is None:
        raise MoneyError(f'"{text}" is not a dollar amount such as "45.00"')
    cents = int(match["whole"].replace(",", "")) * 100 + int(match["frac"] or "0")
    return -cents if match["sign"] else cents


def format_dollars(cents: Cents) -> str:
    """4500 -> "45.00"; -250 -> "-2.50"."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d}"


def format_money(cents: Cents) -> str:
    """4500 -> "$45.00", with thousands separators, for printing."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}${whole:,}.{frac:02d}"
