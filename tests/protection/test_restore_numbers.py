"""A number is never issued twice, across a restore and its undoing.

The tester's report: `demo`, `backup`, then SB-…-0001 and CL-…-0001 issued; restoring that (older)
backup brought back counters that had not seen them, and the next superbill and claim were issued
SB-…-0001 and CL-…-0001 again, to other patients and payers. The restore said nothing of them.
The real CLI in-process, on real SQLite files.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.services.restore import NUMBERS_UNKNOWN
from app.store.paths import database_path

YEAR = date.today().year
SB = f"SB-{YEAR}-"
CL = f"CL-{YEAR}-"


def run(folder: Path, *args: str) -> int:
    return main(["--data-dir", str(folder), *args])


def issue(folder: Path, out: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run `render` or `cms1500` and return the number it issued."""
    capsys.readouterr()
    assert run(folder, *args, "-o", str(out)) == 0
    found = re.search(r"\b(?:SB|CL)-\d{4}-\d{4}\b", capsys.readouterr().out)
    assert found is not None
    return found.group(0)


@pytest.fixture
def restored(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    """The tester's steps up to the restore: the data folder, and what the restore printed."""
    assert run(data_dir, "demo") == 0
    assert run(data_dir, "backup") == 0
    (backup,) = (data_dir / "backups").glob("practice-*.sqlite3")
    assert issue(data_dir, tmp_path / "a.pdf", capsys, "render", "--patient", "demo-1") == f"{SB}0001"
    assert issue(data_dir, tmp_path / "c.pdf", capsys, "cms1500", "--patient", "demo-2") == f"{CL}0001"
    assert run(data_dir, "restore", "--yes", str(backup)) == 0
    return data_dir, capsys.readouterr().out


def test_after_restoring_an_older_backup_the_next_superbill_and_claim_numbers_are_new(
    restored: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = restored
    assert issue(folder, tmp_path / "b.pdf", capsys, "render", "--patient", "demo-3") == f"{SB}0002"
    assert issue(folder, tmp_path / "d.pdf", capsys, "cms1500", "--patient", "demo-1") == f"{CL}0002"


def test_the_restore_names_the_documents_issued_since_the_backup_and_where_they_are_kept(
    restored: tuple[Path, str],
) -> None:
    folder, out = restored
    (aside,) = folder.glob("practice.sqlite3.before-restore-*")
    assert (
        f"{SB}0001 and {CL}0001 were issued after this backup: they are kept in {aside.name} "
        "and their numbers will not be used again." in out
    )


def test_the_preview_names_them_before_the_restore_is_confirmed(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(data_dir, "demo") == 0
    assert run(data_dir, "backup") == 0
    (backup,) = (data_dir / "backups").glob("practice-*.sqlite3")
    issue(data_dir, tmp_path / "a.pdf", capsys, "render", "--patient", "demo-1")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": "n")
    before = database_path(data_dir).read_bytes()
    assert run(data_dir, "restore", str(backup)) == 0
    out = capsys.readouterr().out
    assert f"{SB}0001 was issued after this backup: it is kept in practice.sqlite3.before-restore-" in out
    assert "Nothing restored." in out and database_path(data_dir).read_bytes() == before


def test_undoing_the_restore_keeps_the_numbers_issued_in_between_from_being_issued_again(
    restored: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = restored
    assert issue(folder, tmp_path / "b.pdf", capsys, "render", "--patient", "demo-3") == f"{SB}0002"
    (aside,) = folder.glob("practice.sqlite3.before-restore-*")
    assert run(folder, "restore", "--yes", str(aside)) == 0
    out = capsys.readouterr().out
    assert f"{SB}0002 was issued after this backup" in out
    # The undone practice holds SB-…-0001; SB-…-0002 was issued by the one it replaces.
    assert issue(folder, tmp_path / "f.pdf", capsys, "render", "--patient", "demo-3") == f"{SB}0003"


def test_a_damaged_current_database_is_restored_over_with_a_notice_that_numbers_cannot_be_known(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "demo") == 0
    assert run(data_dir, "backup") == 0
    (backup,) = (data_dir / "backups").glob("practice-*.sqlite3")
    issue(data_dir, tmp_path / "a.pdf", capsys, "render", "--patient", "demo-1")
    database = database_path(data_dir)
    damaged = bytearray(database.read_bytes())
    damaged[:100] = b"\xa5" * 100  # the header gone: SQLite cannot open it
    database.write_bytes(bytes(damaged))
    assert run(data_dir, "restore", "--yes", str(backup)) == 0
    out = capsys.readouterr().out
    assert NUMBERS_UNKNOWN in out.splitlines()
    assert "Restored 4 patients" in out
    assert issue(data_dir, tmp_path / "b.pdf", capsys, "render", "--patient", "demo-2") == f"{SB}0001"
