"""The one place that opens the practice database (a later change swaps in SQLCipher here).

Settings, and why:

- journal_mode=WAL: readers never block the one writer, and a crash mid-write leaves the last
  committed state intact.
- synchronous=FULL: in WAL mode NORMAL may lose the last transactions on power loss. Here a
  transaction can be an issued superbill whose statement number was printed and handed to a
  patient; losing it would hand the same number out twice. Writes happen at human speed, so the
  extra fsync per commit costs nothing anyone notices.
- foreign_keys=ON: SQLite leaves them off unless asked, on every connection.
- busy_timeout: a second window or a backup tool holding the lock briefly is waited for, not
  reported as an error.
- isolation_level=None: the driver never opens transactions behind our back; every write runs
  in an explicit transaction (see PracticeStore.transaction and migrations.migrate).
- Owner only (Linux, macOS): a data folder this function creates is 0700 and the database file is
  created 0600 before SQLite opens it; SQLite gives the -wal and -shm files the database file's
  mode. A file left group- or world-readable by an older version is narrowed on open. A folder
  the therapist chose and that already exists keeps its permissions.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from app.store.errors import StoreUnavailable, translate_errors
from app.store.migrations import migrate, refuse_newer, schema_version

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 5000

_OWNER_ONLY_FOLDER = 0o700
_OWNER_ONLY_FILE = 0o600


def open_database(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite_utils.Database:
    """The practice database as a sqlite-utils Database (see open_connection), for table-level work."""
    # sqlite-utils costs ~50 ms to import; the app's start opens a plain connection instead.
    import sqlite_utils

    return sqlite_utils.Database(
        open_connection(path, busy_timeout_ms=busy_timeout_ms),
        recursive_triggers=False,
        execute_plugins=False,
    )


def open_connection(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the practice database at `path`: every connection starts here.

    Raises StoreUnavailable when the folder cannot be created, the file is not a database, it is
    from a newer version (NewerDatabase, the file left untouched), or it is locked.
    """
    path = Path(path)
    try:
        path.parent.mkdir(mode=_OWNER_ONLY_FOLDER, parents=True, exist_ok=True)
    except OSError as error:
        raise StoreUnavailable(
            f"The data folder {path.parent} cannot be created ({error.strerror or error}). "
            "Choose another data folder with --data-dir, or check its permissions.",
            path,
        ) from error

    _create_owner_only(path)
    with translate_errors(path):
        conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
    try:
        with translate_errors(path):
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            # Read the version before anything writes: a newer database must stay byte-for-byte as it was.
            refuse_newer(schema_version(conn))
            # Before WAL mode creates -wal and -shm, which SQLite gives the database file's mode.
            _narrow_to_owner(path)
            conn.execute("PRAGMA foreign_keys = ON")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreUnavailable(
                    f"The practice database ({path}) cannot use write-ahead logging (journal mode "
                    f"stays {mode!r}); it may be on a network drive. Move the data folder to a local disk.",
                    path,
                )
            conn.execute("PRAGMA synchronous = FULL")
            migrate(conn)
        return conn
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
        raise


def _create_owner_only(path: Path) -> None:
    """Create a missing database file readable by its owner only (no-op on Windows).

    A failure here (read-only folder) is left for SQLite to report, with its usual message.
    """
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _OWNER_ONLY_FILE))


def _narrow_to_owner(path: Path) -> None:
    """Take group and others' access away from the database and its -wal and -shm files."""
    if os.name != "posix":
        return
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        # A file that is gone, or owned by another user, is not ours to change.
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(file.stat().st_mode)
            if mode & 0o077:
                os.chmod(file, mode & 0o700)
