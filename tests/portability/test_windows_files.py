"""The parts that write files, under Windows' file rules simulated here (tests/portability/windows.py).

Backups, rotation, restore, render -o, export -o and the staged (atomic) writes, with: a file open
elsewhere that cannot be renamed or deleted, file modes that do nothing, paths of at most 259
characters, and names Windows cannot hold (CON, AUX, NUL, COM1, LPT1, a trailing dot or space).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.services.backups import back_up_now, backups_to_keep, list_backups
from app.services.workspace import Workspace
from app.store.paths import database_path
from tests.portability.windows import MAX_PATH, WindowsFiles, long_path, simulate_windows
from tests.protection.helpers import imported_workspace
from tests.protection.test_output_paths import dump, one_error_line

NOW = datetime(2026, 11, 27, 10, 15, 0)


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def everything_under(folder: Path) -> set[str]:
    return {str(path.relative_to(folder)) for path in folder.rglob("*") if "logs" not in path.parts}


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> WindowsFiles:
    return simulate_windows(monkeypatch)


@pytest.fixture
def practice(data_dir: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    capsys.readouterr()
    return data_dir


@pytest.fixture
def workspace(data_dir: Path, sample_practice_path: Path) -> Iterator[Workspace]:
    workspace = imported_workspace(data_dir, sample_practice_path)
    yield workspace
    workspace.close()


# A file open in another program ------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [("render", "--patient", "pt-0001"), ("export",)], ids=["render", "export"]
)
def test_writing_over_a_file_open_in_another_program_is_refused_naming_o_and_changes_nothing(
    practice: Path,
    tmp_path: Path,
    windows: WindowsFiles,
    capsys: pytest.CaptureFixture[str],
    command: tuple[str, ...],
) -> None:
    """A PDF open in a viewer cannot be replaced on Windows: one line naming -o, no number used."""
    target = tmp_path / "out" / "superbill.pdf"
    target.parent.mkdir()
    target.write_bytes(b"the copy open in a viewer")
    before, files_before = dump(practice), everything_under(tmp_path)
    with target.open("rb"):
        assert run(practice, *command, "-o", str(target)) == 2
        line = one_error_line(capsys)
    assert line.startswith("error: -o: ") and "another program" in line
    assert windows.refusals
    assert target.read_bytes() == b"the copy open in a viewer"
    assert dump(practice) == before
    assert everything_under(tmp_path) == files_before  # no .partial left beside it
    assert run(practice, "render", "--patient", "pt-0001", "-o", str(target)) == 0  # closed: written


def test_backup_restore_and_export_round_trip_under_windows_rules(
    practice: Path, tmp_path: Path, windows: WindowsFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(practice, "export", "-o", str(tmp_path / "before.json")) == 0
    assert run(practice, "backup") == 0
    assert run(practice, "backup", "--to", str(tmp_path / "stick")) == 0
    (backup,) = (tmp_path / "stick").glob("practice-*.sqlite3")
    assert run(practice, "restore", str(backup), "--yes") == 0
    assert list(practice.glob("practice.sqlite3.before-restore-*"))
    assert run(practice, "export", "-o", str(tmp_path / "after.json")) == 0
    assert (tmp_path / "after.json").read_bytes() == (tmp_path / "before.json").read_bytes()
    assert not windows.refusals


def test_rotation_keeps_a_backup_it_cannot_delete_and_the_backup_still_succeeds(
    workspace: Workspace, windows: WindowsFiles
) -> None:
    """An old backup open elsewhere (a virus scanner, a database browser) is left for the next rotation."""
    folder = workspace.data_dir / "backups"
    first = datetime(2026, 11, 10, 10, 15)  # mid-month, so the day that leaves the 7 is no month's newest
    for day in range(10):
        back_up_now(workspace, now=first + timedelta(days=day))
    existing = list_backups(folder)
    then = first + timedelta(days=10)
    keep = backups_to_keep([then, *(backup.taken_at for backup in existing)])
    dropped = [backup.path for backup in existing if backup.taken_at not in keep]
    assert dropped  # the next backup rotates one away
    with contextlib.ExitStack() as held:  # every backup there open in another program
        for backup in existing:
            held.enter_context(backup.path.open("rb"))
        summary = back_up_now(workspace, now=then)
    assert summary.path.exists() and summary.patients == 1
    assert all(path.exists() for path in dropped)  # left for the next rotation
    assert windows.refusals == [f"delete {path}: open" for path in dropped]
    back_up_now(workspace, now=first + timedelta(days=11))  # closed now: the next rotation removes them
    assert not any(path.exists() for path in dropped)


def test_restore_while_the_practice_is_open_says_to_close_it_and_changes_nothing(
    practice: Path, tmp_path: Path, windows: WindowsFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(practice, "backup", "--to", str(tmp_path / "stick")) == 0
    (backup,) = (tmp_path / "stick").glob("practice-*.sqlite3")
    before = everything_under(practice)
    database = sha256(database_path(practice))
    capsys.readouterr()
    with Workspace(practice):  # the app has the practice open
        assert run(practice, "restore", str(backup), "--yes") == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "open in Superbill Desk or another program" in err and "close it" in err
    assert everything_under(practice) == before
    assert sha256(database_path(practice)) == database


def test_modes_do_nothing_and_backups_still_open(
    workspace: Workspace, tmp_path: Path, windows: WindowsFiles
) -> None:
    """os.chmod does nothing on Windows: nothing the app does depends on it having worked."""
    os.chmod(tmp_path, 0o000)  # would lock the test out on Linux; does nothing here
    summary = back_up_now(workspace, tmp_path / "stick", NOW)
    assert summary.patients == 1


# Names and lengths Windows cannot hold -----------------------------------------------------------

RESERVED = [
    "CON",
    "con.pdf",
    "AUX.pdf",
    "NUL",
    "nul.txt",
    "COM1.pdf",
    "LPT1",
    "PRN.json",
    "superbill.pdf.",
    "superbill.pdf ",
    "bill:1.pdf",
    'a"b.pdf',
    "why?.pdf",
    "star*.pdf",
    "a<b>.pdf",
    "pipe|.pdf",
]


@pytest.mark.parametrize("name", RESERVED)
@pytest.mark.parametrize(
    "command", [("render", "--patient", "pt-0001"), ("export",)], ids=["render", "export"]
)
def test_a_name_windows_cannot_hold_is_refused_for_o_with_one_line(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...], name: str
) -> None:
    """On every system: a file named here may be copied to a Windows laptop or a FAT stick."""
    before, files_before = dump(practice), everything_under(tmp_path)
    assert run(practice, *command, "-o", str(tmp_path / name)) == 2
    line = one_error_line(capsys)
    assert line.startswith("error: -o: ") and "Windows" in line
    assert dump(practice) == before and everything_under(tmp_path) == files_before


def test_a_folder_to_be_made_with_a_reserved_name_is_refused_for_o(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(practice, "export", "-o", str(tmp_path / "AUX" / "practice.json")) == 2
    assert one_error_line(capsys).startswith("error: -o: ")
    assert not (tmp_path / "AUX").exists()


def test_an_existing_folder_of_any_name_may_hold_the_output(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only what the app would create is checked: a folder the system already holds is the user's."""
    (tmp_path / "aux").mkdir()
    assert run(practice, "export", "-o", str(tmp_path / "aux" / "practice.json")) == 0


@pytest.mark.parametrize(
    "command", [("render", "--patient", "pt-0001"), ("export",)], ids=["render", "export"]
)
def test_a_path_longer_than_windows_opens_is_refused_for_o_and_no_folder_is_made(
    practice: Path,
    tmp_path: Path,
    windows: WindowsFiles,
    capsys: pytest.CaptureFixture[str],
    command: tuple[str, ...],
) -> None:
    target = long_path(tmp_path / "out", "superbill.pdf")
    before = dump(practice)
    assert run(practice, *command, "-o", str(target)) == 2
    line = one_error_line(capsys)
    assert line.startswith("error: -o: ") and f"{MAX_PATH - 1} characters" in line
    assert not (tmp_path / "out").exists()
    assert dump(practice) == before


def test_the_longest_path_allowed_is_written_under_windows_rules_with_its_staged_copy(
    practice: Path, tmp_path: Path, windows: WindowsFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file is staged as `.<name>.partial` (9 characters more): the limit counts that copy."""
    longest = MAX_PATH - 1 - len("..partial")
    target = long_path(tmp_path / "out", "superbill.pdf", longest)
    assert len(str(target)) == longest
    assert run(practice, "render", "--patient", "pt-0001", "-o", str(target)) == 0
    assert target.read_bytes().startswith(b"%PDF-")
    one_more = long_path(tmp_path / "out", "superbill2.pdf", longest + 1)
    capsys.readouterr()
    assert run(practice, "render", "--patient", "pt-0001", "-o", str(one_more)) == 2
    assert f"{MAX_PATH - 1} characters" in one_error_line(capsys)


@pytest.mark.parametrize("folder", ["AUX", "backups.", "LPT1"])
def test_backup_to_a_folder_windows_cannot_hold_is_refused_naming_to(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    assert run(practice, "backup", "--to", str(tmp_path / folder)) == 2
    line = one_error_line(capsys)
    assert line.startswith("error: --to: ") and "Windows" in line
    assert not (tmp_path / folder).exists()


def test_backup_to_a_folder_too_deep_for_windows_is_refused_naming_to(
    practice: Path, tmp_path: Path, windows: WindowsFiles, capsys: pytest.CaptureFixture[str]
) -> None:
    """The folder is short enough, but the backup's name in it would not be."""
    folder = long_path(tmp_path / "stick", "x", MAX_PATH - 20).parent
    assert run(practice, "backup", "--to", str(folder)) == 2
    line = one_error_line(capsys)
    assert line.startswith("error: --to: ") and "characters" in line
    assert not (tmp_path / "stick").exists()


@pytest.mark.parametrize("folder", ["CON", "statements.", "2026 <year>"])
def test_year_end_statements_into_a_folder_windows_cannot_hold_are_refused_naming_o(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    assert run(practice, "statements", "--year", "2026", "--draft", "-o", str(tmp_path / folder)) == 2
    line = one_error_line(capsys)
    assert line.startswith("error: -o: ") and "Windows" in line
    assert not (tmp_path / folder).exists()
