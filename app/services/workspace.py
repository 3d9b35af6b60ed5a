"""One open practice: its data folder, its database and its ICD-10-CM code set."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from app.services import encryption
from app.services.practice_health import Health, held_a_practice, mark_practice, start_health
from app.store.database import open_connection
from app.store.errors import StoreUnavailable
from app.store.paths import data_dir as resolve_data_dir
from app.store.paths import database_path, marker_path
from app.store.practice_lock import APP, PracticeHold, hold_practice
from app.store.records import PracticeStore

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from types import TracebackType

    from app.store.code_index import IcdIndex


class PracticeDamaged(StoreUnavailable):
    """The practice file cannot be used as it is (see Health); nothing was created or changed."""

    def __init__(self, message: str, path: Path, health: Health) -> None:
        super().__init__(message, path)
        self.health = health


def _refuse_emptied(data_dir: Path, key: bytes | None) -> None:
    """PracticeDamaged when a practice that had records finds its file missing or empty.

    Opening would otherwise create a new, empty practice in its place (see practice_health).
    """
    if not held_a_practice(data_dir):
        return
    health = start_health(data_dir, key, pages=False)
    if health is Health.EMPTIED:
        from app.services.backups import damaged_message  # only for this message: not at start

        log.error("practice file %s", health.value)
        raise PracticeDamaged(damaged_message(data_dir, health), database_path(data_dir), health)


def hold_for_the_app(data_dir: Path | None = None) -> PracticeHold:
    """Hold the practice in `data_dir` for the desktop app (see app.store.practice_lock).

    PracticeInUse when another process (a second app, a restore) has it; StoreUnavailable when the
    folder or its lock file cannot be used. Release it once the Workspace holds it (hold_open).
    """
    return hold_practice(resolve_data_dir(data_dir), APP, "open Superbill Desk again")


class Workspace:
    """Opened once per command or window; close it (or use `with`) to release the files."""

    def __init__(
        self, data_dir: Path | None = None, passphrase: str | None = None, recovery_key: str | None = None
    ) -> None:
        """Open the practice in `data_dir`; an encrypted one needs its passphrase or recovery key.

        Raises PassphraseNeeded (encrypted, no secret given), WrongPassphrase (nothing changed),
        StoreUnavailable.
        """
        self.data_dir = resolve_data_dir(data_dir)
        # The database key, for opening backups "like the database"; None for a plain practice.
        self.database_key = encryption.database_key(self.data_dir, passphrase, recovery_key)
        _refuse_emptied(self.data_dir, self.database_key)
        self.store = PracticeStore(open_connection(database_path(self.data_dir), key=self.database_key))
        if self.database_key is not None and encryption.encryption_unfinished(self.data_dir):
            # An encryption a crash interrupted: its copies are encrypted now, and its plain leftovers
            # shredded (see protect_copies).
            encryption.protect_copies(self.data_dir, self.database_key)
        self._codes: IcdIndex | None = None
        self._hold: PracticeHold | None = None
        self._mark_if_it_has_records()
        log.info("practice opened")  # not its path: a path holds the user's name

    @property
    def codes(self) -> IcdIndex:
        # Opened on first use: most commands never search codes.
        if self._codes is None:
            from app.store.code_index import open_code_index

            self._codes = open_code_index(self.data_dir)
        return self._codes

    def reopen_codes(self) -> None:
        """After a code-set update: the next use of ``codes`` opens the newest code set (a picker
        open meanwhile keeps the one it has, which closes when nothing uses it)."""
        self._codes = None

    def hold_open(self) -> None:
        """Hold the practice until close(), as the desktop app does: another process's restore or
        encrypting refuses meanwhile, and so does a second app (PracticeInUse, for this call too).

        The command line's Workspaces do not: their writes and the app's are kept apart by SQLite.
        """
        if self._hold is None:
            self._hold = hold_for_the_app(self.data_dir)

    @property
    def encrypted(self) -> bool:
        return self.database_key is not None

    def encrypt(self, passphrase: str) -> encryption.Encrypted:
        """Encrypt this (plain) practice in place, and its copies; the recovery key to show is in the result.

        The recovery key stays pending (shown again) until encryption.confirm_recovery_key_written().
        The database is closed, encrypted and opened again with its key; `store` is then a new
        PracticeStore. On a problem the plain practice is open again as it was, and the error raised.
        """
        encryption.check_new_passphrase(passphrase)
        self.store.close()
        try:
            encrypted = encryption.set_up_encryption(self.data_dir, passphrase)
        finally:
            self.database_key = encryption.database_key(
                self.data_dir, passphrase if encryption.is_encrypted(self.data_dir) else None
            )
            self.store = PracticeStore(open_connection(database_path(self.data_dir), key=self.database_key))
        return encrypted

    def change_passphrase(self, old: str, new: str) -> None:
        """Wrap the database key with a new passphrase (WrongPassphrase when `old` is not right)."""
        encryption.change_passphrase(self.data_dir, old, new)

    def check_passphrase(self, passphrase: str | None = None, recovery_key: str | None = None) -> None:
        """WrongPassphrase unless the secret opens this practice (to unlock a locked window)."""
        import hmac  # only a locked window needs it: not imported at start-up

        key = encryption.database_key(self.data_dir, passphrase, recovery_key)
        if key is None or self.database_key is None or not hmac.compare_digest(key, self.database_key):
            raise encryption.WrongPassphrase()

    def is_empty(self) -> bool:
        return self.store.practitioner() is None and not self.store.patients(limit=1)

    def _mark_if_it_has_records(self) -> None:
        """Leave the practice marker once there are records (see app.services.practice_health)."""
        if not marker_path(self.data_dir).exists() and not self.is_empty():
            mark_practice(self.data_dir)

    def close(self) -> None:
        if self._codes is not None:
            self._codes.close()
        with contextlib.suppress(StoreUnavailable):  # the marker is best effort; closing is not
            self._mark_if_it_has_records()
        self.store.close()
        if self._hold is not None:  # only once the database is closed: then it may be replaced
            self._hold.release()
            self._hold = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
