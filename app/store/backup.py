"""Copies of the practice database, and how healthy a database file is, without changing it.

- `back_up(conn, dest)`: SQLite's online backup API copies the live database page by page while
  the app keeps it open; the copy is checked (PRAGMA integrity_check), switched out of WAL mode so it
  is one self-contained file, made readable by its owner only, written under a temporary name and
  renamed into place, so a half-written backup never carries the final name.
- `describe_backup(path)`: what a backup holds (when it was taken, schema version, counts).
- `classify_database(path)`: ok, missing, not a database, another program's database, a newer
  schema, or damaged. The file is opened read-only (a `mode=ro` URI) and never written.

An encrypted practice (SQLCipher) passes its key; `key=None` is a plain SQLite file.
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
import sqlite3
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.store.database import connect
from app.store.driver import is_driver_error, sqlcipher
from app.store.errors import StoreUnavailable, error_code, translate_errors
from app.store.migrations import SCHEMA_VERSION

_SQLITE_HEADER = b"SQLite format 3\x00"
_HEADER_SIZE = 100  # a SQLite file is never shorter than its 100-byte header
_OWNER_ONLY_FILE = 0o600
_SQLITE_NOTADB = 26

# Tables every version of our schema has: a database without them is another program's.
OUR_TABLES = frozenset({"practice", "counters", "payers", "patients", "visits", "superbills"})

# "practice-2026-11-27T101500.sqlite3": the moment the backup was taken, in local time.
BACKUP_NAME = re.compile(r"^practice-(\d{4}-\d{2}-\d{2}T\d{6})\.sqlite3$")
BACKUP_STAMP = "%Y-%m-%dT%H%M%S"


class BackupRefused(StoreUnavailable):
    """A backup that cannot be used: missing, damaged, another program's, or from a newer version."""


class BackupFailed(StoreUnavailable):
    """Writing a backup did not give a sound copy; nothing was left under the backup's name."""


class Health(enum.Enum):
    """What a database file is, as found without changing it."""

    OK = "ok"
    MISSING = "missing"  # no file (or an empty one): a new practice starts here
    NOT_A_DATABASE = "not_a_database"  # random bytes, a truncated header, or a wrong key
    FOREIGN = "foreign"  # a SQLite database, but not a Superbill Desk practice
    NEWER_SCHEMA = "newer_schema"  # written by a newer version of Superbill Desk
    CORRUPT = "corrupt"  # ours, but the integrity check finds damage

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
    }[health]


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds; `integrity_ok` is SQLite's integrity check on the file."""

    path: Path
    taken_at: datetime
    schema_version: int
    patients: int
    visits: int
    superbills: int
    integrity_ok: bool
    size: int

    def counts(self) -> str:
        return (
            f"{_plural(self.patients, 'patient')}, {_plural(self.visits, 'visit')}, "
            f"{_plural(self.superbills, 'superbill')}"
        )


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def backup_taken_at(path: Path) -> datetime:
    """When a backup was taken: from its name when it has ours, else from the file's time."""
    match = BACKUP_NAME.match(path.name)
    if match:
        with contextlib.suppress(ValueError):
            return datetime.strptime(match.group(1), BACKUP_STAMP)
    return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)


# Writing -----------------------------------------------------------------------------------------


def back_up(conn: sqlite3.Connection, dest_path: Path, key: bytes | None = None) -> BackupSummary:
    """Copy the open practice database `conn` to `dest_path` (replacing a file of that name).

    The folder must exist. Raises BackupFailed when the copy is not sound (nothing is left under
    `dest_path` then), StoreUnavailable when the destination cannot be written.
    """
    dest_path = Path(dest_path)
    partial = dest_path.with_name(f".{dest_path.name}.partial")
    try:
        _remove_partial(partial)
        _create_owner_only(partial)
        with translate_errors(dest_path):
            copy = connect(partial, key=key)
            try:
                conn.backup(copy)
                # One self-contained file: no -wal beside it is needed to read it.
                copy.execute("PRAGMA journal_mode = DELETE").fetchone()
                problems = _integrity_problems(copy, full=True)
            finally:
                copy.close()
        if problems:
            raise BackupFailed(
                f"The backup written to {dest_path} did not pass SQLite's integrity check "
                f"({problems[0]}); it was not kept. The practice database itself may be damaged: "
                "keep your earlier backups.",
                dest_path,
            )
        _sync(partial)
        os.replace(partial, dest_path)
        _sync_folder(dest_path.parent)
    except OSError as error:
        _remove_partial(partial)
        raise StoreUnavailable(
            f"The backup cannot be written to {dest_path.parent} ({error.strerror or error}). "
            "Check that the drive is connected, not full and writable.",
            dest_path,
        ) from error
    except BaseException:
        _remove_partial(partial)
        raise
    return _summary(dest_path, key, integrity_ok=True)  # checked above, on the copy itself


def _create_owner_only(path: Path) -> None:
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _OWNER_ONLY_FILE))
    if os.name == "posix":
        os.chmod(path, _OWNER_ONLY_FILE)  # a umask never widens it, but a chosen folder's ACLs might


def _remove_partial(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            partial.with_name(partial.name + suffix).unlink()


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        _sync(folder)


# Reading without changing ------------------------------------------------------------------------


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
    try:
        size = path.stat().st_size
    except (FileNotFoundError, NotADirectoryError):
        return Health.MISSING  # opening it will say what is wrong with the folder
    if size == 0:
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
            if pages and _integrity_problems(conn, full=full):
                return Health.CORRUPT
    except Exception as error:
        if not is_driver_error(error):
            raise
        return Health.NOT_A_DATABASE if error_code(error) == _SQLITE_NOTADB else Health.CORRUPT
    return Health.OK


def _has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as file:
        header = file.read(_HEADER_SIZE)
    return len(header) == _HEADER_SIZE and header.startswith(_SQLITE_HEADER)


def _integrity_problems(conn: sqlite3.Connection, *, full: bool) -> list[str]:
    pragma = "integrity_check" if full else "quick_check"
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
    return [] if rows == ["ok"] else rows


def describe_backup(path: Path, key: bytes | None = None) -> BackupSummary:
    """What the backup at `path` holds, after SQLite's integrity check.

    Raises BackupRefused, saying why, for a file that is missing, not a database, another
    program's, or from a newer version. A damaged file whose counts can still be read comes back
    with `integrity_ok` False; one that cannot be read at all is refused.
    """
    path = Path(path)
    health = classify_database(path, key)
    if health is Health.MISSING and not path.is_file():
        raise BackupRefused(f"There is no backup file at {path}.", path)
    if health not in (Health.OK, Health.CORRUPT):
        raise BackupRefused(_refusal(health, path), path)
    return _summary(path, key, integrity_ok=health is Health.OK)


def _summary(path: Path, key: bytes | None, *, integrity_ok: bool) -> BackupSummary:
    try:
        with open_read_only(path, key) as conn:
            version: int = conn.execute("PRAGMA user_version").fetchone()[0]
            patients, visits, superbills = (
                int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("patients", "visits", "superbills")
            )
    except Exception as error:
        if not is_driver_error(error):
            raise
        raise BackupRefused(_refusal(Health.CORRUPT, path), path) from error
    return BackupSummary(
        path=path,
        taken_at=backup_taken_at(path),
        schema_version=version,
        patients=patients,
        visits=visits,
        superbills=superbills,
        integrity_ok=integrity_ok,
        size=path.stat().st_size,
    )


def _refusal(health: Health, path: Path) -> str:
    reason = {
        Health.MISSING: "it is empty",
        Health.NOT_A_DATABASE: "it is not a database (cut short, other data, or encrypted with another key)",
        Health.FOREIGN: "it is a database from another program, not a Superbill Desk practice",
        Health.NEWER_SCHEMA: (
            f"it was written by a newer version of Superbill Desk (this one knows schema versions up to "
            f"{SCHEMA_VERSION}); install the newer version to restore it"
        ),
        Health.CORRUPT: "it is damaged (SQLite's integrity check found errors)",
    }.get(health, health.value)
    return f"The file {path} cannot be used as a backup: {reason}."
