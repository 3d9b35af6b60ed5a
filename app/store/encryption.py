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
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.store.database import KEY_BYTES, connect, remove_database_files
from app.store.driver import sqlcipher
from app.store.durable import write_whole
from app.store.errors import StoreError, StoreUnavailable, translate_errors
from app.store.paths import key_file_path

_FORMAT = "superbill-desk database key"
_VERSION = 1

# scrypt: n=2**16, r=8 uses 128 * r * n = 64 MiB and about 0.5 s on a two-core laptop.
SCRYPT_N = 2**16
SCRYPT_R = 8
SCRYPT_P = 1
_SCRYPT_MAXMEM = 2**30 + 64 * 2**20  # the most a checked key file may ask for

_PASSPHRASE_AAD = b"superbill-desk key v1: passphrase"
_RECOVERY_AAD = b"superbill-desk key v1: recovery key"

# Crockford base32: no I, L, O or U, so nothing reads as another character.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_BYTES = 16
_CHECK_BITS = 12
_RECOVERY_CHARACTERS = (_RECOVERY_BYTES * 8 + _CHECK_BITS) // 5  # 28: seven groups of four


class KeyFileError(StoreUnavailable):
    """key.json is missing, damaged or from an unknown version."""


class WrongSecret(StoreError):
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
        """The key file of the practice in `data_dir` (see load)."""
        return cls.load(key_file_path(data_dir))

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """The key file at `path` (key.json, or `<backup>.key.json` beside a backup), checked field by field.

        KeyFileError (exit 3) when it is missing, unreadable, not ours, from a newer version, or
        has any field of the wrong type, size or range: nothing is derived from a tampered file.
        """
        path = Path(path)
        try:
            with path.open("rb") as file:
                raw = file.read(_MAX_KEY_FILE_BYTES + 1)
        except FileNotFoundError:
            raise KeyFileError(
                f"The key file {path} is missing. Put back the key.json saved with your latest backup "
                "(the <backup>.key.json file beside it), named key.json.",
                path,
            ) from None
        except OSError as error:
            raise KeyFileError(
                f"The key file {path} cannot be read ({error.strerror or type(error).__name__}). "
                "Check its permissions, or put back the key.json saved with your latest backup.",
                path,
            ) from None
        try:
            if len(raw) > _MAX_KEY_FILE_BYTES:
                raise _Malformed("it is far too large")
            try:
                document = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                raise _Malformed("it is not a key file (not JSON)") from None
            if not isinstance(document, dict):
                raise _Malformed("it is not a key file")
            if document.get("format") != _FORMAT:
                raise _Malformed("it is not a Superbill Desk key file")
            version = document.get("version")
            if isinstance(version, int) and not isinstance(version, bool) and version > _VERSION:
                raise KeyFileError(
                    f"The key file {path} was written by a newer version of Superbill Desk. "
                    "Install the newer version to open this practice.",
                    path,
                )
            if version != _VERSION or not _is_int(version):
                raise _Malformed("its version is not one Superbill Desk writes")
            _check_keys(document, _TOP_LEVEL, "the file")
            if not isinstance(document["cipher"], str):
                raise _Malformed('its "cipher" is not text')
            return cls(
                _checked_passphrase_slot(document["passphrase"]), _checked_recovery_slot(document["recovery"])
            )
        except _Malformed as problem:
            raise KeyFileError(
                f"The key file {path} is damaged ({problem}); nothing was changed. Put back the "
                "key.json saved with your latest backup (the <backup>.key.json file beside it).",
                path,
            ) from None

    def write(self, data_dir: Path) -> None:
        """Replace key.json in `data_dir` atomically, readable by its owner only (see save)."""
        self.save(key_file_path(data_dir))

    def save(self, path: Path) -> None:
        """Replace the file at `path` atomically (a temporary file renamed over it), owner only."""
        path = Path(path)
        document = {
            "format": _FORMAT,
            "version": _VERSION,
            "cipher": "SQLCipher 4, raw 256-bit key",
            "passphrase": self.passphrase_slot,
            "recovery": self.recovery_slot,
        }
        try:
            write_whole(path, json.dumps(document, indent=2) + "\n")
        except OSError as error:
            raise StoreUnavailable(
                f"The key file ({path}) cannot be written ({error.strerror or error}). Check that the "
                "folder is writable and the disk is not full.",
                path,
            ) from None


# Checking a key file as read ------------------------------------------------------------------

_MAX_KEY_FILE_BYTES = 64 * 1024
_TOP_LEVEL = frozenset({"format", "version", "cipher", "passphrase", "recovery"})
_PASSPHRASE_SLOT = frozenset({"kdf", "salt", "n", "r", "p", "nonce", "wrapped"})
_RECOVERY_SLOT = frozenset({"kdf", "salt", "nonce", "wrapped"})
_SALT_BYTES, _NONCE_BYTES, _WRAPPED_BYTES = 16, 12, KEY_BYTES + 16  # AES-GCM adds a 16-byte tag
# Sane scrypt costs: never weaker than 2**14, never more than 1 GiB or 2**20 (a tampered file
# must not make the app allocate gigabytes or spin for minutes).
_SCRYPT_N_RANGE = (2**14, 2**20)
_SCRYPT_R_RANGE = (1, 32)
_SCRYPT_P_RANGE = (1, 16)
_SCRYPT_MEMORY_LIMIT = 2**30


class _Malformed(StoreError):
    """What is wrong with a key file, in a few words (no secret in it)."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_keys(document: object, expected: frozenset[str], where: str) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise _Malformed(f"{where} is not a set of fields")
    missing = sorted(expected - document.keys())
    extra = sorted(str(name)[:40] for name in document.keys() - expected)
    if missing:
        raise _Malformed(f"{where} lacks {', '.join(repr(name) for name in missing)}")
    if extra:
        raise _Malformed(f"{where} has unknown fields {', '.join(repr(name) for name in extra)}")
    return document


def _checked_bytes(slot: dict[str, Any], name: str, size: int, where: str) -> str:
    value = slot[name]
    if not isinstance(value, str) or len(value) > 4 * size:
        raise _Malformed(f'{where} "{name}" is not base64 text')
    try:
        decoded = _unb64(value)
    except (ValueError, UnicodeEncodeError):
        raise _Malformed(f'{where} "{name}" is not base64 text') from None
    if len(decoded) != size:
        raise _Malformed(f'{where} "{name}" has {len(decoded)} bytes, not {size}')
    return value


def _checked_int(slot: dict[str, Any], name: str, bounds: tuple[int, int], where: str) -> int:
    value = slot[name]
    if not _is_int(value) or not bounds[0] <= value <= bounds[1]:
        raise _Malformed(f'{where} "{name}" is not a whole number from {bounds[0]} to {bounds[1]}')
    return int(value)


def _checked_sealed(slot: dict[str, Any], kdf: str, where: str) -> dict[str, Any]:
    if slot["kdf"] != kdf:
        raise _Malformed(f'{where} "kdf" is not {kdf}')
    return {
        "kdf": kdf,
        "salt": _checked_bytes(slot, "salt", _SALT_BYTES, where),
        "nonce": _checked_bytes(slot, "nonce", _NONCE_BYTES, where),
        "wrapped": _checked_bytes(slot, "wrapped", _WRAPPED_BYTES, where),
    }


def _checked_passphrase_slot(slot: object) -> dict[str, Any]:
    where = "the passphrase slot"
    fields = _check_keys(slot, _PASSPHRASE_SLOT, where)
    n = _checked_int(fields, "n", _SCRYPT_N_RANGE, where)
    if n & (n - 1):
        raise _Malformed(f'{where} "n" is not a power of two')
    r = _checked_int(fields, "r", _SCRYPT_R_RANGE, where)
    p = _checked_int(fields, "p", _SCRYPT_P_RANGE, where)
    if 128 * n * r > _SCRYPT_MEMORY_LIMIT:
        raise _Malformed(f"{where} asks scrypt for more than 1 GiB of memory")
    sealed = _checked_sealed(fields, "scrypt", where)
    return {"kdf": "scrypt", "salt": sealed["salt"], "n": n, "r": r, "p": p} | {
        "nonce": sealed["nonce"],
        "wrapped": sealed["wrapped"],
    }


def _checked_recovery_slot(slot: object) -> dict[str, Any]:
    where = "the recovery slot"
    return _checked_sealed(_check_keys(slot, _RECOVERY_SLOT, where), "hkdf-sha256", where)


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
