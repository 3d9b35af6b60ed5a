"""Restoring a backup: checked first, the database it replaces renamed aside, never deleted.

The replaced database is renamed to `practice.sqlite3.before-restore-<date>T<time>` in the data
folder, whole on its own: the committed transactions a crash left in its -wal are checkpointed into
it first (when it cannot be opened, its -wal and -shm are renamed with it). A backup with a -wal
beside it is restored with what that -wal holds (app.store.backup.copy_whole). An encrypted backup
is opened with the data folder's key.json or the key file saved beside it (`<backup>.key.json`,
app.store.paths.backup_key_file_path).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.services import encryption
from app.services.practice_health import mark_practice
from app.store.backup import (
    BackupRefused,
    BackupSummary,
    copy_whole,
    describe_backup,
    read_summary,
    settle_log,
    verify_backup,
)
from app.store.database import is_plain_sqlite
from app.store.durable import OWNER_ONLY_FOLDER, copy_file, put_in_place
from app.store.errors import StoreUnavailable, full_disk_message, is_full_disk_error, is_in_use_error
from app.store.health import Health, classify_database
from app.store.numbering import Numbering, keep_floor, read_numbering
from app.store.paths import (
    BACKUP_STAMP,
    DATABASE_NAME,
    backup_key_file_path,
    database_path,
    key_file_path,
    pending_recovery_key_path,
)
from app.store.practice_lock import hold_practice, refuse_if_held_elsewhere


@dataclass(frozen=True)
class RestoreResult:
    """What was restored, where the database it replaced was kept, and the restored file's check."""

    summary: BackupSummary
    database: Path
    kept_aside: tuple[Path, ...]  # the replaced database (and its -wal, -shm), renamed; empty if none
    key_file_installed: bool = False  # the backup's key file became the data folder's key.json
    # The numbers the replaced database issued that the backup lacks (kept aside with it, never
    # issued again); None when that database could not be read, so which is unknown.
    issued_since: tuple[str, ...] | None = ()


def backup_is_encrypted(backup_path: Path) -> bool:
    """Whether the file is not a plain SQLite file (an encrypted backup, or not a database at all)."""
    path = Path(backup_path)
    return path.is_file() and path.stat().st_size > 0 and not is_plain_sqlite(path)


def backup_key_files(backup_path: Path, data_dir: Path) -> list[Path]:
    """The key files that may open an encrypted backup: the data folder's key.json, the one beside it.

    BackupRefused when there is neither (before anyone is asked for a passphrase).
    """
    backup_path = Path(backup_path)
    beside = backup_key_file_path(backup_path)
    candidates = [path for path in (key_file_path(Path(data_dir)), beside) if path.exists()]
    if not candidates:
        raise BackupRefused(
            f"The file {backup_path} is not a database, or is encrypted and no key file opens it "
            f"(put the key file saved with it beside it, named {beside.name}).",
            backup_path,
        )
    return candidates


def backup_key(
    backup_path: Path, data_dir: Path, passphrase: str | None = None, recovery_key: str | None = None
) -> tuple[bytes, Path]:
    """The key that opens an encrypted backup, and the key file it was unwrapped from.

    The data folder's key.json is tried first (the same practice: restoring then keeps the current
    passphrase), then the key file saved beside the backup (`<backup>.key.json`, as backups write
    it), which is what opens it on another computer or after key.json was lost. BackupRefused when
    neither is there; KeyFileError when one of them is damaged and the other does not open it;
    WrongPassphrase when the secret unwraps neither.
    """
    from app.store.encryption import KeyFile, KeyFileError  # only an encrypted backup needs it

    backup_path = Path(backup_path)
    beside = backup_key_file_path(backup_path)
    candidates = backup_key_files(backup_path, data_dir)
    refused: encryption.WrongPassphrase | KeyFileError | None = None
    for path in candidates:
        try:
            key = encryption.unwrap(KeyFile.load(path), passphrase, recovery_key)
        except (encryption.WrongPassphrase, KeyFileError) as error:
            # A damaged key file is what to put right first: the passphrase may well be the one.
            if refused is None or isinstance(error, KeyFileError):
                refused = error
            continue
        if classify_database(backup_path, key, pages=False) is not Health.NOT_A_DATABASE:
            return key, path
    if refused is None:
        raise BackupRefused(
            f"The file {backup_path} cannot be opened with the key in "
            f"{' or '.join(str(path) for path in candidates)}: it belongs to another practice or is "
            f"not a database. Put the key file saved with it beside it, named {beside.name}.",
            backup_path,
        )
    if isinstance(refused, encryption.WrongPassphrase) and refused.field == "passphrase":
        raise encryption.WrongPassphrase(
            "passphrase",
            "That passphrase does not open this backup's key file. If you changed the passphrase "
            "since the backup, use the one of then, or --recovery-key.",
        )
    raise refused


def restore(
    data_dir: Path,
    backup_path: Path,
    key: bytes | None = None,
    now: datetime | None = None,
    key_file: Path | None = None,
) -> RestoreResult:
    """Put the backup at `backup_path` in place of the practice database in `data_dir`.

    An encrypted backup comes with its `key` and the `key_file` it was unwrapped from (backup_key):
    when that is not the data folder's own key.json, it becomes key.json and the one it replaces is
    kept aside (`key.json.before-restore-<moment>`), like the database. A plain backup is refused
    where the practice is encrypted: restoring it would leave the records unencrypted.

    The practice must be closed (no Workspace open on it). When another process holds it (the app
    has it open, and would go on writing to the file set aside) PracticeInUse refuses, before the
    backup is read; the practice is held while the files are put in place (app.store.practice_lock).
    The backup is checked first (integrity, our schema, not newer, exactly as Superbill Desk made
    it: app.store.verify) and refused with BackupRefused saying why, the current database left
    untouched. The current database is renamed aside, never deleted; the copy is verified again
    before it takes the database's name.
    """
    data_dir = Path(data_dir)
    backup_path = Path(backup_path)
    database = database_path(data_dir)
    refuse_if_in_use(data_dir)
    if backup_path.exists() and database.exists() and os.path.samefile(backup_path, database):  # links too
        raise BackupRefused("That file is the practice database itself, not a backup of it.", backup_path)
    own_key_file = key_file_path(data_dir)
    installing = _installs(data_dir, key_file)
    if key is None and own_key_file.exists():
        raise BackupRefused(
            f"The file {backup_path} is an unencrypted backup, and this practice is encrypted: restoring "
            "it would leave your records unencrypted. Restore an encrypted backup, or restore it into "
            "another data folder (--data-dir) and encrypt that.",
            backup_path,
        )
    summary = describe_backup(backup_path, key)
    if not summary.integrity_ok:
        raise BackupRefused(
            f"The file {backup_path} cannot be used as a backup: it is damaged (SQLite's integrity "
            "check found errors). Choose an earlier backup.",
            backup_path,
        )
    now = now or datetime.now()
    with hold_practice(data_dir, "superbill restore", RESTORE_AGAIN):
        kept, issued_since = _put_in_place(data_dir, backup_path, key, key_file if installing else None, now)
    restored = read_summary(database, key, integrity_ok=True)  # the copy checked and verified above
    return RestoreResult(
        summary=_as_restored(summary, restored),
        database=database,
        kept_aside=kept,
        key_file_installed=installing,
        issued_since=issued_since,
    )


def issued_since_backup(
    data_dir: Path, backup_path: Path, key: bytes | None = None, key_file: Path | None = None
) -> tuple[str, ...] | None:
    """For the preview: the numbers the current database issued that the backup lacks (restoring
    keeps them from being issued again), () when there is no current database, None when it cannot
    be read. `key` and `key_file` as for restore(). Nothing is written."""
    database = database_path(Path(data_dir))
    if not database.exists():
        return ()
    current = read_numbering(database, _current_key(data_dir, key, key_file))
    backup = read_numbering(Path(backup_path), key)
    if current is None or backup is None:
        return None
    return _missing_from(backup, current)


NUMBERS_UNKNOWN = (
    "Numbers issued since the backup cannot be known: check your last superbill and claim numbers."
)


def issued_since_message(issued: tuple[str, ...] | None, kept: Path | None = None) -> str:
    """One line on the numbers issued since the backup: which (kept aside, never issued again), that
    they cannot be known (None), or "" when there are none."""
    from app.domain.check.findings import listing

    if issued is None:
        return NUMBERS_UNKNOWN
    if not issued:
        return ""
    where = kept.name if kept is not None else f"{DATABASE_NAME}.before-restore-…"
    one = len(issued) == 1
    return (
        f"{listing(issued)} {'was' if one else 'were'} issued after this backup: "
        f"{'it is' if one else 'they are'} kept in {where} and {'its number' if one else 'their numbers'} "
        "will not be used again."
    )


def _current_key(data_dir: Path, key: bytes | None, key_file: Path | None) -> bytes | None:
    """The key of the current database: the backup's, unless the backup's key file is to replace
    the data folder's key.json (then the current one is not known here)."""
    return None if _installs(data_dir, key_file) else key


def _installs(data_dir: Path, key_file: Path | None) -> bool:
    """Whether the backup's key file is to become the data folder's key.json (it is another file)."""
    return key_file is not None and Path(key_file).absolute() != key_file_path(Path(data_dir)).absolute()


def _missing_from(backup: Numbering, current: Numbering) -> tuple[str, ...]:
    held = set(backup.issued)
    return tuple(number for number in current.issued if number not in held)


RESTORE_AGAIN = "restore again"


def refuse_if_in_use(data_dir: Path) -> None:
    """PracticeInUse when another process has the practice in `data_dir` open: restoring would
    replace the file it goes on writing to. Nothing is written (the command line asks this before
    it asks for a passphrase; restore() asks it again and holds the practice while it works)."""
    refuse_if_held_elsewhere(Path(data_dir), RESTORE_AGAIN)


def _put_in_place(
    data_dir: Path, backup_path: Path, key: bytes | None, key_file: Path | None, now: datetime
) -> tuple[tuple[Path, ...], tuple[str, ...] | None]:
    """Copy the backup (and the key file to install, if any) in, check the copy, set the current
    files aside and put the copies in their place: what restore() does while it holds the practice.
    The copy's counters are raised to what the current database issued (app.store.numbering)
    first: the files set aside, and what they issued since the backup (None: unknown)."""
    database = database_path(data_dir)
    own_key_file = key_file_path(data_dir)
    installing = key_file is not None
    incoming = data_dir / f".{DATABASE_NAME}.restoring"
    incoming_key = data_dir / f".{own_key_file.name}.restoring"
    try:
        data_dir.mkdir(mode=OWNER_ONLY_FOLDER, parents=True, exist_ok=True)
        if key_file is not None:
            copy_file(key_file, incoming_key)
        # With the committed transactions of a -wal beside the backup (a copy made by hand, an
        # earlier version's kept-aside file), recovered by SQLite in the copy: never left behind.
        copy_whole(backup_path, incoming, key, named=backup_path)
        if classify_database(incoming, key) is not Health.OK:
            raise BackupRefused(
                f"The copy of {backup_path} in the data folder did not pass the integrity check; "
                "nothing was restored. Check the disk and try again.",
                backup_path,
            )
        # What takes the database's place is the copy: verified itself, in case the file changed
        # between the check above and the copy.
        verify_backup(incoming, key, named=backup_path)
        # The database set aside must be whole on its own: what a crash left in its -wal (saves
        # committed, not yet copied into the file) goes into it first, while the practice is held.
        _settle(database, None if installing else key)
        issued_since = _keep_numbers(database, None if installing else key, incoming, key)
        kept = _set_aside(database, now)
        if installing:
            kept += _set_aside(own_key_file, now, companions=("",))
            # A recovery key still waiting to be written down belongs to the key file set aside.
            kept += _set_aside(pending_recovery_key_path(data_dir), now, companions=("",))
        put_in_place(incoming, database)
        if installing:
            put_in_place(incoming_key, own_key_file)
        mark_practice(data_dir)
    except OSError as error:
        for temporary in (incoming, incoming_key):
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        if is_full_disk_error(error, data_dir):
            raise StoreUnavailable(
                full_disk_message(data_dir, "the data folder") + " (Nothing was restored.)", data_dir
            ) from error
        if is_in_use_error(error):
            raise StoreUnavailable(
                f"The practice in {data_dir} is open in Superbill Desk or another program: close it and "
                "restore again. Nothing was restored.",
                data_dir,
            ) from error
        raise StoreUnavailable(
            f"The backup cannot be restored into {data_dir} ({error.strerror or error}). "
            "Check that the drive is connected, not full and writable.",
            data_dir,
        ) from error
    except BaseException:
        for temporary in (incoming, incoming_key):
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        raise
    return kept, issued_since


def _keep_numbers(
    database: Path, key: bytes | None, incoming: Path, incoming_key: bytes | None
) -> tuple[str, ...] | None:
    """Raise the incoming copy's counters to what the current `database` issued, so no number is
    issued twice: the numbers it issued that the copy lacks, () with no current database, None
    when it cannot be read (damaged, another key: then the floor cannot be known)."""
    if not database.exists():
        return ()
    current = read_numbering(database, key)
    if current is None:
        return None
    keep_floor(incoming, incoming_key, current)
    restored = read_numbering(incoming, incoming_key)
    return _missing_from(restored or Numbering((), {}), current)


def _settle(database: Path, key: bytes | None) -> None:
    """Checkpoint the current database's -wal into it, when it opens (plain, or with `key`, the
    practice's own). When it does not (damaged, or another key), its -wal and -shm are set aside
    with it, and restoring that copy later reads them (copy_whole)."""
    if not database.exists() or (key is None and not is_plain_sqlite(database)):
        return
    with contextlib.suppress(BackupRefused):
        settle_log(database, key)


def _as_restored(backup: BackupSummary, restored: BackupSummary) -> BackupSummary:
    """The backup's own summary (its name and date), with what the restored file was found to hold."""
    return BackupSummary(
        path=backup.path,
        taken_at=backup.taken_at,
        schema_version=restored.schema_version,
        patients=restored.patients,
        visits=restored.visits,
        superbills=restored.superbills,
        integrity_ok=restored.integrity_ok,
        size=restored.size,
    )


def _set_aside(
    database: Path, now: datetime, companions: tuple[str, ...] = ("", "-wal", "-shm")
) -> tuple[Path, ...]:
    """Rename the database and its -wal and -shm to `<name>.before-restore-<moment>[-wal|-shm]`
    (a -wal or -shm left without its database too: never beside the file that takes its name)."""
    if not any(database.with_name(database.name + extra).exists() for extra in companions):
        return ()
    stamp = now.strftime(BACKUP_STAMP)
    base = database.with_name(f"{database.name}.before-restore-{stamp}")
    suffix = 1
    while any(base.with_name(base.name + extra).exists() for extra in companions):
        suffix += 1
        base = database.with_name(f"{database.name}.before-restore-{stamp}-{suffix}")
    kept = []
    for extra in companions:
        source = database.with_name(database.name + extra)
        if source.exists():
            target = base.with_name(base.name + extra)
            os.replace(source, target)
            kept.append(target)
    return tuple(kept)
