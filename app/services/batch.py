"""Superbills for everyone who needs one, issued in one go into a folder of PDFs.

Who: every patient the needs-attention list shows under "Visits not yet billed" (a visit not
yet on a superbill, billed to a payer that is not self-pay: app.store.attention), by name. What:
each one's visits not yet billed, on no superbill or claim (superbills.unbilled_period), as a final superbill.

Each PDF goes into the folder chosen, named so the files sort by patient: "Okafor, Daniel -
SB-2026-0007.pdf". A superbill is numbered and recorded only once its PDF is written (see
StagedFile): a file that cannot be written uses no number, and the batch stops there, since the
next file would fail the same way. A patient whose superbill the check refuses is held back with
the check's first error, and the batch goes on. `go_on` is asked before each patient, so a batch
stopped by the user ends between two superbills, never inside one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.domain.check import Severity
from app.domain.errors import ValidationError
from app.domain.money import Cents
from app.domain.people import listed_name
from app.services.files import StagedFile, output_path
from app.services.superbills import SuperbillRefused, issue_superbill, unbilled_period
from app.services.workspace import Workspace
from app.store import attention as queries

log = logging.getLogger(__name__)  # counts only: never a name

FIELD = "folder"

# Characters no file system (Windows' included) takes in a name, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_NAME_LIMIT = 120  # characters of the patient's name kept in a file name


@dataclass(frozen=True)
class BatchPatient:
    key: str
    first_name: str
    last_name: str

    @property
    def name(self) -> str:
        """ "Okafor, Daniel", as the needs-attention list and the files name them."""
        return listed_name(self.first_name, self.last_name)


@dataclass(frozen=True)
class IssuedFile:
    patient: BatchPatient
    number: str
    path: Path
    visits: int
    charges: Cents


@dataclass(frozen=True)
class HeldBack:
    """A patient who got no superbill, and why, in words for the therapist."""

    patient: BatchPatient
    reason: str


@dataclass
class BatchSummary:
    folder: Path
    total: int  # patients who needed a superbill
    issued: list[IssuedFile] = field(default_factory=list)
    held_back: list[HeldBack] = field(default_factory=list)
    failed: HeldBack | None = None  # the file that could not be written, which stopped the batch
    cancelled: bool = False

    @property
    def not_reached(self) -> int:
        """Patients the batch did not come to (stopped by the user or by a file that failed)."""
        return self.total - len(self.issued) - len(self.held_back) - (self.failed is not None)


def patients_needing_superbills(workspace: Workspace, today: date) -> list[BatchPatient]:
    """The patients with visits waiting for a superbill, sorted by last name then first name."""
    found: dict[str, BatchPatient] = {}
    for row in queries.visits_waiting(workspace.store, today):
        found.setdefault(row.patient_key, BatchPatient(row.patient_key, row.first_name, row.last_name))
    return sorted(found.values(), key=lambda p: (p.last_name.casefold(), p.first_name.casefold(), p.key))


def file_name(patient: BatchPatient, number: str) -> str:
    """ "Okafor, Daniel - SB-2026-0007.pdf": sorts by patient; safe on any file system."""
    name = _UNSAFE.sub("-", patient.name).strip(" .")[:_NAME_LIMIT].strip(" .") or "Patient"
    return f"{name} - {number}.pdf"


def first_error(refused: SuperbillRefused) -> str:
    """The check's first error, as the superbill dialog shows it."""
    errors = [f for f in refused.findings if f.severity is Severity.ERROR]
    return errors[0].message if errors else str(refused)


def issue_for(
    workspace: Workspace, patient: BatchPatient, folder: Path, today: date
) -> IssuedFile | HeldBack:
    """One patient's superbill for their visits not yet billed, written into `folder`.

    HeldBack when the check refuses it or nothing is left to bill. ValidationError (naming the
    file) when the PDF cannot be written: then no number was used and no file is left.
    """
    period = unbilled_period(workspace.store, patient.key, today)
    if period is None:
        return HeldBack(patient, "all of their visits are billed already, on a superbill or a claim")
    staged: list[StagedFile] = []

    def deliver(number: str, pdf: bytes) -> None:
        path = output_path(folder / file_name(patient, number), workspace.data_dir, field=FIELD)
        file = StagedFile(path, field=str(path))
        staged.append(file.__enter__())
        file.write(pdf)

    try:
        document = issue_superbill(
            workspace.store,
            workspace.codes,
            patient.key,
            period,
            today=today,
            paper=workspace.store.paper_size(),
            deliver_numbered=deliver,
        )
    except SuperbillRefused as refused:
        return HeldBack(patient, first_error(refused))
    except BaseException:
        for file in staged:
            file.discard()
        raise
    assert document.number is not None
    (file,) = staged
    file.finish()  # the superbill is recorded: its file takes its name
    record = workspace.store.superbill(document.number)
    assert record is not None
    return IssuedFile(patient, document.number, file.path, len(record.visit_keys), record.charges)


def issue_all(
    workspace: Workspace,
    folder: Path,
    today: date,
    go_on: Callable[[int, int, BatchPatient], bool] | None = None,
) -> BatchSummary:
    """Issue a superbill for every patient who needs one (see the module's docstring).

    `go_on(done, total, patient)` is asked before each patient; False stops the batch there.
    """
    patients = patients_needing_superbills(workspace, today)
    summary = BatchSummary(folder=Path(folder), total=len(patients))
    for done, patient in enumerate(patients):
        if go_on is not None and not go_on(done, len(patients), patient):
            summary.cancelled = True
            break
        try:
            outcome = issue_for(workspace, patient, Path(folder), today)
        except ValidationError as error:
            summary.failed = HeldBack(patient, error.message)
            break
        if isinstance(outcome, IssuedFile):
            summary.issued.append(outcome)
        else:
            summary.held_back.append(outcome)
    log.info(
        "batch of superbills issued=%d held_back=%d failed=%d cancelled=%s",
        len(summary.issued),
        len(summary.held_back),
        summary.failed is not None,
        summary.cancelled,
    )
    return summary
