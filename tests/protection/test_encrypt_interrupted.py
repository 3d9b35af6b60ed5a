"""`superbill encrypt` killed with SIGKILL at random moments: the recovery key is never lost.

Each round copies a practice with backups and a database kept by a restore, starts
`python -m app encrypt --recovery-key-written` in a real process, kills it at a seeded random
moment (as tests/protection/crash.py kills its writers), then runs `encrypt` again. After each:

- the practice opens with the passphrase, and with the recovery key that one of the two runs
  printed (the killed run, when it got that far, else the second);
- no file in the data folder holds a patient's name in the clear;
- no pending recovery key file is left (the second run confirmed it).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import main
from app.services.workspace import Workspace
from tests.protection.crash import REPO

PASSPHRASE = "tidewater massage since 2019"
NAME = b"Okafor"
# About 4 s a round on a two-core machine: 15 in the suite; SUPERBILL_ENCRYPT_KILLS=30 for more.
KILLS = int(os.environ.get("SUPERBILL_ENCRYPT_KILLS", "15"))


def recovery_key_in(text: str) -> str | None:
    lines = [line for line in text.splitlines() if line.startswith("Recovery key: ")]
    return lines[-1].split(": ", 1)[1].strip() if lines else None


@pytest.fixture
def template(data_dir: Path, sample_practice_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert main(["--data-dir", str(data_dir), "import", str(sample_practice_path)]) == 0
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    first = next((data_dir / "backups").glob("*.sqlite3"))
    shutil.copy(first, data_dir / "backups" / "practice-2026-01-02T030405.sqlite3")
    assert main(["--data-dir", str(data_dir), "restore", "--yes", str(first)]) == 0
    capsys.readouterr()
    return data_dir


def _encrypt_process(folder: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1", SUPERBILL_NEW_PASSPHRASE=PASSPHRASE)
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(folder), "encrypt", "--recovery-key-written"],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.timeout(60 + 10 * KILLS)
def test_encrypt_killed_at_random_moments_never_loses_the_recovery_key(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # How long a whole run takes here, to spread the kills over all of it.
    timing = tmp_path / "timing"
    shutil.copytree(template, timing)
    started = time.perf_counter()
    whole = _encrypt_process(timing)
    _, err = whole.communicate(timeout=120)
    assert whole.returncode == 0, err
    duration = time.perf_counter() - started

    rng = random.Random(20261205)
    monkeypatch.setenv("SUPERBILL_NEW_PASSPHRASE", PASSPHRASE)
    outcomes: list[str] = []
    for round_number in range(KILLS):
        folder = tmp_path / f"round-{round_number}"
        shutil.copytree(template, folder)
        process = _encrypt_process(folder)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        process.kill()
        killed_out, _ = process.communicate()
        finished_before_the_kill = process.returncode == 0

        capsys.readouterr()
        status = main(["--data-dir", str(folder), "encrypt", "--recovery-key-written"])
        again = capsys.readouterr()
        assert status in (0, 2), again.err
        if status == 2:  # only when the killed run had finished and confirmed the key
            assert "already encrypted" in again.err and recovery_key_in(killed_out)
        recovery_key = recovery_key_in(again.out) or recovery_key_in(killed_out)
        assert recovery_key, f"round {round_number}: no recovery key shown by either run"
        outcomes.append("finished" if finished_before_the_kill else "killed")

        with Workspace(folder, passphrase=PASSPHRASE) as workspace:
            assert workspace.store.chart("pt-0001").patient.last_name == "Okafor"
        with Workspace(folder, recovery_key=recovery_key) as workspace:
            assert not workspace.is_empty()
        readable = [p.name for p in folder.rglob("*") if p.is_file() and NAME in p.read_bytes()]
        assert readable == [], f"round {round_number}: readable copies {readable}"
        assert not list(folder.glob("recovery-key*")), f"round {round_number}: key still pending"
        shutil.rmtree(folder)
    assert outcomes.count("killed") >= KILLS // 2  # most kills came in the middle of the work
