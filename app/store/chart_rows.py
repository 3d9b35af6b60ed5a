"""A chart's rows read back as domain records: coverages, prescriptions, service lines, visits, payments.

ChartRecords imports this module when it first reads a chart: the record classes are built then,
not when the practice opens (the main window reads no chart before its first frame).
"""

from __future__ import annotations

import json
import sqlite3

from app.domain.practice import (
    Coverage,
    Payment,
    PaymentMethod,
    Prescription,
    Relationship,
    ServiceLine,
    Subscriber,
    Visit,
)
from app.store._base import required_date, to_date


def coverage(row: sqlite3.Row) -> Coverage:
    subscriber = None
    if row["subscriber_first_name"] is not None:
        subscriber = Subscriber(
            first_name=row["subscriber_first_name"],
            last_name=row["subscriber_last_name"],
            date_of_birth=required_date(row["subscriber_date_of_birth"]),
        )
    return Coverage(
        key=row["key"],
        payer=row["payer"],
        relationship=Relationship(row["relationship"]),
        member_id=row["member_id"],
        group_number=row["group_number"],
        subscriber=subscriber,
        claim_number=row["claim_number"],
        injury_date=to_date(row["injury_date"]),
        employer=row["employer"],
        accident_state=row["accident_state"],
        adjuster=row["adjuster"],
        authorization_number=row["authorization_number"],
        annual_visit_limit=row["annual_visit_limit"],
    )


def prescription(row: sqlite3.Row, diagnoses: tuple[str, ...]) -> Prescription:
    return Prescription(
        key=row["key"],
        prescriber_name=row["prescriber_name"],
        written_on=required_date(row["written_on"]),
        diagnoses=diagnoses,
        prescriber_credentials=row["prescriber_credentials"],
        prescriber_npi=row["prescriber_npi"],
        starts_on=to_date(row["starts_on"]),
        expires_on=to_date(row["expires_on"]),
        authorized_visits=row["authorized_visits"],
        frequency=row["frequency"],
        body_areas=row["body_areas"],
        notes=row["notes"],
    )


def line(row: sqlite3.Row) -> ServiceLine:
    return ServiceLine(
        cpt=row["cpt"],
        pointers=tuple(json.loads(row["pointers"])),
        minutes=row["minutes"],
        units=row["units"],
        unit_reason=row["unit_reason"],
        modifiers=tuple(json.loads(row["modifiers"])),
        body_region=row["body_region"],
        fee=row["fee"],
    )


def visit(row: sqlite3.Row, diagnoses: tuple[str, ...], lines: tuple[ServiceLine, ...]) -> Visit:
    return Visit(
        key=row["key"],
        date=required_date(row["date"]),
        diagnoses=diagnoses,
        lines=lines,
        place_of_service=row["place_of_service"],
        coverage=row["coverage"],
        prescription=row["prescription"],
    )


def payment(row: sqlite3.Row) -> Payment:
    return Payment(
        key=row["key"],
        date=required_date(row["date"]),
        amount=row["amount"],
        method=PaymentMethod(row["method"]),
        reference=row["reference"],
    )
