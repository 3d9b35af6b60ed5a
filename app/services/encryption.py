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
from datetime import datetime
from pathlib import Path

from app.domain.errors import ValidationError
from app.store.database import is_plain_sqlite, open_connection, remove_database_files
from app.store.errors import StoreUnavailable
from app.store.paths import data_dir as resolve_data_dir
from app.store.paths import database_path, key_file_path

log = logging.getLogger(__name__)

MIN_PASSPHRASE_LENGTH = 8
_ENCRYPTING_SUFFIX = ".encrypting"
_PLAIN_ASIDE = ".plain-"


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


def check_new_passphrase(passphrase: str, repeated: str | None = None) -> None:
    """ValidationError (field "passphrase" or "repeat") for a passphrase that cannot be used."""
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
    from app.store.encryption import KeyFile, RecoveryKeyTypo, WrongSecret  # see the module's docstring

    key_file = KeyFile.read(data_dir)
    try:
        if passphrase is not None:
            return key_file.unlock(passphrase)
        assert recovery_key is not None
        return key_file.unlock_with_recovery_key(recovery_key)
    except RecoveryKeyTypo as typo:
        raise WrongPassphrase("recovery_key", str(typo)) from None
    except WrongSecret:
        log.info("practice unlock refused")
        raise WrongPassphrase("passphrase" if passphrase is not None else "recovery_key") from None


def set_up_encryption(data_dir: Path | None, passphrase: str) -> str:
    """Encrypt the practice in `data_dir` (new and empty, or plain with records); return the recovery key.

    The practice must not be open (close its Workspace first). An existing plain database is copied
    into an encrypted one, checked, and swapped in; the plain copy is then deleted. On any problem
    the plain practice is left as it was.
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
    if not has_records:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        remove_database_files(database)
        key_file.write(folder)
        open_connection(database, key=database_key).close()
        log.info("encryption set up for a new practice")
        return recovery_key

    encrypting = database.with_name(database.name + _ENCRYPTING_SUFFIX)
    remove_database_files(encrypting)  # a copy left by an attempt that never finished
    keys.encrypt_database(database, encrypting, database_key)
    key_file.write(folder)  # from here on, _finish_interrupted completes the swap after a crash
    _swap_in(database, encrypting, database_key)
    log.info("encryption set up for an existing practice")
    return recovery_key


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
        raise
    remove_database_files(aside)


def _finish_interrupted(folder: Path) -> None:
    """Complete or undo an encryption that a crash or power cut interrupted."""
    database = database_path(folder)
    encrypting = database.with_name(database.name + _ENCRYPTING_SUFFIX)
    if encrypting.exists():
        key_file_written = key_file_path(folder).exists()
        if key_file_written and is_plain_sqlite(database):
            # The copy was verified before the key file was written: put it in place.
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = database.with_name(f"{database.name}{_PLAIN_ASIDE}{stamp}")
            os.replace(database, aside)
            os.replace(encrypting, database)
        else:
            remove_database_files(encrypting)


def remove_plain_copies(folder: Path) -> None:
    """Delete plain copies an interrupted encryption left; call once the encrypted database has opened."""
    database = database_path(folder)
    for aside in folder.glob(f"{database.name}{_PLAIN_ASIDE}*"):
        if not aside.name.endswith(("-wal", "-shm")):
            with contextlib.suppress(OSError):
                remove_database_files(aside)
