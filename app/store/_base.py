"""What every repository shares: the connection, transactions, error translation and row helpers."""

from __future__ import annotations

import contextlib
import functools
import itertools
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from app.domain.dates import parse_date
from app.domain.people import Address
from app.store.driver import row_class
from app.store.errors import RecordNotFound, StoreUnavailable, translate_errors

Params = Sequence[Any] | Mapping[str, Any]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_S = TypeVar("_S", bound="StoreBase")

_savepoint_names = itertools.count(1)


def guarded(method: Callable[Concatenate[_S, _P], _R]) -> Callable[Concatenate[_S, _P], _R]:
    """Let a public store method raise StoreUnavailable / StoreBug instead of sqlite3 errors."""

    @functools.wraps(method)
    def wrapper(self: _S, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with translate_errors(self.path):
            return method(self, *args, **kwargs)

    return wrapper


class StoreBase:
    def __init__(self, conn: sqlite3.Connection) -> None:
        # Either driver's connection (sqlite3, or sqlcipher3 for an encrypted practice: see driver.py).
        self.conn = conn
        self.path = _database_file(self.conn)
        self._row_class = row_class(self.conn)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All changes in the block, or none. Nested blocks become savepoints of the outer one.

        The outermost block takes the write lock at once (BEGIN IMMEDIATE), so a transaction that
        reads and then writes never fails half-way because another window wrote in between.
        """
        with translate_errors(self.path):
            if self.conn.in_transaction:
                name = f"store_{next(_savepoint_names)}"
                self.conn.execute(f"SAVEPOINT {name}")
                try:
                    yield
                except BaseException:
                    # An error such as SQLITE_FULL may already have rolled everything back.
                    if self.conn.in_transaction:
                        self.conn.execute(f"ROLLBACK TO {name}")
                        self.conn.execute(f"RELEASE {name}")
                    raise
                self.conn.execute(f"RELEASE {name}")
            else:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise

    # Reading and writing rows ----------------------------------------------------------------

    def _rows(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        cursor = self.conn.cursor()
        cursor.row_factory = self._row_class
        try:
            return list(cursor.execute(sql, params))
        finally:
            cursor.close()

    def _row(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _value(self, sql: str, params: Params = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def _column(self, sql: str, params: Params = ()) -> tuple[Any, ...]:
        """The one column `sql` selects, every row's value in order (a record's codes or keys)."""
        return tuple(value for (value,) in self.conn.execute(sql, params))

    def _grouped(self, sql: str, params: Params = ()) -> dict[int, list[str]]:
        """The (owner id, value) pairs `sql` selects, each owner's values in order (every visit's codes)."""
        grouped: dict[int, list[str]] = defaultdict(list)
        for owner, value in self.conn.execute(sql, params):
            grouped[owner].append(value)
        return grouped

    def _upsert(self, table: str, conflict: Sequence[str], values: Mapping[str, Any]) -> int:
        """Insert or update the row identified by the `conflict` columns; return its rowid.

        An update keeps the row (and its id), so rows that refer to it are not disturbed.
        """
        columns = list(values)
        updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in conflict)
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)}) "
            f"ON CONFLICT ({', '.join(conflict)}) DO UPDATE SET {updates} RETURNING id"
        )
        row_id: int = self.conn.execute(sql, dict(values)).fetchone()[0]
        return row_id

    def _next_counter(self, name: str, at_least: int = 0) -> int:
        """Advance the named counter past both its last value and `at_least`; return the new value."""
        current = self._value("SELECT value FROM counters WHERE name = ?", (name,)) or 0
        value = max(int(current), at_least) + 1
        self.conn.execute(
            "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )
        return value

    def _take_number(self, table: str, prefix: str, counter: str) -> str:
        """The next number of the documents in `table` numbered `<prefix>0001`, `<prefix>0002`...:
        past both the `counter` and the highest number issued under `prefix` (in a practice restored
        or imported, the counter may lag). Taken: call it inside the transaction that records it."""
        return f"{prefix}{self._next_counter(counter, at_least=self._highest_number(table, prefix)):04d}"

    def _upcoming_number(self, table: str, prefix: str, counter: str) -> str:
        """The number `_take_number` would give now, without taking it."""
        current = self._value("SELECT value FROM counters WHERE name = ?", (counter,)) or 0
        return f"{prefix}{max(int(current), self._highest_number(table, prefix)) + 1:04d}"

    def _highest_number(self, table: str, prefix: str) -> int:
        """The highest sequence number issued under `prefix` in `table` (0 for none)."""
        highest = self._value(
            f"SELECT MAX(CAST(substr(number, ?) AS INTEGER)) FROM {table} WHERE number GLOB ?",
            (len(prefix) + 1, f"{prefix}[0-9]*"),
        )
        return int(highest or 0)

    def _issued_document(self, table: str, column: str, number: str, kind: str) -> bytes:
        """The bytes of the document `number` issued in `table` (`column`), as handed out:
        RecordNotFound naming `kind` if never issued; StoreUnavailable (the database is damaged)
        when they no longer match the SHA-256 recorded at issue."""
        row = self._row(f"SELECT {column}, sha256 FROM {table} WHERE number = ?", (number,))
        if row is None:
            raise RecordNotFound(kind, number)
        content = bytes(row[column])
        if fingerprint(content) != row["sha256"]:
            raise StoreUnavailable(
                f"The stored copy of {kind} {number} no longer matches the fingerprint recorded when it "
                "was issued: the practice database is damaged. Restore it from a backup.",
                self.path,
            )
        return content

    def _raise_counter(self, name: str, at_least: int) -> None:
        self.conn.execute(
            "INSERT INTO counters (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)",
            (name, at_least),
        )

    def _patient_exists(self, key: str) -> bool:
        return self._value("SELECT 1 FROM patients WHERE key = ?", (key,)) is not None


def _database_file(conn: sqlite3.Connection) -> Path | None:
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file)
    return None


# Columns <-> values ----------------------------------------------------------------------------


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def to_date(text: str | None) -> date | None:
    return None if text is None else parse_date(text)


def required_date(text: str) -> date:
    return parse_date(text)


def address_columns(address: Address | None) -> dict[str, str | None]:
    if address is None:
        return dict.fromkeys(
            ("address_line1", "address_line2", "address_city", "address_state", "address_zip")
        )
    return {
        "address_line1": address.line1,
        "address_line2": address.line2,
        "address_city": address.city,
        "address_state": address.state,
        "address_zip": address.zip,
    }


def address_from(row: sqlite3.Row) -> Address | None:
    if row["address_line1"] is None:
        return None
    return Address(
        line1=row["address_line1"],
        line2=row["address_line2"],
        city=row["address_city"],
        state=row["address_state"],
        zip=row["address_zip"],
    )


def fingerprint(content: bytes) -> str:
    """The SHA-256 (lowercase hex) recorded with an issued document (a superbill's or statement's PDF,
    a claim), and checked when it is read."""
    import hashlib  # loads OpenSSL: only when a document is recorded or read back

    return hashlib.sha256(content).hexdigest()
