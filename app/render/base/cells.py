"""Money and dates as a table cell or a fact on the page shows them (the rules are the domain's)."""

from __future__ import annotations

from datetime import date

from app.domain.dates import us_date
from app.domain.money import Cents, format_money


def money_cell(cents: Cents | None, *, blank: str = "") -> str:
    """An amount, or `blank` when there is none ("–" for a fee not on the schedule)."""
    return format_money(cents) if cents is not None else blank


def date_span(first: date, last: date) -> str:
    """One day, or the first and last day of a span: 01/06/2026 – 03/31/2026."""
    return us_date(first) if first == last else f"{us_date(first)} – {us_date(last)}"
