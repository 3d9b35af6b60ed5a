"""Every file the app writes whole goes through one atomic, fsynced write (app/store/durable.py).

What the operating system is asked to do is watched with strace on the real `superbill` process:
the content is written to a temporary file beside the target, that file is fsynced, renamed over
the target, and the folder is fsynced after the rename (so the rename survives a power cut too).
No test can pull the plug; this checks the app asks for everything a power cut needs.

A full disk under a file is no bad input: a real small tmpfs (Linux, as root) filled up, where the
test may mount one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.store.durable import write_whole
from app.store.encryption import KeyFile, new_database_key, new_recovery_key
from app.store.errors import StoreUnavailable
from app.store.output_paths import write_file
from tests.cli.helpers import run
from tests.protection.test_full_disk_and_read_only import _fill, tiny_disk  # noqa: F401  (a fixture)

REPO = Path(__file__).resolve().parents[2]
PASSPHRASE = "tidewater massage since 2019"
_SYSCALLS = "openat,open,fsync,fdatasync,rename,renameat,renameat2,link,linkat,close"


def traced(*args: str, env: dict[str, str] | None = None) -> list[str]:
    """The file system calls of `python -m app ARGS`, one a line (strace, following threads)."""
    if shutil.which("strace") is None or sys.platform != "linux":
        pytest.skip("watching the system calls needs strace on Linux")
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"strace-{os.getpid()}-{len(args)}.txt"
    command = ["strace", "-f", "-qq", "-e", f"trace={_SYSCALLS}", "-o", str(log)]
    finished = subprocess.run(
        [*command, sys.executable, "-m", "app", *args],
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if finished.returncode != 0 and "ptrace" in finished.stderr:
        pytest.skip(f"strace cannot trace here: {finished.stderr.strip()}")
    assert finished.returncode == 0, finished.stderr
    try:
        return [re.sub(r"^\d+\s+", "", line) for line in log.read_text().splitlines()]
    finally:
        log.unlink()


def assert_written_durably(calls: list[str], target: Path) -> None:
    """`target` was given its content by a rename (or a link) of a file beside it that was fsynced
    first, and its folder was fsynced after."""
    renamed = re.compile(
        r'(?:rename|renameat2?|link|linkat)\(.*"([^"]+)",.*"' + re.escape(str(target)) + r'"'
    )
    at = next((i for i, call in enumerate(calls) if renamed.search(call)), None)
    assert at is not None, f"{target} was not put in place by a rename: written in place"
    match = renamed.search(calls[at])
    assert match is not None
    temporary = Path(match.group(1))
    assert temporary.parent == target.parent and temporary != target
    assert _fsynced(calls[:at], temporary), f"{temporary} was renamed to {target} without an fsync first"
    assert _fsynced(calls[at:], target.parent), f"the folder of {target} was not fsynced after the rename"


def _fsynced(calls: list[str], path: Path) -> bool:
    """Whether a descriptor opened on `path` in `calls` was fsynced before being closed."""
    opened = re.compile(r'open(?:at)?\(.*"' + re.escape(str(path)) + r'",.*\)\s+=\s+(\d+)$')
    for i, call in enumerate(calls):
        match = opened.search(call)
        if not match:
            continue
        descriptor = match.group(1)
        for later in calls[i + 1 :]:
            if re.match(rf"f(?:data)?sync\({descriptor}\)", later):
                return True
            if re.match(rf"close\({descriptor}\)", later):
                break
    return False


@pytest.fixture
def practice(data_dir: Path, sample_practice_path: Path) -> Path:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    return data_dir


def test_a_superbill_pdf_is_fsynced_renamed_into_place_and_its_folder_fsynced(
    practice: Path, tmp_path: Path
) -> None:
    target = (tmp_path / "out" / "superbill.pdf").resolve()
    calls = traced(
        "--data-dir", str(practice), "render", "--patient", "pt-0001", "--draft", "-o", str(target)
    )
    assert target.read_bytes().startswith(b"%PDF")
    assert_written_durably(calls, target)


def test_an_encrypted_practice_s_key_file_and_its_backup_s_key_file_are_written_durably(
    practice: Path, tmp_path: Path
) -> None:
    env = {"SUPERBILL_NEW_PASSPHRASE": PASSPHRASE, "SUPERBILL_PASSPHRASE": PASSPHRASE}
    calls = traced("--data-dir", str(practice), "encrypt", env=env)
    assert_written_durably(calls, practice.resolve() / "key.json")
    assert_written_durably(calls, practice.resolve() / "recovery-key.pending.txt")

    stick = (tmp_path / "stick").resolve()
    calls = traced("--data-dir", str(practice), "backup", "--to", str(stick), env=env)
    (backup,) = stick.glob("practice-*.sqlite3")
    assert_written_durably(calls, backup)
    assert_written_durably(calls, backup.with_name(backup.name + ".key.json"))


def test_an_imported_code_set_is_fsynced_before_it_takes_its_name(practice: Path, tmp_path: Path) -> None:
    from tests.codes.fy2028 import ADDENDA_2028

    addenda = tmp_path / ADDENDA_2028.name
    shutil.copyfile(ADDENDA_2028, addenda)
    calls = traced("--data-dir", str(practice), "codes", "import-icd", str(addenda))
    (code_set,) = (practice / "codes").resolve().glob("*.sqlite")
    assert_written_durably(calls, code_set)


# A full disk ---------------------------------------------------------------------------------------


def test_a_full_disk_under_a_file_the_user_named_is_the_environment_not_bad_input(
    tiny_disk: Path,  # noqa: F811  (the fixture)
) -> None:
    target = tiny_disk / "statement.pdf"
    target.write_bytes(b"the earlier file")
    filler = _fill(tiny_disk)
    try:
        with pytest.raises(StoreUnavailable) as full:
            write_file(target, b"%PDF" + b"x" * 100_000, field="-o")
    finally:
        filler.unlink()
    assert not isinstance(full.value, ValidationError)
    assert "is full" in full.value.message and "Free some space" in full.value.message
    assert target.read_bytes() == b"the earlier file"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["statement.pdf"]  # no temporary left


def test_render_onto_a_really_full_disk_exits_3_and_uses_no_number(
    practice: Path,
    tiny_disk: Path,  # noqa: F811  (the fixture)
    capsys: pytest.CaptureFixture[str],
) -> None:
    filler = _fill(tiny_disk)
    capsys.readouterr()
    try:
        assert (
            run(practice, "render", "--patient", "pt-0001", "--unbilled", "-o", str(tiny_disk / "sb.pdf"))
            == 3
        )
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "is full" in err[0] and "-o:" not in err[0], err
        assert list(tiny_disk.iterdir()) == [filler]
    finally:
        filler.unlink()
    assert run(practice, "render", "--patient", "pt-0001", "--unbilled", "-o", str(tiny_disk / "sb.pdf")) == 0


def test_the_app_s_own_files_on_a_full_disk_raise_oserror_and_leave_the_old_file(
    tiny_disk: Path,  # noqa: F811  (the fixture)
) -> None:
    key_file = KeyFile.create(new_database_key(), PASSPHRASE, new_recovery_key())
    key_file.write(tiny_disk)
    before = (tiny_disk / "key.json").read_bytes()
    filler = _fill(tiny_disk)
    try:
        with pytest.raises(OSError):
            write_whole(tiny_disk / "note.txt", "x" * 100_000)
        with pytest.raises(StoreUnavailable):
            KeyFile.create(new_database_key(), PASSPHRASE, new_recovery_key()).write(tiny_disk)
    finally:
        filler.unlink()
    assert (tiny_disk / "key.json").read_bytes() == before
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["key.json"]
