"""What went wrong in the store, and whose fault it is.

Three kinds, as in STYLE.md:

- `StoreUnavailable`: the environment is in the way (disk full, read-only folder, database
  in use, damaged file, data from a newer version). Shown to the therapist with what to do.
- `StoreBug`: our own code broke a rule of the schema (a constraint, a bad statement). A
  crash report, not something the therapist can fix.
- `app.domain.errors.ValidationError`: the data handed in refers to something that does not
  exist or clashes with what is stored; it names the field and nothing is changed.

`translate_errors()` turns database exceptions into the first two kinds: those of the standard
sqlite3 module and those of sqlcipher3 (an encrypted practice), whose classes are its own but
carry the same SQLite error codes.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from pathlib import Path

from app.store.driver import is_driver_error


class StoreError(Exception):
    """Base of the store's own errors."""


class StoreUnavailable(StoreError):
    """The practice database cannot be used right now, for a reason outside the program."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class NewerDatabase(StoreUnavailable):
    """The database was written by a newer version of Superbill Desk than this one."""


class WrongKey(StoreUnavailable):
    """An encrypted database that its key does not open (the key file belongs to another database)."""


class StoreBug(StoreError):
    """A statement or constraint our own code got wrong; the original sqlite3 error is the cause."""


class RecordNotFound(StoreError, LookupError):
    """A record asked for by key that the practice does not have."""

    def __init__(self, kind: str, key: str) -> None:
        super().__init__(f"There is no {kind} with the ID {key!r} in this practice.")
        self.kind = kind
        self.key = key


# Primary result codes (https://www.sqlite.org/rescode.html); extended codes keep them in the low byte.
_SQLITE_ERROR = 1
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_NOMEM = 7
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_PROTOCOL = 15
_SQLITE_NOTADB = 26


def _where(path: Path | None) -> str:
    return f" ({path})" if path is not None else ""


# An I/O error with less free space than this left on the disk is the disk being full: SQLite says
# "disk I/O error" (SQLITE_IOERR_SHMSIZE, _WRITE...) rather than SQLITE_FULL for its -wal and -shm.
_FULL_BELOW = 1024 * 1024
_NO_SPACE = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


_PRACTICE = "the practice database"


def full_disk_message(path: Path | None, what: str = _PRACTICE) -> str:
    """A full disk in the therapist's words: nothing is damaged, and restoring a backup is not the cure."""
    return (
        f"The disk holding {what}{_where(path)} is full. Your records are intact: nothing was lost "
        "or changed. Free some space on that disk and try again."
    )


def disk_is_full(path: Path | None) -> bool:
    """Whether the disk holding `path` (or its nearest existing folder) has next to no space left."""
    if path is None:
        return False
    import shutil  # only after an error: never at start

    place = Path(path)
    while not place.exists() and place.parent != place:
        place = place.parent
    try:
        usage = shutil.disk_usage(place)
    except OSError:
        return False
    # A file system of no size (/proc, /sys) is not a disk that can fill up.
    return usage.total > 0 and usage.free < _FULL_BELOW


def is_full_disk_error(error: OSError, path: Path | None = None) -> bool:
    """Whether an OS error (ENOSPC, a quota) or an I/O error beside a full disk means "disk full"."""
    return error.errno in _NO_SPACE or (error.errno == errno.EIO and disk_is_full(path))


# Windows' ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: another program (or this one) has the
# file open, so it cannot be renamed, replaced or deleted. Python reports them as PermissionError.
_IN_USE = (32, 33)


def is_in_use_error(error: OSError) -> bool:
    """Whether an OS error means the file is open in a program (Windows refuses to rename or delete it)."""
    return getattr(error, "winerror", None) in _IN_USE


def _environment_message(code: int, path: Path | None) -> str | None:
    """What to tell the therapist for an error the environment caused; None for our own bugs."""
    where = _where(path)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_PROTOCOL):
        return (
            f"The practice database{where} is busy: another program, or another Superbill Desk "
            "window, is using it. Close the other one and try again."
        )
    if code in (_SQLITE_READONLY, _SQLITE_PERM):
        return (
            f"The practice database{where} cannot be changed: the file or its folder is read-only. "
            "Give your user permission to write there, or choose another data folder with --data-dir."
        )
    if code == _SQLITE_FULL:
        return full_disk_message(path)
    if code == _SQLITE_IOERR:
        return (
            f"Reading or writing the practice database{where} failed with a disk error. Check that the "
            "drive is connected and healthy, then try again."
        )
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return (
            f"The file{where} is not a Superbill Desk database, or it is damaged. Restore it from a "
            "backup, or move it aside and start with a new data folder (--data-dir)."
        )
    if code == _SQLITE_CANTOPEN:
        return (
            f"The practice database{where} cannot be opened: its folder is missing or not accessible. "
            "Check the data folder, or choose another one with --data-dir."
        )
    if code == _SQLITE_NOMEM:
        return "The computer ran out of memory while using the practice database. Close other programs and try again."
    return None


# The primary code by exception class and message, for a driver error without sqlite_errorcode.
_BY_MESSAGE = (
    ("database is locked", _SQLITE_BUSY),
    ("file is not a database", _SQLITE_NOTADB),
    ("database disk image is malformed", _SQLITE_CORRUPT),
    ("readonly database", _SQLITE_READONLY),
    ("disk i/o error", _SQLITE_IOERR),
    ("database or disk is full", _SQLITE_FULL),
    ("unable to open database file", _SQLITE_CANTOPEN),
)


def error_code(error: Exception) -> int | None:
    """SQLite's primary result code for a driver error (either driver), when it can be told."""
    code = getattr(error, "sqlite_errorcode", None)
    # SQLCipher's sqlcipher_export() reports a full disk (and others) as a plain SQLITE_ERROR with
    # the real reason in its message: that message is read below.
    if isinstance(code, int) and code & 0xFF != _SQLITE_ERROR:
        return code & 0xFF
    if type(error).__name__ in ("OperationalError", "DatabaseError"):
        text = str(error).lower()
        for words, known in _BY_MESSAGE:
            if words in text:
                return known
    return code & 0xFF if isinstance(code, int) else None


def translated(error: Exception, path: Path | None = None, what: str = _PRACTICE) -> StoreError:
    """The store error a database error stands for (the caller raises it `from error`); `what` names
    the file in the message ("the backup being written" for a backup)."""
    code = error_code(error)
    if code in (_SQLITE_IOERR, _SQLITE_CANTOPEN) and disk_is_full(path):
        code = _SQLITE_FULL
    if code is not None:
        message = _environment_message(code, path)
        if message is not None:
            if what != _PRACTICE:
                message = message.replace(_PRACTICE, what).replace(_PRACTICE.capitalize(), what.capitalize())
            return StoreUnavailable(message, path)
    return StoreBug(f"{type(error).__name__}: {error}")


@contextlib.contextmanager
def translate_errors(path: Path | None = None, what: str = _PRACTICE) -> Iterator[None]:
    """Raise database errors (sqlite3 or sqlcipher3) from the block as `StoreUnavailable` or `StoreBug`."""
    try:
        yield
    except Exception as error:
        if not is_driver_error(error):
            raise
        raise translated(error, path, what) from error
