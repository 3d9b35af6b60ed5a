"""The sample practice of tests/data/sample-practice.json as domain values, for tests."""

from __future__ import annotations

import struct
import zlib
from datetime import date

from app.domain.practice import (
    Address,
    Coverage,
    FeeSchedule,
    Patient,
    PatientChart,
    Payer,
    PayerKind,
    Payment,
    PaymentMethod,
    Practice,
    Practitioner,
    Prescription,
    ServiceLine,
    TaxIdType,
    UnitRule,
    Visit,
)
from app.domain.superbill import SuperbillData


def signature_png(width: int = 120, height: int = 30) -> bytes:
    """A small valid RGB PNG (a dark stroke on white), built with zlib and struct only."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            ink = abs(y - height // 2 - (x % 12) + 6) < 2
            rows += b"\x20\x20\x60" if ink else b"\xff\xff\xff"

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows)))
        + chunk(b"IEND", b"")
    )


def practitioner(**changes: object) -> Practitioner:
    """A complete practitioner, their signature image on file."""
    base = Practitioner(
        first_name="Maya",
        last_name="Lindqvist",
        credentials="LMT",
        practice_name="Tidewater Therapeutic Massage",
        npi="1558598797",
        tax_id="91-1234567",
        tax_id_type=TaxIdType.EIN,
        license_number="MA60123456",
        license_state="WA",
        taxonomy="225700000X",
        address=Address("2200 Westlake Ave N", "Seattle", "WA", "98109", line2="Suite 104"),
        phone="206-555-0148",
        email="maya@tidewatermassage.example",
        default_place_of_service="11",
        signature_png=signature_png(),
    )
    return _replace(base, changes)


FEES = FeeSchedule(default={"97124": 4000, "97140": 4500, "97112": 4500, "97010": 1000})

PAYERS = (
    Payer(
        "premera",
        "Premera Blue Cross",
        PayerKind.COMMERCIAL,
        address=Address("PO Box 91059", "Seattle", "WA", "98111"),
        phone="800-555-0101",
        unit_rule=UnitRule.AMA_MIDPOINT,
        filing_limit_days=365,
    ),
    Payer("lni", "Washington State Dept. of Labor & Industries", PayerKind.WORKERS_COMP),
    Payer("self", "Self-pay", PayerKind.SELF_PAY),
)


def chart() -> PatientChart:
    return PatientChart(
        patient=Patient(
            "pt-0001",
            "Daniel",
            "Okafor",
            date(1984, 6, 12),
            sex="M",
            address=Address("415 Fremont Pl N", "Seattle", "WA", "98103"),
            phone="206-555-0177",
            account_number="A00001",
        ),
        coverages=(
            Coverage(
                "cov-1", "premera", member_id="PRM448812093", group_number="1000045", annual_visit_limit=12
            ),
        ),
        prescriptions=(
            Prescription(
                "rx-1",
                "Helen Park",
                date(2026, 9, 2),
                diagnoses=("M54.50", "M62.830"),
                prescriber_credentials="MD",
                prescriber_npi="1003000126",
                starts_on=date(2026, 9, 2),
                expires_on=date(2026, 12, 31),
                authorized_visits=8,
                frequency="1x/week for 8 weeks",
                body_areas="lumbar, thoracic",
            ),
        ),
        visits=(
            Visit(
                "v-1",
                date(2026, 9, 9),
                ("M54.50", "M62.830"),
                (ServiceLine("97124", ("A", "B"), minutes=45, body_region="lumbar"),),
                place_of_service="11",
                coverage="cov-1",
                prescription="rx-1",
            ),
            Visit(
                "v-2",
                date(2026, 9, 16),
                ("M54.50", "M62.830"),
                (
                    ServiceLine("97124", ("A",), minutes=30, body_region="lumbar"),
                    ServiceLine("97140", ("B",), minutes=15, modifiers=("59",), body_region="thoracic"),
                ),
                place_of_service="11",
                coverage="cov-1",
                prescription="rx-1",
            ),
        ),
        payments=(
            Payment("pay-1", date(2026, 9, 9), 12000, PaymentMethod.CARD, reference="VISA 4242"),
            Payment("pay-2", date(2026, 9, 16), 12500, PaymentMethod.HSA_FSA_CARD),
        ),
    )


def practice() -> Practice:
    return Practice(practitioner=practitioner(), fees=FEES, payers=PAYERS, charts=(chart(),))


def superbill_data(**changes: object) -> SuperbillData:
    """Both sample visits on one superbill, issued 2026-09-20 (total 245.00, paid in full)."""
    the_chart = chart()
    base = SuperbillData(
        practitioner=practitioner(),
        chart=the_chart,
        visits=the_chart.visits,
        payments=the_chart.payments,
        payers={p.key: p for p in PAYERS},
        fees=FEES,
        issued_on=date(2026, 9, 20),
        statement_number="SB-2026-0001",
    )
    return _replace(base, changes)


def _replace(value: object, changes: dict[str, object]):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(value, **changes)  # type: ignore[type-var]
