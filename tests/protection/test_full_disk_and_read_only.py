"""A full disk or a read-only data folder: a message that says so, and nothing saved is lost.

Two ways to fill the disk: SQLite's max_page_count (runs everywhere; SQLite reports SQLITE_FULL
exactly as for a real full disk) and, where the test may mount one (Linux, as root), a real 4 MB
tmpfs filled up with a file. The read-only folder is made with chmod, or with chattr +i when the
tests run as root (root ignores permission bits).
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.practice import Practice, ServiceLine, Visit
from app.services.logs import stop_logging
from app.store.database import open_connection
from app.store.errors import StoreUnavailable
from app.store.paths import database_path
from app.store.records import PracticeStore
from tests.store.builders import rich_practice

PATIENT = "pt-zoe"

# A visit far larger than any free space left in these tests (~150 KB): 400 lines, each with the
# longest body region and reason for units that a field takes (app/domain/text_limits.py).
BIG_VISIT = Visit(
    "v-big",
    date(2026, 10, 1),
    ("M54.2",),
    tuple(
        ServiceLine("97124", ("A",), minutes=30, body_region=f"{i:04d} " + "x" * 55, unit_reason="y" * 300)
        for i in range(400)
    ),
)


def _saved_practice(path: Path) -> Practice:
    with PracticeStore.open(path) as store:
        return store.practice()


def _integrity(path: Path) -> list[str]:
    conn = open_connection(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def _with_big_visit(practice: Practice) -> Practice:
    charts = tuple(
        replace(chart, visits=(*chart.visits, BIG_VISIT)) if chart.patient.key == PATIENT else chart
        for chart in practice.charts
    )
    return replace(practice, charts=charts)


# Full disk ---------------------------------------------------------------------------------------


def test_a_full_disk_says_so_and_the_failed_save_leaves_nothing_half_written(data_dir: Path) -> None:
    path = database_path(data_dir)
    with PracticeStore.open(path) as store:
        store.save_practice(rich_practice())
        before = store.practice()
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk has two pages left

        with pytest.raises(StoreUnavailable) as full:
            store.save_visit(PATIENT, BIG_VISIT)

        assert "disk" in full.value.message and "full" in full.value.message
        assert str(path) in full.value.message
        assert "Free some space" in full.value.message
        # The open practice still reads, and the visit is not there in part.
        assert store.practice() == before

    assert _integrity(path) == ["ok"]
    assert _saved_practice(path) == before


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MB filesystem (tmpfs), unmounted afterwards."""
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small filesystem needs Linux and root")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def _fill(disk: Path) -> Path:
    """Write a file until the disk refuses another byte; return it (delete it to free the space)."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as out:
        with contextlib.suppress(OSError):  # ENOSPC, checked below
            while True:
                out.write(b"\0" * 4096)
        with pytest.raises(OSError) as no_space:
            out.write(b"\0")
    assert no_space.value.errno == errno.ENOSPC
    return filler


def test_a_really_full_disk_says_so_keeps_everything_and_saving_works_once_space_is_freed(
    tiny_disk: Path,
) -> None:
    path = database_path(tiny_disk / "data")
    with PracticeStore.open(path) as store:
        store.save_practice(rich_practice())
        before = store.practice()
        filler = _fill(tiny_disk)

        with pytest.raises(StoreUnavailable) as full:
            store.save_visit(PATIENT, BIG_VISIT)

        assert "full" in full.value.message and str(path) in full.value.message
        assert store.practice() == before

        filler.unlink()  # the therapist frees some space and tries again
        store.save_visit(PATIENT, BIG_VISIT)

    assert _integrity(path) == ["ok"]
    assert _saved_practice(path) == _with_big_visit(before)


# Read-only data folder ---------------------------------------------------------------------------


@contextlib.contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """Make the folder and its files unwritable for this process, whoever it runs as."""
    files = [folder, *folder.iterdir()]
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("root writes through permissions, and chattr is not installed")
        locked = subprocess.run(
            ["chattr", "+i", *map(str, files)], capture_output=True, text=True, check=False
        )
        if locked.returncode != 0:
            subprocess.run(["chattr", "-i", *map(str, files)], capture_output=True, check=False)
            pytest.skip(f"root writes through permissions, and chattr +i fails here: {locked.stderr.strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", *map(str, files)], check=True)
    else:
        modes = {file: file.stat().st_mode for file in files}
        for file in files:
            file.chmod(0o500 if file.is_dir() else 0o400)
        try:
            yield
        finally:
            for file, mode in modes.items():
                file.chmod(mode)


@pytest.mark.skipif(os.name != "posix", reason="folder permissions as tested here are POSIX")
def test_a_read_only_data_folder_is_reported_with_what_to_do_and_loses_nothing(data_dir: Path) -> None:
    path = database_path(data_dir)
    with PracticeStore.open(path) as store:
        store.save_practice(rich_practice())
        before = store.practice()
    assert sorted(p.name for p in data_dir.iterdir()) == [path.name]  # closed cleanly: no -wal left

    with _read_only(data_dir), pytest.raises(StoreUnavailable) as refused:
        PracticeStore.open(path).close()

    message = refused.value.message
    assert str(path) in message
    assert "--data-dir" in message  # what to do about it
    assert _integrity(path) == ["ok"]
    assert _saved_practice(path) == before


def test_saving_into_a_database_that_cannot_be_written_says_read_only_and_changes_nothing(
    data_dir: Path,
) -> None:
    path = database_path(data_dir)
    with PracticeStore.open(path) as store:
        store.save_practice(rich_practice())
        before = store.practice()
        # A second window holding the file open keeps the -wal and -shm a read-only opener needs.
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        read_only = PracticeStore(conn)
        try:
            with pytest.raises(StoreUnavailable) as refused:
                read_only.save_visit(PATIENT, BIG_VISIT)
            assert "read-only" in refused.value.message
            assert str(path) in refused.value.message
        finally:
            read_only.close()
    assert _saved_practice(path) == before


# A full disk is never called damage --------------------------------------------------------------


def _says_full_not_damaged(err: str) -> None:
    assert "full" in err and "intact" in err and "Free some space" in err, err
    assert "restore" not in err.lower() and "damaged" not in err, err
    assert "Traceback" not in err and "Logging error" not in err, err


def test_every_command_on_a_really_full_disk_says_full_records_intact_and_never_advises_restoring(
    tiny_disk: Path,
    sample_practice_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import main

    data = tiny_disk / "data"
    monkeypatch.setenv("SUPERBILL_LOG_DIR", str(tiny_disk / "logs"))  # the log is on the full disk too
    try:
        _every_command_says_full(main, data, sample_practice_path, tmp_path, capsys, tiny_disk)
    finally:
        stop_logging()  # the log file is on the small disk, which is unmounted afterwards


def _every_command_says_full(
    main: Callable[[list[str]], int],
    data: Path,
    sample_practice_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    tiny_disk: Path,
) -> None:
    assert main(["--data-dir", str(data), "import", str(sample_practice_path)]) == 0
    before = _saved_practice(database_path(data))
    filler = _fill(tiny_disk)
    capsys.readouterr()

    commands = [
        ["check", "--patient", "pt-0001"],
        ["render", "--patient", "pt-0001", "--draft", "-o", str(tmp_path / "out.pdf")],
        ["export", "-o", str(tmp_path / "out.json")],
        ["import", str(sample_practice_path)],
        ["backup"],
    ]
    # Twice: the first failed open leaves an empty -wal and -shm behind, which the start's health
    # check then has to read (the tester saw "damaged ... superbill restore" there).
    for args in commands * 2:
        assert main(["--data-dir", str(data), *args]) == 3, args
        _says_full_not_damaged(capsys.readouterr().err)

    filler.unlink()  # the therapist frees some space
    assert main(["--data-dir", str(data), "check", "--patient", "pt-0001"]) == 0
    assert _integrity(database_path(data)) == ["ok"]
    assert _saved_practice(database_path(data)) == before


def test_the_health_check_on_a_full_disk_says_full_instead_of_corrupt(tiny_disk: Path) -> None:
    from app.store.health import classify_database

    path = database_path(tiny_disk / "data")
    with PracticeStore.open(path) as store:
        store.save_practice(rich_practice())
    filler = _fill(tiny_disk)
    with pytest.raises(StoreUnavailable):
        PracticeStore.open(path).close()  # leaves an empty -wal and a cut-short -shm
    with pytest.raises(StoreUnavailable) as full:
        classify_database(path, full=False)
    _says_full_not_damaged(full.value.message)
    filler.unlink()
    assert classify_database(path).value == "ok"


def test_the_app_on_a_really_full_disk_says_full_and_offers_no_restore(
    qtbot: object, tiny_disk: Path, sample_practice_path: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.cli import main
    from app.ui.main import run_app

    data = tiny_disk / "data"
    assert main(["--data-dir", str(data), "import", str(sample_practice_path)]) == 0
    filler = _fill(tiny_disk)
    seen: list[str] = []

    def read_the_message() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read_the_message)
            return
        seen.append(box.informativeText())
        box.accept()

    for _ in range(2):  # the second start finds the -wal and -shm the first one left
        QTimer.singleShot(0, read_the_message)
        assert run_app(data) == 3
        assert seen
        _says_full_not_damaged(seen.pop())
    filler.unlink()
    assert _integrity(database_path(data)) == ["ok"]


def test_a_full_usb_stick_is_said_as_the_backup_folder_not_the_practice(
    data_dir: Path,
    tiny_disk: Path,
    sample_practice_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`backup --to` a stick with no room: the stick is full, not the disk the records are on."""
    from app.cli import main

    assert main(["--data-dir", str(data_dir), "import", str(sample_practice_path)]) == 0
    stick = tiny_disk / "stick"
    stick.mkdir()
    filler = _fill(tiny_disk)
    capsys.readouterr()
    try:
        assert main(["--data-dir", str(data_dir), "backup", "--to", str(stick)]) == 3
    finally:
        filler.unlink()
    err = capsys.readouterr().err
    assert "is full" in err and "backup" in err
    assert "the practice database" not in err
    assert not [p for p in stick.iterdir() if not p.name.startswith(".")]
