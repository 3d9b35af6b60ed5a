"""Patients: saving with an account number, finding by ID or account, searching."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import replace
from datetime import date
from typing import Any

from app.domain.errors import ValidationError
from app.domain.people import Patient
from app.domain.text_limits import clean_text
from app.store._base import StoreBase, address_columns, address_from, guarded, iso, required_date
from app.store.search import patient_search_condition, search_text, sort_name

ACCOUNT_PREFIX = "A"
_ACCOUNT_COUNTER = "account_number"
_ACCOUNT = re.compile(rf"^{ACCOUNT_PREFIX}(\d{{1,12}})$", re.IGNORECASE)

# How a search for one patient says which it means: `id:pt-0001` (the practice file's id) or
# `account:A00001` (the account number); plain text may be either, when only one patient has it.
BY_ID = "id:"
BY_ACCOUNT = "account:"


class AmbiguousPatient(ValidationError):
    """The text is one patient's ID and another patient's account number."""

    def __init__(self, text: str, by_id: Patient, by_account: Patient) -> None:
        super().__init__(
            "patient",
            f'"{text}" is the ID of one patient and the account number of another: '
            f"write {BY_ID}{text} or {BY_ACCOUNT}{text}",
        )
        self.text = text
        self.by_id = by_id
        self.by_account = by_account

    def __reduce__(self) -> tuple[type[ValidationError], tuple[str, str]]:
        return (ValidationError, (self.field, self.message))


class PatientRecords(StoreBase):
    @guarded
    def patients(self, search: str = "", limit: int | None = None) -> list[Patient]:
        """Patients in name order whose name, date of birth, account number or member ID match.

        Every word of `search` must match something: a fragment of a name (case and accents
        ignored: "zoe nguyen" finds "Zoë Nguyễn"), a date of birth ("1984-06-12" or "6/12/1984"),
        a fragment of the account number, or a fragment of a member ID.
        """
        where, patterns = patient_search_condition(search)
        params: list[Any] = [*patterns]
        sql = f"SELECT p.* FROM patients p {where} ORDER BY p.sort_name, p.id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [patient_from_row(row) for row in self._rows(sql, params)]

    @guarded
    def patient(self, key: str) -> Patient | None:
        row = self._row("SELECT * FROM patients WHERE key = ?", (key,))
        return None if row is None else patient_from_row(row)

    @guarded
    def find_patient(self, id_or_account: str) -> Patient | None:
        """The patient with this ID (the practice file's `id`) or this account number (any case).

        "id:TEXT" looks only at IDs, "account:TEXT" only at account numbers. Plain text that is one
        patient's ID and another patient's account number raises AmbiguousPatient: it picks neither.
        """
        text = id_or_account.strip()
        lowered = text.lower()
        if lowered.startswith(BY_ID):
            return self._patient_where("key", text[len(BY_ID) :].strip())
        if lowered.startswith(BY_ACCOUNT):
            return self._patient_where("account_number", text[len(BY_ACCOUNT) :].strip())
        by_id = self._patient_where("key", text)
        by_account = self._patient_where("account_number", text)
        if by_id is not None and by_account is not None and by_id.key != by_account.key:
            raise AmbiguousPatient(text, by_id, by_account)
        return by_id or by_account

    def _patient_where(self, column: str, value: str) -> Patient | None:
        row = self._row(f"SELECT * FROM patients WHERE {column} = ?", (value,))
        return None if row is None else patient_from_row(row)

    @guarded
    def save_patient(self, patient: Patient) -> Patient:
        """Add or update the patient with this key; returns it with its account number.

        A new patient without an account number gets the next one ("A00001", "A00002"...,
        never reused); an existing patient keeps theirs unless a different one is given.
        """
        with self.transaction():
            return self._save_patient(patient, field="patient")

    def _save_patient(self, patient: Patient, field: str) -> Patient:
        from app.domain.record_dates import check_dates  # when first used: see app/store/charts.py

        patient = clean_text(patient, field)
        check_dates(patient, field, today=date.today())
        account = patient.account_number.strip() if patient.account_number else None
        if account:
            owner = self._value("SELECT key FROM patients WHERE account_number = ?", (account,))
            if owner is not None and owner != patient.key:
                raise ValidationError(
                    f"{field}.account_number",
                    f'account number {account} already belongs to another patient (ID "{owner}")',
                )
            imported = _ACCOUNT.match(account)
            if imported:
                # Numbers handed out later go past every one in use, imported ones included.
                self._raise_counter(_ACCOUNT_COUNTER, int(imported[1]))
        else:
            account = self._value("SELECT account_number FROM patients WHERE key = ?", (patient.key,))
            if account is None:
                account = f"{ACCOUNT_PREFIX}{self._next_counter(_ACCOUNT_COUNTER):05d}"
        saved = replace(patient, account_number=account)
        dob = iso(saved.date_of_birth)
        assert dob is not None
        self._upsert(
            "patients",
            ("key",),
            {
                "key": saved.key,
                "account_number": account,
                "first_name": saved.first_name,
                "last_name": saved.last_name,
                "date_of_birth": dob,
                "sex": saved.sex,
                "phone": saved.phone,
                "email": saved.email,
                "sort_name": sort_name(saved.first_name, saved.last_name),
                "search_text": search_text(saved.first_name, saved.last_name, dob, account),
                **address_columns(saved.address),
            },
        )
        return saved


def patient_from_row(row: sqlite3.Row) -> Patient:
    return Patient(
        key=row["key"],
        first_name=row["first_name"],
        last_name=row["last_name"],
        date_of_birth=required_date(row["date_of_birth"]),
        sex=row["sex"],
        address=address_from(row),
        phone=row["phone"],
        email=row["email"],
        account_number=row["account_number"],
    )
