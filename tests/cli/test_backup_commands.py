"""`superbill backup`, `backups` and `restore`, and what every command says about a damaged practice file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from app.cli import main
from app.store.paths import database_path


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def practice(data_dir: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    capsys.readouterr()
    return data_dir


def test_backup_into_the_data_folder_then_list_it(practice: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(practice, "backup") == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Backed up to {practice / 'backups' / 'practice-'}")
    assert "1 patient, 2 visits, 0 superbills" in out and "integrity check ok" in out

    assert run(practice, "backups") == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 1 and str(practice / "backups") in listed[0]


def test_backups_with_none_says_how_to_make_one(practice: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(practice, "backups") == 0
    assert "No backups" in capsys.readouterr().out


def test_backup_to_a_folder_and_restore_it_with_yes(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(practice, "backup", "--to", str(tmp_path / "stick")) == 0
    (backup,) = (tmp_path / "stick").iterdir()
    capsys.readouterr()
    before = sha256(database_path(practice))

    assert run(practice, "restore", str(backup), "--yes") == 0
    out = capsys.readouterr().out
    assert "1 patient, 2 visits, 0 superbills; integrity check ok" in out
    assert "Restored 1 patient, 2 visits, 0 superbills" in out
    (aside,) = practice.glob("practice.sqlite3.before-restore-*")
    assert f"kept as {aside}" in out
    assert sha256(aside) == before
    assert run(practice, "export", "-o", str(tmp_path / "out.json")) == 0


def test_restore_without_yes_and_without_a_terminal_restores_nothing(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(practice, "backup", "--to", str(tmp_path)) == 0
    (backup,) = tmp_path.glob("practice-*.sqlite3")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    before = sha256(database_path(practice))
    capsys.readouterr()

    assert run(practice, "restore", str(backup)) == 2  # a script must not read "nothing restored" as done
    captured = capsys.readouterr()
    assert captured.err.startswith("error: --yes:") and "nothing was restored" in captured.err
    assert sha256(database_path(practice)) == before
    assert not list(practice.glob("*before-restore*"))


def test_restore_refuses_random_bytes_with_exit_2(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(os.urandom(10_000))
    before = sha256(database_path(practice))

    assert run(practice, "restore", str(junk), "--yes") == 2
    err = capsys.readouterr().err
    assert "not a database" in err and "Nothing was restored" in err
    assert sha256(database_path(practice)) == before


def test_a_damaged_practice_file_stops_every_command_with_the_restore_command(
    practice: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(practice, "backup") == 0
    (backup,) = (practice / "backups").iterdir()
    database = database_path(practice)
    database.write_bytes(database.read_bytes()[:50])
    damaged = sha256(database)
    capsys.readouterr()

    assert run(practice, "export") == 3
    err = capsys.readouterr().err
    assert "not a database" in err
    assert str(database) in err
    assert f"superbill restore {backup}" in err
    assert sha256(database) == damaged

    assert run(practice, "backups") == 0  # listing works on a damaged practice
    assert run(practice, "restore", str(backup), "--yes") == 0
    assert run(practice, "export", "-o", os.devnull) == 0
    (aside,) = practice.glob("practice.sqlite3.before-restore-*")
    assert sha256(aside) == damaged


def test_a_newer_practice_file_is_named_as_such(practice: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    conn = sqlite3.connect(database_path(practice))
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    capsys.readouterr()
    assert run(practice, "export") == 3
    err = capsys.readouterr().err
    assert "newer version" in err and "no backup in the data folder" in err
