"""Figures for encryption at rest, on a fresh encrypted copy of the sample practice in a temporary folder.

python tools/encryption_figures.py
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.services import encryption  # noqa: E402
from app.services.workspace import Workspace  # noqa: E402
from app.store.encryption import KeyFile  # noqa: E402
from tests import sample  # noqa: E402

PASSPHRASE = "figures passphrase 2026"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        recovery_key = encryption.set_up_encryption(data_dir, PASSPHRASE).recovery_key
        with Workspace(data_dir, passphrase=PASSPHRASE) as workspace:
            workspace.store.save_practice(sample.practice())
        database = data_dir / "practice.sqlite3"

        conn = sqlite3.connect(database)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            plain_reads = True
        except sqlite3.DatabaseError:
            plain_reads = False
        finally:
            conn.close()
        name_in_file = sample.chart().patient.last_name.encode() in database.read_bytes()

        try:
            Workspace(data_dir, passphrase="not the passphrase").close()
            wrong_opens = True
        except encryption.WrongPassphrase:
            wrong_opens = False

        with Workspace(data_dir, recovery_key=recovery_key) as workspace:
            recovery_opens = workspace.store.practice() == sample.practice()

        key_file = KeyFile.read(data_dir)
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            key_file.unlock(PASSPHRASE)
            timings.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        Workspace(data_dir, passphrase=PASSPHRASE).close()
        open_ms = (time.perf_counter() - start) * 1000

    print(f"plain sqlite3 reads encrypted file: {_yes(plain_reads)}")
    print(f"patient's name in the file's bytes: {_yes(name_in_file)}")
    print(f"wrong passphrase opens it: {_yes(wrong_opens)}")
    print(f"recovery key opens it: {_yes(recovery_opens)}")
    print(f"unlock time (scrypt n=2**16, r=8: 64 MiB): median {sorted(timings)[2]:.0f} ms")
    print(f"opening the encrypted practice with its passphrase: {open_ms:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
