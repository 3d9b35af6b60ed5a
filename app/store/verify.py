"""Whether a practice database is exactly what Superbill Desk made, before a restore puts it in place.

A backup is a file anyone can open with sqlite3 and change. Restoring one that was changed could
hand out altered superbills, or run code the app never wrote on every later save (a trigger that
deletes every payment when the next superbill is issued). `backup_problem(conn)` checks two things
and names the first difference in one sentence, or returns None:

- The schema is exactly what our migrations create for the file's schema version: every table,
  index, trigger and view in sqlite_master (type, name, table and SQL) against a reference built in
  memory by app.store.migrations up to that version. Only SQLite's own query-planner statistics
  (sqlite_stat1 to sqlite_stat4, written by ANALYZE) are let be. The SQL is compared with comments dropped and
  runs of white space folded to one space (outside quoted text); nothing else is forgiven. Migrations
  never change once released, so the reference of an older version is that version's schema.
- Every stored document matches the SHA-256 recorded when it was issued: superbill PDFs, claim
  documents (CMS-1500 PDFs and 837P files) and year-end statement PDFs.

Cost: the schema is read in milliseconds; the PDFs are hashed one at a time (never all in memory).
Measured here for a 10,000-patient backup: see README.md ("Your data"). It is not run on the live
practice at every start (the PDFs are checked when one is read back: PracticeStore.superbill_pdf).
"""

from __future__ import annotations

import functools
import re
import sqlite3

from app.store._base import fingerprint
from app.store.migrations import migrate

_Entry = tuple[str, str]  # (type, name)

# Quoted text is kept as it is; comments and white space become one space.
_TOKENS = re.compile(
    r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]"""
    r"""|(?P<gap>(?:--[^\n]*|/\*.*?(?:\*/|$)|\s+)+)""",
    re.DOTALL,
)
_ORDER = {"trigger": 0, "view": 1, "table": 2, "index": 3}
_SHOWN_NAME = 60
# The query planner's statistics, which SQLite itself writes on ANALYZE (any SQLite tool may run
# it): no data and no code, and no trigger can be put on them; they are not part of our schema.
# Only as SQLite defines them: an entry of that name with any other definition is a difference.
_STATISTICS = {
    ("table", "sqlite_stat1"): ("sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
    ("table", "sqlite_stat4"): ("sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
}


def backup_problem(conn: sqlite3.Connection) -> str | None:
    """What differs from a database Superbill Desk made (one clause, for "it ..."), or None.

    The schema is checked first: the PDFs are read through it.
    """
    return schema_problem(conn) or reference_problem(conn) or pdf_problem(conn)


def schema_problem(conn: sqlite3.Connection) -> str | None:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    try:
        wanted = reference_schema(version)
    except ValueError:
        return f"its schema version ({version}) is not one Superbill Desk made"
    found = _schema(conn)
    extra = sorted(set(found) - set(wanted), key=_entry_order)
    if extra:
        kind, name = extra[0]
        return f"it carries {_article(kind)} {kind} Superbill Desk never made: {_shown(name)}"
    missing = sorted(set(wanted) - set(found), key=_entry_order)
    if missing:
        kind, name = missing[0]
        return f"its {kind} {_shown(name)} is missing (Superbill Desk makes it at schema version {version})"
    changed = sorted((e for e in wanted if found[e] != wanted[e]), key=_entry_order)
    if changed:
        kind, name = changed[0]
        return f"its {kind} {_shown(name)} is not defined as Superbill Desk defines it"
    return None


def reference_problem(conn: sqlite3.Connection) -> str | None:
    """A row that points at a row the backup does not hold (a payment of a patient who is not there),
    which only a tool that turned SQLite's foreign-key checks off can write."""
    broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    if broken is None:
        return None
    table, _, parent, _ = broken
    return f"a row of {_shown(str(table))} points at a row of {_shown(str(parent))} that it does not hold"


# Each table of issued documents (from the schema version that made it): the column holding the
# document, and how a message names it.
_DOCUMENTS = (
    ("superbills", "pdf", "the PDF of superbill"),
    ("claims", "document", "the document of claim"),
    ("year_statements", "pdf", "the PDF of statement"),
)


def pdf_problem(conn: sqlite3.Connection) -> str | None:
    """The first stored document (superbill PDF, claim form or 837P file, year-end statement) whose
    bytes no longer match the SHA-256 recorded with it."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, column, what in _DOCUMENTS:
        if table not in tables:  # an older schema version (checked already) that had no such documents
            continue
        rows = conn.execute(f"SELECT number, sha256, {column} FROM {table} ORDER BY id")
        for number, digest, document in rows:
            if not isinstance(document, bytes) or fingerprint(document) != digest:
                return f"{what} {_shown(str(number))} no longer matches its fingerprint"
    return None


@functools.cache
def reference_schema(version: int) -> dict[_Entry, tuple[str, str]]:
    """What migrations 1..version create, as (type, name) -> (table, normalized SQL).

    ValueError for a version the migrations do not know (0 is an empty database).
    """
    if version < 1:
        raise ValueError(f"no schema version {version}")
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, up_to=version)
        return _schema(conn)
    finally:
        conn.close()


def _schema(conn: sqlite3.Connection) -> dict[_Entry, tuple[str, str]]:
    found = {
        (str(kind), str(name)): (str(table), normalized_sql(sql))
        for kind, name, table, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    }
    return {entry: found[entry] for entry in found if _STATISTICS.get(entry) != found[entry]}


def normalized_sql(sql: object) -> str:
    """SQL with comments dropped and white space folded to single spaces outside quoted text."""
    if sql is None:
        return ""  # an index SQLite makes itself (UNIQUE, PRIMARY KEY) has no SQL
    folded = _TOKENS.sub(lambda m: " " if m.group("gap") is not None else m.group(0), str(sql))
    return folded.strip()


def _entry_order(entry: _Entry) -> tuple[int, str, str]:
    kind, name = entry
    return (_ORDER.get(kind, len(_ORDER)), kind, name)


def _article(kind: str) -> str:
    return "an" if kind[:1] in "aeiou" else "a"


def _shown(name: str) -> str:
    """A name read from the file, safe to print on one line: control characters replaced, cut short."""
    printable = "".join(c if c.isprintable() else "?" for c in name)
    return printable if len(printable) <= _SHOWN_NAME else printable[: _SHOWN_NAME - 3] + "..."
