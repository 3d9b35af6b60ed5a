"""Files the user names (a PDF, a practice file): where one may be written, and writing it whole.

`output_path` is the one rule for where a user-named file may go: never over the practice (any file
directly in the data folder, which holds only the app's own: the database and its -wal, -shm and
-journal, key.json, the marker, a pending recovery key; and the backups/ and codes/ folders),
never into the log folder, never a folder, never an empty name. Paths are compared resolved
(symlinks followed) and, for a file that exists, by device and inode, so a link to the database
is refused too. Every command and dialog that writes a file the user named asks it first.

`StagedFile` writes through a temporary file beside the target (owner only, fsynced) that is
renamed over it only when the caller is done: a superbill is numbered and recorded, in one
transaction, only once its PDF is written (app/services/superbills.py takes the write as
`deliver`), and a failure leaves neither a number used nor a file half-written.

Reading a file the user named, within a size limit, is app.store.reading.read_file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from app.domain.errors import ValidationError
from app.domain.file_names import windows_name_problem
from app.store.durable import set_mode
from app.store.errors import is_in_use_error
from app.store.paths import BACKUP_FOLDER, IMPORTED_FOLDER, data_dir

_POSIX = os.name == "posix"
# The longest path Windows opens (MAX_PATH less its terminating NUL) unless the LongPathsEnabled policy
# is set, which a therapist's laptop cannot be assumed to have; None where paths are not so limited.
LONGEST_PATH: int | None = 259 if os.name == "nt" else None
# The longest name a backup folder receives (app/store/backup.py's partial copy of a second backup
# in the same second, with SQLite's journal beside it, and an encrypted practice's key file).
_LONGEST_BACKUP_NAME = len(".practice-2026-11-27T101500-99.sqlite3.key.json.partial-journal")
# StagedFile writes `.<name>.partial` beside the file first: that many characters longer.
_STAGING_ROOM = len("..partial")
# Windows cannot replace a file that is open in another program (a PDF viewer), and says so only
# when the file is renamed. There StagedFile moves the file it replaces aside while staging, before
# the superbill is recorded, so an open file gives the number back; elsewhere the one rename is atomic.
SET_ASIDE_FIRST = os.name == "nt"
OWNER_ONLY = 0o600
_OWN_FOLDERS = (BACKUP_FOLDER, IMPORTED_FOLDER)  # the app's own folders inside the data folder


def output_path(value: str | os.PathLike[str], data_folder: Path | None, *, field: str) -> Path:
    """The path `value` as a file the user may have written, or ValidationError naming `field`.

    `data_folder` is the open practice's folder (None: the default one, app.store.paths.data_dir).

    Refused: an empty name; a folder; a path under a file; anything of the practice in `data_folder`
    (see the module's docstring) or in the log folder, by name, through a symlink or a hard link.
    A folder that does not exist yet is made when the file is written; one that exists must be
    writable. Nothing is written here.
    """
    text = os.fspath(value)
    if not text.strip():
        raise ValidationError(field, "no file name was given; name the file to write, such as superbill.pdf")
    path = Path(text).expanduser()
    try:
        return _allowed_output(path, text, data_folder, field)
    except OSError as error:  # a name too long for the file system, a folder that cannot be read
        raise ValidationError(
            field, f"{path} cannot be used as a file name ({error.strerror or error}); choose another"
        ) from None


def _allowed_output(path: Path, text: str, data_folder: Path | None, field: str) -> Path:
    target = _resolved(path)
    if target.is_dir() or text.endswith(("/", os.sep)):
        raise ValidationError(
            field, f"{path} is a folder; name a file in it, such as {path / 'superbill.pdf'}"
        )
    if _is_protected(target, data_folder):
        raise ValidationError(
            field,
            f"{path} is part of your practice's data (its database, key, backups or log); "
            "choose a file outside that folder",
        )
    if _is_device(path):
        return path  # a terminal, a pipe, /dev/stdout: written to as it is
    _refuse_unportable(path, field, room=_STAGING_ROOM, using="the file is first written under a name")
    folder = _nearest_existing(target.parent)
    if not folder.is_dir():
        raise ValidationError(field, f"{folder} is a file, not a folder; choose a file in a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValidationError(field, f"the folder {folder} cannot be written; choose another folder")
    return path


def backup_destination(value: str | os.PathLike[str], data_folder: Path, *, field: str) -> Path | None:
    """The folder `value` as a place for "Back up now", or ValidationError naming `field`.

    None means the data folder's own backups folder (the automatic backups, rotated). Refused: an
    empty name; a file, or a path under one; the data folder itself or any folder inside it other
    than its backups (the data folder holds only the app's own files: a folder named key.json would
    make the practice look encrypted); the log folder. A folder that does not exist yet is made.
    """
    text = os.fspath(value)
    if not text.strip():
        raise ValidationError(
            field, "no folder was given; name the folder to back up to, such as a USB stick"
        )
    path = Path(text).expanduser()
    try:
        target = _resolved(path)
        data = _resolved(Path(data_folder))
        if target == data / BACKUP_FOLDER:
            return None
        from app.services.logs import log_dir  # see _is_protected

        logs = _resolved(log_dir())
        if target in (data, logs) or data in target.parents or logs in target.parents:
            raise ValidationError(
                field,
                f"{path} is inside your practice's data folder or its log; back up to a folder outside "
                "it, such as a USB stick",
            )
        if target.exists() and not target.is_dir():
            raise ValidationError(field, f"{path} is a file, not a folder; name a folder to back up to")
        _refuse_unportable(path, field, room=_LONGEST_BACKUP_NAME + 1, using="the backup's name in it takes")
        existing = _nearest_existing(target)
        if not existing.is_dir():
            raise ValidationError(field, f"{existing} is a file, not a folder; name a folder to back up to")
    except OSError as error:
        raise ValidationError(
            field, f"{path} cannot be used as a folder ({error.strerror or error}); choose another"
        ) from None
    return path


def _refuse_unportable(path: Path, field: str, *, room: int, using: str) -> None:
    """ValidationError naming `field` for a path Windows cannot hold: a name of one of the folders
    that would be made, or of the file itself, that Windows refuses (app.domain.file_names, on every
    system), or, on Windows, a path that with `room` more characters (what is written there `using`
    them) passes LONGEST_PATH. Folders that exist already are the system's and are not judged.
    """
    absolute = path.absolute()
    made = [absolute]
    while not made[-1].parent.exists() and made[-1].parent != made[-1]:
        made.append(made[-1].parent)
    for part in reversed(made):
        problem = windows_name_problem(part.name)
        if problem is not None:
            raise ValidationError(field, f"{problem}; choose another name")
    length = len(str(absolute)) + room
    if LONGEST_PATH is not None and length > LONGEST_PATH:
        raise ValidationError(
            field,
            f"{absolute} is {len(str(absolute))} characters long and {using} {room} characters longer; "
            f"Windows opens paths of at most {LONGEST_PATH} characters: choose a shorter folder or name",
        )


def output_folder(value: str | os.PathLike[str], data_folder: Path | None, *, field: str) -> Path:
    """The folder `value` as a place to write many files (year-end statements), or ValidationError naming `field`.

    Refused: an empty name; a file, or a path under one; the data folder or any folder inside it (it
    holds only the app's own files); the log folder or one inside it; a folder that cannot be written.
    A folder that does not exist yet is made when the first file is written. Nothing is written here.
    """
    text = os.fspath(value)
    if not text.strip():
        raise ValidationError(field, "no folder was given; name the folder to write the files into")
    path = Path(text).expanduser()
    try:
        target = _resolved(path)
        from app.services.logs import log_dir  # see _is_protected

        for protected in (_resolved(data_dir(data_folder)), _resolved(log_dir())):
            if target == protected or protected in target.parents:
                raise ValidationError(
                    field,
                    f"{path} is part of your practice's data (its folder or its log); choose a folder outside it",
                )
        if target.exists() and not target.is_dir():
            raise ValidationError(field, f"{path} is a file, not a folder; name a folder to write into")
        existing = _nearest_existing(target)
        if not existing.is_dir():
            raise ValidationError(field, f"{existing} is a file, not a folder; name a folder to write into")
        if not os.access(existing, os.W_OK | os.X_OK):
            raise ValidationError(field, f"the folder {existing} cannot be written; choose another folder")
    except OSError as error:
        raise ValidationError(
            field, f"{path} cannot be used as a folder ({error.strerror or error}); choose another"
        ) from None
    return path


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compared by name as given
        return path.absolute()


def _is_device(path: Path) -> bool:
    """Something that exists and is neither a regular file nor a folder (a terminal, a pipe, /dev/null)."""
    return path.exists() and not path.is_file() and not path.is_dir()


def _nearest_existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _is_protected(target: Path, data_folder: Path | None) -> bool:
    from app.services.logs import log_dir  # logs set up the log folder; imported only to name it

    folders = [_resolved(data_dir(data_folder)), _resolved(log_dir())]
    data, logs = folders
    if target in (data, logs) or logs in target.parents:
        return True
    if target.parent == data:  # the data folder holds only the app's own files (key, marker, pending key...)
        return True
    if any(target == data / name or (data / name) in target.parents for name in _OWN_FOLDERS):
        return True
    identity = _identity(target)
    return identity is not None and identity in _protected_identities(data, logs)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def _protected_identities(data: Path, logs: Path) -> set[tuple[int, int]]:
    """(device, inode) of every file of the practice and of the log, to catch a hard link to one."""
    found: set[tuple[int, int]] = set()
    for folder in (data, logs, *(data / name for name in _OWN_FOLDERS)):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    status = entry.stat(follow_symlinks=False)
                    found.add((status.st_dev, status.st_ino))
    return found


class StagedFile:
    """A file written whole or not at all: `write` stages the content, `finish` puts it in place.

    Opening it (`with StagedFile(path) as staged:`) creates the temporary file at once, so a folder
    that cannot be written fails before anything else is done. Leaving the block normally puts the
    staged content in place; an exception removes the temporary file and leaves the target as it was.
    A target that is not a regular file (a terminal, a pipe, /dev/null) is written to directly:
    renaming over it would replace the device with an ordinary file.

    New files are readable by their owner only (0600 on POSIX); a file replaced keeps its mode
    narrowed to at most 0600. Errors are ValidationError naming `field` (the path when not given).
    """

    def __init__(self, path: Path, *, field: str | None = None) -> None:
        self.path = Path(path)
        self.field = field if field is not None else str(self.path)
        # A symlink to a file of the user's is written through; /dev/stdout is opened as it is named.
        self._target = self.path if _is_device(self.path) else _resolved(self.path)
        self._temporary: Path | None = None
        self._aside: Path | None = None  # the file replaced, while staged (SET_ASIDE_FIRST)
        self._descriptor: int | None = None
        self._staged = False

    def __enter__(self) -> StagedFile:
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
        try:
            action()
        except OSError as error:
            self.discard()
            if is_in_use_error(error):
                raise ValidationError(
                    self.field,
                    f"{self.path} is open in another program (a PDF viewer?); close it there and try "
                    "again, or choose another file name",
                ) from None
            reason = error.strerror or str(error)
            raise ValidationError(
                self.field, f"{self.path} cannot be written ({reason}); choose another file or folder"
            ) from None

    def _open(self) -> None:
        target = self._target
        if target.exists() and not target.is_file():
            flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
            self._descriptor = os.open(target, flags)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = OWNER_ONLY
        with contextlib.suppress(FileNotFoundError):
            mode = stat.S_IMODE(target.stat().st_mode) & OWNER_ONLY
        temporary = target.with_name(f".{target.name}.partial")
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()  # left by a run that was killed
        aside = self._aside_path()
        if aside.exists() and not target.exists():
            os.replace(aside, target)  # a run killed while the file it replaces was aside
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        self._descriptor = os.open(temporary, flags, OWNER_ONLY)
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
            if SET_ASIDE_FIRST and self._target.is_file():
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
        if self._aside is not None:
            with contextlib.suppress(OSError):
                self._aside.unlink()
            self._aside = None

    def discard(self) -> None:
        """Remove the temporary file; the target stays as it was."""
        with contextlib.suppress(OSError):
            self._close()
        if self._temporary is not None:
            with contextlib.suppress(FileNotFoundError):
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


def write_file(path: Path, content: bytes, *, field: str | None = None) -> None:
    """Write `content` to `path` whole (see StagedFile); ValidationError naming `field` when it cannot be."""
    with StagedFile(path, field=field) as staged:
        staged.write(content)


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
