"""Claims of the sample practice, for tests: its commercial claim, and its visits billed to other payers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.claim import Claim, build_claim
from app.domain.practice import Address, Coverage, Payer, PayerKind
from app.domain.superbill import SuperbillData
from tests import sample

ZIP_PLUS_FOUR = Address("2200 Westlake Ave N", "Seattle", "WA", "98109-4121", line2="Suite 104")


def claim_for(data: SuperbillData | None = None, **kw: object) -> Claim:
    data = data or sample.superbill_data()
    coverage = data.chart.coverages[0]
    payer = data.payers[coverage.payer]
    return build_claim(data, coverage, payer, **kw)  # type: ignore[arg-type]


def electronic_ready(**changes: object) -> SuperbillData:
    """The sample superbill's data with the billing ZIP+4 an 837P needs."""
    return sample.superbill_data(practitioner=sample.practitioner(address=ZIP_PLUS_FOUR), **changes)


def billed_to(kind: PayerKind, data: SuperbillData | None = None, **coverage: object) -> SuperbillData:
    """The sample visits billed to a workers' comp, auto or VA carrier."""
    data = data or sample.superbill_data()
    payer = Payer("carrier", "Cascade Casualty", kind, address=Address("PO Box 4", "Olympia", "WA", "98504"))
    values: dict[str, object] = {
        "claim_number": "WC-88-1234",
        "injury_date": date(2026, 8, 30),
        "employer": "Harbor Freight Lines",
        "accident_state": "WA",
        "adjuster": "Pat Lee",
    }
    values.update(coverage)
    cov = Coverage("cov-9", "carrier", **values)  # type: ignore[arg-type]
    chart = replace(
        data.chart,
        coverages=(cov,),
        visits=tuple(replace(v, coverage="cov-9") for v in data.chart.visits),
    )
    return replace(data, chart=chart, visits=chart.visits, payers={**data.payers, "carrier": payer})
