"""Folding text for patient search: case- and accent-insensitive, the same on save and on query."""

from __future__ import annotations

import re

from app.domain.characters import without_accents

_US_DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")  # ASCII digits, as every date read
_SEPARATORS = re.compile(r"[\s,;]+")


def fold(text: str) -> str:
    """ "Zoë Nguyễn-Øster" -> "zoe nguyen-oster"."""
    return without_accents(text.casefold())


def sort_name(first_name: str, last_name: str) -> str:
    return fold(f"{last_name} {first_name}")


def search_text(first_name: str, last_name: str, date_of_birth: str, account_number: str) -> str:
    """Everything a name/DOB/account search looks at, folded, in one column."""
    return " ".join((fold(first_name), fold(last_name), date_of_birth, fold(account_number)))


def search_terms(query: str) -> list[str]:
    """The folded words of a search; a US date "6/12/1984" becomes "1984-06-12"."""
    terms = []
    for word in _SEPARATORS.split(query.strip()):
        if not word:
            continue
        us_date = _US_DATE.match(word)
        if us_date:
            month, day, year = us_date.groups()
            word = f"{year}-{int(month):02d}-{int(day):02d}"
        terms.append(fold(word))
    return terms


def like_pattern(term: str) -> str:
    """ "%term%" for LIKE ... ESCAPE '\\', with the term's own wildcards taken literally."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def patient_search_condition(query: str) -> tuple[str, list[str]]:
    """The WHERE clause (empty for an empty query) and its parameters for patients `p` matching `query`.

    Every word must match the folded search text or a coverage's member ID; the patients list and
    its count use this one condition, so they always agree.
    """
    conditions: list[str] = []
    params: list[str] = []
    for term in search_terms(query):
        pattern = like_pattern(term)
        conditions.append(
            "(p.search_text LIKE ? ESCAPE '\\' OR p.key IN "
            "(SELECT c.patient FROM coverages c WHERE c.member_id LIKE ? ESCAPE '\\'))"
        )
        params += [pattern, pattern]
    return (f"WHERE {' AND '.join(conditions)}" if conditions else ""), params
