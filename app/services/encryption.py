"""Encryption at rest: setting it up, unlocking, changing the passphrase.

An encrypted practice has a key file (key.json) beside its database; its records are readable
only with the passphrase or the recovery key. A practice without one stays plain and keeps
working as before. The ICD-10-CM code set is not patient data: it stays unencrypted and read-only.

Nothing here logs or puts a passphrase, a key or a recovery key in an exception message.

The key-file machinery (app.store.encryption, with hashlib, hmac, secrets and json) is imported
only where a key file is read or written: opening a plain practice never needs it.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.errors import ValidationError
from app.services.files import shred_file
from app.store.database import is_plain_sqlite, is_plain_sqlite_header, open_connection, remove_database_files
from app.store.durable import fsync_path, sync_folder
from app.store.errors import StoreUnavailable
from app.store.paths import data_dir as resolve_data_dir
from app.store.paths import database_path, key_file_path, pending_recovery_key_path

if TYPE_CHECKING:
    from app.store.encryption import KeyFile

log = logging.getLogger(__name__)

MIN_PASSPHRASE_LENGTH = 8
_ENCRYPTING_SUFFIX = ".encrypting"
_PLAIN_ASIDE = ".plain-"
_COPY_ENCRYPTING = ".encrypting"  # `.<copy>.encrypting`: the encrypted copy being written
_COPY_PLAIN = ".plain"  # `.<copy>.plain`: the plain copy, moved aside to be overwritten
_RESTORING = f".{database_path(Path()).name}.restoring"  # app.services.backups.restore's temporary copy
_COMPANIONS = ("", "-wal", "-shm", "-journal")


@dataclass(frozen=True)
class CopiesReport:
    """What encrypting did to the other copies of the practice in its data folder."""

    encrypted: tuple[Path, ...] = ()  # backups and earlier databases, now encrypted in place
    removed: tuple[Path, ...] = ()  # unencrypted leftovers, overwritten and deleted
    left: tuple[tuple[Path, str], ...] = ()  # copies that could not be encrypted, and why


@dataclass(frozen=True)
class Encrypted:
    """An encrypted practice: its recovery key while not yet confirmed written down, and its copies."""

    recovery_key: str | None
    copies: CopiesReport


class PassphraseNeeded(Exception):
    """The practice is encrypted: open it with its passphrase or its recovery key."""

    def __init__(self) -> None:
        super().__init__("This practice is encrypted: enter its passphrase to open it.")


class WrongPassphrase(ValidationError):
    """The passphrase (field "passphrase") or recovery key (field "recovery_key") does not open the practice."""

    def __init__(self, field: str = "passphrase", message: str | None = None) -> None:
        if message is None:
            message = (
                "That passphrase is not the one for this practice. Check Caps Lock and try again, "
                "or use your recovery key."
                if field == "passphrase"
                else "That recovery key does not belong to this practice."
            )
        super().__init__(field, message)


def practice_folder(data_dir: Path | None = None) -> Path:
    """The data folder a Workspace(data_dir) would open (for the app's unlock dialog)."""
    return resolve_data_dir(data_dir)


def is_encrypted(data_dir: Path | None = None) -> bool:
    """Whether the practice in `data_dir` is encrypted (it has a key file)."""
    return key_file_path(resolve_data_dir(data_dir)).exists()


def check_secret_text(secret: str, field: str = "passphrase") -> None:
    """ValidationError when `secret` holds characters that are not text (bytes that were not UTF-8)."""
    try:
        secret.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            field, "it holds bytes that are not UTF-8 text; type it again in a UTF-8 terminal"
        ) from None


def check_new_passphrase(passphrase: str, repeated: str | None = None) -> None:
    """ValidationError (field "passphrase" or "repeat") for a passphrase that cannot be used."""
    check_secret_text(passphrase)
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ValidationError(
            "passphrase",
            f"Choose a passphrase of at least {MIN_PASSPHRASE_LENGTH} characters; a few unrelated "
            "words are easy to remember and hard to guess.",
        )
    if passphrase.strip() != passphrase:
        raise ValidationError("passphrase", "A passphrase cannot start or end with a space.")
    if repeated is not None and repeated != passphrase:
        raise ValidationError("repeat", "The two passphrases are not the same. Type it again in both fields.")


def passphrase_strength(passphrase: str) -> str:
    """A plain-words hint about a passphrase being typed (never a guarantee)."""
    if not passphrase:
        return ""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return f"Too short: at least {MIN_PASSPHRASE_LENGTH} characters."
    words = len(passphrase.split())
    kinds = sum(
        any(test(c) for c in passphrase) for test in (str.islower, str.isupper, str.isdigit, str.isspace)
    )
    if len(passphrase) >= 20 or words >= 4:
        return "Strong: long passphrases are the hardest to guess."
    if len(passphrase) >= 12 and kinds >= 2:
        return "Good. A few more words would make it stronger."
    return "Weak: add a few more words."


def database_key(
    data_dir: Path, passphrase: str | None = None, recovery_key: str | None = None
) -> bytes | None:
    """The database key of the practice in `data_dir`; None for a plain practice.

    Raises PassphraseNeeded when it is encrypted and no secret is given, WrongPassphrase when the
    secret does not open it (nothing is changed), StoreUnavailable when key.json cannot be read.
    """
    _finish_interrupted(data_dir)
    if not key_file_path(data_dir).exists():
        database = database_path(data_dir)
        if database.exists() and database.stat().st_size > 0 and not is_plain_sqlite(database):
            raise StoreUnavailable(
                f"The practice database ({database}) is encrypted, but its key file (key.json) is not "
                "beside it. Put key.json back from the backup it was saved with.",
                database,
            )
        return None
    if passphrase is None and recovery_key is None:
        raise PassphraseNeeded()
    from app.store.encryption import KeyFile  # see the module's docstring

    return unwrap(KeyFile.read(data_dir), passphrase, recovery_key)


def unwrap(key_file: KeyFile, passphrase: str | None = None, recovery_key: str | None = None) -> bytes:
    """The database key in `key_file`, unwrapped with the passphrase (else the recovery key).

    WrongPassphrase (field "passphrase" or "recovery_key") when the secret does not unwrap it.
    """
    from app.store.encryption import RecoveryKeyTypo, WrongSecret  # see the module's docstring

    try:
        if passphrase is not None:
            check_secret_text(passphrase)
            return key_file.unlock(passphrase)
        assert recovery_key is not None
        return key_file.unlock_with_recovery_key(recovery_key)
    except RecoveryKeyTypo as typo:
        raise WrongPassphrase("recovery_key", str(typo)) from None
    except WrongSecret:
        log.info("practice unlock refused")
        raise WrongPassphrase("passphrase" if passphrase is not None else "recovery_key") from None


def set_up_encryption(data_dir: Path | None, passphrase: str) -> Encrypted:
    """Encrypt the practice in `data_dir` (new and empty, or plain with records), and every copy of it there.

    The practice must not be open (close its Workspace first). An existing plain database is copied
    into an encrypted one, checked, and swapped in; the plain file is then overwritten and deleted.
    On any problem before key.json is written the plain practice is left as it was. From then on
    the recovery key is kept in a pending file (owner only) until confirm_recovery_key_written(),
    so that a crash never loses it; the backups and earlier databases in the data folder are then
    encrypted one by one (protect_copies). An interrupted run is finished by finish_encryption()
    or by opening the practice with its passphrase.
    """
    check_new_passphrase(passphrase)
    folder = resolve_data_dir(data_dir)
    _finish_interrupted(folder)
    if key_file_path(folder).exists():
        raise ValidationError(
            "passphrase", "This practice is already encrypted; change its passphrase instead."
        )
    from app.store import encryption as keys  # see the module's docstring

    database = database_path(folder)
    database_key = keys.new_database_key()
    recovery_key = keys.new_recovery_key()
    key_file = keys.KeyFile.create(database_key, passphrase, recovery_key)
    has_records = database.exists() and database.stat().st_size > 0
    pending = pending_recovery_key_path(folder)
    if not has_records:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        remove_database_files(database)
        _write_pending(pending, recovery_key)
        _commit_key_file(key_file, folder, pending)
        open_connection(database, key=database_key).close()
        log.info("encryption set up for a new practice")
        return Encrypted(recovery_key, protect_copies(folder, database_key))

    encrypting = database.with_name(database.name + _ENCRYPTING_SUFFIX)
    remove_database_files(encrypting)  # a copy left by an attempt that never finished
    keys.encrypt_database(database, encrypting, database_key)
    try:
        _write_pending(pending, recovery_key)
    except BaseException:
        remove_database_files(encrypting)
        raise
    _commit_key_file(key_file, folder, pending, encrypting)
    # From here on, _finish_interrupted completes the swap after a crash, and the pending file
    # keeps the recovery key until the therapist confirms it is written down.
    _swap_in(database, encrypting, database_key)
    log.info("encryption set up for an existing practice")
    return Encrypted(recovery_key, protect_copies(folder, database_key))


def finish_encryption(
    data_dir: Path | None, passphrase: str | None = None, recovery_key: str | None = None
) -> Encrypted:
    """Finish an encryption a crash interrupted: the database swapped in, every copy encrypted.

    Returns the recovery key while it is pending (not yet confirmed written down). Raises
    WrongPassphrase, PassphraseNeeded, StoreUnavailable as database_key() does.
    """
    folder = resolve_data_dir(data_dir)
    key = database_key(folder, passphrase, recovery_key)
    if key is None:
        raise ValidationError("passphrase", "This practice is not encrypted; encrypt it first.")
    open_connection(database_path(folder), key=key).close()  # the swapped-in database opens
    return Encrypted(pending_recovery_key(folder), protect_copies(folder, key))


def encryption_unfinished(data_dir: Path | None) -> bool:
    """Whether an encrypted practice still has a pending recovery key or unencrypted copies beside it."""
    folder = resolve_data_dir(data_dir)
    if not key_file_path(folder).exists():
        return False
    return (
        pending_recovery_key_path(folder).exists()
        or bool(_plain_leftovers(folder))
        or bool(_plain_copies(folder))
    )


def pending_recovery_key(data_dir: Path | None) -> str | None:
    """The recovery key not yet confirmed written down; None when there is none (or it is stale)."""
    folder = resolve_data_dir(data_dir)
    pending = pending_recovery_key_path(folder)
    if not key_file_path(folder).exists():
        return None
    try:
        text = pending.read_text(encoding="ascii").strip().partition("\n")[0].strip()
    except (OSError, UnicodeDecodeError):
        return None
    from app.store.encryption import KeyFile, WrongSecret  # see the module's docstring

    try:
        KeyFile.read(folder).unlock_with_recovery_key(text)
    except WrongSecret:
        return None  # not this key file's: never show a key that does not open the practice
    return text


def confirm_recovery_key_written(data_dir: Path | None) -> None:
    """The therapist has the recovery key on paper: the pending file is overwritten and deleted."""
    pending = pending_recovery_key_path(resolve_data_dir(data_dir))
    try:
        shred_file(pending)
    except OSError as error:
        raise StoreUnavailable(
            f"The file {pending} that holds the recovery key cannot be deleted "
            f"({error.strerror or error}). Delete it yourself.",
            pending,
        ) from None
    log.info("recovery key confirmed written down")


def _write_pending(pending: Path, recovery_key: str) -> None:
    """The recovery key in a file only its owner reads, written whole or not at all."""
    temporary = pending.with_name(f".{pending.name}.{os.urandom(4).hex()}.partial")
    try:
        with contextlib.suppress(FileNotFoundError):
            shred_file(pending)  # from a run that never wrote key.json: that key opens nothing
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(
                f"{recovery_key}\n\nThe recovery key of the Superbill Desk practice in this folder. "
                "It is deleted once you confirm it is written down.\n"
            )
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, pending)
        sync_folder(pending.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise StoreUnavailable(
            f"The data folder {pending.parent} cannot be written ({error.strerror or error}); the "
            "records stay unencrypted and unchanged. Check that the disk is not full.",
            pending.parent,
        ) from None


def _commit_key_file(key_file: KeyFile, folder: Path, pending: Path, encrypting: Path | None = None) -> None:
    """Write key.json (the moment the practice becomes encrypted); on failure undo what came before."""
    try:
        key_file.write(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            shred_file(pending)
        if encrypting is not None:
            remove_database_files(encrypting)
        raise


def change_passphrase(data_dir: Path | None, old: str, new: str) -> None:
    """Wrap the database key with `new` instead of `old` (the database itself is not rewritten).

    WrongPassphrase when `old` does not open the practice; nothing is changed then.
    """
    folder = resolve_data_dir(data_dir)
    check_new_passphrase(new)
    if not key_file_path(folder).exists():
        raise ValidationError("passphrase", "This practice is not encrypted; encrypt it first.")
    from app.store.encryption import KeyFile, WrongSecret  # see the module's docstring

    key_file = KeyFile.read(folder)
    try:
        database_key = key_file.unlock(old)
    except WrongSecret:
        raise WrongPassphrase(
            "passphrase", "The current passphrase is not right. Nothing was changed."
        ) from None
    key_file.with_passphrase(database_key, new).write(folder)
    log.info("passphrase changed")


def _swap_in(database: Path, encrypting: Path, database_key: bytes) -> None:
    """Put the verified encrypted copy in the database's place; delete the plain file once it opens."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = database.with_name(f"{database.name}{_PLAIN_ASIDE}{stamp}")
    os.replace(database, aside)
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    os.replace(encrypting, database)
    try:
        open_connection(database, key=database_key).close()
    except StoreUnavailable:
        # Put the plain practice back as it was; the key file goes with the copy that failed.
        remove_database_files(database)
        os.replace(aside, database)
        key_file_path(database.parent).unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            shred_file(pending_recovery_key_path(database.parent))
        raise
    _shred_database_files(aside)


def _finish_interrupted(folder: Path) -> None:
    """Complete or undo an encryption that a crash or power cut interrupted."""
    database = database_path(folder)
    encrypting = database.with_name(database.name + _ENCRYPTING_SUFFIX)
    if not encrypting.exists():
        return
    if key_file_path(folder).exists() and (not database.exists() or is_plain_sqlite(database)):
        # The copy was verified before the key file was written: put it in place. The plain
        # database (or what of it _swap_in had not yet moved aside) goes aside, to be overwritten.
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = database.with_name(f"{database.name}{_PLAIN_ASIDE}{stamp}")
        for extra in ("", "-wal", "-shm"):
            companion = database.with_name(database.name + extra)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + extra))
        os.replace(encrypting, database)
    else:
        remove_database_files(encrypting)


# The other copies of the practice in its data folder ---------------------------------------------


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
    from app.services.backups import backup_folder, key_file_beside  # it imports this module
    from app.store import encryption as keys  # see the module's docstring
    from app.store.health import Health, classify_database

    key_file = keys.KeyFile.read(folder)
    backups = backup_folder(folder)
    for place in (folder, backups):
        _finish_interrupted_copies(place)
    removed: list[Path] = []
    left: list[tuple[Path, str]] = []
    for leftover in _plain_leftovers(folder):
        try:
            shred_file(leftover)
            removed.append(leftover)
        except OSError as error:
            left.append((leftover, f"cannot be deleted: {error.strerror or error}"))
    encrypted: list[Path] = []
    for copy in _plain_copies(folder):
        if classify_database(copy) is not Health.OK:
            left.append((copy, "it is damaged and cannot be read, so it was left as it is"))
            continue
        temporary = copy.with_name(f".{copy.name}{_COPY_ENCRYPTING}")
        aside = copy.with_name(f".{copy.name}{_COPY_PLAIN}")
        try:
            remove_database_files(temporary)
            keys.encrypt_database(copy, temporary, key)
            fsync_path(temporary)
            if copy.parent == backups:
                key_file.save(key_file_beside(copy))
            for extra in _COMPANIONS:
                source = copy.with_name(copy.name + extra)
                if source.exists():
                    os.replace(source, aside.with_name(aside.name + extra))
            os.replace(temporary, copy)
            sync_folder(copy.parent)
        except (OSError, StoreUnavailable) as error:
            remove_database_files(temporary)
            reason = (
                error.strerror if isinstance(error, OSError) else "the encrypted copy could not be written"
            )
            left.append((copy, f"{reason or 'it could not be written'}; check that the disk is not full"))
            continue
        encrypted.append(copy)
        with contextlib.suppress(OSError):
            _shred_database_files(aside)
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


def _plain_copies(folder: Path) -> list[Path]:
    """Backups and before-restore databases in the data folder that are plain SQLite files."""
    from app.services.backups import backup_folder, list_backups  # it imports this module

    database = database_path(folder)
    candidates = [backup.path for backup in list_backups(backup_folder(folder))]
    with contextlib.suppress(OSError):
        candidates += sorted(
            path
            for path in folder.glob(f"{database.name}.before-restore-*")
            if not path.name.endswith(("-wal", "-shm", "-journal"))
        )
    return [path for path in candidates if is_plain_sqlite(path)]


def _plain_leftovers(folder: Path) -> list[Path]:
    """Plain temporary copies: an interrupted encryption's, a restore's, an unfinished backup's."""
    from app.services.backups import backup_folder  # it imports this module

    database = database_path(folder)
    found: list[Path] = []
    with contextlib.suppress(OSError):
        found += list(folder.glob(f"{database.name}{_PLAIN_ASIDE}*"))
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
            os.replace(temporary, copy)  # checked before the plain copy was moved aside
        else:
            remove_database_files(temporary)  # unfinished: the copy is encrypted again
    for aside in list(place.glob(f".*{_COPY_PLAIN}")):
        copy = place / aside.name[1 : -len(_COPY_PLAIN)]
        if copy.exists():
            with contextlib.suppress(OSError):
                _shred_database_files(aside)
        else:
            os.replace(aside, copy)  # never happens in order; put the plain copy back, to be done again


def _shred_database_files(path: Path) -> None:
    for extra in _COMPANIONS:
        shred_file(path.with_name(path.name + extra))
