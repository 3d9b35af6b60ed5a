"""The numbers a practice database issued (SB-, CL-, YE-), and the floor that keeps them from being
issued again after a restore.

A number is taken past both its counter (the `counters` table) and the highest number of its
series in the database (StoreBase._take_number). Restoring an older backup brings back older
counters and fewer documents: the numbers issued since the backup would be issued again. So
restore reads the database it replaces (read_numbering) and raises the restored file's counters
to at least what that one had issued (keep_floor): a counter is the floor its series never goes
below. Every counter is raised, the 837P interchange control number and account numbers too.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from app.store.claims import claim_sequence
from app.store.database import connect
from app.store.driver import is_driver_error
from app.store.errors import StoreError
from app.store.health import open_read_only
from app.store.superbills import statement_sequence
from app.store.year_end import year_statement_sequence

# The tables of numbered documents, and the prefix and counter of their series in a year.
NUMBERED: tuple[tuple[str, Callable[[int], tuple[str, str]]], ...] = (
    ("superbills", statement_sequence),
    ("claims", claim_sequence),
    ("year_statements", year_statement_sequence),
)
_YEAR = re.compile(r"^[A-Z]+-(\d{4})-\d+$")


@dataclass(frozen=True)
class Numbering:
    """The numbers a database issued, in the order of its tables, and its counters, each at least
    the highest number issued in its series."""

    issued: tuple[str, ...]
    counters: Mapping[str, int]


def read_numbering(path: Path, key: bytes | None) -> Numbering | None:
    """What the database at `path` issued; None when it cannot be read (damaged, or another key)."""
    try:
        with open_read_only(Path(path), key) as conn:
            counters = {
                str(name): int(value) for name, value in conn.execute("SELECT name, value FROM counters")
            }
            issued: list[str] = []
            for table, sequence in NUMBERED:
                numbers = [str(row[0]) for row in conn.execute(f"SELECT number FROM {table} ORDER BY id")]
                issued += numbers
                for number in numbers:
                    year = _YEAR.match(number)
                    if year is None:
                        continue
                    prefix, counter = sequence(int(year.group(1)))
                    if number.startswith(prefix):
                        counters[counter] = max(counters.get(counter, 0), int(number[len(prefix) :]))
    except Exception as error:
        if not (is_driver_error(error) or isinstance(error, (StoreError, OSError))):
            raise
        return None
    return Numbering(tuple(issued), counters)


def keep_floor(path: Path, key: bytes | None, floor: Numbering) -> None:
    """Raise each counter of the database at `path` (a file nobody else has open: the restore's
    copy before it takes the database's name) to at least the floor's. One self-contained file
    after (a rollback journal, no -wal)."""
    conn = connect(Path(path), key=key, copy=True)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO counters (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)",
            sorted(floor.counters.items()),
        )
        conn.execute("COMMIT")
    finally:
        with contextlib.suppress(Exception):
            conn.close()
