"""Money as integer cents; dollar strings such as "45.00" only at the edges."""

from __future__ import annotations

import re

Cents = int

_DOLLARS = re.compile(r"^(?P<sign>-)?(?P<whole>\d{1,9})(?:\.(?P<frac>\d{2}))?$")


class MoneyError(ValueError):
    """A dollar amount that cannot be read."""


def parse_dollars(text: str) -> Cents:
    """ "45.00" -> 4500. Accepts "45" and "$45.00"; refuses "45.5" and floats."""
    if not isinstance(text, str):
        raise MoneyError(f'must be a dollar amount written as text, such as "45.00", not {text!r}')
    cleaned = text.strip().replace(",", "")
    if cleaned.startswith("$"):
        cleaned = cleaned[1:]
    match = _DOLLARS.match(cleaned)
    if match is None:
        raise MoneyError(f'"{text}" is not a dollar amount such as "45.00"')
    cents = int(match["whole"]) * 100 + int(match["frac"] or "0")
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
