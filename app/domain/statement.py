"""A year-end statement: every date of service of one patient's year, charged and paid (pure values).

A summary for the patient's records and tax or HSA/FSA filing, not a claim: it may list visits already
on superbills, and says which ("submitted on SB-2026-0012"). Its figures are the superbill's: the
visits are priced by SuperbillData, and the check that runs on it is the superbill's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from app.domain.dates import us_date
from app.domain.money import Cents
from app.domain.superbill import SuperbillData


@dataclass(frozen=True)
class StatementRow:
    day: date
    services: str  # "97124 x3, 97140 x1", or what a payment was ("Payment, card")
    diagnoses: str  # "M54.50, M62.830"
    charged: Cents | None  # None on a row for a payment on a day without a visit
    paid: Cents
    submitted: str  # "SB-2026-0012" when the visit is on a superbill, else ""


@dataclass(frozen=True)
class YearStatementData:
    data: SuperbillData  # the year's visits and payments; statement_number is the statement's number
    year: int
    submitted: Mapping[str, str] = field(default_factory=dict)  # visit key -> superbill number
    replaces: str | None = None  # a corrected statement: the number of the one it replaces

    @property
    def partial(self) -> bool:
        """Issued before the year is over: it lists the visits up to its issue date only."""
        return self.data.issued_on < date(self.year + 1, 1, 1)

    def notes(self) -> list[str]:
        """What the statement says of itself beside its totals: a partial year, a replaced statement."""
        said = []
        if self.partial:
            said.append(
                f"Partial year: {self.year} is not over; this lists the visits up to "
                f"{us_date(self.data.issued_on)}."
            )
        if self.replaces:
            said.append(f"Corrected statement: it replaces statement {self.replaces}.")
        return said

    def rows(self) -> list[StatementRow]:
        """One row per visit (its payments that day beside it), then payments on days without a visit."""
        paid_on: dict[date, Cents] = {}
        methods: dict[date, str] = {}
        for payment in self.data.payments:
            paid_on[payment.date] = paid_on.get(payment.date, 0) + payment.amount
            methods.setdefault(payment.date, payment.method.label)
        rows: list[StatementRow] = []
        seen: set[date] = set()
        for visit in self.data.visits:
            priced = self.data.priced_visit(visit)
            services = ", ".join("-".join((p.line.cpt, *p.line.modifiers)) + f" x{p.units}" for p in priced)
            paid = paid_on.get(visit.date, 0) if visit.date not in seen else 0
            seen.add(visit.date)
            rows.append(
                StatementRow(
                    visit.date,
                    services,
                    ", ".join(visit.diagnoses),
                    sum(p.charge for p in priced),
                    paid,
                    self.submitted.get(visit.key, ""),
                )
            )
        for day, amount in paid_on.items():
            if day not in seen:
                rows.append(StatementRow(day, f"Payment ({methods[day]})", "", None, amount, ""))
        rows.sort(key=lambda row: (row.day, row.charged is None))
        return rows
