"""An attacker (or a bad disk) edits key.json: every malformed key file is exit 3 naming it, never a traceback.

The key file is read through KeyFile.load, which checks every field (types, base64, sizes, scrypt
costs, names) before anything is derived from it. The same check guards `<backup>.key.json`
beside a backup, which `superbill restore` reads.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.services import encryption
from app.services.workspace import Workspace
from app.store.encryption import KeyFile, KeyFileError, new_recovery_key
from tests import sample

PASSPHRASE = "tidewater massage since 2019"

Edit = Callable[[dict[str, Any]], Any]


def _set(slot: str, field: str, value: object) -> Edit:
    def edit(document: dict[str, Any]) -> Any:
        document[slot][field] = value
        return document

    return edit


def _drop(slot: str, field: str) -> Edit:
    def edit(document: dict[str, Any]) -> Any:
        del document[slot][field]
        return document

    return edit


def _top(field: str, value: object) -> Edit:
    def edit(document: dict[str, Any]) -> Any:
        document[field] = value
        return document

    return edit


# Each: a name, and how the valid document is turned into the tampered one (a dict to dump as
# JSON, or bytes written as they are).
TAMPERED: list[tuple[str, Edit]] = [
    ("n as text", _set("passphrase", "n", "65536")),
    ("n = 3", _set("passphrase", "n", 3)),
    ("n = 2**40", _set("passphrase", "n", 2**40)),
    ("n = 2**15 + 1", _set("passphrase", "n", 2**15 + 1)),
    ("n huge", _set("passphrase", "n", 10**400)),
    ("n float", _set("passphrase", "n", 65536.0)),
    ("n true", _set("passphrase", "n", True)),
    ("r = 0", _set("passphrase", "r", 0)),
    ("r = 33", _set("passphrase", "r", 33)),
    ("p = 0", _set("passphrase", "p", 0)),
    ("p = 10**9", _set("passphrase", "p", 10**9)),
    ("scrypt over 1 GiB", lambda d: _set("passphrase", "r", 32)(_set("passphrase", "n", 2**20)(d))),
    ("salt not base64", _set("passphrase", "salt", "not base64 at all!")),
    ("salt a number", _set("passphrase", "salt", 12345)),
    ("salt short", _set("passphrase", "salt", "AAAA")),
    ("salt not ascii", _set("passphrase", "salt", "ÄÖÜ" * 8)),
    ("nonce short", _set("passphrase", "nonce", "AAAAAAAA")),
    ("nonce null", _set("passphrase", "nonce", None)),
    ("wrapped missing", _drop("passphrase", "wrapped")),
    ("wrapped short", _set("passphrase", "wrapped", "AAAA")),
    ("recovery wrapped missing", _drop("recovery", "wrapped")),
    ("recovery salt list", _set("recovery", "salt", [1, 2])),
    ("recovery nonce short", _set("recovery", "nonce", "AAAA")),
    ("kdf unknown", _set("passphrase", "kdf", "md5")),
    ("recovery kdf scrypt", _set("recovery", "kdf", "scrypt")),
    ("extra slot field", _set("passphrase", "extra", 1)),
    ("passphrase slot a list", _top("passphrase", [1, 2, 3])),
    ("recovery slot a string", _top("recovery", "x")),
    ("passphrase slot missing", lambda d: {k: v for k, v in d.items() if k != "passphrase"}),
    ("extra top-level field", _top("unexpected", True)),
    ("version text", _top("version", "1")),
    ("version 0", _top("version", 0)),
    ("format other", _top("format", "something else")),
    ("a JSON list", lambda d: [d]),
    ("a JSON number", lambda d: 7),
    ("not JSON", lambda d: b"{this is not json"),
    ("0 bytes", lambda d: b""),
    ("not UTF-8", lambda d: b"\xff\xfe\x00{}"),
    ("deeply nested", lambda d: b"[" * 50_000 + b"]" * 50_000),
    ("very large", lambda d: b" " * 200_000 + json.dumps(d).encode()),
]


@pytest.fixture(scope="module")
def valid_key_file(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("valid")
    KeyFile.create(os.urandom(32), PASSPHRASE, new_recovery_key()).write(folder)
    return (folder / "key.json").read_bytes()


def _tampered(valid: bytes, edit: Edit) -> bytes:
    result = edit(json.loads(valid))
    return result if isinstance(result, bytes) else json.dumps(result).encode()


@pytest.mark.parametrize(("name", "edit"), TAMPERED, ids=[name for name, _ in TAMPERED])
def test_a_tampered_key_file_is_refused_naming_it_and_saying_how_to_recover(
    name: str, edit: Edit, valid_key_file: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "key.json"
    path.write_bytes(_tampered(valid_key_file, edit))
    with pytest.raises(KeyFileError) as refused:
        KeyFile.load(path).unlock(PASSPHRASE)
    message = str(refused.value)
    assert str(path) in message
    assert "backup" in message  # where to get a good one back
    assert PASSPHRASE not in message


def test_the_valid_key_file_still_loads_and_unlocks(valid_key_file: bytes, tmp_path: Path) -> None:
    path = tmp_path / "key.json"
    path.write_bytes(valid_key_file)
    assert len(KeyFile.load(path).unlock(PASSPHRASE)) == 32


@pytest.fixture
def encrypted_practice(data_dir: Path) -> Path:
    encryption.set_up_encryption(data_dir, PASSPHRASE)
    with Workspace(data_dir, passphrase=PASSPHRASE) as workspace:
        workspace.store.save_practice(sample.practice())
    return data_dir


@pytest.mark.parametrize(
    ("name", "edit"),
    [
        entry
        for entry in TAMPERED
        if entry[0] in {"n = 3", "salt not base64", "a JSON list", "0 bytes", "r = 0"}
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_every_command_on_a_practice_with_a_tampered_key_file_is_exit_3_and_changes_nothing(
    name: str,
    edit: Edit,
    encrypted_practice: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    key_file = encrypted_practice / "key.json"
    key_file.write_bytes(_tampered(key_file.read_bytes(), edit))
    before = {p.name: p.read_bytes() for p in encrypted_practice.iterdir() if p.is_file()}
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)
    assert main(["--data-dir", str(encrypted_practice), "export"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "key.json" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in encrypted_practice.iterdir() if p.is_file()} == before


def test_a_tampered_key_file_beside_a_backup_is_exit_3_on_restore(
    encrypted_practice: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)
    assert main(["--data-dir", str(encrypted_practice), "backup", "--to", str(tmp_path / "stick")]) == 0
    backup = next((tmp_path / "stick").glob("*.sqlite3"))
    beside = backup.with_name(backup.name + ".key.json")
    beside.write_bytes(_tampered(beside.read_bytes(), _set("passphrase", "n", 3)))
    capsys.readouterr()
    elsewhere = tmp_path / "another-computer"
    assert main(["--data-dir", str(elsewhere), "restore", "--yes", str(backup)]) == 3
    err = capsys.readouterr().err
    assert str(beside) in err and "Traceback" not in err
    assert not (elsewhere / "practice.sqlite3").exists()


def test_a_passphrase_with_bytes_that_are_not_utf8_is_one_line_naming_the_variable(
    encrypted_practice: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # What os.environ holds for SUPERBILL_PASSPHRASE=$'\xff\xfe' on a POSIX system.
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", os.fsdecode(b"caf\xe9 au lait"))
    assert main(["--data-dir", str(encrypted_practice), "export"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: SUPERBILL_PASSPHRASE: ") and err.count("\n") == 1


def test_a_new_passphrase_with_bytes_that_are_not_utf8_is_refused_and_nothing_is_encrypted(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace(data_dir) as workspace:
        workspace.store.save_practice(sample.practice())
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", os.fsdecode(b"tidewater \xff\xfe massage"))
    assert main(["--data-dir", str(data_dir), "encrypt"]) == 2
    assert capsys.readouterr().err.startswith("error: SUPERBILL_NEW_PASSPHRASE: ")
    assert not encryption.is_encrypted(data_dir)
