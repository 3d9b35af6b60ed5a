"""Making a write survive a power cut: fsync of a file, and of the folder that holds a renamed one.

The one home of both, for every file the app writes whole (backups, key files, the pending recovery
key, encrypted copies).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def fsync_path(path: Path) -> None:
    """Flush the file at `path` to the disk; OSError when it cannot be."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no folder handles to sync); best effort."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fsync_path(folder)
