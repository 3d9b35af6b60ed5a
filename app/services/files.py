"""Writing a file the user named (a PDF, a practice file) so that nothing half-written is ever left."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from app.domain.errors import ValidationError


def write_file(path: Path, content: bytes) -> None:
    """Write `content` to `path` through a temporary file renamed over it.

    A path that is not a regular file (a terminal, a pipe, /dev/null, /dev/stdout) is written to
    directly: renaming over it would replace the device with an ordinary file.
    Raises ValidationError naming the path when it cannot be written.
    """
    path = Path(path)
    try:
        if path.exists() and not path.is_file():
            with path.open("wb") as target:
                target.write(content)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.partial")
        try:
            temporary.write_bytes(content)
            temporary.replace(path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    except OSError as error:
        raise ValidationError(str(path), f"cannot be written: {error.strerror or error}") from None


def shred_file(path: Path) -> bool:
    """Overwrite the file at `path` with zeros, flush it to the disk, then delete it; False when absent.

    On an SSD or a copy-on-write file system the old blocks may survive the overwrite until the
    drive reuses them: only full-disk encryption covers that. Raises OSError when it cannot be done.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    with contextlib.suppress(PermissionError), path.open("r+b") as file:
        zeros = bytes(1024 * 1024)
        left = size
        while left > 0:
            left -= file.write(zeros[: min(left, len(zeros))])
        file.flush()
        os.fsync(file.fileno())
    path.unlink()
    return True
