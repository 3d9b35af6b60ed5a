"""The records of a practice: practitioner, payers, patients and their charts.

Plain immutable values. References between records use the record's key
(the practice file's `id`, kept as the external ID), never database row ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.domain.money import Cents


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


class UnitRule(StrEnum):
    """How a payer turns timed minutes into 15-minute units."""

    CMS_8_MINUTE = "cms_8_minute"
    AMA_MIDPOINT = "ama_midpoint"

    @property
    def label(self) -> str:
        if self is UnitRule.CMS_8_MINUTE:
            return "CMS 8-minute rule (minutes of the day added together)"
        return "AMA midpoint rule (each code on its own)"


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


class TaxIdType(StrEnum):
    EIN = "EIN"
    SSN = "SSN"


@dataclass(frozen=True)
class Address:
    line1: str
    city: str
    state: str
    zip: str
    line2: str | None = None

    def lines(self) -> tuple[str, ...]:
        """As printed: street line(s), then "City, ST 12345"."""
        street = (self.line1,) + ((self.line2,) if self.line2 else ())
        return (*street, f"{self.city}, {self.state} {self.zip}")


@dataclass(frozen=True)
class Practitioner:
    first_name: str
    last_name: str
    credentials: str
    npi: str
    tax_id: str
    tax_id_type: TaxIdType
    license_number: str
    license_state: str
    address: Address
    phone: str
    practice_name: str | None = None
    organization_npi: str | None = None
    taxonomy: str | None = "225700000X"
    email: str | None = None
    default_place_of_service: str = "11"
    # An SSN prints masked (***-**-6789) unless the therapist allows it in full.
    print_full_ssn: bool = False
    signature_png: bytes | None = field(default=None, repr=False)

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}, {self.credentials}".strip(", ")


# Before the setup wizard has run there is no practitioner; pricing and the check still need one.
# Every field is empty (the check then says what the provider lacks), the place of service is the
# office (11), which is what the wizard would default to.
NO_PRACTITIONER = Practitioner(
    first_name="",
    last_name="",
    credentials="",
    npi="",
    tax_id="",
    tax_id_type=TaxIdType.EIN,
    license_number="",
    license_state="",
    address=Address("", "", "", ""),
    phone="",
)


@dataclass(frozen=True)
class Payer:
    key: str
    name: str
    kind: PayerKind
    address: Address | None = None
    phone: str | None = None
    unit_rule: UnitRule = UnitRule.CMS_8_MINUTE
    filing_limit_days: int | None = None


@dataclass(frozen=True)
class Patient:
    key: str
    first_name: str
    last_name: str
    date_of_birth: date
    sex: str | None = None
    address: Address | None = None
    phone: str | None = None
    email: str | None = None
    # Printed on the superbill; given by the store when the patient is first saved.
    account_number: str | None = None

    @property
    def full_name(self) -> str:
        """Exactly as entered: the insurer matches it against its own record."""
        return f"{self.first_name} {self.last_name}"


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
