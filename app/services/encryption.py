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
from app.services.encryption_copies import PLAIN_ASIDE, plain_copies, plain_leftovers, shred_database_files
from app.services.encryption_copies import CopiesReport as CopiesReport  # named here for the callers
from app.services.encryption_copies import protect_copies as protect_copies
from app.services.errors import ServiceError
from app.services.files import shred_file
from app.store.database import is_plain_sqlite, open_connection, remove_database_files
from app.store.durable import put_in_place, write_whole
from app.store.errors import StoreUnavailable
from app.store.paths import data_dir as resolve_data_dir
from app.store.paths import database_path, key_file_path, pending_recovery_key_path
from app.store.practice_lock import hold_practice

if TYPE_CHECKING:
    from app.store.encryption import KeyFile

log = logging.getLogger(__name__)

MIN_PASSPHRASE_LENGTH = 8
_ENCRYPTING_SUFFIX = ".encrypting"


@dataclass(frozen=True)
class Encrypted:
    """An encrypted practice: its recovery key while not yet confirmed written down, and its copies."""

    recovery_key: str | None
    copies: CopiesReport


class PassphraseNeeded(ServiceError):
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

    The database is put in its place only while this process holds the practice: PracticeInUse
    (nothing changed) when another one has it open, which would go on writing to the plain file.
    """
    check_new_passphrase(passphrase)
    folder = resolve_data_dir(data_dir)
    with hold_practice(folder, "superbill encrypt", "encrypt again"):
        return _set_up_encryption(folder, passphrase)


def _set_up_encryption(folder: Path, passphrase: str) -> Encrypted:
    """set_up_encryption, while the practice is held."""
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
        or bool(plain_leftovers(folder))
        or bool(plain_copies(folder))
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
    try:
        with contextlib.suppress(FileNotFoundError):
            shred_file(pending)  # from a run that never wrote key.json: that key opens nothing
        write_whole(
            pending,
            f"{recovery_key}\n\nThe recovery key of the Superbill Desk practice in this folder. "
            "It is deleted once you confirm it is written down.\n",
        )
    except OSError as error:
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
    aside = database.with_name(f"{database.name}{PLAIN_ASIDE}{stamp}")
    os.replace(database, aside)
    for suffix in ("-wal", "-shm"):
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    put_in_place(encrypting, database)
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
    shred_database_files(aside)


def _finish_interrupted(folder: Path) -> None:
    """Complete or undo an encryption that a crash or power cut interrupted.

    While holding the practice: the encrypting may be going on in another process, not interrupted
    (PracticeInUse then, nothing touched).
    """
    database = database_path(folder)
    encrypting = database.with_name(database.name + _ENCRYPTING_SUFFIX)
    if not encrypting.exists():
        return
    with hold_practice(folder, "superbill encrypt", "try again"):
        if encrypting.exists():
            _finish_swap(database, encrypting)


def _finish_swap(database: Path, encrypting: Path) -> None:
    """_finish_interrupted, once held: swap the verified copy in, or remove the unfinished one."""
    folder = database.parent
    if key_file_path(folder).exists() and (not database.exists() or is_plain_sqlite(database)):
        # The copy was verified before the key file was written: put it in place. The plain
        # database (or what of it _swap_in had not yet moved aside) goes aside, to be overwritten.
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = database.with_name(f"{database.name}{PLAIN_ASIDE}{stamp}")
        for extra in ("", "-wal", "-shm"):
            companion = database.with_name(database.name + extra)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + extra))
        put_in_place(encrypting, database)
    else:
        remove_database_files(encrypting)
