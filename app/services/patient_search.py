"""Finding patients as the therapist types: one page of matches, and how many match in all."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from app.domain.people import Patient
from app.store.patient_counts import count_patients

if TYPE_CHECKING:
    from app.services.workspace import Workspace


class PatientMatches(NamedTuple):
    """One page of a search (a NamedTuple: its class is built at start-up, quicker than a dataclass)."""

    patients: tuple[Patient, ...]  # at most `limit`, in name order
    # How many patients match in all; None when there are more than `limit` (counting them would
    # cost a second pass over every patient on every keystroke, for a number nobody needs).
    matches: int | None
    total: int  # how many patients the practice has

    @property
    def complete(self) -> bool:
        return self.matches is not None


def find_patients(workspace: Workspace, search: str, limit: int, total: int | None = None) -> PatientMatches:
    """The first `limit` patients matching `search`, and how many match when that is all of them.

    `total` (the practice's patient count) may be passed in when the caller already knows it.
    """
    store = workspace.store
    found = store.patients(search=search, limit=limit + 1)
    if total is None:
        total = count_patients(store)
    matches: int | None = len(found) if len(found) <= limit else None
    return PatientMatches(patients=tuple(found[:limit]), matches=matches, total=total)


def patient_count(workspace: Workspace) -> int:
    return count_patients(workspace.store)
