"""Bringing a whole practice in (a practice file, the demo practice): all of it, or nothing.

The practitioner goes through the same checks as the setup wizard's and settings' (practice_profile).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from app.services.practice_profile import check_practitioner

if TYPE_CHECKING:
    from pathlib import Path

    from app.domain.practice import Practice
    from app.services.workspace import Workspace


def import_practice(workspace: Workspace, practice: Practice) -> Practice:
    """Save every record of `practice` in one transaction; ValidationError names the first problem."""
    if practice.practitioner is not None:
        practice = replace(practice, practitioner=check_practitioner(practice.practitioner))
    workspace.store.save_practice(practice)
    return practice


def import_practice_file(workspace: Workspace, path: Path) -> Practice:
    """Read the practice file at `path` and import it (ValidationError names the file's field); its
    coverages may name payers the practice has already."""
    from app.services.practice_file import read_practice_file

    known = [payer.key for payer in workspace.store.payers()]
    return import_practice(workspace, read_practice_file(path, known_payers=known))
