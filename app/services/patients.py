"""A patient's own records as the app reads and saves them: the patient, coverages, prescriptions."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from app.domain.practice import Coverage, Patient, PatientChart, Prescription
    from app.services.accounts import PatientAccount
    from app.services.workspace import Workspace


def patient(workspace: Workspace, key: str) -> Patient | None:
    return workspace.store.patient(key)


def chart(workspace: Workspace, patient_key: str) -> PatientChart:
    """Everything about one patient (RecordNotFound when there is no such patient)."""
    return workspace.store.chart(patient_key)


def account(workspace: Workspace, patient_key: str) -> PatientAccount:
    """The patient's chart with what each visit costs, what was paid and what is due."""
    from app.services import accounts

    return accounts.patient_account(workspace.store, patient_key)


def save_patient(workspace: Workspace, given: Patient, *, today: date) -> Patient:
    """Add (empty key) or update a patient; returns it as stored. ValidationError names the field."""
    from app.services import saving

    return saving.save_patient(workspace.store, given, today=today)


def save_coverage(workspace: Workspace, patient_key: str, given: Coverage, *, today: date) -> Coverage:
    from app.services import saving

    return saving.save_coverage(workspace.store, patient_key, given, today=today)


def save_prescription(
    workspace: Workspace, patient_key: str, given: Prescription, *, today: date
) -> Prescription:
    """Add or update a prescription; its diagnosis codes are checked against the practice's code set."""
    from app.services import saving

    return saving.save_prescription(workspace.store, workspace.codes, patient_key, given, today=today)
