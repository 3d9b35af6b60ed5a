"""Backups on a real FAT file system: the USB stick a therapist backs up to (FAT32 or exFAT).

Each test makes a disk image (mkfs.vfat or mkfs.exfat) and mounts it: with the kernel's driver
through a loop device where the kernel has one, else through FUSE (fusefat for vfat, exfat-fuse for
exFAT; a container's kernel often lacks vfat). It needs root; without it, or without the tools, it
is skipped saying why, except in CI (CI=true, as root), where a skip would hide that it never ran,
so there it fails. tools/install-test-deps.sh installs the tools.

On the drive: backing up (`backup --to`), names FAT can hold, rotation of the data folder's
backups kept there, and restoring from it; FAT's 2-second timestamps never order backups.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.domain.file_names import windows_name_problem
from app.services.backups import back_up_now, backups_to_keep, list_backups
from app.services.workspace import Workspace
from app.store.paths import BACKUP_NAME
from tests.protection.helpers import imported_workspace

IMAGE_MB = 64


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true" and os.geteuid() == 0:
        pytest.fail(f"the FAT test must run in CI, but: {reason}")
    pytest.skip(reason)


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def _mount(kind: str, image: Path, point: Path) -> tuple[str, list[list[str]]]:
    """Mount `image` at `point`: how, and the commands that undo it (last first)."""
    kernel = _run("mount", "-t", kind, "-o", "loop,uid=0,gid=0", str(image), str(point))
    if kernel.returncode == 0:
        return f"kernel {kind}", [["umount", str(point)]]
    if kind == "vfat" and shutil.which("fusefat"):
        fuse = _run("fusefat", "-o", "rw+", str(image), str(point))
        if fuse.returncode == 0 and os.path.ismount(point):
            return "fusefat", [["fusermount", "-u", str(point)]]
        reason = fuse.stderr.strip() or fuse.stdout.strip()
    elif kind == "exfat" and shutil.which("mount.exfat-fuse"):
        loop = _run("losetup", "-f", "--show", str(image))
        if loop.returncode != 0:
            _skip_or_fail(f"no loop device for the exFAT image: {loop.stderr.strip()}")
        device = loop.stdout.strip()
        fuse = _run("mount.exfat-fuse", device, str(point))
        if fuse.returncode == 0 and os.path.ismount(point):
            return "exfat-fuse", [["losetup", "-d", device], ["fusermount", "-u", str(point)]]
        _run("losetup", "-d", device)
        reason = fuse.stderr.strip() or fuse.stdout.strip()
    else:
        reason = f"no FUSE driver for {kind} (install fusefat / exfat-fuse)"
    _skip_or_fail(f"cannot mount a {kind} image: kernel: {kernel.stderr.strip()}; FUSE: {reason}")
    raise AssertionError("unreachable")


@pytest.fixture(params=["vfat", "exfat"])
def stick(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path]:
    """A freshly formatted FAT32 (vfat) or exFAT drive, mounted; unmounted afterwards."""
    kind: str = request.param
    if os.geteuid() != 0:
        _skip_or_fail("mounting a disk image needs root")
    make = {"vfat": ["mkfs.vfat", "-F", "32"], "exfat": ["mkfs.exfat"]}[kind]
    if shutil.which(make[0]) is None:
        _skip_or_fail(f"{make[0]} is missing (bash tools/install-test-deps.sh installs it)")
    image, point = tmp_path / f"{kind}.img", tmp_path / "stick"
    with image.open("wb") as file:
        file.truncate(IMAGE_MB * 1024 * 1024)
    made = _run(*make, str(image))
    assert made.returncode == 0, made.stderr
    point.mkdir()
    how, undo = _mount(kind, image, point)
    print(f"{kind} image mounted by {how}")
    try:
        yield point
    finally:
        for command in reversed(undo):
            _run(*command)


@pytest.fixture
def practice(data_dir: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    capsys.readouterr()
    return data_dir


def test_backup_to_a_fat_stick_and_restore_from_it(
    practice: Path, stick: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(practice, "export", "-o", str(tmp_path / "before.json")) == 0
    for _ in range(3):  # in the same second or not: each gets a name of its own
        assert run(practice, "backup", "--to", str(stick / "Superbill backups")) == 0
    names = sorted(path.name for path in (stick / "Superbill backups").iterdir())
    assert len(names) == 3, names  # no -wal, -shm, -journal or .partial left on the stick
    assert all(BACKUP_NAME.match(name) and windows_name_problem(name) is None for name in names)
    newest = list_backups(stick / "Superbill backups")[0].path
    assert run(practice, "import", str(tmp_path / "before.json")) == 0  # any change; then restore
    capsys.readouterr()
    assert run(practice, "restore", str(newest), "--yes") == 0
    assert "Restored 1 patient, 2 visits, 0 superbills" in capsys.readouterr().out
    assert run(practice, "export", "-o", str(tmp_path / "after.json")) == 0
    assert (tmp_path / "after.json").read_bytes() == (tmp_path / "before.json").read_bytes()


@pytest.fixture
def workspace_backing_up_to(
    data_dir: Path, sample_practice_path: Path, stick: Path
) -> Iterator[tuple[Workspace, Path]]:
    """The practice on the local disk, its backups folder on the stick (a link to it)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (stick / "backups").mkdir()
    (data_dir / "backups").symlink_to(stick / "backups", target_is_directory=True)
    workspace = imported_workspace(data_dir, sample_practice_path)
    yield workspace, stick / "backups"
    workspace.close()


def test_rotation_on_a_fat_stick_keeps_what_the_rule_keeps_in_order(
    workspace_backing_up_to: tuple[Workspace, Path],
) -> None:
    """Two backups a second apart share FAT's 2-second timestamp: the names order them, not the clock."""
    workspace, folder = workspace_backing_up_to
    start = datetime(2026, 11, 10, 9, 0, 0)
    taken = [start + timedelta(days=day // 2, seconds=day % 2) for day in range(40)]
    for moment in taken:
        back_up_now(workspace, now=moment)
    listed = list_backups(folder)
    assert [backup.taken_at for backup in listed] == sorted(backups_to_keep(taken), reverse=True)
    mtimes = {path.stat().st_mtime % 2 for path in folder.iterdir()}
    print(f"modification times modulo 2 s on the stick: {sorted(mtimes)}")
    assert sorted(path.name for path in folder.iterdir()) == sorted(b.path.name for b in listed)
    assert all(windows_name_problem(path.name) is None for path in folder.iterdir())


HOLD = """
import sys
from app.store.practice_lock import APP, hold_practice
hold_practice(sys.argv[1], APP, "try again")
print("held", flush=True)
sys.stdin.read()
"""


def test_the_practice_lock_holds_on_a_fat_stick_and_ends_with_a_kill(stick: Path, tmp_path: Path) -> None:
    """flock on the stick's file system: a second process is refused, and a SIGKILL frees it."""
    import subprocess
    import sys

    from app.store.practice_lock import PracticeInUse, hold_practice, refuse_if_held_elsewhere
    from tests.protection.holders import child_environment, kill

    folder = stick / "SuperbillDesk"
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder)],
        env=child_environment(tmp_path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with pytest.raises(PracticeInUse, match=f"process {child.pid}"):
            refuse_if_held_elsewhere(folder, "try again")
    finally:
        kill(child)
    with hold_practice(folder, "superbill restore", "try again"):
        pass


def _mounted_by_fusefat(point: Path) -> bool:
    mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    return any(line.split()[1] == str(point) and "fusefat" in line.split()[2] for line in mounts)


def test_a_practice_on_a_fat_stick_is_held_while_open_and_freed_by_a_kill(
    stick: Path, sample_practice_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The data folder on the stick itself: its lock (flock) keeps a restore from replacing the file
    the app has open, and ends with the app's process, as on the laptop's own disk."""
    from tests.protection.holders import HolderProcess

    if _mounted_by_fusefat(stick):
        pytest.skip("SQLite cannot keep a practice on fusefat (a disk error on the first write)")
    folder = stick / "SuperbillDesk"
    assert run(folder, "import", str(sample_practice_path)) == 0
    assert run(folder, "backup") == 0
    backup = list_backups(folder / "backups")[0].path
    holder = HolderProcess(folder, tmp_path)
    before = (folder / "practice.sqlite3").read_bytes()
    capsys.readouterr()
    assert run(folder, "restore", str(backup), "--yes") == 3
    assert f"(process {holder.pid}, since" in capsys.readouterr().err
    assert (folder / "practice.sqlite3").read_bytes() == before
    holder.kill()
    assert run(folder, "restore", str(backup), "--yes") == 0
