"""The application log: what the app did, never whom it did it for.

One rotating file, superbill-desk.log (1 MB, five old copies), in the platform's log folder
(platformdirs.user_log_dir), or in $SUPERBILL_LOG_DIR, or in the folder given. On Linux and macOS
the folder is 0700 and every file 0600: only the user can read them.

The guarantee is in our log calls: they pass statement numbers, counts, versions and error kinds,
never a patient's name, date of birth, member or claim ID, a diagnosis or procedure code, an
amount or a file path (paths hold user names). Messages use %-style arguments only for those.

`PatientDataFilter` is a safety net on the file handler, not the guarantee: a record whose text
looks like a full date (2026-09-09, 09/09/2026), an ICD-10-CM code (M54.50, S13.4XXA) or a
procedure code (97124, G0283) has its message replaced by a notice that a message was withheld,
and tracebacks are dropped (an exception's message may quote a name). Statement numbers
(SB-2026-0001) are not dates. Names cannot be recognised by a pattern; only our calls keep them out.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from io import TextIOWrapper
from pathlib import Path

from app import __version__
from app.store.paths import LOG_DIR_VARIABLE
from app.store.paths import log_dir as log_dir  # the folder rule lives beside the data folder's

LOG_NAME = "superbill-desk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOGGER = "app"  # the package's loggers (logging.getLogger(__name__)) are its children

_POSIX = os.name == "posix"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger(__name__)


class PatientDataFilter(logging.Filter):
    """Withhold a message that looks like it carries a date of birth or a diagnosis code (see above)."""

    WITHHELD = "[message withheld: it looked like patient data]"
    _LOOKS_PRIVATE = re.compile(
        r"\b\d{4}-\d{1,2}-\d{1,2}\b"  # 1984-06-12
        r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # 06/12/1984
        r"|\b[A-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}\b"  # M54.50, S13.4XXA (codes with their dot)
        r"|\b\d{5}\b|\b[A-Z]\d{4}\b"  # 97124 (CPT), G0283 (HCPCS)
    )

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            text = record.getMessage()
        except (TypeError, ValueError):
            text = str(record.msg)
        if self._LOOKS_PRIVATE.search(text):
            record.msg, record.args = self.WITHHELD, None
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


class _PrivateRotatingFile(logging.FileHandler):
    """The log and its old copies (.1 the newest), each created readable by its owner only.

    A file that would pass max_bytes with the next record is renamed to .1 (.1 to .2, and so on;
    the oldest is dropped) and a new one begun. This is logging.handlers.RotatingFileHandler's rule;
    that module is not used because it brings sockets, pickle and queues with it, ~6 ms of every start.
    """

    def __init__(self, path: Path, *, max_bytes: int, backup_count: int) -> None:
        self.max_bytes, self.backup_count = max_bytes, backup_count
        super().__init__(path, mode="a", encoding="utf-8")

    def _open(self) -> TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(self.baseFilename, flags, 0o600)
        if _POSIX:
            os.fchmod(descriptor, 0o600)  # a file left by an older version may be wider
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_overflow(record):
                self._rotate()
        except Exception:
            self.handleError(record)
            return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """A record that cannot be written (a full disk) is dropped without a word.

        logging's own handler prints a traceback to stderr instead, in the middle of the message
        that tells the therapist what is wrong; the log is never worth more than the app's own work.
        """

    def _would_overflow(self, record: logging.LogRecord) -> bool:
        if self.max_bytes <= 0 or self.backup_count <= 0:
            return False  # the standard library's rule too: then the file only grows
        if self.stream is None:  # closed by an earlier rotation that failed half-way
            self.stream = self._open()
        self.stream.seek(0, os.SEEK_END)
        line = f"{self.format(record)}{self.terminator}".encode(self.encoding or "utf-8", "replace")
        return self.stream.tell() > 0 and self.stream.tell() + len(line) > self.max_bytes

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        for number in range(self.backup_count, 0, -1):
            older = Path(f"{self.baseFilename}.{number - 1}" if number > 1 else self.baseFilename)
            if older.exists():
                older.replace(f"{self.baseFilename}.{number}")
        self.stream = self._open()


_installed: _PrivateRotatingFile | None = None


def setup_logging(
    log_dir_override: Path | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
    level: int = logging.INFO,
) -> Path | None:
    """Send the app's log records to the rotating file; return its path (None when it cannot be written).

    Calling it again (every command-line run does) moves the log when the folder changed and
    otherwise keeps the file open. A log folder that cannot be made or written never stops the
    app: it runs without a log file.
    """
    global _installed
    folder = log_dir(log_dir_override)
    path = folder / LOG_NAME
    logger = logging.getLogger(LOGGER)
    logger.setLevel(level)
    if _installed is not None:
        if Path(_installed.baseFilename) == path.absolute() and _installed.max_bytes == max_bytes:
            return path
        logger.removeHandler(_installed)
        _installed.close()
        _installed = None
    try:
        _private_folder(folder, ours=log_dir_override is None and LOG_DIR_VARIABLE not in os.environ)
        handler = _PrivateRotatingFile(path, max_bytes=max_bytes, backup_count=backup_count)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(PatientDataFilter())
    logger.addHandler(handler)
    _installed = handler
    log.info(
        "Superbill Desk %s started python=%s platform=%s",
        __version__,
        ".".join(map(str, sys.version_info[:3])),
        sys.platform,
    )
    return path


def where_it_failed(error: BaseException) -> str:
    """Where an unexpected exception was raised, as module:line:function frames, innermost last.

    Its message is left out: an exception's message may quote a name, a date or a code. The
    frames are our code's file names and line numbers only, which is what finding the bug needs.
    """
    import traceback  # only a failure needs it

    frames = traceback.extract_tb(error.__traceback__)
    return " < ".join(
        f"{Path(frame.filename).stem}:{frame.lineno}:{frame.name}" for frame in reversed(frames[-8:])
    )


def stop_logging() -> None:
    """Close the log file (tests; the interpreter's exit closes it otherwise)."""
    global _installed
    if _installed is not None:
        logging.getLogger(LOGGER).removeHandler(_installed)
        _installed.close()
        _installed = None


def _private_folder(folder: Path, *, ours: bool) -> None:
    """Make the folder 0700; an existing folder is tightened only when it is the platform's one for us."""
    existed = folder.is_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if _POSIX and (ours or not existed):
        folder.chmod(0o700)
