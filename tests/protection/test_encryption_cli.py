"""`superbill encrypt` and `superbill passphrase`, and every command on an encrypted practice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from tests.cli.test_cli import pdf_text

PASSPHRASE = "tidewater massage since 2019"


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


@pytest.fixture
def encrypted(
    data_dir: Path,
    sample_practice_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> str:
    """The sample practice imported, then encrypted from the command line; returns the recovery key shown."""
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    assert run(data_dir, "encrypt") == 0
    monkeypatch.delenv("SUPERBILL_NEW_PASSPHRASE")
    out = capsys.readouterr().out
    assert "The unencrypted copy was deleted" in out
    assert "print it or write it down" in out
    return next(line for line in out.splitlines() if line.startswith("Recovery key: ")).split(": ")[1]


def test_import_render_and_export_work_with_the_passphrase_in_the_environment(
    data_dir: Path,
    encrypted: str,
    sample_practice_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    out = tmp_path / "out.pdf"
    assert run(data_dir, "render", "--patient", "pt-0001", "-o", str(out)) == 0
    assert "Daniel Okafor" in pdf_text(out)
    exported = tmp_path / "export.json"
    assert run(data_dir, "export", "-o", str(exported)) == 0
    assert json.loads(exported.read_text(encoding="utf-8"))["patients"]
    assert b"Okafor" not in (data_dir / "practice.sqlite3").read_bytes()


def test_without_the_passphrase_a_command_says_how_to_give_it(
    data_dir: Path, encrypted: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "export") == 2
    assert "SUPERBILL_PASSPHRASE" in capsys.readouterr().err


def test_a_wrong_passphrase_is_one_clear_line(
    data_dir: Path, encrypted: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", "not the passphrase at all")
    assert run(data_dir, "export") == 2
    err = capsys.readouterr().err
    assert err.startswith("error: passphrase: That passphrase is not the one for this practice")
    assert "Traceback" not in err and "not the passphrase at all" not in err


def test_the_recovery_key_opens_it(
    data_dir: Path, encrypted: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUPERBILL_RECOVERY_KEY", encrypted)
    assert run(data_dir, "--recovery-key", "issued", "--patient", "pt-0001") == 0


def test_changing_the_passphrase(
    data_dir: Path, encrypted: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", "a brand new passphrase")
    assert run(data_dir, "passphrase") == 0
    assert "recovery key still works" in capsys.readouterr().out
    assert run(data_dir, "export") == 2
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", "a brand new passphrase")
    assert run(data_dir, "export") == 0
