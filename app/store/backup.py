"""Copies of the practice database, and what a copy holds.

- `back_up(conn, dest)`: SQLite's online backup API copies the live database page by page while
  the app keeps it open; the copy is checked (PRAGMA integrity_check), switched out of WAL mode so it
  is one self-contained file, made readable by its owner only, written under a temporary name and
  renamed into place, so a half-written backup never carries the final name.
- `copy_whole(source, dest)`: a copy of a database file that holds, in itself, the committed
  transactions of the write-ahead log beside it (`<file>-wal`, left by a crash or a copy made by
  hand): SQLite recovers them in the copy, the source and its -wal are never changed.
  `settle_log(path)` does the same in place, for the practice file a restore sets aside.
- `describe_backup(path)`: what a backup holds (when it was taken, schema version, counts), after
  app.store.health's check of the file and app.store.verify's (the schema exactly as our migrations
  make it, every superbill PDF matching its SHA-256); neither ever changes the file.

An encrypted practice (SQLCipher) passes its key; `key=None` is a plain SQLite file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.domain.words import plural as _plural
from app.store.database import connect
from app.store.driver import is_driver_error
from app.store.durable import OWNER_ONLY, copy_file, put_in_place, set_mode
from app.store.errors import (
    StoreError,
    StoreUnavailable,
    disk_is_full,
    full_disk_message,
    is_full_disk_error,
    translate_errors,
)
from app.store.health import Health, classify_database, integrity_problems, open_read_only
from app.store.migrations import SCHEMA_VERSION
from app.store.paths import BACKUP_NAME, BACKUP_STAMP
from app.store.verify import backup_problem


class BackupRefused(StoreUnavailable):
    """A backup that cannot be used: missing, damaged, another program's, or from a newer version."""


class BackupFailed(StoreUnavailable):
    """Writing a backup did not give a sound copy; nothing was left under the backup's name."""


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


def backup_order(path: Path) -> tuple[datetime, int]:
    """Oldest first: when it was taken, then its number within that second ("-2", "-3")."""
    match = BACKUP_NAME.match(path.name)
    return backup_taken_at(path), int(match.group(2)) if match and match.group(2) else 1


def backup_taken_at(path: Path) -> datetime:
    """When a backup was taken: from its name when it has ours, else from the file's time."""
    match = BACKUP_NAME.match(path.name)
    if match:
        with contextlib.suppress(ValueError):
            return datetime.strptime(match.group(1), BACKUP_STAMP)
    return datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)


# Writing -----------------------------------------------------------------------------------------


def back_up(conn: sqlite3.Connection, dest_path: Path, key: bytes | None = None) -> BackupSummary:
    """Copy the open practice database `conn` to `dest_path`, which must not exist yet.

    A backup never replaces a file: one already at `dest_path` is refused with BackupFailed before
    anything is written. The folder must exist. Raises BackupFailed when the copy is not sound (nothing is left under
    `dest_path` then), StoreUnavailable when the destination cannot be written.
    """
    dest_path = Path(dest_path)
    partial = dest_path.with_name(f".{dest_path.name}.partial")
    if os.path.lexists(dest_path):
        raise BackupFailed(
            f"There is already a file at {dest_path}; a backup never replaces one. Nothing was written.",
            dest_path,
        )
    try:
        _remove_partial(partial)
        _create_owner_only(partial)
        with translate_errors(dest_path, "the backup being written"):
            try:
                copy = connect(partial, key=key, copy=True)
            except StoreUnavailable as error:
                if disk_is_full(dest_path.parent):  # told as the practice's own file by connect()
                    raise StoreUnavailable(
                        full_disk_message(dest_path.parent, "the backup folder")
                        + " (No backup was written.)",
                        dest_path,
                    ) from error
                raise
            try:
                conn.backup(copy)
                # One self-contained file: no -wal beside it is needed to read it.
                copy.execute("PRAGMA journal_mode = DELETE").fetchone()
                problems = integrity_problems(copy, full=True)
            finally:
                copy.close()
        if problems:
            raise BackupFailed(
                f"The backup written to {dest_path} did not pass SQLite's integrity check "
                f"({problems[0]}); it was not kept. The practice database itself may be damaged: "
                "keep your earlier backups.",
                dest_path,
            )
        put_in_place(partial, dest_path, replace=False)  # never over a file that took the name meanwhile
    except OSError as error:
        _remove_partial(partial)
        if is_full_disk_error(error, dest_path.parent):
            raise StoreUnavailable(
                full_disk_message(dest_path.parent, "the backup folder") + " (No backup was written.)",
                dest_path,
            ) from error
        raise StoreUnavailable(
            f"The backup cannot be written to {dest_path.parent} ({error.strerror or error}). "
            "Check that the drive is connected, not full and writable.",
            dest_path,
        ) from error
    except BaseException:
        _remove_partial(partial)
        raise
    return read_summary(dest_path, key, integrity_ok=True)  # checked above, on the copy itself


def patient_count(path: Path, key: bytes | None = None) -> int | None:
    """How many patients the backup at `path` holds (no integrity check); None when it cannot be read."""
    try:
        with open_read_only(path, key) as conn:
            return int(conn.execute("SELECT count(*) FROM patients").fetchone()[0])
    except Exception as error:
        if not is_driver_error(error):
            raise
        return None


def _create_owner_only(path: Path) -> None:
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY))
    set_mode(path, OWNER_ONLY)  # a umask never widens it, but a chosen folder's ACLs might


def _remove_partial(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            partial.with_name(partial.name + suffix).unlink()


# The write-ahead log beside a file ---------------------------------------------------------------


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def has_log(path: Path) -> bool:
    """Whether a -wal with something in it is beside the database at `path` (committed transactions
    SQLite had not yet copied into the file, when it was written by a process that then stopped),
    or something that is not a file under that name (refused by copy_whole, never passed over)."""
    try:
        status = wal_path(path).stat()
    except OSError:
        return False
    return status.st_size > 0 or not stat.S_ISREG(status.st_mode)


def copy_whole(source: Path, dest: Path, key: bytes | None = None, *, named: Path | None = None) -> None:
    """Copy the database at `source` to `dest` (a temporary name: replaced), with the committed
    transactions of the -wal beside `source` checkpointed into the copy: no -wal is left beside
    `dest`, and `source` and its -wal are only read.

    BackupRefused (nothing left at `dest`) when a -wal is there with content but SQLite finds no
    transaction in it (garbage, cut short in its header, another database's): restoring the file
    without it could lose the last saves, so the user is told to move it away first. A -wal cut
    short after whole transactions gives those, as SQLite gives them after a crash.
    """
    source, dest = Path(source), Path(dest)
    shown = named or source
    log = has_log(source)
    unreadable = BackupRefused(
        f"The file {shown} has a write-ahead log beside it ({wal_path(shown).name}) that SQLite cannot "
        f"read (damaged, cut short or not a file): move {wal_path(shown).name} away to use {shown.name} as it is, "
        "without the saves it may hold.",
        shown,
    )
    try:
        copy_file(source, dest)
        if log:
            try:
                if not wal_path(source).is_file():
                    raise IsADirectoryError(wal_path(source))
                copy_file(wal_path(source), wal_path(dest))
            except OSError as error:
                if is_full_disk_error(error, dest.parent):
                    raise
                raise unreadable from error
            try:
                frames = settle_log(dest, key)
            except BackupRefused as refused:
                raise unreadable from refused
            if frames == 0:
                raise unreadable
    except BaseException:
        _remove_partial(dest)
        raise
    finally:
        for extra in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                dest.with_name(dest.name + extra).unlink()


def settle_log(path: Path, key: bytes | None = None) -> int:
    """Checkpoint the -wal beside the database at `path` into it and leave it one self-contained file
    (rollback journal, no -wal or -shm): how many log frames SQLite found (0: none, or no -wal).

    Only for a file nobody else has open (a copy, or the practice while the caller holds it).
    BackupRefused when SQLite cannot open or checkpoint it (damaged, another key): the file may
    then keep its -wal.
    """
    path = Path(path)
    if not has_log(path):
        return 0
    try:
        conn = connect(path, key=key)
        try:
            # PASSIVE says how many frames the log holds (TRUNCATE reports 0 once it emptied it).
            busy, frames, done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            busy += conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if busy or frames != done:
                raise BackupRefused(f"The write-ahead log beside {path} is in use: close the app.", path)
            conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            conn.close()
    except BackupRefused:
        raise
    except Exception as error:
        if not (is_driver_error(error) or isinstance(error, StoreError)):
            raise
        if disk_is_full(path.parent):
            raise StoreUnavailable(full_disk_message(path.parent, "the data folder"), path) from error
        raise BackupRefused(_refusal(Health.CORRUPT, path), path) from error
    return int(frames)


@contextlib.contextmanager
def readable_whole(path: Path, key: bytes | None = None) -> Iterator[Path]:
    """`path` itself when no -wal with content is beside it; else a whole copy (copy_whole) in a
    temporary folder readable by its owner only, removed when the block ends."""
    path = Path(path)
    if not has_log(path):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="superbill-") as folder:
        whole = Path(folder) / path.name
        try:
            copy_whole(path, whole, key, named=path)
        except OSError as error:
            if is_full_disk_error(error, Path(folder)):
                raise StoreUnavailable(
                    full_disk_message(Path(folder), "the temporary folder") + " (Nothing was restored.)",
                    path,
                ) from error
            raise BackupRefused(_unreadable(path, error), path) from error
        yield whole


# Reading without changing ------------------------------------------------------------------------


def describe_backup(path: Path, key: bytes | None = None) -> BackupSummary:
    """What the backup at `path` holds, after SQLite's integrity check and app.store.verify's.

    Raises BackupRefused, saying why, for a path that is not a readable file (a folder, a device),
    a file that is missing, not a database, another program's, from a newer version, or not
    exactly as Superbill Desk made it (a schema entry added, dropped or altered; a superbill PDF
    that no longer matches its SHA-256). A damaged file whose counts can still be read comes back
    with `integrity_ok` False (and is not verified: a restore refuses it anyway); one that cannot
    be read at all is refused. A copy already checked is read with read_summary.
    """
    path = Path(path)
    _refuse_unreadable(path)
    # With a -wal beside it (a copy made by hand, a file a crash left), what it holds is the file
    # and the committed transactions in its -wal: read from a whole copy, the file left as it was.
    with readable_whole(path, key) as whole:
        try:
            health = classify_database(whole, key)
        except OSError as error:  # the file changed under us since _refuse_unreadable
            raise BackupRefused(_unreadable(path, error), path) from error
        if health is Health.MISSING and not path.is_file():
            raise BackupRefused(f"There is no backup file at {path}.", path)
        if health not in (Health.OK, Health.CORRUPT):
            raise BackupRefused(_refusal(health, path), path)
        if health is Health.OK:
            verify_backup(whole, key, named=path)
        try:
            summary = read_summary(whole, key, integrity_ok=health is Health.OK)
        except BackupRefused as refused:
            raise BackupRefused(_refusal(Health.CORRUPT, path), path) from refused
    return dataclasses.replace(summary, path=path, taken_at=backup_taken_at(path))


def verify_backup(path: Path, key: bytes | None = None, *, named: Path | None = None) -> None:
    """Raise BackupRefused when the database at `path` is not exactly as Superbill Desk made it
    (app.store.verify). `named` is the backup the message names when `path` is a copy of it.
    """
    path = Path(path)
    try:
        with open_read_only(path, key) as conn:
            problem = backup_problem(conn)
    except Exception as error:
        if not is_driver_error(error):
            raise
        problem = "it cannot be read through (SQLite reported an error while checking it)"
    if problem is not None:
        shown = named or path
        raise BackupRefused(
            f"The file {shown} cannot be used as a backup: {problem}. It is not as Superbill Desk "
            "wrote it; choose another backup.",
            shown,
        )


def _refuse_unreadable(path: Path) -> None:
    """A clean refusal for a path that is not a regular file this user can read."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise BackupRefused(f"There is no backup file at {path}.", path) from None
    except OSError as error:
        raise BackupRefused(_unreadable(path, error), path) from error
    if stat.S_ISDIR(mode):
        raise BackupRefused(
            f"{path} is a folder, not a backup file: choose the practice-<date>.sqlite3 file inside it.", path
        )
    if not stat.S_ISREG(mode):
        raise BackupRefused(
            f"{path} is not a regular file (a device or a pipe), so it cannot be a backup.", path
        )
    try:
        with path.open("rb") as file:
            file.read(1)
    except OSError as error:
        raise BackupRefused(_unreadable(path, error), path) from error


def _unreadable(path: Path, error: OSError) -> str:
    return f"The backup file {path} cannot be read ({error.strerror or type(error).__name__}); check its permissions."


def read_summary(path: Path, key: bytes | None, *, integrity_ok: bool) -> BackupSummary:
    """What a copy already checked holds (its counts and version), with the check's outcome as given."""
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
