"""Writing a file the user named (a PDF, a practice file) so that nothing half-written is ever left."""

from __future__ import annotations

import contextlib
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
