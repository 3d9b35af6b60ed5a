"""Writing a file whole, so that it survives a crash or a power cut: the one home of atomic writes.

Every file the app writes whole goes through here: key.json, the pending recovery key, backups and
their key files, encrypted copies, code-set files, a restore's copy, and the files the user names
(through app.store.output_paths, which adds the rules of where such a file may go).

The rule, one way for all: the content goes to a temporary file beside the target (owner only),
which is flushed and fsynced, then renamed over the target; then the folder is fsynced, so that the
rename survives a power cut too. A failure removes the temporary file and leaves the target as it
was. Errors are OSError: the caller says what the file is (see app.store.errors.is_full_disk_error).

- `WholeFile`: a file staged in steps (`write`, then `finish` when the caller is done).
- `write_whole`: bytes or text to a path, at once. `copy_whole`: a copy of a file, at once.
- `put_in_place`: a file another writer made (SQLite) under a temporary name, given its name.
- `copy_file`: a copy under a name that is itself temporary (fsynced, owner only, not renamed).
- `shred_file`, `set_mode`, `fsync_path`, `sync_folder`.

Windows (tests/portability/): modes do nothing there, folders have no handles to fsync, and a file
open in another program (a PDF viewer) cannot be replaced: `WholeFile(set_aside_first=True)` moves
the file it replaces aside while staging, so that is found before the caller commits to anything.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

OWNER_ONLY = 0o600
OWNER_ONLY_FOLDER = 0o700
_CHUNK = 1024 * 1024

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


def staging_path(target: Path) -> Path:
    """The temporary file `target` is written as first: `.<name>.partial`, beside it."""
    return target.with_name(f".{target.name}.partial")


def is_device(path: Path) -> bool:
    """Something that exists and is neither a regular file nor a folder (a terminal, a pipe, /dev/null)."""
    return path.exists() and not path.is_file() and not path.is_dir()


class WholeFile:
    """A file written whole or not at all: `write` stages the content, `finish` puts it in place.

    Opening it (`with WholeFile(path) as staged:`) creates the temporary file at once, so a folder
    that cannot be written fails before anything else is done (the folder is made when missing).
    Leaving the block normally puts the staged content in place; an exception removes the temporary
    file and leaves the target as it was. A target that is not a regular file (a terminal, a pipe,
    /dev/null) is written to directly: renaming over it would replace the device with an ordinary
    file. A symlink to a file is written through.

    New files are readable by their owner only (`mode`, 0600); a file replaced keeps its own mode
    narrowed to at most that. `set_aside_first`: see the module's docstring (Windows). Errors are OSError.
    """

    def __init__(self, path: Path, *, mode: int = OWNER_ONLY, set_aside_first: bool = False) -> None:
        self.path = Path(path)
        self._mode = mode
        self._set_aside_first = set_aside_first
        self._target = self.path if is_device(self.path) else resolved_path(self.path)
        self._temporary: Path | None = None
        self._aside: Path | None = None  # the file replaced, while staged (set_aside_first)
        self._descriptor: int | None = None
        self._staged = False

    def __enter__(self) -> WholeFile:
        self._attempt(self._open)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.finish()
        else:
            self.discard()

    def _attempt(self, action: Callable[[], None]) -> None:
        """Run one step; on OSError the temporary file is removed and the error raised."""
        try:
            action()
        except OSError:
            self.discard()
            raise

    def _open(self) -> None:
        target = self._target
        if target.exists() and not target.is_file():
            self._descriptor = os.open(target, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = self._mode
        with contextlib.suppress(FileNotFoundError):
            mode = stat.S_IMODE(target.stat().st_mode) & self._mode
        temporary = staging_path(target)
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()  # left by a run that was killed
        aside = self._aside_path()
        if aside.exists() and not target.exists():
            os.replace(aside, target)  # a run killed while the file it replaces was aside
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        self._descriptor = os.open(temporary, flags, self._mode)
        self._temporary = temporary
        set_mode(self._descriptor, mode)

    def write(self, content: bytes) -> None:
        """Stage `content` (written and fsynced; a device gets it now). Call it once."""
        self._attempt(lambda: self._write(content))

    def _write(self, content: bytes) -> None:
        if self._descriptor is None:
            raise OSError("the file was not opened")
        view = memoryview(content)
        while view:
            view = view[os.write(self._descriptor, view) :]
        if self._temporary is not None:
            os.fsync(self._descriptor)
            if self._set_aside_first and self._target.is_file():
                aside = self._aside_path()
                with contextlib.suppress(FileNotFoundError):
                    aside.unlink()
                os.replace(self._target, aside)  # refused here, before anything is recorded, if open
                self._aside = aside
        self._staged = True

    def _aside_path(self) -> Path:
        return self._target.with_name(f".{self._target.name}.replaced")

    def finish(self) -> None:
        """Put the staged content in place (nothing happens when nothing was staged)."""
        if self._staged and self._temporary is not None:
            self._attempt(self._rename)
        else:
            self.discard()

    def _rename(self) -> None:
        self._close()
        assert self._temporary is not None
        os.replace(self._temporary, self._target)
        self._temporary = None
        sync_folder(self._target.parent)
        if self._aside is not None:
            with contextlib.suppress(OSError):
                self._aside.unlink()
            self._aside = None

    def discard(self) -> None:
        """Remove the temporary file; the target stays as it was."""
        with contextlib.suppress(OSError):
            self._close()
        if self._temporary is not None:
            with contextlib.suppress(OSError):
                self._temporary.unlink()
            self._temporary = None
        if self._aside is not None:
            with contextlib.suppress(OSError):
                os.replace(self._aside, self._target)  # the file it was to replace, back in place
            self._aside = None

    def _close(self) -> None:
        if self._descriptor is not None:
            descriptor, self._descriptor = self._descriptor, None
            os.close(descriptor)


def write_whole(path: Path, content: bytes | str, *, mode: int = OWNER_ONLY) -> None:
    """Write `content` (text as UTF-8) to `path` whole (see WholeFile); OSError when it cannot be."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with WholeFile(path, mode=mode) as staged:
        staged.write(data)


def copy_whole(source: Path, target: Path) -> None:
    """Copy the file at `source` to `target` whole, owner only (see WholeFile); OSError when it cannot be."""
    temporary = staging_path(Path(target))
    try:
        copy_file(source, temporary)
        put_in_place(temporary, Path(target))
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def copy_file(source: Path, target: Path) -> None:
    """Copy `source` to `target` (a temporary name of the caller's: any file there is replaced),
    owner only and fsynced; not renamed anywhere (see put_in_place)."""
    import shutil  # only when a file is copied: never at start

    with contextlib.suppress(FileNotFoundError):
        target.unlink()
    descriptor = os.open(
        target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), OWNER_ONLY
    )
    with os.fdopen(descriptor, "wb") as out, Path(source).open("rb") as src:
        shutil.copyfileobj(src, out, _CHUNK)
        out.flush()
        os.fsync(out.fileno())


def put_in_place(temporary: Path, target: Path, *, replace: bool = True) -> None:
    """Give the finished file at `temporary` (beside `target`) the name `target`, durably: the file
    is fsynced, renamed, and the folder fsynced.

    `replace=False` never replaces a file that has the name (FileExistsError): the file is linked
    under it and the temporary name removed; where the folder has no hard links (a FAT stick) it is
    checked for, then renamed.
    """
    fsync_path(temporary)
    if replace:
        os.replace(temporary, target)
    else:
        try:
            os.link(temporary, target)  # fails when target exists
        except FileExistsError:
            raise
        except OSError:
            if os.path.lexists(target):
                raise FileExistsError(errno.EEXIST, "a file has that name", str(target)) from None
            os.replace(temporary, target)
        else:
            temporary.unlink()
    sync_folder(target.parent)


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
        zeros = bytes(_CHUNK)
        left = size
        while left > 0:
            left -= file.write(zeros[: min(left, len(zeros))])
        file.flush()
        os.fsync(file.fileno())
    path.unlink()
    return True


def resolved_path(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: taken by name as given
        return path.absolute()
