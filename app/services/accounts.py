"""A patient's account as the patient view shows it: charges per visit, the balance, prescription usage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.issued import IssuedSuperbill
from app.domain.money import Cents, format_money
from app.domain.practice import NO_PRACTITIONER, PatientChart, Payer, Prescription, Visit
from app.domain.superbill import SuperbillData, Totals
from app.store.records import PracticeStore


@dataclass(frozen=True)
class PrescriptionUsage:
    used: int
    authorized: int | None

    @property
    def text(self) -> str:
        if self.authorized is None:
            return f"used {self.used}"
        return f"used {self.used} of {self.authorized}"

    @property
    def used_up(self) -> bool:
        return self.authorized is not None and self.used >= self.authorized


@dataclass(frozen=True)
class VisitCharges:
    visit: Visit
    procedures: tuple[str, ...]  # "97124", "97140-59"
    units: int
    charge: Cents
    superbill: str | None  # the number of the issued superbill it is on


@dataclass(frozen=True)
class PatientAccount:
    """A patient's chart with what it adds up to: charges per visit, balance, prescription usage."""

    chart: PatientChart
    visits: tuple[VisitCharges, ...]
    totals: Totals
    usage: Mapping[str, PrescriptionUsage]  # by prescription key
    superbills: tuple[IssuedSuperbill, ...]
    payers: Mapping[str, Payer]

    @property
    def balance_text(self) -> str:
        return format_money(self.totals.balance)


def prescription_usage(chart: PatientChart, prescription: Prescription) -> PrescriptionUsage:
    used = sum(1 for visit in chart.visits if visit.prescription == prescription.key)
    return PrescriptionUsage(used, prescription.authorized_visits)


def patient_account(store: PracticeStore, patient_key: str) -> PatientAccount:
    """Everything the patient view shows, priced the way a superbill over all visits would price it."""
    chart = store.chart(patient_key)
    payers = {payer.key: payer for payer in store.payers()}
    data = SuperbillData(
        practitioner=store.practitioner() or NO_PRACTITIONER,
        chart=chart,
        visits=tuple(sorted(chart.visits, key=lambda v: v.date)),
        payments=chart.payments,
        payers=payers,
        fees=store.fees(),
        procedures=store.procedures(),
    )
    superbills = tuple(store.superbills(patient_key))
    on_superbill = {key: issued.number for issued in superbills for key in issued.visit_keys}
    visits = []
    for visit in data.visits:
        priced = data.priced_visit(visit)
        visits.append(
            VisitCharges(
                visit=visit,
                procedures=tuple("-".join((p.line.cpt, *p.line.modifiers)) for p in priced),
                units=sum(p.units for p in priced),
                charge=sum(p.charge for p in priced),
                superbill=on_superbill.get(visit.key),
            )
        )
    return PatientAccount(
        chart=chart,
        visits=tuple(visits),
        totals=data.totals(),
        usage={rx.key: prescription_usage(chart, rx) for rx in chart.prescriptions},
        superbills=superbills,
        payers=payers,
    )


def balance_due(store: PracticeStore, patient_key: str) -> Cents:
    return patient_account(store, patient_key).totals.balance
