"""Rules about prescriptions: present when the payer needs one, in date, and within its visits."""

from __future__ import annotations

from collections.abc import Iterator

from app.domain.check.findings import (
    Context,
    Finding,
    blank,
    day,
    error,
    visit_field,
    visits_up_to,
    warning,
)
from app.domain.check.findings import FindingCode as C
from app.domain.errors import ValidationError
from app.domain.identifiers import validate_npi
from app.domain.practice import PayerKind


def prescription_present(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.data.visits:
        field = visit_field(visit, "prescription")
        if visit.prescription is not None:
            if ctx.data.prescription_for(visit) is None:
                yield error(
                    C.PRESCRIPTION_UNKNOWN,
                    field,
                    f"The visit on {day(visit.date)} names a prescription that is not on the "
                    "patient's record; choose the prescription again.",
                )
            continue
        payer = ctx.data.payer_for(visit)
        if payer is None:
            continue
        if payer.kind is PayerKind.MEDICARE_ADVANTAGE:
            yield error(
                C.PRESCRIPTION_MISSING,
                field,
                f"The visit on {day(visit.date)} has no prescription: {payer.name} pays for massage "
                "only with a prescription (referral) from the patient's doctor.",
            )
        elif payer.kind is PayerKind.COMMERCIAL:
            yield warning(
                C.PRESCRIPTION_MISSING,
                field,
                f"The visit on {day(visit.date)} has no prescription: {payer.name} usually pays for "
                "massage only with a prescription (referral) from the patient's doctor.",
            )


def prescription_in_date(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.data.visits:
        rx = ctx.data.prescription_for(visit)
        if rx is None:
            continue
        starts = rx.starts_on or rx.written_on
        by = ", ".join(x for x in (rx.prescriber_name, rx.prescriber_credentials) if x)
        if rx.expires_on is not None and visit.date > rx.expires_on:
            yield warning(
                C.PRESCRIPTION_EXPIRED,
                visit_field(visit, "prescription"),
                f"The prescription from {by} expired on {day(rx.expires_on)}, before the visit on "
                f"{day(visit.date)}: the insurer may refuse that visit. Ask for a renewal.",
            )
        elif visit.date < starts:
            yield warning(
                C.PRESCRIPTION_NOT_STARTED,
                visit_field(visit, "prescription"),
                f"The prescription from {by} starts on {day(starts)}, after the visit on "
                f"{day(visit.date)}: the insurer may refuse that visit.",
            )


def prescription_visits(ctx: Context) -> Iterator[Finding]:
    for visit in ctx.data.visits:
        rx = ctx.data.prescription_for(visit)
        if rx is None or rx.authorized_visits is None:
            continue
        used = sum(1 for v in visits_up_to(ctx, visit) if v.prescription == rx.key)
        if used > rx.authorized_visits:
            yield warning(
                C.PRESCRIPTION_VISITS_EXCEEDED,
                visit_field(visit, "prescription"),
                f"The visit on {day(visit.date)} is visit {used} on a prescription that authorizes "
                f"{rx.authorized_visits}: the insurer may not pay for it. Ask for a new prescription.",
            )


def prescriber_npi(ctx: Context) -> Iterator[Finding]:
    for rx in ctx.data.prescriptions():
        if blank(rx.prescriber_npi):
            continue
        try:
            validate_npi(
                rx.prescriber_npi,
                field=f"prescriptions[{rx.key}].prescriber_npi",
                label=f"The NPI of the prescriber {rx.prescriber_name}",
            )
        except ValidationError as problem:
            yield warning(C.PRESCRIBER_NPI_INVALID, problem.field, problem.message)


RULES = (prescription_present, prescription_in_date, prescription_visits, prescriber_npi)
