"""Finding patients as the therapist types: one page of matches, and how many match in all."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.practice import Patient
from app.store.patient_counts import count_patients
from app.store.records import PracticeStore


@dataclass(frozen=True)
class PatientMatches:
    patients: tuple[Patient, ...]  # at most `limit`, in name order
    matches: int  # how many patients match the search in all
    total: int  # how many patients the practice has

    @property
    def complete(self) -> bool:
        return len(self.patients) == self.matches


def find_patients(store: PracticeStore, search: str, limit: int, total: int | None = None) -> PatientMatches:
    """The first `limit` patients matching `search`; counts the matches only when there are more.

    `total` (the practice's patient count) may be passed in when the caller already knows it.
    """
    found = store.patients(search=search, limit=limit + 1)
    if total is None:
        total = count_patients(store)
    if len(found) <= limit:
        matches = len(found)
    elif not search.strip():
        matches = total
    else:
        matches = count_patients(store, search)
    return PatientMatches(patients=tuple(found[:limit]), matches=matches, total=total)


def patient_count(store: PracticeStore) -> int:
    return count_patients(store)
