"""A therapist who never stops saving visits: the process the crash tests kill.

    python -m tests.protection.crash_writer DATA_DIR RUN

Opens the practice through the app's own Workspace and saves visits "RUN-1", "RUN-2"... for one
patient, each with the diagnoses and lines `expected_visit` gives. Before a save it prints
"saving KEY"; after `save_visit` returns it prints "committed KEY", flushed at once, so every
"committed" line the parent reads is a save the app reported as done.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from app.domain.practice import Patient, ServiceLine, Visit
from app.services.workspace import Workspace

PATIENT = Patient("pt-crash", "Ines", "Carvalho", date(1979, 4, 12), phone="206-555-0199")
_CODES = ("M54.2", "M62.838", "S13.4XXA", "G44.209", "M79.18")


def expected_visit(key: str) -> Visit:
    """The visit saved under `key`: its number decides how many diagnoses and lines it has."""
    n = int(key.rsplit("-", 1)[1])
    diagnoses = _CODES[: 1 + n % len(_CODES)]
    pointers = tuple("ABCDE"[: len(diagnoses)])
    lines = tuple(
        ServiceLine(
            ("97124", "97140", "97112")[i % 3],
            pointers[: 1 + i % len(pointers)],
            minutes=15 + n % 30 + i,
            modifiers=("GP",) if i % 2 else (),
            body_region=f"region {n}.{i}",
            fee=4000 + n + i,
        )
        for i in range(1 + n % 4)
    )
    return Visit(key, date(2026, 1, 1) + timedelta(days=n % 365), diagnoses, lines, place_of_service="11")


def main(data_dir: Path, run: str) -> None:
    with Workspace(data_dir) as workspace:
        store = workspace.store
        if not store.patients(limit=1):
            store.save_patient(PATIENT)
        n = 0
        while True:
            n += 1
            key = f"{run}-{n}"
            print(f"saving {key}", flush=True)
            store.save_visit(PATIENT.key, expected_visit(key))
            print(f"committed {key}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
