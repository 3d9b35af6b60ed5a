"""Making a write survive a power cut: fsync of a file, and of the folder that holds a renamed one;
and narrowing a new file's mode where the file system has modes.

The one home of these, for every file the app writes whole (backups, key files, the pending recovery
key, encrypted copies, files the user names).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

# What chmod says on a file system without POSIX modes (a FAT or exFAT USB stick, many network
# shares): EPERM from Linux's vfat, ENOSYS or ENOTSUP through FUSE. The file keeps the mount's rules.
_NO_MODES = frozenset({errno.EPERM, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP})


def set_mode(target: Path | int, mode: int) -> None:
    """Give the file at `target` (a path, or an open descriptor) `mode`, on POSIX.

    Nothing on Windows (modes do nothing there) or where the file system has no modes (a FAT stick:
    the app's own files were created owner-only already; a stick is as private as whoever holds it).
    Other errors are raised.
    """
    if os.name != "posix":
        return
    try:
        if isinstance(target, int):
            os.fchmod(target, mode)
        else:
            os.chmod(target, mode)
    except OSError as error:
        if error.errno not in _NO_MODES:
            raise


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
