"""`superbill restore FILE` takes what `superbill backup` wrote: an encrypted backup with its key file beside it.

The attacker here is bad luck: the laptop is stolen (a new, empty data folder on another
computer), key.json is deleted, or the passphrase was changed since the backup. In each case the
backup and its `<backup>.key.json` must restore with the passphrase or the recovery key, and the
data folder must end up with the matching key.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.services.workspace import Workspace

PASSPHRASE = "tidewater massage since 2019"
NEW_PASSPHRASE = "a brand new passphrase here"


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


@pytest.fixture
def stick_backup(
    data_dir: Path,
    sample_practice_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[Path, str]:
    """An encrypted practice backed up to a USB stick; returns the backup and the recovery key."""
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    assert run(data_dir, "encrypt", "--recovery-key-written") == 0
    monkeypatch.delenv("SUPERBILL_NEW_PASSPHRASE")
    out = capsys.readouterr().out
    recovery_key = next(line for line in out.splitlines() if line.startswith("Recovery key: ")).split(": ")[1]
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)
    assert run(data_dir, "backup", "--to", str(tmp_path / "stick")) == 0
    capsys.readouterr()
    backup = next((tmp_path / "stick").glob("*.sqlite3"))
    assert backup.with_name(backup.name + ".key.json").exists()
    return backup, recovery_key


def opens(folder: Path, **secret: str) -> bool:
    with Workspace(folder, **secret) as workspace:  # type: ignore[arg-type]
        return workspace.store.chart("pt-0001").patient.last_name == "Okafor"


def test_restore_into_the_same_data_folder(
    data_dir: Path, stick_backup: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    backup, _ = stick_backup
    assert run(data_dir, "restore", "--yes", str(backup)) == 0
    assert opens(data_dir, passphrase=PASSPHRASE)


def test_restore_into_a_new_empty_folder_on_another_computer(
    stick_backup: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup, _ = stick_backup
    laptop = tmp_path / "new-laptop"
    assert run(laptop, "restore", "--yes", str(backup)) == 0
    assert "key file saved with the backup is now the practice's key.json" in capsys.readouterr().out
    assert (laptop / "key.json").read_bytes() == backup.with_name(backup.name + ".key.json").read_bytes()
    assert opens(laptop, passphrase=PASSPHRASE)


def test_restore_with_the_recovery_key_into_a_new_folder(
    stick_backup: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup, recovery_key = stick_backup
    monkeypatch.delenv("SUPERBILL_PASSPHRASE")
    monkeypatch.setenv("SUPERBILL_RECOVERY_KEY", recovery_key)
    laptop = tmp_path / "new-laptop"
    assert run(laptop, "--recovery-key", "restore", "--yes", str(backup)) == 0
    assert opens(laptop, recovery_key=recovery_key)


def test_restore_into_the_folder_whose_key_file_was_lost_as_the_error_advises(
    data_dir: Path, stick_backup: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "backup") == 0
    (data_dir / "key.json").unlink()
    assert run(data_dir, "export") == 3
    advice = capsys.readouterr().err
    command = next(line for line in advice.splitlines() if "superbill restore " in line)
    advised = Path(command.split("superbill restore ", 1)[1].strip())
    assert run(data_dir, "restore", "--yes", str(advised)) == 0
    assert opens(data_dir, passphrase=PASSPHRASE)


def test_restore_after_the_passphrase_was_changed_keeps_the_current_passphrase(
    data_dir: Path, stick_backup: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    backup, _ = stick_backup
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", NEW_PASSPHRASE)
    assert run(data_dir, "passphrase") == 0
    before = (data_dir / "key.json").read_bytes()
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", NEW_PASSPHRASE)
    assert run(data_dir, "restore", "--yes", str(backup)) == 0
    assert (data_dir / "key.json").read_bytes() == before
    assert opens(data_dir, passphrase=NEW_PASSPHRASE)


def test_the_old_passphrase_restores_with_the_backups_key_file_and_keeps_the_other_aside(
    data_dir: Path, stick_backup: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    backup, _ = stick_backup
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", NEW_PASSPHRASE)
    assert run(data_dir, "passphrase") == 0
    replaced = (data_dir / "key.json").read_bytes()
    assert run(data_dir, "restore", "--yes", str(backup)) == 0  # SUPERBILL_PASSPHRASE: the old one
    assert opens(data_dir, passphrase=PASSPHRASE)
    kept = next(data_dir.glob("key.json.before-restore-*"))
    assert kept.read_bytes() == replaced


def test_without_any_key_file_restore_says_which_file_to_put_beside_it(
    stick_backup: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup, _ = stick_backup
    backup.with_name(backup.name + ".key.json").unlink()
    laptop = tmp_path / "new-laptop"
    assert run(laptop, "restore", "--yes", str(backup)) == 2
    err = capsys.readouterr().err
    assert f"{backup.name}.key.json" in err and err.count("\n") == 1
    assert not (laptop / "practice.sqlite3").exists()


def test_a_wrong_passphrase_restores_nothing(
    stick_backup: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    backup, _ = stick_backup
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", "not the passphrase at all")
    laptop = tmp_path / "new-laptop"
    assert run(laptop, "restore", "--yes", str(backup)) == 2
    assert capsys.readouterr().err.startswith("error: passphrase: ")
    assert not laptop.exists() or not any(laptop.iterdir())


def test_an_unencrypted_backup_is_not_restored_over_an_encrypted_practice(
    data_dir: Path,
    stick_backup: tuple[Path, str],
    sample_practice_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    plain = tmp_path / "plain"
    assert run(plain, "import", str(sample_practice_path)) == 0
    assert run(plain, "backup") == 0
    plain_backup = next((plain / "backups").glob("*.sqlite3"))
    before = (data_dir / "practice.sqlite3").read_bytes()
    assert run(data_dir, "restore", "--yes", str(plain_backup)) == 2
    assert "leave your records unencrypted" in capsys.readouterr().err
    assert (data_dir / "practice.sqlite3").read_bytes() == before


def test_a_recovery_key_not_yet_written_down_goes_aside_with_the_key_file_it_opens(
    data_dir: Path,
    stick_backup: tuple[Path, str],
    sample_practice_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Another practice, encrypted, its recovery key still waiting to be confirmed, takes the backup:
    the waiting key is the old practice's, so it must not stay as if it opened the restored one."""
    backup, recovery_key = stick_backup
    other = tmp_path / "other"
    monkeypatch.delenv("SUPERBILL_PASSPHRASE")
    assert run(other, "import", str(sample_practice_path)) == 0
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    assert run(other, "encrypt") == 0  # no terminal, no --recovery-key-written: the key waits
    pending = other / "recovery-key.pending.txt"
    waiting = pending.read_bytes()
    assert recovery_key.encode() not in waiting
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)
    capsys.readouterr()

    assert run(other, "restore", "--yes", str(backup)) == 0
    assert not pending.exists()
    (kept,) = other.glob("recovery-key.pending.txt.before-restore-*")
    assert kept.read_bytes() == waiting
    assert opens(other, recovery_key=recovery_key)


@pytest.mark.parametrize("damage", ["folder", "not a number"])
def test_a_damaged_key_file_beside_the_backup_is_said_as_damaged_not_as_a_wrong_passphrase(
    stick_backup: tuple[Path, str],
    sample_practice_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    damage: str,
) -> None:
    """Another practice's folder (its key.json has another passphrase) and the backup's own key file
    damaged: the passphrase typed may be right, so the message points at the key file (exit 3)."""
    backup, _ = stick_backup
    beside = backup.with_name(backup.name + ".key.json")
    if damage == "folder":
        beside.unlink()
        beside.mkdir()
    else:
        document = json.loads(beside.read_text(encoding="utf-8"))
        document["passphrase"]["n"] = 3
        beside.write_text(json.dumps(document), encoding="utf-8")
    other = tmp_path / "other"
    monkeypatch.delenv("SUPERBILL_PASSPHRASE")
    assert run(other, "import", str(sample_practice_path)) == 0
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", NEW_PASSPHRASE)
    assert run(other, "encrypt", "--recovery-key-written") == 0
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)
    capsys.readouterr()
    assert run(other, "restore", "--yes", str(backup)) == 3
    err = capsys.readouterr().err
    assert str(beside) in err and "passphrase does not open" not in err
    assert not list(other.glob("*before-restore*"))
