"""The file format of an ICD-10-CM code set: written by tools/build_icd_index.py and by the order-file import.

One SQLite file holds one release or several consecutive ones (the shipped file: April 2026 and
FY2027), read-only once written:

- ``code_release``: one row per release, naming it and the dates of service it covers.
- ``codes``: every code entry (dotted code, description, billable flag, parent code) and the dates
  of service it is valid for: ``first_date`` / ``last_date`` (ISO dates), NULL meaning from the
  first release's start / to the newest release's end, which is most rows (a NULL costs no bytes).
  A code whose title or billable flag changed between releases has one row per version (M72.2:
  billable to 2026-09-30, a header from 2026-10-01). Chapters and
  blocks such as "M50-M54" are not codes and are left out. Row ids follow a static search rank
  (billable first, then shorter descriptions, then code order), so a word search that stops after
  ``limit`` matches in row-id order already returns the best ones without ranking every match.
- ``codes_fts``: an external-content FTS5 index over the descriptions (the text is stored once, in
  ``codes``), with positions (for phrase queries) and indexes of one- and two-letter prefixes, so
  that fragments that short ("low b") stay under a millisecond (about 2.5 MiB each). Longer
  fragments go through ``code_words``; bm25 is not used, so no per-row sizes are kept.
- ``code_words``: every word the FTS index holds, so a search can turn a fragment ("myal") into the
  few whole words it starts ("myalgia", "myalgic") and ask FTS5 for those: an FTS5 prefix query
  without a prefix index of its length reads every matching posting list in full first, which for
  common words ("left", "initial") costs half a millisecond each. It also holds the words of
  ``terms_fts``.
- ``terms``: other words a code is found by, each tagged with where it came from (``source``): the
  curated everyday terms (``everyday`` = 1, "neck pain", in the curated list's order, so row ids
  follow it and ``terms_fts`` returns them first) and the tabular list's inclusion terms
  ("Whiplash injury of cervical spine" under S13.4; ``source`` NULL: the tabular list under its code). ``term_codes`` links each to the code rows it
  finds (a row id of ``codes``: an inclusion term finds its own release's row only), in the
  order the term lists them (``position``). ``terms_fts``
  indexes them as ``codes_fts`` indexes the descriptions.

``PRAGMA user_version`` holds ``SCHEMA_VERSION``; a reader refuses any other value.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.domain.diagnoses import CodeRelease
from app.store.durable import put_in_place

SCHEMA_VERSION = 3

# Full code set: 16.9 MiB with 1024-byte pages, 16.2 MiB with 4096, 16.1 MiB with 8192. 4096 is SQLite's default.
PAGE_SIZE = 4096

_SCHEMA = """
CREATE TABLE code_release (
    name TEXT NOT NULL,
    first_date TEXT NOT NULL,
    last_date TEXT NOT NULL,
    source TEXT NOT NULL
);
CREATE TABLE codes (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    description TEXT NOT NULL,
    billable INTEGER NOT NULL CHECK (billable IN (0, 1)),
    parent TEXT,
    first_date TEXT,
    last_date TEXT,
    UNIQUE (code, first_date)
);
CREATE VIRTUAL TABLE codes_fts USING fts5(
    description,
    content = 'codes',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2',
    columnsize = 0,
    detail = 'full'
);
CREATE TABLE code_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE terms (
    id INTEGER PRIMARY KEY,
    term TEXT NOT NULL,
    source TEXT,
    everyday INTEGER NOT NULL CHECK (everyday IN (0, 1))
);
CREATE TABLE term_codes (
    term INTEGER NOT NULL REFERENCES terms (id),
    position INTEGER NOT NULL,
    code_id INTEGER NOT NULL REFERENCES codes (id),
    PRIMARY KEY (term, position)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE terms_fts USING fts5(
    term,
    content = 'terms',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2',
    columnsize = 0,
    detail = 'full'
)
"""


@dataclass(frozen=True)
class CodeEntry:
    """One row of the ``codes`` table."""

    code: str  # dotted, upper case: "M54.50"
    description: str
    billable: bool
    parent: str | None  # dotted code of the entry above it; None for a category (its parent is a block)
    first_date: date | None = (
        None  # the first date of service it is valid for; None: the first release's start
    )
    last_date: date | None = None  # the last; None: the newest release's end


@dataclass(frozen=True)
class CodeTerm:
    """Words a code is found by besides its title: an everyday term ("neck pain") or an inclusion term."""

    term: str
    # Where it comes from ("Index: Pain, neck -> M54.2"); None for an inclusion term, whose source is
    # the tabular list under the code it finds (saving 400 KB of repeated text).
    source: str | None
    everyday: bool  # one of the curated everyday terms (they rank their codes as common in massage)
    # The code rows it finds, each as (code, first_date) as in CodeEntry: ("M54.2", None).
    codes: tuple[tuple[str, date | None], ...]


def _search_rank(entry: CodeEntry) -> tuple[bool, int, str, int]:
    # Two versions of one code: the newer first.
    return (
        not entry.billable,
        len(entry.description),
        entry.code,
        -(entry.first_date or date.min).toordinal(),
    )


def _check_versions(rows: list[CodeEntry], releases: Sequence[CodeRelease]) -> None:
    """Each code's versions must not overlap, and each must lie within the releases' dates."""
    start, end = releases[0].first_date, releases[-1].last_date
    spans: dict[str, list[tuple[date, date]]] = {}
    for entry in rows:
        first = entry.first_date or start
        last = entry.last_date or end
        if not start <= first <= last <= end:
            raise ValueError(f"code {entry.code}: dates {first} to {last} lie outside the releases")
        for other_first, other_last in spans.setdefault(entry.code, []):
            if first <= other_last and other_first <= last:
                raise ValueError(f"code {entry.code} appears twice for the same dates")
        spans[entry.code].append((first, last))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _term_rows(
    terms: Sequence[CodeTerm], rows: list[CodeEntry]
) -> tuple[list[tuple[int, str, str | None, int]], list[tuple[int, int, int]]]:
    """The ``terms`` and ``term_codes`` rows: everyday terms first, each in the order given.

    ValueError names a term whose code row is not among ``rows``.
    """
    row_ids = {(e.code, e.first_date): rowid for rowid, e in enumerate(rows, start=1)}
    ordered = [t for t in terms if t.everyday] + [t for t in terms if not t.everyday]
    term_rows: list[tuple[int, str, str | None, int]] = []
    links: list[tuple[int, int, int]] = []
    for term_id, term in enumerate(ordered, start=1):
        term_rows.append((term_id, term.term, term.source, int(term.everyday)))
        for position, key in enumerate(dict.fromkeys(term.codes)):
            if key not in row_ids:
                raise ValueError(
                    f'term "{term.term}": code {key[0]} ({key[1] or "first release"}) is not in the set'
                )
            links.append((term_id, position, row_ids[key]))
    return term_rows, links


def write_code_set(
    path: Path,
    releases: Sequence[CodeRelease],
    source: str,
    entries: Iterable[CodeEntry],
    terms: Sequence[CodeTerm] = (),
) -> None:
    """Write a code-set file at ``path`` holding ``releases`` (oldest first, consecutive), all or nothing.

    ``terms``: the everyday and inclusion terms the codes are also found by (none for an imported release).

    The file is built beside ``path`` under a temporary name and renamed over ``path`` only when
    complete, so a failure leaves whatever was at ``path`` before (or nothing) and no partial file.
    The same entries always give the same bytes (for one SQLite version).
    """
    if not releases:
        raise ValueError("a code set holds at least one release")
    releases = sorted(releases, key=lambda r: r.first_date)
    rows = sorted(entries, key=_search_rank)
    _check_versions(rows, releases)
    term_rows, links = _term_rows(terms, rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    temporary.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("BEGIN")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.executemany(
                "INSERT INTO code_release (name, first_date, last_date, source) VALUES (?, ?, ?, ?)",
                ((r.name, r.first_date.isoformat(), r.last_date.isoformat(), source) for r in releases),
            )
            connection.executemany(
                "INSERT INTO codes (id, code, description, billable, parent, first_date, last_date)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        rowid,
                        e.code,
                        e.description,
                        int(e.billable),
                        e.parent,
                        _iso(e.first_date),
                        _iso(e.last_date),
                    )
                    for rowid, e in enumerate(rows, start=1)
                ),
            )
            connection.executemany(
                "INSERT INTO terms (id, term, source, everyday) VALUES (?, ?, ?, ?)", term_rows
            )
            connection.executemany("INSERT INTO term_codes (term, position, code_id) VALUES (?, ?, ?)", links)
            for index in ("codes_fts", "terms_fts"):
                connection.execute(f"INSERT INTO {index} ({index}) VALUES ('rebuild')")
                connection.execute(f"INSERT INTO {index} ({index}) VALUES ('optimize')")
                connection.execute(
                    f"CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, {index}, row)"
                )
                connection.execute("INSERT OR IGNORE INTO code_words (word) SELECT term FROM temp.vocabulary")
                connection.execute("DROP TABLE temp.vocabulary")
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            connection.execute("COMMIT")
            connection.execute("VACUUM")
        finally:
            connection.close()
        put_in_place(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
