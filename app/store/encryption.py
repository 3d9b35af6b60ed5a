"""The database key of an encrypted practice: made at random, kept wrapped, never stored in the clear.

- The database key is 32 random bytes; SQLCipher uses it as the raw key (database.connect).
- It is stored in `<data folder>/key.json` (owner only, replaced atomically), wrapped twice with
  AES-256-GCM: once by a key derived from the practice passphrase with scrypt (memory-hard:
  64 MiB, about half a second), once by a key derived from the recovery key with HKDF (the
  recovery key is 128 random bits, so it needs no slow derivation).
- The recovery key is shown once at setup, written in Crockford base32 in groups of four
  ("7KQ2-9XMP-..."), with a short checksum so a typing mistake is told apart from a wrong key.
- Changing the passphrase wraps the same database key again: the database is not rewritten.
- A wrong passphrase or recovery key fails the AES-GCM check: nothing is written anywhere.

`encrypt_database()` turns a plain practice file into an encrypted one (SQLCipher's
sqlcipher_export); the caller swaps the files.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.store.database import KEY_BYTES, connect, remove_database_files
from app.store.driver import sqlcipher
from app.store.errors import StoreUnavailable, translate_errors
from app.store.paths import key_file_path

_FORMAT = "superbill-desk database key"
_VERSION = 1

# scrypt: n=2**16, r=8 uses 128 * r * n = 64 MiB and about 0.5 s on a two-core laptop.
SCRYPT_N = 2**16
SCRYPT_R = 8
SCRYPT_P = 1
_SCRYPT_MAXMEM = 256 * 2**20

_PASSPHRASE_AAD = b"superbill-desk key v1: passphrase"
_RECOVERY_AAD = b"superbill-desk key v1: recovery key"

# Crockford base32: no I, L, O or U, so nothing reads as another character.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_BYTES = 16
_CHECK_BITS = 12
_RECOVERY_CHARACTERS = (_RECOVERY_BYTES * 8 + _CHECK_BITS) // 5  # 28: seven groups of four


class KeyFileError(StoreUnavailable):
    """key.json is missing, damaged or from an unknown version."""


class WrongSecret(Exception):
    """The passphrase or recovery key does not unwrap the database key (nothing was changed)."""


class RecoveryKeyTypo(WrongSecret):
    """The recovery key as typed fails its checksum: a character is wrong or missing."""


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


# Recovery keys --------------------------------------------------------------------------------


def new_recovery_key() -> str:
    """A new recovery key as shown to the therapist: seven groups of four characters."""
    return format_recovery_key(secrets.token_bytes(_RECOVERY_BYTES))


def format_recovery_key(raw: bytes) -> str:
    number = (int.from_bytes(raw, "big") << _CHECK_BITS) | _checksum(raw)
    characters = [_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(_RECOVERY_CHARACTERS))]
    text = "".join(characters)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """The 16 bytes of a recovery key as typed (any case, with or without dashes and spaces)."""
    cleaned = (
        text.upper().replace("-", "").replace(" ", "").replace("O", "0").replace("I", "1").replace("L", "1")
    )
    if len(cleaned) != _RECOVERY_CHARACTERS or any(c not in _ALPHABET for c in cleaned):
        raise RecoveryKeyTypo(
            f"A recovery key has {_RECOVERY_CHARACTERS} letters and digits in groups of four."
        )
    number = 0
    for c in cleaned:
        number = (number << 5) | _ALPHABET.index(c)
    raw = (number >> _CHECK_BITS).to_bytes(_RECOVERY_BYTES, "big")
    if number & ((1 << _CHECK_BITS) - 1) != _checksum(raw):
        raise RecoveryKeyTypo("The recovery key has a typing mistake: check each group against the printout.")
    return raw


def _checksum(raw: bytes) -> int:
    return int.from_bytes(hashlib.sha256(b"recovery key check" + raw).digest()[:2], "big") >> (
        16 - _CHECK_BITS
    )


# Key-encryption keys --------------------------------------------------------------------------


def _passphrase_kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_SCRYPT_MAXMEM, dklen=32
    )


def _recovery_kek(raw: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_RECOVERY_AAD).derive(raw)


def _seal(kek: bytes, key: bytes, aad: bytes) -> dict[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "wrapped": _b64(AESGCM(kek).encrypt(nonce, key, aad))}


def _open(kek: bytes, sealed: dict[str, Any], aad: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(_unb64(sealed["nonce"]), _unb64(sealed["wrapped"]), aad)
    except InvalidTag:
        raise WrongSecret("does not unwrap the key") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# The key file ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFile:
    """The contents of key.json: the database key wrapped by the passphrase and by the recovery key."""

    passphrase_slot: dict[str, Any]
    recovery_slot: dict[str, Any]

    @classmethod
    def create(cls, database_key: bytes, passphrase: str, recovery_key: str) -> KeyFile:
        """Wrap `database_key` for both secrets (takes one scrypt derivation)."""
        return cls(_passphrase_slot(database_key, passphrase), _recovery_slot(database_key, recovery_key))

    def unlock(self, passphrase: str) -> bytes:
        """The database key; WrongSecret when the passphrase is not the one it was wrapped with."""
        slot = self.passphrase_slot
        kek = _passphrase_kek(
            passphrase, _unb64(slot["salt"]), int(slot["n"]), int(slot["r"]), int(slot["p"])
        )
        return _open(kek, slot, _PASSPHRASE_AAD)

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        """The database key; RecoveryKeyTypo for a mistyped key, WrongSecret for another practice's."""
        slot = self.recovery_slot
        return _open(
            _recovery_kek(parse_recovery_key(recovery_key), _unb64(slot["salt"])), slot, _RECOVERY_AAD
        )

    def with_passphrase(self, database_key: bytes, passphrase: str) -> KeyFile:
        """The same key file with the database key wrapped by a new passphrase (the recovery key stays)."""
        return KeyFile(_passphrase_slot(database_key, passphrase), self.recovery_slot)

    # Reading and writing --------------------------------------------------------------------

    @classmethod
    def read(cls, data_dir: Path) -> KeyFile:
        path = key_file_path(data_dir)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise KeyFileError(
                f"The key file of this encrypted practice ({path}) is missing. Restore it from the "
                "backup it was saved with.",
                path,
            ) from None
        except (OSError, ValueError) as error:
            raise KeyFileError(
                f"The key file of this encrypted practice ({path}) cannot be read "
                f"({type(error).__name__}). Restore it from a backup.",
                path,
            ) from None
        try:
            if document["format"] != _FORMAT or document["version"] != _VERSION:
                raise KeyError("format")
            return cls(dict(document["passphrase"]), dict(document["recovery"]))
        except (KeyError, TypeError):
            raise KeyFileError(
                f"The key file ({path}) is damaged or was written by a newer version of Superbill Desk. "
                "Restore it from a backup, or install the newer version.",
                path,
            ) from None

    def write(self, data_dir: Path) -> None:
        """Replace key.json atomically (a temporary file renamed over it), readable by its owner only."""
        path = key_file_path(data_dir)
        document = {
            "format": _FORMAT,
            "version": _VERSION,
            "cipher": "SQLCipher 4, raw 256-bit key",
            "passphrase": self.passphrase_slot,
            "recovery": self.recovery_slot,
        }
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                json.dump(document, file, indent=2)
                file.write("\n")
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
            _sync_folder(path.parent)
        except OSError as error:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise StoreUnavailable(
                f"The key file ({path}) cannot be written ({error.strerror or error}). Check that the "
                "data folder is writable and the disk is not full.",
                path,
            ) from None


def _passphrase_slot(database_key: bytes, passphrase: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    kek = _passphrase_kek(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return {"kdf": "scrypt", "salt": _b64(salt), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P} | _seal(
        kek, database_key, _PASSPHRASE_AAD
    )


def _recovery_slot(database_key: bytes, recovery_key: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    kek = _recovery_kek(parse_recovery_key(recovery_key), salt)
    return {"kdf": "hkdf-sha256", "salt": _b64(salt)} | _seal(kek, database_key, _RECOVERY_AAD)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def same_key(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)


# Encrypting a plain database ------------------------------------------------------------------


def encrypt_database(plain: Path, encrypted: Path, key: bytes) -> None:
    """Write an encrypted copy of the plain database `plain` to `encrypted` and verify it.

    `plain` must not be open elsewhere in this process with unsaved changes (its WAL is read as
    part of it). `encrypted` must not exist. Raises StoreUnavailable when the copy cannot be made
    or does not check out; then `encrypted` is removed and `plain` is as it was.
    """
    if encrypted.exists():
        raise FileExistsError(encrypted)
    module = sqlcipher()
    try:
        with translate_errors(plain):
            source = module.connect(str(plain), isolation_level=None)
            try:
                source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                version = int(source.execute("PRAGMA user_version").fetchone()[0])
                source.execute(
                    f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"",
                    (str(encrypted),),
                )
                source.execute("SELECT sqlcipher_export('encrypted')")
                source.execute(f"PRAGMA encrypted.user_version = {version}")
                source.execute("DETACH DATABASE encrypted")
            finally:
                source.close()
        check = connect(encrypted, key=key)
        try:
            with translate_errors(encrypted):
                result = check.execute("PRAGMA integrity_check").fetchone()[0]
                copied = int(check.execute("PRAGMA user_version").fetchone()[0])
                check.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            check.close()
        if result != "ok" or copied != version:
            raise StoreUnavailable(
                "The encrypted copy of the practice did not check out; the records stay unencrypted "
                "and unchanged. Check the disk and try again.",
                encrypted,
            )
    except BaseException:
        remove_database_files(encrypted)
        raise
