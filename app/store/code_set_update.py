"""A code set one fiscal year on: the releases of the code set in force, plus the next one.

A yearly update (app.services.code_update) writes a new code-set file holding every release the
app already has and the new one, so a visit keeps being judged by the release in force on its date
of service. Each code keeps its open end (NULL ``last_date``) while unchanged; a code the new release
deletes or changes ends with the last release's end, and its new version starts with the new one.
tools/build_icd_index.py uses the same step to put FY2027 beside April 2026.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.domain.dates import parse_date
from app.domain.diagnoses import CodeRelease, billable_codes_under
from app.store.code_set_schema import CodeEntry, CodeTerm, write_code_set

# compact code ("M722") -> (long title, billable)
Codes = dict[str, tuple[str, bool]]


def _dotted(compact: str) -> str:
    return compact if len(compact) <= 3 else f"{compact[:3]}.{compact[3:]}"


def _parent(compact: str, codes: Codes) -> str | None:
    """The longest shorter code present (M67A01 -> M67A0); None for a category."""
    return next((_dotted(compact[:n]) for n in range(len(compact) - 1, 2, -1) if compact[:n] in codes), None)


@dataclass(frozen=True)
class CodeSetRows:
    """Every row of a code-set file and the releases it holds (oldest first)."""

    releases: tuple[CodeRelease, ...]
    entries: tuple[CodeEntry, ...]
    source: str
    terms: tuple[CodeTerm, ...] = ()  # the everyday and inclusion terms (none in an imported set)


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _releases(db: sqlite3.Connection) -> tuple[CodeRelease, ...]:
    return tuple(
        CodeRelease(name, parse_date(first), parse_date(last))
        for name, first, last in db.execute(
            "SELECT name, first_date, last_date FROM code_release ORDER BY first_date"
        )
    )


def read_newest_codes(path: Path) -> tuple[tuple[CodeRelease, ...], Codes]:
    """The releases of the code-set file at ``path`` and its newest release's codes (the open-ended rows)."""
    db = _open(path)
    try:
        codes = {
            code.replace(".", ""): (description, bool(billable))
            for code, description, billable in db.execute(
                "SELECT code, description, billable FROM codes WHERE last_date IS NULL"
            )
        }
        return _releases(db), codes
    finally:
        db.close()


def read_code_set_rows(path: Path) -> CodeSetRows:
    """The rows of the code-set file at ``path`` (opened read-only; the caller checked it opens)."""
    db = _open(path)
    try:
        releases = _releases(db)
        (source,) = db.execute("SELECT source FROM code_release ORDER BY first_date DESC LIMIT 1").fetchone()
        entries = tuple(
            CodeEntry(
                code,
                description,
                bool(billable),
                parent,
                parse_date(first) if first else None,
                parse_date(last) if last else None,
            )
            for code, description, billable, parent, first, last in db.execute(
                "SELECT code, description, billable, parent, first_date, last_date FROM codes"
            )
        )
        terms = _terms(db)
    finally:
        db.close()
    return CodeSetRows(releases, entries, str(source), terms)


def _terms(db: sqlite3.Connection) -> tuple[CodeTerm, ...]:
    """The terms of a code set and the code rows each finds, in their order; none in an older format."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'terms'").fetchone():
        return ()
    links: dict[int, list[tuple[str, date | None]]] = {}
    for term_id, code, first in db.execute(
        "SELECT t.term, c.code, c.first_date FROM term_codes t JOIN codes c ON c.id = t.code_id"
        " ORDER BY t.term, t.position"
    ):
        links.setdefault(term_id, []).append((code, parse_date(first) if first else None))
    return tuple(
        CodeTerm(term, source, bool(everyday), tuple(links.get(term_id, ())))
        for term_id, term, source, everyday in db.execute(
            "SELECT id, term, source, everyday FROM terms ORDER BY id"
        )
    )


def carried_terms(
    terms: Sequence[CodeTerm], new_release: CodeRelease, entries: Sequence[CodeEntry]
) -> list[CodeTerm]:
    """``terms`` for a code set with ``new_release`` added: an everyday term also finds the new
    release's version of each code it found (a revised M54.2 is still "neck pain"), and where the new
    release splits that code into billable subcodes, each of them (M54.2 made a heading over M54.20,
    M54.21 and M54.29: "neck pain" finds all three, so the unspecified M54.20 is offered beside the
    specific ones); an inclusion term stays on the rows of the tabular list it came from."""
    new_rows = {e.code: e.billable for e in entries if e.first_date == new_release.first_date}
    result: list[CodeTerm] = []
    for term in terms:
        if term.everyday:
            added = [
                (new_code, new_release.first_date)
                for code, _ in term.codes
                if code in new_rows
                for new_code in _billable_versions(code, new_rows)
            ]
            term = CodeTerm(term.term, term.source, True, (*term.codes, *dict.fromkeys(added)))
        result.append(term)
    return result


def _billable_versions(code: str, new_rows: dict[str, bool]) -> list[str]:
    """``code`` in the new release when it is billable there (or kept as it was, a heading before and
    after); else the new release's billable codes under it."""
    if new_rows[code]:
        return [code]
    return billable_codes_under(code, new_rows.items()) or [code]


def next_release_entries(
    entries: Iterable[CodeEntry], releases: Sequence[CodeRelease], new_codes: Codes, new_release: CodeRelease
) -> list[CodeEntry]:
    """``entries`` (a code set of ``releases``) with ``new_release``'s codes after them.

    A row valid to the newest release's end (open-ended) stays open when the new release holds the
    code unchanged, and ends on the newest release's last day otherwise; each code new or changed in
    ``new_release`` gets a row from its first day on.
    """
    last_day = releases[-1].last_date
    before: Codes = {}
    result: list[CodeEntry] = []
    for entry in entries:
        if entry.last_date is not None:
            result.append(entry)
            continue
        compact = entry.code.replace(".", "")
        before[compact] = (entry.description, entry.billable)
        if new_codes.get(compact) == before[compact]:
            result.append(entry)
        else:
            result.append(
                CodeEntry(
                    entry.code, entry.description, entry.billable, entry.parent, entry.first_date, last_day
                )
            )
    for compact, (description, billable) in new_codes.items():
        if before.get(compact) != (description, billable):
            result.append(
                CodeEntry(
                    _dotted(compact),
                    description,
                    billable,
                    _parent(compact, new_codes),
                    new_release.first_date,
                    None,
                )
            )
    return result


def write_next_release(
    path: Path, base: Path, new_codes: Codes, new_release: CodeRelease, source: str
) -> None:
    """Write at ``path`` the code set at ``base`` with ``new_release`` after it: whole, or nothing changed."""
    rows = read_code_set_rows(base)
    entries = next_release_entries(rows.entries, rows.releases, new_codes, new_release)
    terms = carried_terms(rows.terms, new_release, entries)
    write_code_set(path, [*rows.releases, new_release], f"{source} over {rows.source}", entries, terms)
