"""A practice with the sample patient's two visits issued on one superbill (SB-2026-0001)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.services.practice_file import read_practice_file
from app.services.superbills import IssuedDocument, Period, issue_superbill
from app.services.workspace import Workspace

PATIENT = "pt-0001"
TODAY = date(2026, 9, 20)  # after both visits, inside the shipped code set's fiscal year


def imported_workspace(data_dir: Path, practice_file: Path) -> Workspace:
    workspace = Workspace(data_dir)
    workspace.store.save_practice(read_practice_file(practice_file))
    return workspace


def issue(workspace: Workspace, period: Period | None = None) -> IssuedDocument:
    return issue_superbill(workspace.store, workspace.codes, PATIENT, period or Period(), today=TODAY)
