"""A practice that exercises every column: the sample plus a second, unusual patient."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.practice import (
    Address,
    Coverage,
    FeeSchedule,
    Patient,
    PatientChart,
    Payment,
    PaymentMethod,
    Practice,
    Prescription,
    Relationship,
    ServiceLine,
    Subscriber,
    Visit,
)
from tests import sample

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def zoe_chart() -> PatientChart:
    """Covered through her spouse, plus a workers' comp claim; lines with modifiers and odd pointers."""
    return PatientChart(
        patient=Patient(
            "pt-zoe",
            "Zoë",
            "Nguyễn-Øster",
            date(1991, 2, 28),
            sex="F",
            address=Address("12 Rue d'Été", "Portland", "OR", "97201"),
            email="zoe@example.org",
        ),
        coverages=(
            Coverage(
                "cov-1",
                "premera",
                relationship=Relationship.SPOUSE,
                member_id="XJW-99120",
                group_number="G-77",
                subscriber=Subscriber("Lars", "Øster", date(1988, 11, 3)),
            ),
            Coverage(
                "cov-2",
                "lni",
                claim_number="WC-2026-55",
                injury_date=date(2026, 8, 30),
                employer="Nordic Bakery LLC",
                adjuster="R. Singh, 360-555-0100",
                authorization_number="AUTH-1",
            ),
        ),
        prescriptions=(
            Prescription(
                "rx-1",
                "Dr. Ana Müller",
                date(2026, 9, 1),
                diagnoses=("S13.4XXA", "M54.2", "G44.209"),
                notes="Cervical focus; avoid deep pressure",
            ),
        ),
        visits=(
            Visit(
                "v-1",
                date(2026, 9, 3),
                ("S13.4XXA", "M54.2", "G44.209"),
                (
                    ServiceLine(
                        "97140",
                        ("C", "A"),
                        minutes=20,
                        units=2,
                        unit_reason="Documented 23 minutes",
                        modifiers=("XS", "GP"),
                        body_region="cervical",
                        fee=5000,
                    ),
                    ServiceLine("97010", ("B",)),
                    ServiceLine("97124", ("A", "B", "C"), minutes=30, body_region="thoracic"),
                ),
                place_of_service="12",
                coverage="cov-2",
                prescription="rx-1",
            ),
            Visit("v-2", date(2026, 9, 10), (), (), coverage=None),
        ),
        payments=(Payment("pay-1", date(2026, 9, 3), -500, PaymentMethod.OTHER, reference="refund"),),
    )


def rich_practice() -> Practice:
    base = sample.practice()
    assert base.practitioner is not None
    return replace(
        base,
        practitioner=replace(
            base.practitioner, signature_png=PNG, print_full_ssn=True, organization_npi=None
        ),
        fees=FeeSchedule(
            default=dict(sample.FEES.default),
            by_payer={("premera", "97124"): 3800, ("lni", "97140"): 5210},
        ),
        charts=(*base.charts, zoe_chart()),
    )
