"""The records of a practice: practitioner, payers, patients and their charts.

Plain immutable values. References between records use the record's key
(the practice file's `id`, kept as the external ID), never database row ids.

The practitioner, patients and addresses are defined in app.domain.people and re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.domain.money import Cents
from app.domain.people import NO_PRACTITIONER as NO_PRACTITIONER
from app.domain.people import Address as Address
from app.domain.people import Patient as Patient
from app.domain.people import Practitioner as Practitioner
from app.domain.people import TaxIdType as TaxIdType
from app.domain.units import DEFAULT_UNIT_RULE
from app.domain.units import UnitRule as UnitRule


class PayerKind(StrEnum):
    COMMERCIAL = "commercial"
    MEDICARE = "medicare"
    MEDICARE_ADVANTAGE = "medicare_advantage"
    MEDICAID = "medicaid"
    WORKERS_COMP = "workers_comp"
    AUTO = "auto"
    VA_COMMUNITY_CARE = "va_community_care"
    HSA_FSA = "hsa_fsa"
    SELF_PAY = "self_pay"

    @property
    def label(self) -> str:
        return _PAYER_KIND_LABELS[self]

    @property
    def is_insured(self) -> bool:
        """A payer that identifies the patient by a member ID."""
        return self in _MEMBER_ID_KINDS

    @property
    def is_injury_claim(self) -> bool:
        return self in (PayerKind.WORKERS_COMP, PayerKind.AUTO)


_PAYER_KIND_LABELS = {
    PayerKind.COMMERCIAL: "Commercial insurance",
    PayerKind.MEDICARE: "Original Medicare",
    PayerKind.MEDICARE_ADVANTAGE: "Medicare Advantage",
    PayerKind.MEDICAID: "Medicaid",
    PayerKind.WORKERS_COMP: "Workers' compensation",
    PayerKind.AUTO: "Auto insurance",
    PayerKind.VA_COMMUNITY_CARE: "VA Community Care",
    PayerKind.HSA_FSA: "HSA / FSA",
    PayerKind.SELF_PAY: "Self-pay",
}
_MEMBER_ID_KINDS = frozenset(
    {PayerKind.COMMERCIAL, PayerKind.MEDICARE, PayerKind.MEDICARE_ADVANTAGE, PayerKind.MEDICAID}
)


class Relationship(StrEnum):
    SELF = "self"
    SPOUSE = "spouse"
    CHILD = "child"
    OTHER = "other"


class PaymentMethod(StrEnum):
    CASH = "cash"
    CHECK = "check"
    CARD = "card"
    HSA_FSA_CARD = "hsa_fsa_card"
    INSURANCE = "insurance"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            PaymentMethod.CASH: "Cash",
            PaymentMethod.CHECK: "Check",
            PaymentMethod.CARD: "Card",
            PaymentMethod.HSA_FSA_CARD: "HSA/FSA card",
            PaymentMethod.INSURANCE: "Insurance",
            PaymentMethod.OTHER: "Other",
        }[self]


@dataclass(frozen=True)
class Payer:
    key: str
    name: str
    kind: PayerKind
    address: Address | None = None
    phone: str | None = None
    unit_rule: UnitRule = DEFAULT_UNIT_RULE
    filing_limit_days: int | None = None
    payer_id: str | None = None  # its ID in a clearinghouse's payer list (837P 2010BB NM109)


@dataclass(frozen=True)
class Subscriber:
    """The insured person, when the patient is covered through someone else."""

    first_name: str
    last_name: str
    date_of_birth: date

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class Coverage:
    key: str
    payer: str  # Payer.key
    relationship: Relationship = Relationship.SELF
    member_id: str | None = None
    group_number: str | None = None
    subscriber: Subscriber | None = None
    claim_number: str | None = None
    injury_date: date | None = None
    employer: str | None = None
    accident_state: str | None = None
    adjuster: str | None = None
    authorization_number: str | None = None
    annual_visit_limit: int | None = None


@dataclass(frozen=True)
class Prescription:
    key: str
    prescriber_name: str
    written_on: date
    diagnoses: tuple[str, ...] = ()
    prescriber_credentials: str | None = None
    prescriber_npi: str | None = None
    starts_on: date | None = None
    expires_on: date | None = None
    authorized_visits: int | None = None
    frequency: str | None = None
    body_areas: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class ServiceLine:
    cpt: str
    pointers: tuple[str, ...] = ("A",)
    minutes: int | None = None
    # Entered by hand; None means the payer's unit rule decides from the minutes.
    units: int | None = None
    unit_reason: str | None = None
    modifiers: tuple[str, ...] = ()
    body_region: str | None = None
    # Per-unit fee for this line; None means the practice's fee for the code.
    fee: Cents | None = None


@dataclass(frozen=True)
class Visit:
    key: str
    date: date
    diagnoses: tuple[str, ...]  # ICD-10-CM codes in pointer order A, B, C...
    lines: tuple[ServiceLine, ...]
    place_of_service: str | None = None  # None: the practice's default
    coverage: str | None = None  # Coverage.key; None: self-pay
    prescription: str | None = None  # Prescription.key


@dataclass(frozen=True)
class Payment:
    key: str
    date: date
    amount: Cents
    method: PaymentMethod
    reference: str | None = None


@dataclass(frozen=True)
class PatientChart:
    """One patient with everything recorded for them."""

    patient: Patient
    coverages: tuple[Coverage, ...] = ()
    prescriptions: tuple[Prescription, ...] = ()
    visits: tuple[Visit, ...] = ()
    payments: tuple[Payment, ...] = ()

    def coverage(self, key: str | None) -> Coverage | None:
        return next((c for c in self.coverages if c.key == key), None)

    def prescription(self, key: str | None) -> Prescription | None:
        return next((p for p in self.prescriptions if p.key == key), None)


@dataclass(frozen=True)
class FeeSchedule:
    """Fee per unit for each code, in cents; a payer may have its own."""

    default: dict[str, Cents] = field(default_factory=dict)
    by_payer: dict[tuple[str, str], Cents] = field(default_factory=dict)  # (payer key, code)

    def fee_for(self, code: str, payer: str | None = None) -> Cents | None:
        if payer is not None and (payer, code) in self.by_payer:
            return self.by_payer[(payer, code)]
        return self.default.get(code)


@dataclass(frozen=True)
class Practice:
    """A whole practice, as the practice file holds it."""

    practitioner: Practitioner | None
    fees: FeeSchedule = field(default_factory=FeeSchedule)
    payers: tuple[Payer, ...] = ()
    charts: tuple[PatientChart, ...] = ()

    def payer(self, key: str) -> Payer | None:
        return next((p for p in self.payers if p.key == key), None)
