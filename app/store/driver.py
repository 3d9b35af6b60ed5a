"""The two database drivers behind one connection: the standard sqlite3 and SQLCipher's sqlcipher3.

A plain practice uses sqlite3; an encrypted one uses sqlcipher3, whose DB-API module mirrors
sqlite3 but has its own classes: its exceptions are not sqlite3's, its cursors refuse sqlite3.Row,
and its connections are not sqlite3.Connection. Everything in the store that depends on those
classes asks this module instead, so both drivers take the same paths.

sqlcipher3 is imported only when an encrypted database is opened (about 25 ms).
"""

from __future__ import annotations

import sqlite3
import sys
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


def row_class(conn: object) -> Any:
    """The Row factory that the connection's cursors accept (sqlite3.Row or sqlcipher3's Row)."""
    return sqlite3.Row if isinstance(conn, sqlite3.Connection) else sqlcipher().Row
