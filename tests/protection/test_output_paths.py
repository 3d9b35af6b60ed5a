"""Every file the user names (-o, a Save dialog) goes where it may, whole, or not at all.

The attacker points each writing command at the practice itself (its database, -wal, -shm,
-journal, key.json, a backup, the log), at a symlink or hard link to the database, at a folder, at
an empty name and at a path under a regular file. Each time: exit 2 with one line naming -o, the
database row for row as it was, no statement number used (the next superbill gets the number it
would have got), and no file left behind. A full disk under -o (/dev/full) is no bad input: exit 3,
saying the disk is full, with the same guarantees. Then what is written is the owner's only.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.cli.helpers import dump, run

YEAR = date.today().year
FIRST, SECOND = f"SB-{YEAR}-0001", f"SB-{YEAR}-0002"
PASSPHRASE = "tidewater massage since 2019"
PDF_PASSWORD = "send separately 2026"

# The template issues FIRST for the first visit; each visit is billed once, so a final superbill
# here is for the visits not yet on one (the second visit).
RENDER = ("render", "--patient", "pt-0001", "--unbilled")
# Every command that writes a file the user names, as typed before its -o.
WRITERS: dict[str, tuple[str, ...]] = {
    "demo": ("demo",),
    "export": ("export",),
    "render": RENDER,
    "render --draft": (*RENDER, "--draft"),
    "render --password": (*RENDER, "--password"),
    "reprint": ("reprint", FIRST),
    "reissue": ("reissue", FIRST),
}


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file left in the test's folder, but the log and the database's own -wal and -shm."""
    found = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if relative.parts[0] == "logs" or path.name.endswith(("-wal", "-shm")) or not path.is_file():
            continue
        found[str(relative)] = path.read_bytes() if not path.is_symlink() else b"-> link"
    return found


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def next_number(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The number the next superbill gets (it is issued to a file outside the practice)."""
    capsys.readouterr()
    assert run(data_dir, *RENDER, "-o", str(tmp_path / "next.pdf")) == 0
    out = capsys.readouterr().out
    return next(word for word in out.split() if word.startswith("SB-"))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo practice and the sample one in one (`demo` needs its patient), one superbill issued
    (FIRST), and a backup of it: made once, copied for each test."""
    folder = tmp_path_factory.mktemp("template")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SUPERBILL_LOG_DIR", str(folder / "logs"))
        assert run(folder / "data", "demo", "-o", str(folder / "demo.pdf")) == 0
        sample = Path(__file__).resolve().parents[1] / "data" / "sample-practice.json"
        assert run(folder / "data", "import", str(sample)) == 0
        first_visit = ("--from", "2026-09-09", "--to", "2026-09-09")
        assert (
            run(
                folder / "data",
                "render",
                "--patient",
                "pt-0001",
                *first_visit,
                "-o",
                str(folder / "issued.pdf"),
            )
            == 0
        )
        assert run(folder / "data", "backup") == 0
    return folder / "data"


@pytest.fixture
def practice(
    template: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    """A copy of the template in this test's data folder, its log begun in this test's log folder."""
    monkeypatch.setenv("SUPERBILL_PDF_PASSWORD", PDF_PASSWORD)
    shutil.copytree(template, data_dir)
    assert run(data_dir, "issued", "--patient", "pt-0001") == 0
    capsys.readouterr()
    return data_dir


def _link(tmp: Path, target: Path, name: str, *, hard: bool) -> str:
    link = tmp / name
    if hard:
        os.link(target, link)
    else:
        link.symlink_to(target)
    return str(link)


def _folder(tmp: Path) -> str:
    (tmp / "a folder").mkdir()
    return str(tmp / "a folder")


def _under_a_file(tmp: Path) -> str:
    (tmp / "a file").write_text("not a folder")
    return str(tmp / "a file" / "superbill.pdf")


def _symlinked_data_folder(data: Path, tmp: Path) -> str:
    (tmp / "alias").symlink_to(data, target_is_directory=True)
    return str(tmp / "alias" / "practice.sqlite3")


# Each hostile place, made in the test's folder (`tmp`) beside the practice (`data`).
HOSTILE: dict[str, Callable[[Path, Path], str]] = {
    "the database": lambda data, tmp: str(data / "practice.sqlite3"),
    "its -wal": lambda data, tmp: str(data / "practice.sqlite3-wal"),
    "its -shm": lambda data, tmp: str(data / "practice.sqlite3-shm"),
    "its -journal": lambda data, tmp: str(data / "practice.sqlite3-journal"),
    "a backup": lambda data, tmp: str(next((data / "backups").iterdir())),
    "a new file among the backups": lambda data, tmp: str(data / "backups" / "x.sqlite3"),
    "the log": lambda data, tmp: str(tmp / "logs" / "superbill-desk.log"),
    "a symlink to the database": lambda data, tmp: _link(tmp, data / "practice.sqlite3", "l.pdf", hard=False),
    "a hard link to the database": lambda data, tmp: _link(
        tmp, data / "practice.sqlite3", "h.pdf", hard=True
    ),
    "the database through a symlinked folder": _symlinked_data_folder,
    "a folder": lambda data, tmp: _folder(tmp),
    "the data folder": lambda data, tmp: str(data),
    "an empty name": lambda data, tmp: "",
    "a blank name": lambda data, tmp: "  ",
    "a path under a regular file": lambda data, tmp: _under_a_file(tmp),
}


@pytest.mark.parametrize("place", sorted(HOSTILE))
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_hostile_output_is_refused_and_changes_nothing(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], writer: str, place: str
) -> None:
    target = HOSTILE[place](practice, tmp_path)
    before, files_before = dump(practice), files_under(tmp_path)
    log = tmp_path / "logs" / "superbill-desk.log"
    log_before = log.read_bytes()

    assert run(practice, *WRITERS[writer], "-o", target) == 2
    assert one_error_line(capsys).startswith("error: -o: ")

    assert dump(practice) == before
    assert files_under(tmp_path) == files_before  # nothing written, nothing half-written left
    assert log.read_bytes().startswith(log_before)  # the log only grew, by its own lines
    assert b"%PDF" not in log.read_bytes()
    assert next_number(practice, tmp_path, capsys) == SECOND


def said_full(line: str) -> None:
    """A full disk in the environment's words (exit 3), never as bad input naming -o (exit 2)."""
    assert line.startswith("error: The disk holding /dev/full is full."), line
    assert "Free some space" in line and "was not written" in line, line


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_full_disk_under_the_output_is_exit_3_not_bad_input_and_changes_nothing(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], writer: str
) -> None:
    before, files_before = dump(practice), files_under(tmp_path)
    assert run(practice, *WRITERS[writer], "-o", "/dev/full") == 3
    said_full(one_error_line(capsys))
    assert dump(practice) == before
    assert files_under(tmp_path) == files_before
    assert next_number(practice, tmp_path, capsys) == SECOND


@pytest.fixture
def encrypted(practice: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    assert run(practice, "encrypt") == 0
    monkeypatch.setenv("SUPERBILL_PASSPHRASE", PASSPHRASE)
    capsys.readouterr()
    return practice


def what_the_practice_holds(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert run(data_dir, "export") == 0
    assert run(data_dir, "issued", "--patient", "pt-0001") == 0
    return capsys.readouterr().out


def test_key_json_of_an_encrypted_practice_is_never_written_over(
    encrypted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = encrypted / "key.json"
    key_before, held_before = key.read_bytes(), what_the_practice_holds(encrypted, capsys)
    for writer in sorted(WRITERS):  # one practice for all: each opening runs the passphrase's KDF
        assert run(encrypted, *WRITERS[writer], "-o", str(key)) == 2, writer
        assert one_error_line(capsys).startswith("error: -o: ")
        assert key.read_bytes() == key_before, writer
    assert what_the_practice_holds(encrypted, capsys) == held_before
    assert next_number(encrypted, tmp_path, capsys) == SECOND


@pytest.mark.parametrize("extra", [(), ("--password",)], ids=["plain", "password"])
def test_a_superbill_that_cannot_be_written_gives_its_number_back_on_every_retry(
    practice: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...]
) -> None:
    before = dump(practice)
    for _attempt in range(3):
        assert run(practice, *RENDER, *extra, "-o", "/dev/full") == 3
        said_full(one_error_line(capsys))
        assert run(practice, "reissue", FIRST, "-o", "/dev/full") == 3
        said_full(one_error_line(capsys))
    assert dump(practice) == before
    assert run(practice, *RENDER, *extra, "-o", str(tmp_path / "written.pdf")) == 0
    assert f"Superbill {SECOND} written" in capsys.readouterr().out
    assert (tmp_path / "written.pdf").read_bytes().startswith(b"%PDF")


# What is written is the owner's only -----------------------------------------------------------


@pytest.fixture
def lax_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("existing", [None, 0o644, 0o600, 0o400], ids=["new", "0644", "0600", "0400"])
def test_an_output_is_readable_by_its_owner_only(
    practice: Path, tmp_path: Path, lax_umask: None, writer: str, existing: int | None
) -> None:
    target = tmp_path / "out" / "superbill.pdf"
    if existing is not None:
        target.parent.mkdir()
        target.write_bytes(b"an older copy")
        target.chmod(existing)
    assert run(practice, *WRITERS[writer], "-o", str(target)) == 0
    assert target.read_bytes() != b"an older copy"
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode == (0o600 if existing is None else existing & 0o600)
    assert sorted(p.name for p in target.parent.iterdir()) == ["superbill.pdf"]


def test_a_symlink_to_a_file_of_the_users_is_written_through_and_stays_a_link(
    practice: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    (tmp_path / "link.pdf").symlink_to(real)
    assert run(practice, *RENDER, "--draft", "-o", str(tmp_path / "link.pdf")) == 0
    assert (tmp_path / "link.pdf").is_symlink()
    assert real.read_bytes().startswith(b"%PDF")


# Standard output that cannot be written ---------------------------------------------------------


def superbill(data_dir: Path, *args: str, stdout: int) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args]
    return subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60, check=False)


@pytest.mark.parametrize("args", [("export",), ("issued", "--patient", "pt-0001")], ids=["export", "issued"])
def test_standard_output_on_a_full_disk_is_one_line_and_exit_3(practice: Path, args: tuple[str, ...]) -> None:
    before = dump(practice)
    with open("/dev/full", "wb") as full:
        finished = superbill(practice, *args, stdout=full.fileno())
    assert finished.returncode == 3, finished.stderr
    assert finished.stderr.strip().splitlines() == [
        "error: standard output cannot be written (No space left on device)"
    ]
    assert dump(practice) == before


def test_a_closed_pipe_ends_the_command_quietly(practice: Path) -> None:
    reading, writing = os.pipe()
    os.close(reading)  # `| head -1` that has already gone
    try:
        finished = superbill(practice, "export", stdout=writing)
    finally:
        os.close(writing)
    assert finished.returncode == 141  # as a shell reports a command ended by SIGPIPE
    assert finished.stderr == ""


# The app's Save dialogs ask the same rule --------------------------------------------------------


@pytest.mark.parametrize("chosen", ["a symlink to the database", "a backup"])
def test_the_app_never_saves_a_pdf_over_the_practice(
    qtbot: QtBot, practice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chosen: str
) -> None:
    from app.ui.superbills.pdf_preview import PdfPreviewDialog

    if chosen == "a backup":
        path = str(next((practice / "backups").iterdir())) + ".pdf"
    else:
        path = _link(tmp_path, practice / "practice.sqlite3", "db.pdf", hard=False)
    before, files_before = dump(practice), files_under(tmp_path)
    said: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (path, "PDF documents (*.pdf)"))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: said.append(text))
    dialog = PdfPreviewDialog(b"%PDF-1.4 never written", "Superbill.pdf", data_folder=practice)
    qtbot.addWidget(dialog)
    dialog.save_as()
    assert len(said) == 1 and "part of your practice's data" in said[0]
    assert dump(practice) == before
    assert files_under(tmp_path) == files_before


def test_a_pipe_named_as_the_output_is_written_to_as_it_is(practice: Path) -> None:
    """`-o /dev/stdout` into a pipe: /dev/stdout resolves to no path on disk, and must still be written."""
    finished = superbill(practice, "export", "-o", "/dev/stdout", stdout=subprocess.PIPE)
    assert finished.returncode == 0, finished.stderr
    assert json.loads(finished.stdout)["patients"]
