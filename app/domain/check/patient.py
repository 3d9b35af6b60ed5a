"""Rules about the patient and the dates of service."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from app.domain.check.findings import Context, Finding, blank, day, error, visit_field
from app.domain.check.findings import FindingCode as C


def patient_identity(ctx: Context) -> Iterator[Finding]:
    patient = ctx.data.chart.patient
    if blank(patient.first_name) or blank(patient.last_name):
        field = "patient.first_name" if blank(patient.first_name) else "patient.last_name"
        yield error(
            C.PATIENT_NAME_MISSING,
            field,
            "The patient's full legal name is needed, exactly as their insurance card shows it.",
        )
    born: date | None = patient.date_of_birth
    if born is None:
        yield error(
            C.PATIENT_DOB_MISSING,
            "patient.date_of_birth",
            "The patient's date of birth is needed: insurers match claims on name and date of birth.",
        )
    elif born > ctx.today:
        yield error(
            C.PATIENT_DOB_IN_FUTURE,
            "patient.date_of_birth",
            f"The patient's date of birth, {day(born)}, is in the future; check it.",
        )


def dates_of_service(ctx: Context) -> Iterator[Finding]:
    if not ctx.data.visits:
        yield error(
            C.NO_VISITS, "visits", f"The {ctx.document} has no visits: add at least one date of service."
        )
    born: date | None = ctx.data.chart.patient.date_of_birth
    for visit in ctx.data.visits:
        if visit.date > ctx.today:
            yield error(
                C.SERVICE_DATE_IN_FUTURE,
                visit_field(visit, "date"),
                f"The visit on {day(visit.date)} has not happened yet: a {ctx.document} lists only "
                "services already given.",
            )
        if born is not None and visit.date < born:
            yield error(
                C.SERVICE_DATE_BEFORE_BIRTH,
                visit_field(visit, "date"),
                f"The visit on {day(visit.date)} is before the patient's date of birth "
                f"({day(born)}); one of the two dates is wrong.",
            )


RULES = (patient_identity, dates_of_service)
