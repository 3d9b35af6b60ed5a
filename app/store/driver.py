"""The two database drivers behind one connection: the standard sqlite3 and SQLCipher's sqlcipher3.

A plain practice uses sqlite3; an encrypted one uses sqlcipher3, whose DB-API module mirrors
sqlite3 but has its own classes: its exceptions are not sqlite3's, its cursors refuse sqlite3.Row,
and its connections are not sqlite3.Connection. Everything in the store that depends on those
classes asks this module instead, so both drivers take the same paths.

sqlcipher3 is imported only when an encrypted database is opened (about 25 ms).
"""

from __future__ import annotations

import functools
import sqlite3
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

_SQLCIPHER = "sqlcipher3.dbapi2"


def sqlcipher() -> ModuleType:
    """The sqlcipher3 DB-API module (imported on first use)."""
    import sqlcipher3.dbapi2

    module: ModuleType = sqlcipher3.dbapi2
    return module


def is_driver_error(error: BaseException) -> bool:
    """Whether `error` is a database error from either driver (sqlite3.Error or sqlcipher3's Error)."""
    if isinstance(error, sqlite3.Error):
        return True
    module = sys.modules.get(_SQLCIPHER)  # not imported: no sqlcipher3 error can exist
    return module is not None and isinstance(error, module.Error)


def is_cipher_connection(conn: object) -> bool:
    module = sys.modules.get(_SQLCIPHER)
    return module is not None and isinstance(_raw(conn), module.Connection)


def is_connection(db: object) -> bool:
    """A DB-API connection of either driver (as opposed to a sqlite_utils.Database)."""
    return isinstance(db, sqlite3.Connection | StdlibErrors) or is_cipher_connection(db)


def row_class(conn: object) -> Any:
    """The Row factory that the connection's cursors accept (sqlite3.Row or sqlcipher3's Row)."""
    return sqlite3.Row if isinstance(conn, sqlite3.Connection) else sqlcipher().Row


def _raw(conn: object) -> object:
    return conn.raw if isinstance(conn, StdlibErrors) else conn


def as_stdlib_error(error: Exception) -> sqlite3.Error:
    """The sqlite3 exception of the same class name, keeping the message and SQLite's error code."""
    kind = getattr(sqlite3, type(error).__name__, sqlite3.DatabaseError)
    if not (isinstance(kind, type) and issubclass(kind, sqlite3.Error)):
        kind = sqlite3.DatabaseError
    converted: sqlite3.Error = kind(*error.args)
    for name in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(error, name):
            setattr(converted, name, getattr(error, name))
    return converted


class StdlibErrors:
    """A sqlcipher3 connection that raises sqlite3's exception classes, for sqlite-utils.

    sqlite-utils works over any DB-API connection but catches `sqlite3.OperationalError` where it
    expects one (releasing a savepoint, dropping a table that may be missing); a sqlcipher3 error
    would slip through those. Methods of the connection are passed through, with their errors
    converted; everything else (attributes, cursors, rows) is the connection's own.
    """

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.raw, name)
        return _converting(value) if callable(value) else value

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "raw":
            object.__setattr__(self, name, value)
        else:
            setattr(self.raw, name, value)

    def __enter__(self) -> Any:
        return self.raw.__enter__()

    def __exit__(self, *exc: Any) -> Any:
        return self.raw.__exit__(*exc)


def _converting(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except Exception as error:
            if is_driver_error(error) and not isinstance(error, sqlite3.Error):
                raise as_stdlib_error(error) from error
            raise

    return call
