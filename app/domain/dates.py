"""Dates as US therapists, patients and insurers read them: MM/DD/YYYY."""

from __future__ import annotations

from datetime import date


def us_date(day: date | None) -> str:
    """09/09/2026; an empty string for no date."""
    return "" if day is None else day.strftime("%m/%d/%Y")
