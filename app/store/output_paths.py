"""Files the user names (a PDF, a practice file, a folder of statements): where one may be written,
and writing it whole.

`output_path` is the one rule for where a user-named file may go: never over the practice (any file
directly in the data folder, which holds only the app's own: the database and its -wal, -shm and
-journal, key.json, the marker, a pending recovery key; and the backups/ and codes/ folders),
never into the log folder, never a folder, never an empty name. Paths are compared resolved
(symlinks followed) and, for a file that exists, by device and inode, so a link to the database
is refused too. Every command and dialog that writes a file the user named asks it first
(through app.services.files: the desktop and the commands reach the store only through services).
`output_folder` and `backup_destination` are the same rules for a folder of files and for a backup.

`StagedFile` is app.store.durable.WholeFile (the one atomic, fsynced write) with the user's words
for what went wrong: a file that cannot be written is bad input naming the field
(ValidationError: choose another file), but a full disk is the environment (StoreUnavailable, exit
3): the same name works once space is freed. A superbill is numbered and recorded, in one
transaction, only once its PDF is staged (app/services/superbills.py takes the write as `deliver`),
and a failure leaves neither a number used nor a file half-written.

Reading a file the user named, within a size limit, is app.store.reading.read_file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from app.domain.errors import ValidationError
from app.domain.file_names import windows_name_problem
from app.store.durable import WholeFile, is_device, resolved_path
from app.store.errors import StoreUnavailable, full_disk_message, is_full_disk_error, is_in_use_error
from app.store.paths import BACKUP_FOLDER, IMPORTED_FOLDER, data_dir, log_dir

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
    target = resolved_path(path)
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
    if is_device(path):
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
        target = resolved_path(path)
        data = resolved_path(Path(data_folder))
        if target == data / BACKUP_FOLDER:
            return None
        logs = resolved_path(log_dir())
        if target in (data, logs) or data in target.parents or logs in target.parents:
            raise ValidationError(
                field,
                f"{path} is inside your practice's data folder or its log; back up to a folder outside "
                "it, such as a USB stick",
            )
        _existing_folder(path, target, field, "to back up to")
        _refuse_unportable(path, field, room=_LONGEST_BACKUP_NAME + 1, using="the backup's name in it takes")
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
        target = resolved_path(path)
        for protected in (resolved_path(data_dir(data_folder)), resolved_path(log_dir())):
            if target == protected or protected in target.parents:
                raise ValidationError(
                    field,
                    f"{path} is part of your practice's data (its folder or its log); choose a folder outside it",
                )
        existing = _existing_folder(path, target, field, "to write into")
        if not os.access(existing, os.W_OK | os.X_OK):
            raise ValidationError(field, f"the folder {existing} cannot be written; choose another folder")
    except OSError as error:
        raise ValidationError(
            field, f"{path} cannot be used as a folder ({error.strerror or error}); choose another"
        ) from None
    return path


def _existing_folder(path: Path, target: Path, field: str, purpose: str) -> Path:
    """The folder `target` (`path` resolved), or the nearest one above it that exists; ValidationError
    naming `field` when that is a file: a folder cannot be made in or as a file."""
    if target.exists() and not target.is_dir():
        raise ValidationError(field, f"{path} is a file, not a folder; name a folder {purpose}")
    existing = _nearest_existing(target)
    if not existing.is_dir():
        raise ValidationError(field, f"{existing} is a file, not a folder; name a folder {purpose}")
    return existing


def _nearest_existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _is_protected(target: Path, data_folder: Path | None) -> bool:
    folders = [resolved_path(data_dir(data_folder)), resolved_path(log_dir())]
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


class StagedFile(WholeFile):
    """A file the user named, written whole or not at all (app.store.durable.WholeFile).

    Errors name `field` (the path when not given): ValidationError for a file that cannot be written
    there (choose another), StoreUnavailable for a full disk (free some space; nothing was written).
    """

    def __init__(self, path: Path, *, field: str | None = None) -> None:
        super().__init__(path, set_aside_first=SET_ASIDE_FIRST)
        self.field = field if field is not None else str(self.path)

    def __enter__(self) -> StagedFile:
        super().__enter__()
        return self

    def _attempt(self, action: Callable[[], None]) -> None:
        try:
            super()._attempt(action)
        except OSError as error:
            raise self._refusal(error) from None

    def _refusal(self, error: OSError) -> ValidationError | StoreUnavailable:
        if is_full_disk_error(error, self.path.parent):
            return StoreUnavailable(
                full_disk_message(None, str(self.path)) + f" ({self.path.name} was not written.)", self.path
            )
        if is_in_use_error(error):
            return ValidationError(
                self.field,
                f"{self.path} is open in another program (a PDF viewer?); close it there and try "
                "again, or choose another file name",
            )
        reason = error.strerror or str(error)
        return ValidationError(
            self.field, f"{self.path} cannot be written ({reason}); choose another file or folder"
        )


def write_file(path: Path, content: bytes, *, field: str | None = None) -> None:
    """Write `content` to the file the user named at `path`, whole (see StagedFile)."""
    with StagedFile(path, field=field) as staged:
        staged.write(content)
