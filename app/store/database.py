"""The one place that opens the practice database, plain or encrypted with SQLCipher.

`connect()` opens and keys a connection and sets the pragmas below (no migrations: a backup file
is opened "like the database" through it); `open_connection()` adds the schema checks and
migrations every practice connection needs.

Encryption (see app/store/encryption.py): with `key` (32 random bytes), the file is opened with
SQLCipher 4 keyed with the raw key as the connection's first statement, and the key is verified
by reading the schema before anything else; without it, the standard sqlite3 module opens a plain
file, as before. A key that does not open the file raises WrongKey and changes nothing.

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
from collections.abc import Callable
from pathlib import Path

from app.store.driver import sqlcipher
from app.store.durable import OWNER_ONLY, OWNER_ONLY_FOLDER
from app.store.errors import StoreUnavailable, WrongKey, error_code, translate_errors
from app.store.migrations import migrate, refuse_newer, schema_version

BUSY_TIMEOUT_MS = 5000
KEY_BYTES = 32
_SQLITE_NOTADB = 26


def connect(
    path: Path,
    *,
    key: bytes | None = None,
    busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    copy: bool = False,
) -> sqlite3.Connection:
    """A connection to the SQLite file at `path`, keyed when `key` is given, with the pragmas above.

    No schema check and no migration: for the practice database use open_connection(). The file
    is created (owner only) when missing, as SQLite would. Raises StoreUnavailable (WrongKey when
    `key` does not open an existing file, which is then left as it was).

    `copy` (a file only this connection writes, such as a backup): locked exclusively and with a
    rollback journal instead of write-ahead logging, so SQLite needs no -shm file mapped into
    memory and no checkpoint, which a USB stick through FUSE (fusefat) or a network share may not
    offer; the copy is one self-contained file as it is written.
    """
    return _connect(Path(path), key, busy_timeout_ms, _lock_exclusively if copy else None, wal=not copy)


def _lock_exclusively(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA locking_mode = EXCLUSIVE").fetchone()


def _connect(
    path: Path,
    key: bytes | None,
    busy_timeout_ms: int,
    before_writing: Callable[[sqlite3.Connection], object] | None = None,
    *,
    wal: bool = True,
) -> sqlite3.Connection:
    _create_owner_only(path)
    conn = _open_keyed(path, key, busy_timeout_ms)
    try:
        with translate_errors(path):
            if before_writing is not None:
                before_writing(conn)
            # Before WAL mode creates -wal and -shm, which SQLite gives the database file's mode.
            _narrow_to_owner(path)
            conn.execute("PRAGMA foreign_keys = ON")
            mode = conn.execute(f"PRAGMA journal_mode = {'WAL' if wal else 'DELETE'}").fetchone()[0]
            if wal and str(mode).lower() != "wal":
                raise StoreUnavailable(
                    f"The practice database ({path}) cannot use write-ahead logging (journal mode "
                    f"stays {mode!r}); it may be on a network drive. Move the data folder to a local disk.",
                    path,
                )
            conn.execute("PRAGMA synchronous = FULL")
        return conn
    except BaseException:
        _close_quietly(conn)
        raise


def _open_keyed(path: Path, key: bytes | None, busy_timeout_ms: int) -> sqlite3.Connection:
    """Open the file (sqlite3, or sqlcipher3 keyed with `key`) and read its schema: nothing is written."""
    with translate_errors(path):
        if key is None:
            conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None)
        else:
            conn = sqlcipher().connect(str(path), timeout=busy_timeout_ms / 1000, isolation_level=None)
    try:
        with translate_errors(path):
            if key is not None:
                if len(key) != KEY_BYTES:
                    raise ValueError(f"a database key has {KEY_BYTES} bytes")
                # SQLCipher reports a wrong key on stderr unless told not to; the error below says it.
                conn.execute("PRAGMA cipher_log_level = NONE")
                conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            try:
                # The first read decrypts page 1: a wrong key (or a plain file) fails here.
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except Exception as error:
                if key is not None and error_code(error) == _SQLITE_NOTADB:
                    raise WrongKey(
                        f"The practice database ({path}) cannot be read with its key: the key file in "
                        "its folder belongs to another database, or the database is damaged. Restore "
                        "both from the same backup.",
                        path,
                    ) from None
                raise
        return conn
    except BaseException:
        _close_quietly(conn)
        raise


def open_connection(
    path: Path, *, key: bytes | None = None, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the practice database at `path`: every connection starts here.

    `key` opens an encrypted practice (see connect). Raises StoreUnavailable when the folder cannot
    be created, the file is not a database (or not one this key opens: WrongKey), it is from a
    newer version (NewerDatabase, the file left untouched), or it is locked.
    """
    path = Path(path)
    make_data_folder(path.parent, path)

    # Read the version before anything writes: a newer database must stay byte-for-byte as it was.
    conn = _connect(path, key, busy_timeout_ms, lambda c: refuse_newer(schema_version(c)))
    try:
        with translate_errors(path):
            migrate(conn)
        return conn
    except BaseException:
        _close_quietly(conn)
        raise


def make_data_folder(folder: Path, named: Path | None = None) -> None:
    """Make the data folder when it is not there yet; StoreUnavailable (naming `named`, else the
    folder) saying what to do when it cannot be made."""
    try:
        folder.mkdir(mode=OWNER_ONLY_FOLDER, parents=True, exist_ok=True)
    except OSError as error:
        raise StoreUnavailable(
            f"The data folder {folder} cannot be created ({error.strerror or error}). "
            "Choose another data folder with --data-dir, or check its permissions.",
            named or folder,
        ) from error


def _close_quietly(conn: sqlite3.Connection) -> None:
    with contextlib.suppress(Exception):
        conn.close()


def _create_owner_only(path: Path) -> None:
    """Create a missing database file readable by its owner only (no-op on Windows).

    A failure here (read-only folder) is left for SQLite to report, with its usual message.
    """
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY))


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


def remove_database_files(path: Path) -> None:
    """Delete a database file and its -wal and -shm companions (any that exist)."""
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            file.unlink()


def is_plain_sqlite(path: Path) -> bool:
    """Whether the file starts with SQLite's own header (an encrypted file looks random)."""
    try:
        with path.open("rb") as file:
            return is_plain_sqlite_header(file.read(16))
    except OSError:
        return False


def is_plain_sqlite_header(head: bytes) -> bool:
    """Whether a file's first 16 bytes are SQLite's own header."""
    return head[:16] == b"SQLite format 3\x00"
