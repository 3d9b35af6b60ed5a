"""Encryption at rest, for the other copies of the practice in its data folder: its backups, the
databases a restore kept aside, and the plain leftovers of an interrupted run (app/services/encryption.py
sets encryption up and calls protect_copies; opening an encrypted practice calls it too).

Nothing here logs or puts a key in an exception message.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from app.services.files import shred_file
from app.store.database import is_plain_sqlite, is_plain_sqlite_header, remove_database_files
from app.store.durable import fsync_path, put_in_place
from app.store.errors import StoreUnavailable
from app.store.paths import backup_folder, backup_key_file_path, database_path

log = logging.getLogger(__name__)

PLAIN_ASIDE = ".plain-"  # `practice.sqlite3.plain-<moment>`: the plain database an encryption set aside
_COPY_ENCRYPTING = ".encrypting"  # `.<copy>.encrypting`: the encrypted copy being written
_COPY_PLAIN = ".plain"  # `.<copy>.plain`: the plain copy, moved aside to be overwritten
_RESTORING = f".{database_path(Path()).name}.restoring"  # app.services.restore's temporary copy
_COMPANIONS = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class CopiesReport:
    """What encrypting did to the other copies of the practice in its data folder."""

    encrypted: tuple[Path, ...] = ()  # backups and earlier databases, now encrypted in place
    removed: tuple[Path, ...] = ()  # unencrypted leftovers, overwritten and deleted
    left: tuple[tuple[Path, str], ...] = ()  # copies that could not be encrypted, and why


def protect_copies(folder: Path, key: bytes) -> CopiesReport:
    """Encrypt, with the practice's key, every unencrypted copy of it left in the data folder.

    - backups in backups/: each re-written encrypted, with its key file beside it as a backup
      writes it (`<backup>.key.json`);
    - earlier databases kept by a restore (`practice.sqlite3.before-restore-*`): encrypted in place,
      since they are kept as a safety net;
    - leftovers (the plain database an interrupted encryption set aside, a restore's temporary
      copy, a backup's unfinished temporary file): overwritten and deleted.

    Each copy is written encrypted under a temporary name, checked, and only then takes the copy's
    name; the plain file is then overwritten and deleted. A crash at any moment leaves every copy
    whole under its name, plain or encrypted, and the next call finishes the job. A copy that
    cannot be read (damaged) or written (disk full) is left as it was, and named in `left`.
    """
    from app.store import encryption as keys  # only an encrypted practice needs it (app.services.encryption)
    from app.store.health import Health, classify_database

    key_file = keys.KeyFile.read(folder)
    backups = backup_folder(folder)
    for place in (folder, backups):
        _finish_interrupted_copies(place)
    removed: list[Path] = []
    left: list[tuple[Path, str]] = []
    for leftover in plain_leftovers(folder):
        try:
            shred_file(leftover)
            removed.append(leftover)
        except OSError as error:
            left.append((leftover, f"cannot be deleted: {error.strerror or error}"))
    encrypted: list[Path] = []
    for copy in plain_copies(folder):
        if classify_database(copy) is not Health.OK:
            left.append((copy, "it is damaged and cannot be read, so it was left as it is"))
            continue
        temporary = copy.with_name(f".{copy.name}{_COPY_ENCRYPTING}")
        aside = copy.with_name(f".{copy.name}{_COPY_PLAIN}")
        try:
            remove_database_files(temporary)
            keys.encrypt_database(copy, temporary, key)
            fsync_path(temporary)  # whole on the disk before the plain copy is moved aside
            if copy.parent == backups:
                key_file.save(backup_key_file_path(copy))
            for extra in _COMPANIONS:
                source = copy.with_name(copy.name + extra)
                if source.exists():
                    os.replace(source, aside.with_name(aside.name + extra))
            put_in_place(temporary, copy)
        except (OSError, StoreUnavailable) as error:
            remove_database_files(temporary)
            reason = (
                error.strerror if isinstance(error, OSError) else "the encrypted copy could not be written"
            )
            left.append((copy, f"{reason or 'it could not be written'}; check that the disk is not full"))
            continue
        encrypted.append(copy)
        with contextlib.suppress(OSError):
            shred_database_files(aside)
    named = {path for path, _ in left}
    for other in _other_plain_files(folder):
        if other not in named:
            left.append((other, _NOT_OURS))
    if encrypted or removed:
        log.info("copies encrypted=%d removed=%d left=%d", len(encrypted), len(removed), len(left))
    return CopiesReport(tuple(encrypted), tuple(removed), tuple(left))


_NOT_OURS = (
    "a file Superbill Desk did not make (a copy made by hand, another tool's) that still holds "
    "unencrypted data; move it somewhere safe or delete it"
)


def _other_plain_files(folder: Path) -> list[Path]:
    """Files in the data folder, other than the practice's own, that begin as a plain SQLite
    database or a SQLite journal does (a copy made by hand: practice.sqlite3.bak, backups/old.sqlite3)."""
    found: list[Path] = []
    database = database_path(folder)
    for path in sorted(folder.rglob("*")):
        if path == database or not path.is_file() or path.is_symlink():
            continue
        with contextlib.suppress(OSError), path.open("rb") as file:
            head = file.read(16)
            if is_plain_sqlite_header(head) or head[:8] in _JOURNAL_HEADERS:
                found.append(path)
    return found


# A rollback journal's and a write-ahead log's first bytes (either may hold pages in the clear).
_JOURNAL_HEADERS = (
    b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7",
    b"\x37\x7f\x06\x82\x00\x2d\xe2\x18",
    b"\x37\x7f\x06\x83\x00\x2d\xe2\x18",
)


def plain_copies(folder: Path) -> list[Path]:
    """Backups and before-restore databases in the data folder that are plain SQLite files."""
    from app.services.backups import list_backups  # it imports app.services.encryption, which imports this

    database = database_path(folder)
    candidates = [backup.path for backup in list_backups(backup_folder(folder))]
    with contextlib.suppress(OSError):
        candidates += sorted(
            path
            for path in folder.glob(f"{database.name}.before-restore-*")
            if not path.name.endswith(("-wal", "-shm", "-journal"))
        )
    return [path for path in candidates if is_plain_sqlite(path)]


def plain_leftovers(folder: Path) -> list[Path]:
    """Plain temporary copies: an interrupted encryption's, a restore's, an unfinished backup's."""
    database = database_path(folder)
    found: list[Path] = []
    with contextlib.suppress(OSError):
        found += list(folder.glob(f"{database.name}{PLAIN_ASIDE}*"))
        found += [path for path in folder.glob(f"{_RESTORING}*") if path.is_file()]
    with contextlib.suppress(OSError):
        found += [path for path in backup_folder(folder).glob(".*.partial") if path.is_file()]
    return sorted(found)


def _finish_interrupted_copies(place: Path) -> None:
    """After a crash in protect_copies: each copy whole under its name, the plain one aside overwritten."""
    try:
        entries = list(place.iterdir())
    except OSError:
        return
    for temporary in entries:
        name = temporary.name
        if not (name.startswith(".") and name.endswith(_COPY_ENCRYPTING)):
            continue
        copy = place / name[1 : -len(_COPY_ENCRYPTING)]
        aside = place / f".{copy.name}{_COPY_PLAIN}"
        if not copy.exists() and aside.exists():
            put_in_place(temporary, copy)  # checked before the plain copy was moved aside
        else:
            remove_database_files(temporary)  # unfinished: the copy is encrypted again
    for aside in list(place.glob(f".*{_COPY_PLAIN}")):
        copy = place / aside.name[1 : -len(_COPY_PLAIN)]
        if copy.exists():
            with contextlib.suppress(OSError):
                shred_database_files(aside)
        else:
            os.replace(aside, copy)  # never happens in order; put the plain copy back, to be done again


def shred_database_files(path: Path) -> None:
    """Overwrite and delete the database file at `path` and its -wal, -shm and -journal."""
    for extra in _COMPANIONS:
        shred_file(path.with_name(path.name + extra))
