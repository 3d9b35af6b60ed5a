"""One visit while it is being edited: its defaults, its units and charges, and the check's findings for it.

The visit editor asks these questions on every change, so the patient's chart, the payers, fees and
procedure codes are read once (`load_visit_setting`) and the visit is priced and checked in memory.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from app.domain.check import Finding, FindingCode, check_superbill
from app.domain.diagnoses import DiagnosisCodes
from app.domain.money import Cents
from app.domain.practice import (
    NO_PRACTITIONER,
    FeeSchedule,
    PatientChart,
    Payer,
    Practitioner,
    Prescription,
    UnitRule,
    Visit,
)
from app.domain.procedures import Procedure
from app.domain.superbill import POINTER_LETTERS, PricedLine, SuperbillData
from app.domain.units import unit_rule_of
from app.store.keys import RecordKind, new_key
from app.store.records import PracticeStore


def first_pointers(diagnoses: int, most: int = 4) -> tuple[str, ...]:
    """The letters a new service points to: the visit's first diagnoses, at most four."""
    return tuple(POINTER_LETTERS[: min(diagnoses, most)])


def remap_pointers(pointers: tuple[str, ...], before: Sequence[str], after: Sequence[str]) -> tuple[str, ...]:
    """Letters that pointed to codes of `before`, pointing to the same codes in `after` (gone ones dropped)."""
    codes = [before[i] for i in (POINTER_LETTERS.find(p) for p in pointers) if 0 <= i < len(before)]
    return tuple(POINTER_LETTERS[list(after).index(code)] for code in codes if code in after)


def new_visit_key() -> str:
    return new_key(RecordKind.VISIT)


@dataclass(frozen=True)
class VisitSetting:
    """What a visit of one patient is priced and checked against."""

    practitioner: Practitioner
    chart: PatientChart
    payers: Mapping[str, Payer]
    fees: FeeSchedule
    procedures: Mapping[str, Procedure]

    # Payer, fees and units -------------------------------------------------------------------------

    def payer_for(self, coverage_key: str | None) -> Payer | None:
        coverage = self.chart.coverage(coverage_key)
        return self.payers.get(coverage.payer) if coverage else None

    def unit_rule_for(self, coverage_key: str | None) -> UnitRule:
        payer = self.payer_for(coverage_key)
        return unit_rule_of(payer)

    def fee_for(self, code: str, coverage_key: str | None) -> Cents | None:
        """The fee schedule's fee per unit: the payer's own when it has one, else the practice's."""
        payer = self.payer_for(coverage_key)
        return self.fees.fee_for(code, payer.key if payer else None)

    def priced(self, visit: Visit) -> tuple[PricedLine, ...]:
        """The visit's lines with units under the payer's rule and charges, as the superbill prints them."""
        return self._data(visit, date.today()).priced_visit(visit)

    # Defaults for a new visit --------------------------------------------------------------------

    def default_coverage(self) -> str | None:
        """The insurance used on the last visit, or the patient's only one; None (self-pay) otherwise."""
        known = {c.key for c in self.chart.coverages}
        for visit in sorted(self.chart.visits, key=lambda v: v.date, reverse=True):
            if visit.coverage in known:
                return visit.coverage
        if len(self.chart.coverages) == 1:
            return self.chart.coverages[0].key
        return None

    def default_prescription(self, day: date) -> str | None:
        """The prescription valid on the day (the most recently written when several are)."""
        valid = [rx for rx in self.chart.prescriptions if prescription_valid_on(rx, day)]
        if not valid:
            return None
        return max(valid, key=lambda rx: rx.written_on).key

    def visits_on_prescription(self, prescription_key: str, but: str | None = None) -> int:
        """How many recorded visits use the prescription, leaving out the visit `but`."""
        return sum(1 for v in self.chart.visits if v.prescription == prescription_key and v.key != but)

    # The check -------------------------------------------------------------------------------------

    def check(self, visit: Visit, codes: DiagnosisCodes, today: date) -> list[Finding]:
        """The check's findings for this visit, with the provider, patient and insurance ones it depends on."""
        findings = check_superbill(self._data(visit, today), codes, today)
        own = f"visits[{visit.key}]"
        return [
            f
            for f in findings
            if (not f.field.startswith("visits[") or f.field.startswith(own))
            and f.code != FindingCode.SIGNATURE_MISSING  # the paper's, not the visit's: said on the superbill
        ]

    def _data(self, visit: Visit, today: date) -> SuperbillData:
        """A superbill of this one visit, over the chart in which it replaces (or joins) the stored one."""
        others = tuple(v for v in self.chart.visits if v.key != visit.key)
        chart = replace(self.chart, visits=(*others, visit))
        return SuperbillData(
            practitioner=self.practitioner,
            chart=chart,
            visits=(visit,),
            payments=(),
            payers=self.payers,
            fees=self.fees,
            procedures=self.procedures,
            issued_on=today,
        )


def prescription_valid_on(rx: Prescription, day: date) -> bool:
    starts = rx.starts_on or rx.written_on
    return starts <= day and (rx.expires_on is None or day <= rx.expires_on)


def load_visit_setting(store: PracticeStore, patient_key: str) -> VisitSetting:
    """Read once what the visits of `patient_key` are priced and checked against."""
    return VisitSetting(
        practitioner=store.practitioner() or NO_PRACTITIONER,
        chart=store.chart(patient_key),
        payers={payer.key: payer for payer in store.payers()},
        fees=store.fees(),
        procedures=store.procedures(),
    )


def check_visit(
    store: PracticeStore, codes: DiagnosisCodes, patient_key: str, visit: Visit, today: date
) -> list[Finding]:
    """The findings for `visit` (saved or not) of the patient, as the superbill check would report them."""
    return load_visit_setting(store, patient_key).check(visit, codes, today)
