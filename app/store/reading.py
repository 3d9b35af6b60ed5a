"""Reading a file the user named (a practice file, an ICD-10-CM order file) within a size limit.

A folder, a pipe or a device is refused before it is opened, so that reading never waits on a pipe
nobody writes to, nor reads /dev/zero without end. It lives in the store layer so that both the
store (order files) and the services (practice files) read through it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from app.domain.errors import ValidationError


def read_file(path: Path, limit: int, what: str) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; `what` names it ("a practice file").

    A folder, a pipe or a device (/dev/zero, a terminal) is refused before it is opened, so that
    reading never waits on a pipe nobody writes to nor reads without end; a file longer than
    `limit` bytes is refused after reading `limit` + 1 bytes at most, even if it grows meanwhile.
    Raises ValidationError naming the path.
    """
    path = Path(path)
    try:
        _require_regular_file(path, os.stat(path).st_mode)
        # O_NONBLOCK: should a pipe have taken the file's place since, opening it does not wait.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as file:
            status = os.fstat(file.fileno())
            _require_regular_file(path, status.st_mode)
            content = b"" if status.st_size > limit else file.read(limit + 1)
    except OSError as error:
        raise ValidationError(str(path), f"cannot be read: {error.strerror or error}") from None
    if status.st_size > limit or len(content) > limit:
        raise ValidationError(str(path), f"is larger than {limit / 1_000_000:,g} MB: too large for {what}")
    return content


def _require_regular_file(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ValidationError(str(path), "is a folder: give the path of a file in it")
    if not stat.S_ISREG(mode):
        raise ValidationError(str(path), "is not a file (a pipe or a device): give the path of a file")
