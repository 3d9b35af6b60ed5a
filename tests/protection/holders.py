"""Real processes that have a practice open, for the tests of app.store.practice_lock.

- `app_process`: the desktop app itself (`python -m app`, offscreen Qt), on a practice with records.
- `HolderProcess`: a small child that opens the practice and holds it through the very call the
  app makes (Workspace.hold_open), and on request saves a patient through its own open connection.
- `raw_holder`: a child that flocks a lock file whose text it chose (garbage), as no app would.

Each is waited for until it holds the practice (app.store.practice_lock says so), and killed with
SIGKILL by the tests that show a dead holder leaves no stale lock.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from app.store.practice_lock import PracticeInUse, refuse_if_held_elsewhere

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys
from datetime import date

from app.domain.people import Patient
from app.services import patients
from app.services.workspace import Workspace

workspace = Workspace(sys.argv[1])
workspace.hold_open()
print("held", flush=True)
for line in sys.stdin:
    if line.startswith("save "):
        key = line.split()[1]
        patients.save_patient(workspace, Patient(key, "Rosa", "Lindqvist", date(1984, 3, 9)), today=date.today())
        print("saved", flush=True)
workspace.close()
"""

RAW_HOLDER = """
import fcntl, os, sys
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
os.write(descriptor, sys.argv[2].encode("latin-1"))
fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
print("held", flush=True)
sys.stdin.read()
"""


def child_environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    env["SUPERBILL_LOG_DIR"] = str(tmp_path / "child-log")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def wait_until_held(folder: Path, process: subprocess.Popen[str], timeout: float = 60) -> None:
    """Return once another process holds the practice in `folder`; fail if `process` ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the child ended ({process.returncode}) before it held the practice")
        try:
            refuse_if_held_elsewhere(folder, "try again")
        except PracticeInUse:
            return
        time.sleep(0.05)
    raise AssertionError("the child did not hold the practice in time")


def kill(process: subprocess.Popen[str]) -> None:
    """SIGKILL: nothing of the child's own runs; the operating system alone ends its lock."""
    process.kill()
    process.wait(timeout=30)
    for pipe in (process.stdin, process.stdout):
        if pipe is not None:
            pipe.close()


def app_process(folder: Path, tmp_path: Path) -> subprocess.Popen[str]:
    """The desktop app, started on the practice in `folder` and holding it."""
    env = child_environment(tmp_path)
    env["SUPERBILL_DATA_DIR"] = str(folder)
    process = subprocess.Popen(
        [sys.executable, "-m", "app"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    wait_until_held(folder, process)
    return process


class HolderProcess:
    """A child with the practice open and held as the app holds it; `save(key)` writes a patient."""

    def __init__(self, folder: Path, tmp_path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(folder)],
            cwd=ROOT,
            env=child_environment(tmp_path),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "held"

    @property
    def pid(self) -> int:
        return self.process.pid

    def save(self, key: str) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"save {key}\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "saved"

    def close(self) -> None:
        """Close the practice as the app does when its window closes."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        assert self.process.wait(timeout=30) == 0
        self.process.stdout.close()

    def kill(self) -> None:
        kill(self.process)


def raw_holder(lock_file: Path, text: str, tmp_path: Path) -> subprocess.Popen[str]:
    """A child holding `lock_file` locked, with `text` (any bytes, as latin-1) written in it."""
    process = subprocess.Popen(
        [sys.executable, "-c", RAW_HOLDER, str(lock_file), text],
        env=child_environment(tmp_path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    return process
