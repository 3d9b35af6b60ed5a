"""A patient's visits: what a visit is priced and checked against, saving and deleting one."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domain.issued import VisitRecords
    from app.domain.practice import Visit
    from app.services.visit_check import VisitSetting
    from app.services.workspace import Workspace


def visit_setting(workspace: Workspace, patient_key: str) -> VisitSetting:
    """The chart, payers, fees and codes a visit of this patient is priced and checked against."""
    from app.services.visit_check import load_visit_setting

    return load_visit_setting(workspace.store, patient_key)


def save_visit(workspace: Workspace, patient_key: str, visit: Visit) -> None:
    """Add or update the visit in one transaction (ValidationError names what the store refused)."""
    workspace.store.save_visit(patient_key, visit)


def delete_visit(workspace: Workspace, patient_key: str, visit_key: str) -> None:
    """Remove a visit that no issued superbill or claim holds (ValidationError naming the one that does)."""
    workspace.store.delete_visit(patient_key, visit_key)


def issued_records_of(workspace: Workspace, patient_key: str, visit_key: str) -> VisitRecords:
    """The issued superbills and claims (not replaced) that are a record of this visit."""
    return workspace.store.records_of_visit(patient_key, visit_key)
