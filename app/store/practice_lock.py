"""Which process has a practice open: the operating system's lock on `practice.lock` in its folder.

The desktop app holds it while it has a practice open (app.services.workspace.Workspace.hold_open);
what puts another file in the database's place (a restore, encrypting) holds it while it does so.
Both refuse with PracticeInUse when another process holds it, before changing anything; ordinary
writes from the command line do not take it (SQLite keeps two writers of one file apart itself).

The lock is the operating system's: flock() on Linux and macOS, msvcrt.locking() on Windows. It
belongs to the open file, so it ends with the process: a crash or a kill never leaves a stale lock,
and nothing ever has to be deleted by hand (a file a crash left is simply locked again). A hold
removes the file as it ends, so that it is there only while the practice is held (or after a
crash); whoever opened it meanwhile finds, once locked, that the name is no longer its file, and
makes a new one (_still_named): two processes never each lock a different file of that name. What it
holds, the process id, since when and what it is, is only there for the message; never trusted.

Within one process the hold is counted, per folder: the app's own restore at start and its own
encrypting (Settings > Security) run while its window holds the practice.

A file system without locks (some network shares) is used as before, unlocked, and the log says so.
A `practice.lock` that is not a plain file of ours (a folder, a link, a device) is refused: a lock
taken on it would not be the one every other process takes, and its bytes are not ours to replace.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from app.store.database import make_data_folder
from app.store.durable import OWNER_ONLY
from app.store.errors import StoreUnavailable
from app.store.paths import lock_file_path

log = logging.getLogger(__name__)

APP = "Superbill Desk"  # what the app records as the holder; a command records "superbill <name>"
_LARGEST_RECORD = 4096
# Windows: the byte locked, far past the record, so that the record itself stays readable (a
# region msvcrt.locking holds cannot be read by another process). Locking past the end is allowed.
_WINDOWS_LOCKED_BYTE = 1 << 30
# What flock says on a file system that has no locks: the practice is used unlocked, as before.
_NO_LOCKS = frozenset({errno.ENOLCK, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL})


@dataclass(frozen=True)
class Holder:
    """What the lock file says about the process holding the practice (None: it does not say)."""

    pid: int | None = None
    since: datetime | None = None
    what: str | None = None


class PracticeInUse(StoreUnavailable):
    """Another process holds the practice: close it (or let it finish), then do it again."""

    def __init__(self, folder: Path, holder: Holder, then: str) -> None:
        self.holder = holder
        super().__init__(in_use_message(folder, holder, then), lock_file_path(folder))


def in_use_message(folder: Path, holder: Holder, then: str) -> str:
    """One line: who has the practice in `folder`, and what to do (`then`: "restore again")."""
    details = [f"process {holder.pid}"] if holder.pid is not None else []
    if holder.since is not None:
        details.append(f"since {holder.since:%m/%d/%Y %H:%M}")
    said = f" ({', '.join(details)})" if details else ""
    if holder.what is None or holder.what == APP:
        return (
            f"Superbill Desk has the practice in {folder} open{said}: close it, then {then}. "
            "Nothing was changed."
        )
    return (
        f"`{holder.what}` is working on the practice in {folder}{said}: let it finish, then {then}. "
        "Nothing was changed."
    )


@dataclass
class _Held:
    descriptor: int | None  # None: a file system without locks, used unlocked
    path: Path | None = None
    count: int = 1


_held: dict[str, _Held] = {}  # this process's holds, by folder


class PracticeHold:
    """One hold of a practice by this process; release it (or use `with`) when done."""

    def __init__(self, key: str) -> None:
        self._key: str | None = key

    def release(self) -> None:
        key, self._key = self._key, None
        if key is None:
            return
        held = _held[key]
        held.count -= 1
        if held.count == 0:
            del _held[key]
            if held.descriptor is not None:
                _let_go(held.descriptor, held.path)

    def __enter__(self) -> PracticeHold:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.release()


def hold_practice(folder: Path, what: str, then: str) -> PracticeHold:
    """Hold the practice in `folder` for this process (`what`: APP or "superbill restore"...).

    PracticeInUse (saying `then`, what to do once the other process is done) when another process
    holds it; StoreUnavailable when the folder or its lock file cannot be used. The folder is made
    when missing, as opening the practice would.
    """
    folder = Path(folder)
    key = _key(folder)
    held = _held.get(key)
    if held is not None:
        held.count += 1
        return PracticeHold(key)
    path = lock_file_path(folder)
    make_data_folder(folder)
    for _attempt in range(_ATTEMPTS):
        try:
            opened = _open_or_make(path)
        except OSError as error:
            raise _unusable(folder, error) from None
        if opened is None:
            log.warning("the data folder cannot be written: the practice is used unlocked")
            _held[key] = _Held(None)
            return PracticeHold(key)
        descriptor, created = opened
        try:
            locked = _lock_or_refuse(folder, descriptor, then)
        except BaseException:
            os.close(descriptor)
            raise
        if locked is None:
            log.warning("the data folder's file system has no locks: the practice is used unlocked")
            _let_go(descriptor, path if created else None, locked=False)  # nothing to keep apart
            _held[key] = _Held(None)
            return PracticeHold(key)
        if not _still_named(descriptor, path):
            os.close(descriptor)  # the holder before removed it as it let go: take the new one
            continue
        _record(descriptor, what)
        _held[key] = _Held(descriptor, path)
        return PracticeHold(key)
    raise PracticeInUse(folder, Holder(), then)


# POSIX removes an open file; Windows removes none another handle has open, this process's own
# included (tests/portability/windows.py sets it False to follow Windows' rules on Linux).
REMOVE_WHILE_LOCKED = sys.platform != "win32"
# Taking the lock, then finding the file gone (its holder removed it as it let go), is tried again.
_ATTEMPTS = 20


def refuse_if_held_elsewhere(folder: Path, then: str) -> None:
    """PracticeInUse when another process holds the practice in `folder`; nothing is written.

    For a refusal before anything is asked or checked (`superbill restore` before the passphrase);
    hold_practice is what keeps it while the change is made. No lock file: nobody holds it. A lock
    file that is not ours is refused as hold_practice refuses it.
    """
    folder = Path(folder)
    if _key(folder) in _held:
        return
    try:
        descriptor = _open(lock_file_path(folder), create=False)
    except OSError:
        return  # no folder, or one that cannot be read: what comes next says so, as before
    if descriptor is None:
        return
    try:
        if _lock_or_refuse(folder, descriptor, then):
            _unlock(descriptor)
    finally:
        os.close(descriptor)


def _lock_or_refuse(folder: Path, descriptor: int, then: str) -> bool | None:
    """_lock: True taken, None no locks here; PracticeInUse when another process holds it."""
    try:
        locked = _lock(descriptor)
    except OSError as error:
        raise _unusable(folder, error) from None
    if locked is False:
        raise PracticeInUse(folder, _holder(descriptor), then)
    return locked


def _key(folder: Path) -> str:
    return os.path.normcase(os.path.realpath(folder))


def _open(path: Path, *, create: bool, exclusive: bool = False) -> int | None:
    """The lock file, opened (for writing too when it may be); None when there is none, and none
    is to be made (`create` False) or can be made (a folder we may not write in: nothing can be
    renamed there either, by this user, so there is nothing for a lock to keep apart).

    StoreUnavailable (_not_ours) for what cannot be a lock file of ours: a link (not followed), a
    folder, a device or pipe (opened without waiting, then refused), a file with other names (a
    hard link: it could be the database itself). OSError for the rest (an unreadable lock file).
    """
    flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0) | getattr(os, "O_CLOEXEC", 0)
    if create:
        flags |= os.O_CREAT | (os.O_EXCL if exclusive else 0)
    try:
        descriptor = os.open(path, flags, OWNER_ONLY)
    except FileNotFoundError:
        if create:
            raise
        return None
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EISDIR) or os.path.islink(path):
            raise _not_ours(path) from None
        if error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
        if not os.path.lexists(path):
            return None  # a folder this user may not write in
        descriptor = os.open(
            path, flags & ~(os.O_RDWR | os.O_CREAT | os.O_EXCL) | os.O_RDONLY
        )  # not recorded in
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode) or status.st_nlink > 1:
        os.close(descriptor)
        raise _not_ours(path)
    return descriptor


def _open_or_make(path: Path) -> tuple[int, bool] | None:
    """The lock file opened, and whether it was made now; None as _open says."""
    for _attempt in range(_ATTEMPTS):
        try:
            made = _open(path, create=True, exclusive=True)
        except FileExistsError:
            try:
                found = _open(path, create=False)
            except FileNotFoundError:
                continue
            if found is None:
                continue  # removed in between: make it
            return found, False
        return None if made is None else (made, True)
    raise OSError(errno.EAGAIN, "made and removed again and again", str(path))


def _still_named(descriptor: int, path: Path) -> bool:
    """Whether the locked file is still the one at `path` (not removed by its last holder)."""
    try:
        named = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    status = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (status.st_dev, status.st_ino)


def _let_go(descriptor: int, made: Path | None, *, locked: bool = True) -> None:
    """Unlock and close, and remove the lock file at `made` (None: leave it), so that a hold leaves
    nothing behind. On POSIX it is removed while still locked: whoever opened it meanwhile finds
    it gone once they lock it (_still_named) and makes another. Windows removes no file another
    process has open, so there it is removed after, and only when nobody has it open."""
    if made is not None and REMOVE_WHILE_LOCKED:
        with contextlib.suppress(OSError):
            os.unlink(made)
    if locked:
        _unlock(descriptor)  # closing would release it too; said, for Windows
    os.close(descriptor)
    if made is not None and not REMOVE_WHILE_LOCKED:
        with contextlib.suppress(OSError):
            os.unlink(made)


def _lock(descriptor: int) -> bool | None:
    """Take the lock without waiting: True taken, False held by another, None no locks here."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(descriptor, _WINDOWS_LOCKED_BYTE, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in _NO_LOCKS:
            return None
        if sys.platform == "win32" or error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _unlock(descriptor: int) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            os.lseek(descriptor, _WINDOWS_LOCKED_BYTE, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_UN)


def _record(descriptor: int, what: str) -> None:
    """Write who holds it, for another process's message; best effort (a full disk is no reason)."""
    import json  # not at start: the app's start-up imports this module

    record = json.dumps(
        {"pid": os.getpid(), "since": datetime.now().isoformat(timespec="seconds"), "what": what}
    )
    with contextlib.suppress(OSError):
        os.ftruncate(descriptor, 0)
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.write(descriptor, (record + "\n").encode("utf-8"))


def _holder(descriptor: int) -> Holder:
    """What the lock file says; any part it does not say plainly is left out (never trusted)."""
    import json  # only when another process holds the practice

    try:
        os.lseek(descriptor, 0, os.SEEK_SET)
        text = os.read(descriptor, _LARGEST_RECORD).decode("utf-8")
        record = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return Holder()
    if not isinstance(record, dict):
        return Holder()
    pid = record.get("pid")
    since = record.get("since")
    what = record.get("what")
    try:
        when = datetime.fromisoformat(since) if isinstance(since, str) else None
    except ValueError:
        when = None
    plain_what = what if isinstance(what, str) and (what == APP or _is_command(what)) else None
    return Holder(
        pid=pid if isinstance(pid, int) and not isinstance(pid, bool) and 0 < pid < 1 << 32 else None,
        since=when,
        what=plain_what,
    )


def _is_command(what: str) -> bool:
    """A holder named as this app's commands are ("superbill restore"): nothing else is shown."""
    words = what.split(" ")
    return len(what) <= 40 and len(words) == 2 and words[0] == "superbill" and words[1].isalpha()


def _not_ours(path: Path) -> StoreUnavailable:
    return StoreUnavailable(
        f"{path} is not a file Superbill Desk made (a folder, a link or a device): move it out of "
        "the data folder, then try again. Nothing was changed.",
        path,
    )


def _unusable(folder: Path, error: OSError) -> StoreUnavailable:
    path = lock_file_path(folder)
    return StoreUnavailable(
        f"The data folder {folder} cannot be used: its lock file {path.name} cannot be opened "
        f"({error.strerror or error}). Check that the drive is connected, not full and writable. "
        "Nothing was changed.",
        path,
    )
