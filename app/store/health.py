"""How healthy a practice database file is, found without changing it.

`classify_database(path)`: ok, missing, not a database, another program's database, a newer schema,
or damaged. A full disk, a read-only folder or a busy file is not the file's health: it is raised as
StoreUnavailable saying so (a damaged-file message would advise restoring an older backup). The file is opened read-only (a `mode=ro` URI) and never written. Every start of the
app asks this before opening the practice, so it is kept apart from the backups (app.store.backup),
which a start does not need.

An encrypted practice (SQLCipher) passes its key; `key=None` is a plain SQLite file.
"""

from __future__ import annotations

import contextlib
import enum
import sqlite3
import stat
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from app.store.driver import is_driver_error, sqlcipher
from app.store.errors import StoreUnavailable, error_code, translated
from app.store.migrations import SCHEMA_VERSION

_SQLITE_HEADER = b"SQLite format 3\x00"
_HEADER_SIZE = 100  # a SQLite file is never shorter than its 100-byte header
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26

# Tables every version of our schema has: a database without them is another program's.
OUR_TABLES = frozenset({"practice", "counters", "payers", "patients", "visits", "superbills"})


class Health(enum.Enum):
    """What a database file is, as found without changing it."""

    OK = "ok"
    MISSING = "missing"  # no file (or an empty one): a new practice starts here
    NOT_A_DATABASE = "not_a_database"  # random bytes, a truncated header, or a wrong key
    FOREIGN = "foreign"  # a SQLite database, but not a Superbill Desk practice
    NEWER_SCHEMA = "newer_schema"  # written by a newer version of Superbill Desk
    CORRUPT = "corrupt"  # ours, but the integrity check finds damage
    # Missing or empty (as MISSING), but the data folder held a practice with records: its key
    # file, its marker or its backups are there. Damage to report, never a new practice to start.
    EMPTIED = "emptied"

    @property
    def usable(self) -> bool:
        return self in (Health.OK, Health.MISSING)


def health_problem(health: Health) -> str:
    """The problem in the therapist's words (one sentence), for a file that is not usable."""
    return {
        Health.OK: "The practice file is in good order.",
        Health.MISSING: "There is no practice file yet.",
        Health.NOT_A_DATABASE: (
            "The practice file is not a database: it is cut short, overwritten with other data, "
            "or encrypted with another key."
        ),
        Health.FOREIGN: "The practice file is a database from another program, not a Superbill Desk practice.",
        Health.NEWER_SCHEMA: (
            "The practice file was written by a newer version of Superbill Desk than this one."
        ),
        Health.CORRUPT: "The practice file is damaged: SQLite's integrity check found errors in it.",
        Health.EMPTIED: (
            "The practice file is missing or empty, but this data folder held a practice with records "
            "(its backups, key file or practice marker are still there)."
        ),
    }[health]


@contextlib.contextmanager
def open_read_only(path: Path, key: bytes | None = None) -> Iterator[sqlite3.Connection]:
    """A connection that cannot write `path` (SQLite `mode=ro`); closed when the block ends."""
    path = Path(path)
    # Without a -wal beside it, everything is in the file itself: `immutable` reads it without
    # creating the -wal and -shm that a read-only open of a WAL database would leave behind.
    # With one, SQLite must read it too (committed work not yet copied into the file).
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    uri = "file:" + urllib.parse.quote(str(path.absolute())) + "?" + mode
    if key is None:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    else:
        conn = sqlcipher().connect(uri, uri=True, isolation_level=None)
    try:
        if key is not None:
            conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported as NOT_A_DATABASE
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        yield conn
    finally:
        conn.close()


def classify_database(
    path: Path, key: bytes | None = None, *, full: bool = True, pages: bool = True
) -> Health:
    """What the file at `path` is; it is opened read-only and left byte for byte as it was.

    `full=False` runs SQLite's quick_check instead of the whole integrity_check (about a third of
    the time: it skips the index-against-table comparison), for the check at every start.
    `pages=False` reads only the header, the schema version and the table names: milliseconds
    whatever the size, for the app's start, where a damaged page shows up as an error on use.
    """
    path = Path(path)
    size = file_size(path)
    if size is None or size == 0:
        return Health.MISSING
    if key is None and not _has_sqlite_header(path):
        return Health.NOT_A_DATABASE
    try:
        with open_read_only(path, key) as conn:
            version: int = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables and version == 0:
                return Health.MISSING  # a database nothing was ever written to
            if not tables >= OUR_TABLES:
                return Health.FOREIGN
            if version > SCHEMA_VERSION:
                return Health.NEWER_SCHEMA
            if pages and integrity_problems(conn, full=full):
                return Health.CORRUPT
    except Exception as error:
        if not is_driver_error(error):
            raise
        code = error_code(error)
        if code == _SQLITE_NOTADB:
            return Health.NOT_A_DATABASE
        if code != _SQLITE_CORRUPT:
            problem = translated(error, path)
            if isinstance(problem, StoreUnavailable):
                # A full disk, a read-only folder, a busy file: nothing is wrong with the file itself.
                raise problem from error
        return Health.CORRUPT
    return Health.OK


def file_size(path: Path) -> int | None:
    """The size of the practice file, None when there is none; StoreUnavailable when it is a folder.

    A folder (or a device) in the file's place is refused in one line: it is not a practice file,
    and SQLite could not use it.
    """
    try:
        status = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None  # opening it will say what is wrong with the folder
    except OSError as error:
        raise StoreUnavailable(
            f"The practice file {path} cannot be read ({error.strerror or error}). Check the data "
            "folder's permissions, or choose another one with --data-dir.",
            path,
        ) from error
    if not stat.S_ISREG(status.st_mode):
        kind = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file"
        raise StoreUnavailable(
            f"The practice file {path} is {kind}, not a practice file: move it out of the data folder "
            "(or restore a backup with: superbill restore FILE), then try again.",
            path,
        )
    return status.st_size


def _has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as file:
        header = file.read(_HEADER_SIZE)
    return len(header) == _HEADER_SIZE and header.startswith(_SQLITE_HEADER)


def integrity_problems(conn: sqlite3.Connection, *, full: bool) -> list[str]:
    pragma = "integrity_check" if full else "quick_check"
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    return [] if rows == ["ok"] else rows
