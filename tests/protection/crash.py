"""Kill a process that is saving visits, again and again, and check what the app said was saved.

Shared by tests/protection/test_crash_safety.py and tools/protection_figures.py. Each round starts
tests/protection/crash_writer.py (the app's own Workspace and PracticeStore.save_visit in a real
Python process), lets it save for a seeded random moment, kills it with SIGKILL (TerminateProcess
on Windows), then reopens the database through open_connection and checks:

- PRAGMA integrity_check says "ok" and PRAGMA foreign_key_check finds nothing;
- every visit any writer so far printed "committed" for is there, with exactly its diagnoses and
  lines (the visits accumulate in one database file over all rounds);
- the visit being saved when the kill came (printed "saving", never "committed") is either absent
  or complete: never half-written.

SIGKILL ends the process, not the machine: the operating system still writes out what SQLite
handed it. Surviving a power cut also needs the fsync that synchronous=FULL asks for on every
commit, and a disk that honours it; no test here can pull the plug.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.store.database import open_connection
from app.store.errors import RecordNotFound
from app.store.paths import database_path
from app.store.records import PracticeStore
from tests.protection.crash_writer import PATIENT, expected_visit

REPO = Path(__file__).resolve().parents[2]
# Longest a writer may take to start and commit its first visit (a slow CI machine, a cold disk).
START_TIMEOUT_S = 30.0


@dataclass
class CrashReport:
    kills: int = 0
    # Rounds after which the database was intact and held every visit reported committed.
    survived: int = 0
    committed: int = 0  # visits the writers reported committed, over all rounds
    kills_during_a_save: int = 0  # the kill came after "saving KEY" and before "committed KEY"
    lost: list[str] = field(default_factory=list)  # committed visits missing or changed
    torn: list[str] = field(default_factory=list)  # visits found half-written
    damage: list[str] = field(default_factory=list)  # what integrity_check / foreign_key_check said
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"crash kills survived: {self.survived}/{self.kills}, committed rows lost: {len(self.lost)} "
            f"(visits reported committed: {self.committed}, kills during a save: {self.kills_during_a_save}, "
            f"half-written visits: {len(self.torn)}, integrity problems: {len(self.damage)}, "
            f"{self.seconds:.1f} s)"
        )


class _Writer:
    """One writer process, with its stdout read line by line as it comes."""

    def __init__(self, data_dir: Path, run: str, stderr_path: Path) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
        self._stderr = stderr_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.protection.crash_writer", str(data_dir), run],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
        )
        self.saving: list[str] = []
        self.committed: list[str] = []
        self.first_commit = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            word, _, key = line.strip().partition(" ")
            if word == "saving":
                self.saving.append(key)
            elif word == "committed":
                self.committed.append(key)
                self.first_commit.set()
        self.first_commit.set()  # the process ended: nobody waits for a commit that never comes

    def kill(self) -> None:
        """SIGKILL: no handler, no atexit, no closing of the database."""
        self.process.kill()
        self.process.wait()
        self._reader.join()
        assert self.process.stdout is not None
        self.process.stdout.close()
        self._stderr.close()


def run_crash_loop(
    work_dir: Path, kills: int = 25, seed: int = 20260, max_delay_s: float = 0.2
) -> CrashReport:
    """Kill `kills` writers at seeded random moments; check the database after each kill."""
    rng = random.Random(seed)
    data_dir = work_dir / "data"
    report = CrashReport()
    committed: list[str] = []
    started = time.perf_counter()
    for round_number in range(1, kills + 1):
        stderr_path = work_dir / f"writer-{round_number}.stderr"
        writer = _Writer(data_dir, f"r{round_number}", stderr_path)
        try:
            if rng.random() < 0.2:
                # Anywhere: while Python starts, while the database opens (the first round migrates).
                time.sleep(rng.uniform(0.0, 0.5))
            else:
                writer.first_commit.wait(START_TIMEOUT_S)
                time.sleep(rng.uniform(0.0, max_delay_s))
            if writer.process.poll() is not None:
                raise RuntimeError(
                    f"writer {round_number} ended by itself (exit {writer.process.returncode}) before "
                    f"it was killed:\n{stderr_path.read_text(errors='replace')}"
                )
        finally:
            writer.kill()
        report.kills += 1
        committed.extend(writer.committed)
        in_flight = [key for key in writer.saving if key not in set(writer.committed)]
        if in_flight:
            report.kills_during_a_save += 1
        lost_before, torn_before, damage_before = len(report.lost), len(report.torn), len(report.damage)
        _check(database_path(data_dir), committed, in_flight, report)
        if (len(report.lost), len(report.torn), len(report.damage)) == (
            lost_before,
            torn_before,
            damage_before,
        ):
            report.survived += 1
    report.committed = len(committed)
    report.seconds = time.perf_counter() - started
    return report


def _check(path: Path, committed: list[str], in_flight: list[str], report: CrashReport) -> None:
    conn = open_connection(path)
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            report.damage.extend(result)
        report.damage.extend(f"foreign key: {row!r}" for row in conn.execute("PRAGMA foreign_key_check"))
        try:
            stored = {visit.key: visit for visit in PracticeStore(conn).chart(PATIENT.key).visits}
        except RecordNotFound:
            stored = {}
        # A visit lost once stays lost: count it once, not after every later round.
        report.lost.extend(
            key for key in committed if stored.get(key) != expected_visit(key) and key not in report.lost
        )
        report.torn.extend(key for key in in_flight if key in stored and stored[key] != expected_visit(key))
    finally:
        conn.close()
