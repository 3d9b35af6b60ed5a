"""What one superbill carries: the visits of a period, priced, with document-wide diagnosis letters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import TypeVar

from app.domain.money import Cents
from app.domain.practice import (
    Coverage,
    FeeSchedule,
    PatientChart,
    Payer,
    Payment,
    Practitioner,
    Prescription,
    ServiceLine,
    UnitRule,
    Visit,
)
from app.domain.procedures import CATALOGUE, Procedure
from app.domain.units import TimedEntry, rule_units, unit_rule_of

POINTER_LETTERS = "ABCDEFGHIJKL"  # at most twelve diagnoses on one superbill
ADULT_AGE = 18  # younger on a date of service, a parent or guardian may sign for the patient


class PaperSize(StrEnum):
    LETTER = "letter"
    A4 = "a4"


_Keyed = TypeVar("_Keyed", Coverage, Prescription)


def _each_once(records: Iterable[_Keyed | None]) -> tuple[_Keyed, ...]:
    """The records given, each (by its key) once, in the order first given; None left out."""
    seen: dict[str, _Keyed] = {}
    for record in records:
        if record is not None:
            seen.setdefault(record.key, record)
    return tuple(seen.values())


@dataclass(frozen=True)
class PricedLine:
    """A service line with the units and charge it bills."""

    visit: Visit
    index: int  # position of the line in visit.lines
    line: ServiceLine
    procedure: Procedure | None
    rule_units: int  # what the payer's unit rule gives
    units: int  # billed: the hand-entered count when there is one, else the rule's
    fee: Cents | None  # per unit; None when no fee is known for the code
    charge: Cents
    pointers: tuple[str, ...]  # letters of the superbill's diagnosis list
    place_of_service: str


@dataclass(frozen=True)
class Totals:
    charges: Cents
    payments: Cents

    @property
    def balance(self) -> Cents:
        return self.charges - self.payments

    @property
    def paid_in_full(self) -> bool:
        return self.charges > 0 and self.balance <= 0


@dataclass(frozen=True)
class SuperbillData:
    """Everything behind one superbill; the check and the renderer both read it."""

    practitioner: Practitioner
    chart: PatientChart
    visits: tuple[Visit, ...]  # the visits on this superbill, by date
    payments: tuple[Payment, ...]  # the payments shown against them
    payers: Mapping[str, Payer]
    fees: FeeSchedule = field(default_factory=FeeSchedule)
    procedures: Mapping[str, Procedure] = field(default_factory=lambda: dict(CATALOGUE))
    issued_on: date = field(default_factory=date.today)
    statement_number: str | None = None
    paper: PaperSize = PaperSize.LETTER
    replaces: str | None = None  # statement number of the superbill this one corrects
    # The day the signed letter of medical necessity on file was signed (HSA/FSA), when there is one.
    necessity_letter: date | None = None
    # Visit key -> numbers of the issued superbills (not since replaced) that hold it already. Each
    # visit is billed once: the check refuses such a visit on a new final superbill (a reissue
    # names the one it replaces and leaves this empty).
    billed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def period(self) -> tuple[date, date] | None:
        if not self.visits:
            return None
        return min(v.date for v in self.visits), max(v.date for v in self.visits)

    @property
    def patient_is_minor(self) -> bool:
        """Under 18 on the first date of service (on the issue date when there is none): the whole
        superbill then allows a parent's or guardian's signature."""
        period = self.period
        day = period[0] if period else self.issued_on
        return self.chart.patient.age_on(day) < ADULT_AGE

    def coverage_for(self, visit: Visit) -> Coverage | None:
        return self.chart.coverage(visit.coverage)

    def payer_for(self, visit: Visit) -> Payer | None:
        coverage = self.coverage_for(visit)
        return self.payers.get(coverage.payer) if coverage else None

    def prescription_for(self, visit: Visit) -> Prescription | None:
        return self.chart.prescription(visit.prescription)

    def unit_rule_for(self, visit: Visit) -> UnitRule:
        payer = self.payer_for(visit)
        return unit_rule_of(payer)

    def coverages(self) -> tuple[Coverage, ...]:
        """The coverages the visits use, in the order first used."""
        return _each_once(self.coverage_for(visit) for visit in self.visits)

    def prescriptions(self) -> tuple[Prescription, ...]:
        """The prescriptions the visits are on, in the order first used."""
        return _each_once(self.prescription_for(visit) for visit in self.visits)

    def diagnoses(self) -> tuple[str, ...]:
        """The superbill's diagnosis list: every visit's codes, in order of first use."""
        return self._diagnoses

    # Worked out once per superbill (the values are frozen): a year of visits asks for them thousands of times.
    @cached_property
    def _diagnoses(self) -> tuple[str, ...]:
        codes: dict[str, None] = {}
        for visit in self.visits:
            for code in visit.diagnoses:
                codes.setdefault(code, None)
        return tuple(codes)

    @cached_property
    def _letters(self) -> dict[str, str]:
        return dict(zip(self._diagnoses, POINTER_LETTERS, strict=False))

    @cached_property
    def _priced(self) -> dict[Visit, tuple[PricedLine, ...]]:
        return {}

    def letter_for(self, code: str) -> str | None:
        return self._letters.get(code)

    def document_pointers(self, visit: Visit, line: ServiceLine) -> tuple[str, ...]:
        """A line's pointers (letters of its visit's list) as letters of the superbill's list."""
        letters: list[str] = []
        for pointer in line.pointers:
            position = POINTER_LETTERS.find(pointer)
            if 0 <= position < len(visit.diagnoses):
                letter = self.letter_for(visit.diagnoses[position])
                if letter is not None:
                    letters.append(letter)
        return tuple(letters)

    def priced_visit(self, visit: Visit) -> tuple[PricedLine, ...]:
        """The visit's lines, priced (worked out once per visit of this superbill)."""
        found = self._priced.get(visit)
        if found is None:
            found = self._priced[visit] = self._price(visit)
        return found

    def _price(self, visit: Visit) -> tuple[PricedLine, ...]:
        rule = self.unit_rule_for(visit)
        payer = self.payer_for(visit)
        entries = [TimedEntry(line.cpt, line.minutes, self._is_timed(line.cpt)) for line in visit.lines]
        by_rule = rule_units(entries, rule)
        place = visit.place_of_service or self.practitioner.default_place_of_service
        priced = []
        for index, (line, units_by_rule) in enumerate(zip(visit.lines, by_rule, strict=True)):
            units = line.units if line.units is not None else units_by_rule
            fee = (
                line.fee
                if line.fee is not None
                else self.fees.fee_for(line.cpt, payer.key if payer else None)
            )
            priced.append(
                PricedLine(
                    visit=visit,
                    index=index,
                    line=line,
                    procedure=self.procedures.get(line.cpt),
                    rule_units=units_by_rule,
                    units=units,
                    fee=fee,
                    charge=units * (fee or 0),
                    pointers=self.document_pointers(visit, line),
                    place_of_service=place,
                )
            )
        return tuple(priced)

    def priced_lines(self) -> tuple[PricedLine, ...]:
        return tuple(p for visit in self.visits for p in self.priced_visit(visit))

    def totals(self) -> Totals:
        return Totals(
            charges=sum(p.charge for p in self.priced_lines()),
            payments=sum(p.amount for p in self.payments),
        )

    def _is_timed(self, code: str) -> bool:
        procedure = self.procedures.get(code)
        return procedure.timed if procedure else False
