"""Superbills beyond the sample: a long year of visits, awkward names, other payers, a signature."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from app.domain.practice import (
    Address,
    Coverage,
    Payer,
    PayerKind,
    Payment,
    PaymentMethod,
    Relationship,
    ServiceLine,
    Subscriber,
    Visit,
)
from app.domain.superbill import SuperbillData
from tests import sample

FIRST_VISIT = date(2026, 1, 6)


def year_of_visits(count: int) -> SuperbillData:
    """`count` weekly visits from 6 January 2026; every third visit adds 97140-59; each paid on the day."""
    data = sample.superbill_data()
    visits: list[Visit] = []
    payments: list[Payment] = []
    for n in range(count):
        day = FIRST_VISIT + timedelta(days=7 * n)
        lines = [ServiceLine("97124", ("A", "B"), minutes=45, body_region="lumbar")]
        if n % 3 == 2:
            lines.append(ServiceLine("97140", ("B",), minutes=15, modifiers=("59",), body_region="thoracic"))
        visit = Visit(
            f"v-{n}",
            day,
            ("M54.50", "M62.830"),
            tuple(lines),
            place_of_service="11",
            coverage="cov-1",
            prescription="rx-1",
        )
        visits.append(visit)
        payments.append(Payment(f"pay-{n}", day, 12000 + (4500 if n % 3 == 2 else 0), PaymentMethod.CARD))
    return replace(data, visits=tuple(visits), payments=tuple(payments), statement_number="SB-2026-0042")


def renamed_patient(data: SuperbillData, first: str, last: str) -> SuperbillData:
    chart = replace(data.chart, patient=replace(data.chart.patient, first_name=first, last_name=last))
    return replace(data, chart=chart)


def injury_claim() -> SuperbillData:
    """A workers' comp visit for a dependent with long names and addresses everywhere."""
    data = sample.superbill_data()
    payer = Payer(
        "lni",
        "Washington State Department of Labor & Industries, Crime Victims and Workers' Compensation Claims",
        PayerKind.WORKERS_COMP,
        address=Address(
            "PO Box 44291, Attention: Provider Bills and Health Services Analysis Section",
            "Olympia",
            "WA",
            "98504-4291",
        ),
    )
    coverage = Coverage(
        "cov-wc",
        "lni",
        relationship=Relationship.CHILD,
        member_id="WC-99812",
        subscriber=Subscriber("Bartholomew-Alexander", "Featherstonehaugh-Worthington", date(1960, 2, 29)),
        claim_number="BG-7712-0093-2026",
        injury_date=date(2026, 8, 30),
        employer="Pacific Northwest Regional Distribution and Logistics Cooperative, Warehouse 7",
        accident_state="WA",
        adjuster="Jordan Ellis-Montgomery, 360-555-0199",
        authorization_number="PA-20260901-88",
    )
    chart = replace(
        data.chart,
        patient=replace(
            data.chart.patient,
            first_name="Maximiliana Josefina Esperanza",
            last_name="Featherstonehaugh-Worthington de la Cruz",
            address=Address(
                "12345 Northeast Extraordinarily Long Boulevard Name Apartment 1234B",
                "Bainbridge Island",
                "WA",
                "98110",
                line2="c/o Building Management Office, Rear Entrance",
            ),
        ),
        coverages=(coverage,),
    )
    visits = tuple(replace(v, coverage="cov-wc") for v in data.visits)
    return replace(data, chart=chart, visits=visits, payers={**data.payers, "lni": payer}, payments=())


def tiny_png(width: int = 120, height: int = 30) -> bytes:
    """A small valid RGB PNG (a dark stroke on white)."""
    return sample.signature_png(width, height)


def subscriber() -> Subscriber:
    """The insured person when the patient is covered through someone else."""
    return Subscriber("Amara", "Okafor", date(1982, 3, 4))
