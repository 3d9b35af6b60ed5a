"""How long a superbill takes to render, against a bare reportlab page, for the budgets in the issues.

Budgets: a single-visit superbill at most 2x a bare reportlab page holding one 10-row table;
a 52-visit year statement under 150 ms. Times are warm (fonts registered, first run discarded)
medians of several runs. Run from the repository root: `python -m bench.render`.

The bare page is measured twice. In reportlab's built-in Helvetica it embeds no font and takes
about a millisecond; a superbill cannot use Helvetica (it covers Latin-1 only, and patient names
print exactly as entered), and embedding a TrueType subset alone costs several milliseconds. So
the ratio is given against both, and the budget is judged against the page in the same fonts.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import SimpleDocTemplate, Table

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
    Practitioner,
    Prescription,
    ServiceLine,
    TaxIdType,
    Visit,
)
from app.domain.superbill import SuperbillData
from app.render.fonts import document_fonts
from app.render.superbill import SuperbillRenderer

SINGLE_VISIT_RATIO_BUDGET = 2.0
YEAR_STATEMENT_BUDGET_MS = 150.0

_DESCRIPTIONS = {"M54.50": "Low back pain, unspecified", "M62.830": "Muscle spasm of back"}


def statement(visit_count: int) -> SuperbillData:
    """A commercial-insurance patient with `visit_count` weekly visits, each paid on the day."""
    practitioner = Practitioner(
        first_name="Maya",
        last_name="Lindqvist",
        credentials="LMT",
        practice_name="Tidewater Therapeutic Massage",
        npi="1558598797",
        tax_id="91-1234567",
        tax_id_type=TaxIdType.EIN,
        license_number="MA60123456",
        license_state="WA",
        address=Address("2200 Westlake Ave N", "Seattle", "WA", "98109", line2="Suite 104"),
        phone="206-555-0148",
    )
    payer = Payer(
        "premera",
        "Premera Blue Cross",
        PayerKind.COMMERCIAL,
        address=Address("PO Box 91059", "Seattle", "WA", "98111"),
    )
    visits = []
    payments = []
    for n in range(visit_count):
        day = date(2025, 10, 1) + timedelta(days=7 * n)
        lines = [ServiceLine("97124", ("A", "B"), minutes=45, body_region="lumbar")]
        if n % 3 == 2:
            lines.append(ServiceLine("97140", ("B",), minutes=15, modifiers=("59",), body_region="thoracic"))
        visits.append(
            Visit(f"v-{n}", day, ("M54.50", "M62.830"), tuple(lines), coverage="cov-1", prescription="rx-1")
        )
        payments.append(Payment(f"p-{n}", day, 12000 + (4500 if n % 3 == 2 else 0), PaymentMethod.CARD))
    chart = PatientChart(
        patient=Patient(
            "pt-1",
            "Daniel",
            "Okafor",
            date(1984, 6, 12),
            sex="M",
            address=Address("415 Fremont Pl N", "Seattle", "WA", "98103"),
            account_number="A00001",
        ),
        coverages=(Coverage("cov-1", "premera", member_id="PRM448812093", group_number="1000045"),),
        prescriptions=(
            Prescription(
                "rx-1",
                "Helen Park",
                date(2025, 9, 20),
                prescriber_credentials="MD",
                prescriber_npi="1003000126",
            ),
        ),
        visits=tuple(visits),
        payments=tuple(payments),
    )
    return SuperbillData(
        practitioner=practitioner,
        chart=chart,
        visits=chart.visits,
        payments=chart.payments,
        payers={payer.key: payer},
        fees=FeeSchedule(default={"97124": 4000, "97140": 4500}),
        issued_on=date(2026, 10, 1),
        statement_number="SB-2026-0001",
    )


def bare_table_page(regular: str = "Helvetica", bold: str = "Helvetica-Bold") -> bytes:
    """The reference: one page, one 10-row table (a header and nine rows), nothing else."""
    buffer = io.BytesIO()
    rows = [["Date", "CPT", "Units", "Charge"]]
    rows += [[f"09/{day:02d}/2026", "97124", "3", "$120.00"] for day in range(1, 10)]
    style = [("FONTNAME", (0, 0), (-1, -1), regular), ("FONTNAME", (0, 0), (-1, 0), bold)]
    SimpleDocTemplate(buffer, pagesize=LETTER).build([Table(rows, style=style)])
    return buffer.getvalue()


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()  # warm: fonts registered, modules loaded, caches filled
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def median_ratio(work: Callable[[], object], reference: Callable[[], object], runs: int) -> float:
    """work's time over reference's, each run timed back to back so a busy machine slows both alike."""
    work()
    reference()
    ratios = []
    for _ in range(runs):
        start = time.perf_counter()
        reference()
        middle = time.perf_counter()
        work()
        ratios.append((time.perf_counter() - middle) / (middle - start))
    return statistics.median(ratios)


def measure(runs: int = 21) -> dict[str, float]:
    """Warm median milliseconds, and the single-visit superbill's ratio to a bare table page."""
    renderer = SuperbillRenderer(describe=_DESCRIPTIONS.get)
    fonts = document_fonts()
    single = statement(1)
    year = statement(52)

    def render_single() -> bytes:
        return renderer.render(single)

    def bare_same_fonts() -> bytes:
        return bare_table_page(fonts.regular, fonts.bold)

    return {
        "render.bare_table_page_helvetica_ms": median_ms(bare_table_page, runs),
        "render.bare_table_page_dejavu_ms": median_ms(bare_same_fonts, runs),
        "render.single_visit_superbill_ms": median_ms(render_single, runs),
        "render.single_visit_ratio_vs_helvetica": median_ratio(render_single, bare_table_page, runs),
        "render.single_visit_ratio_vs_dejavu": median_ratio(render_single, bare_same_fonts, runs),
        "render.year_52_visits_ms": median_ms(lambda: renderer.render(year), max(5, runs // 3)),
    }


def main() -> int:
    results = measure()
    for name, value in results.items():
        print(f"{name:42} {value:8.2f}")
    ratio_met = results["render.single_visit_ratio_vs_dejavu"] <= SINGLE_VISIT_RATIO_BUDGET
    year_met = results["render.year_52_visits_ms"] < YEAR_STATEMENT_BUDGET_MS
    print(
        f"single visit <= {SINGLE_VISIT_RATIO_BUDGET:.0f}x the bare page in the same fonts: {_verdict(ratio_met)}"
    )
    print(f"52-visit year < {YEAR_STATEMENT_BUDGET_MS:.0f} ms: {_verdict(year_met)}")
    return 0 if ratio_met and year_met else 1


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


if __name__ == "__main__":
    raise SystemExit(main())
