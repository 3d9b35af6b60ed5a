"""One claim to one payer: the CMS-1500 (02/12) items 1-33 filled from the practice's records.

Built from a SuperbillData whose visits all bill one coverage (app.services.claims picks them),
so pricing, units and diagnosis letters are the superbill's own. The paper forms
(app.render.cms1500) and the 837P file (app.render.x837) both read this model; the check
(app.domain.check.claim) guards it box by box. Item numbers and qualifiers follow the NUCC 1500
Claim Form Reference Instruction Manual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.domain.characters import printed_line, without_accents
from app.domain.diagnoses import icd_without_dot
from app.domain.errors import ValidationError
from app.domain.identifiers import claim_tax_id, zip_digits
from app.domain.money import Cents
from app.domain.phones import phone_parts
from app.domain.practice import Address, Coverage, Payer, PayerKind, Prescription, Relationship, TaxIdType
from app.domain.superbill import PricedLine, SuperbillData

LINES_PER_FORM = 6  # item 24 has six service lines; more go on continuation forms
MAX_DIAGNOSES = 12  # item 21, A-L
MAX_POINTERS = 4  # item 24E
MAX_MODIFIERS = 4  # item 24D
ICD_10_INDICATOR = "0"  # item 21 "ICD Ind."
REFERRING_QUALIFIER = "DN"  # item 17: referring provider
TAXONOMY_QUALIFIER = "ZZ"  # item 33b: provider taxonomy
PROPERTY_CASUALTY_QUALIFIER = "Y4"  # item 11b: property and casualty claim number
ONSET = "431"  # items 14-15: onset of current symptoms or illness
INITIAL_TREATMENT = "454"
ACCIDENT = "439"
REPLACEMENT = "7"  # item 22: replacement of a prior claim
SIGNATURE_ON_FILE = "SIGNATURE ON FILE"  # items 12 and 13: the patient's authorization is on file


def claim_phone(digits: str) -> tuple[str, str]:
    """A telephone as the 1500 takes it (items 5, 7 and 33): the area code in its own space between
    the form's parentheses, then the number with no hyphen or space in it: "2065550148" ->
    ("206", "5550148"). A number of other than ten digits (one the records could not complete)
    goes whole in the number's space."""
    return (digits[:3], digits[3:]) if len(digits) == 10 else ("", digits)


def city_state_zip(city: str, state: str, zip_code: str, width: int) -> str:
    """An address's last line in a box `width` characters wide: city, state and ZIP with a space
    between. When it does not fit, the city is cut, never the state or the ZIP: a ZIP short of its
    digits sends the claim to the wrong place ("RANCHO CUCAMO CA 917301234")."""
    tail = f" {state} {zip_code}"
    return f"{city[: max(width - len(tail), 0)].rstrip()}{tail}".strip()


class InsuranceType(StrEnum):
    """Item 1's boxes."""

    MEDICARE = "Medicare"
    MEDICAID = "Medicaid"
    TRICARE = "TRICARE"
    CHAMPVA = "CHAMPVA"
    GROUP_HEALTH_PLAN = "Group Health Plan"
    FECA = "FECA Blk Lung"
    OTHER = "Other"


# The payer kinds a claim can go to, and the box of item 1 each one checks: "Other" for workers'
# comp, auto and VA Community Care (not CHAMPVA, the VA's plan for dependents).
INSURANCE_TYPES: dict[PayerKind, InsuranceType] = {
    PayerKind.COMMERCIAL: InsuranceType.GROUP_HEALTH_PLAN,
    PayerKind.MEDICARE: InsuranceType.MEDICARE,
    PayerKind.MEDICARE_ADVANTAGE: InsuranceType.GROUP_HEALTH_PLAN,
    PayerKind.MEDICAID: InsuranceType.MEDICAID,
    PayerKind.WORKERS_COMP: InsuranceType.OTHER,
    PayerKind.AUTO: InsuranceType.OTHER,
    PayerKind.VA_COMMUNITY_CARE: InsuranceType.OTHER,
}


def is_claimable(kind: PayerKind) -> bool:
    """A payer a claim is sent to (not self-pay, nor an HSA/FSA, which take a superbill)."""
    return kind in INSURANCE_TYPES


def claim_text(text: str | None) -> str:
    """Text as a claim carries it: one line, capitals, plain ASCII (OCR forms and X12 read no more)."""
    plain = without_accents(printed_line(text or ""))
    ascii_only = plain.encode("ascii", "ignore").decode("ascii")
    return " ".join(ascii_only.upper().split())


# USPS Publication 28's standard abbreviations that a claims clerk expects, the common ones only:
# street suffixes (C1), secondary unit designators (C2) and directionals.
_SUFFIXES = {
    "AVENUE": "AVE", "BOULEVARD": "BLVD", "CIRCLE": "CIR", "COURT": "CT", "DRIVE": "DR",
    "EXPRESSWAY": "EXPY", "FREEWAY": "FWY", "HIGHWAY": "HWY", "LANE": "LN", "PARKWAY": "PKWY",
    "PLACE": "PL", "ROAD": "RD", "SQUARE": "SQ", "STREET": "ST", "TERRACE": "TER", "TRAIL": "TRL",
}  # fmt: skip
_UNITS = {
    "APARTMENT": "APT", "BUILDING": "BLDG", "DEPARTMENT": "DEPT", "FLOOR": "FL", "ROOM": "RM",
    "SUITE": "STE", "UNIT": "UNIT",
}  # fmt: skip
_DIRECTIONS = {
    "NORTH": "N", "SOUTH": "S", "EAST": "E", "WEST": "W",
    "NORTHEAST": "NE", "NORTHWEST": "NW", "SOUTHEAST": "SE", "SOUTHWEST": "SW",
}  # fmt: skip


def usps_street(street: str) -> str:
    """A street line with USPS standard abbreviations, as a payer's clerk expects on a claim:
    "2200 WESTLAKE AVENUE NORTH, SUITE 104" -> "2200 WESTLAKE AVE N STE 104".

    A suffix is shortened only as the street's last word (COURT STREET keeps COURT), a unit
    designator only before its number, a direction only when it is not the street's name
    (NORTH STREET keeps NORTH). Commas and the periods of abbreviations go, as USPS writes them."""
    words = [w.strip(",") for w in street.split()]
    words = [w for w in words if w]
    out: list[str] = []
    for i, word in enumerate(words):
        bare = word.rstrip(".")
        after = words[i + 1].rstrip(".") if i + 1 < len(words) else ""
        street_ends = not after or after in _DIRECTIONS or after in _UNITS or after in _UNITS.values()
        if bare in _SUFFIXES and i > 1 and street_ends:
            out.append(_SUFFIXES[bare])
        elif bare in _UNITS and after and i > 0:
            out.append(_UNITS[bare])
        elif bare in _DIRECTIONS and i > 0 and not (after in _SUFFIXES or after in _SUFFIXES.values()):
            out.append(_DIRECTIONS[bare])
        elif bare in _SUFFIXES.values() or bare in _UNITS.values() or bare in _DIRECTIONS.values():
            out.append(bare)  # "AVE." -> "AVE"
        else:
            out.append(word)
    return " ".join(out)


_IDENTIFIER = re.compile(r"[A-Za-z0-9.-]+")


def claim_identifier(option: str, text: str | None, *, longest: int, shortest: int = 1, what: str) -> str:
    """An ID written into a claim as it was typed (an 837P's sender or receiver ID, a payer's claim
    number): letters, digits, hyphens and periods, `shortest` to `longest` of them. Anything else is
    refused (ValidationError naming `option`), never changed: a changed ID sends the claim to the
    wrong place. (A payer ID follows the payer's own rule: identifiers.validate_payer_id.)"""
    value = text or ""
    if not value.strip():
        raise ValidationError(option, f"is empty: give {what}, or leave {option} out")
    if not _IDENTIFIER.fullmatch(value):
        bad = next(ch for ch in value if not _IDENTIFIER.fullmatch(ch))
        shown = f"U+{ord(bad):04X}" if not bad.isprintable() or bad == " " else f'"{bad}"'
        raise ValidationError(
            option, f"has the character {shown}; {what} holds only letters, digits, hyphens and periods"
        )
    if not shortest <= len(value) <= longest:
        raise ValidationError(
            option,
            f"has {len(value)} characters; {what} has {shortest} to {longest} (check it and type it again)",
        )
    return value


@dataclass(frozen=True)
class QualifiedDate:
    qualifier: str
    day: date


@dataclass(frozen=True)
class Referring:
    """Item 17: the prescriber who referred the patient."""

    qualifier: str
    name: str  # first name, last name, credentials
    npi: str | None


@dataclass(frozen=True)
class Resubmission:
    """Item 22 / CLM05-3: this claim replaces an earlier one."""

    code: str
    original_reference: str


@dataclass(frozen=True)
class ClaimAddress:
    street: str
    city: str
    state: str
    zip: str  # digits only: 5 or 9

    @classmethod
    def of(cls, address: Address) -> ClaimAddress:
        street = " ".join(p for p in (address.line1, address.line2 or "") if p.strip())
        return cls(
            usps_street(claim_text(street)),
            claim_text(address.city),
            claim_text(address.state),
            zip_digits(address.zip),
        )

    @property
    def zip_printed(self) -> str:
        """The ZIP as a mailing address writes it (the carrier block): 98109-4121. Items 5, 7, 32
        and 33 take the digits alone, as the NUCC manual asks."""
        return f"{self.zip[:5]}-{self.zip[5:]}" if len(self.zip) == 9 else self.zip


@dataclass(frozen=True)
class ClaimLine:
    """One line of item 24."""

    first_date: date  # 24A
    last_date: date
    place: str  # 24B
    cpt: str  # 24D
    modifiers: tuple[str, ...]
    pointers: tuple[str, ...]  # 24E: letters of item 21
    charge: Cents  # 24F
    units: int  # 24G
    rendering_npi: str | None  # 24J, when it differs from the billing provider's
    priced: PricedLine = field(repr=False, compare=False)


@dataclass(frozen=True)
class ClaimForm:
    """One printed form: up to six lines, totalled on its own (items 28-29)."""

    page: int
    pages: int
    lines: tuple[ClaimLine, ...]
    total_charge: Cents
    amount_paid: Cents


@dataclass(frozen=True)
class Party:
    """A provider block: item 32 (service facility) or 33 (billing provider)."""

    name: str
    address: ClaimAddress
    npi: str
    phone: str = ""  # the 10 digits, without the extension
    taxonomy: str | None = None
    phone_extension: str = ""  # digits: the 837P's PER05 EX (the paper form has no room for it)


@dataclass(frozen=True)
class Claim:
    source: SuperbillData = field(repr=False)
    payer: Payer
    coverage: Coverage
    number: str | None
    insurance_type: InsuranceType  # 1
    insured_id: str  # 1a
    patient_last: str  # 2
    patient_first: str
    patient_birth: date  # 3
    patient_sex: str | None  # "M", "F" or None
    insured_last: str  # 4 (an employer's name in insured_last for workers' comp)
    insured_first: str
    patient_address: ClaimAddress | None  # 5
    patient_phone: str
    relationship: Relationship  # 6
    insured_address: ClaimAddress | None  # 7
    employment: bool  # 10a
    auto_accident: bool  # 10b
    accident_state: str | None
    other_accident: bool  # 10c
    group_number: str  # 11
    insured_birth: date | None  # 11a
    insured_sex: str | None
    other_claim_id: tuple[str, str] | None  # 11b: (qualifier, id)
    plan_name: str  # 11c
    current_date: QualifiedDate | None  # 14
    other_date: QualifiedDate | None  # 15
    referring: Referring | None  # 17, 17b
    diagnoses: tuple[str, ...]  # 21, without dots
    resubmission: Resubmission | None  # 22
    prior_authorization: str  # 23
    lines: tuple[ClaimLine, ...]  # 24
    tax_id: str  # 25, digits
    tax_id_type: TaxIdType
    account_number: str  # 26
    accept_assignment: bool  # 27
    amount_paid: Cents  # 29, over the whole claim
    provider_signature: str  # 31
    signed_on: date
    facility: Party  # 32
    billing: Party  # 33
    icd_indicator: str = ICD_10_INDICATOR

    @property
    def patient_is_insured(self) -> bool:
        return self.relationship is Relationship.SELF

    @property
    def reports_patient_phone(self) -> bool:
        """Items 5 and 7 carry a telephone only on a workers' compensation or other property and
        casualty claim: the NUCC manual recommends leaving it out otherwise (5010A1 has no patient
        telephone)."""
        return self.payer.kind.is_injury_claim

    @property
    def total_charge(self) -> Cents:
        return sum(line.charge for line in self.lines)

    @property
    def first_date(self) -> date:
        return min(line.first_date for line in self.lines)

    @property
    def last_date(self) -> date:
        return max(line.last_date for line in self.lines)

    def forms(self) -> tuple[ClaimForm, ...]:
        """The printed forms: six lines each, each totalled; what was paid goes against them in order."""
        chunks = [self.lines[i : i + LINES_PER_FORM] for i in range(0, len(self.lines), LINES_PER_FORM)] or [
            ()
        ]
        paid_left = max(self.amount_paid, 0)
        forms = []
        for page, chunk in enumerate(chunks, start=1):
            total = sum(line.charge for line in chunk)
            paid = paid_left if page == len(chunks) else min(paid_left, total)
            paid_left -= paid
            forms.append(ClaimForm(page, len(chunks), tuple(chunk), total, paid))
        return tuple(forms)


def digits(text: str | None) -> str:
    return "".join(ch for ch in text or "" if ch.isascii() and ch.isdigit())


def build_claim(
    data: SuperbillData,
    coverage: Coverage,
    payer: Payer,
    *,
    number: str | None = None,
    resubmission: Resubmission | None = None,
) -> Claim:
    """The claim for `data`'s visits billed to `coverage` (the caller keeps only those visits)."""
    p = data.practitioner
    patient = data.chart.patient
    kind = payer.kind
    visits = [v for v in data.visits if v.coverage == coverage.key]
    priced = [line for visit in visits for line in data.priced_visit(visit)]
    billing_npi = p.organization_npi or p.npi
    rendering = p.npi if p.organization_npi and p.organization_npi != p.npi else None
    lines = tuple(_line(line, rendering) for line in priced)
    injury = kind.is_injury_claim
    prescription = next((rx for rx in (data.prescription_for(v) for v in visits) if rx is not None), None)
    patient_address = ClaimAddress.of(patient.address) if patient.address else None
    subscriber = coverage.subscriber
    if kind is PayerKind.WORKERS_COMP:
        insured_last, insured_first = claim_text(coverage.employer), ""  # the employer holds the policy
        insured_birth, insured_address = None, None
        relationship = Relationship.OTHER
    elif coverage.relationship is not Relationship.SELF:
        # Someone else is insured: their name, or nothing for the check to ask for.
        insured_last = claim_text(subscriber.last_name) if subscriber else ""
        insured_first = claim_text(subscriber.first_name) if subscriber else ""
        insured_birth, insured_address = (subscriber.date_of_birth if subscriber else None), None
        relationship = coverage.relationship
    else:
        insured_last, insured_first = claim_text(patient.last_name), claim_text(patient.first_name)
        insured_birth, insured_address = patient.date_of_birth, patient_address
        relationship = coverage.relationship
    first_visit = min((v.date for v in data.chart.visits if v.coverage == coverage.key), default=None)
    current = QualifiedDate(ONSET, coverage.injury_date) if injury and coverage.injury_date else None
    other: QualifiedDate | None = None
    if kind is PayerKind.AUTO and coverage.injury_date:
        other = QualifiedDate(ACCIDENT, coverage.injury_date)
    elif injury and first_visit is not None:
        other = QualifiedDate(INITIAL_TREATMENT, first_visit)
    payments = sum(pay.amount for pay in data.payments)
    own_address = ClaimAddress.of(p.address)
    billing_phone, extension = phone_parts(p.phone)
    practice_name = claim_text(p.practice_name or f"{p.first_name} {p.last_name} {p.credentials}")
    return Claim(
        source=data,
        payer=payer,
        coverage=coverage,
        number=number,
        insurance_type=INSURANCE_TYPES.get(kind, InsuranceType.OTHER),
        insured_id=claim_text(coverage.member_id or (coverage.claim_number if injury else None)),
        patient_last=claim_text(patient.last_name),
        patient_first=claim_text(patient.first_name),
        patient_birth=patient.date_of_birth,
        patient_sex=(patient.sex or "").upper()[:1] or None,
        insured_last=insured_last,
        insured_first=insured_first,
        patient_address=patient_address,
        patient_phone=phone_parts(patient.phone)[0],
        relationship=relationship,
        insured_address=insured_address,
        employment=kind is PayerKind.WORKERS_COMP,
        auto_accident=kind is PayerKind.AUTO,
        accident_state=claim_text(coverage.accident_state) or None if kind is PayerKind.AUTO else None,
        other_accident=False,
        group_number=claim_text(coverage.group_number),
        insured_birth=insured_birth,
        insured_sex=(patient.sex or "").upper()[:1] or None if relationship is Relationship.SELF else None,
        other_claim_id=(
            (PROPERTY_CASUALTY_QUALIFIER, claim_text(coverage.claim_number))
            if injury and coverage.claim_number
            else None
        ),
        plan_name=claim_text(payer.name),
        current_date=current,
        other_date=other,
        referring=_referring(prescription),
        diagnoses=tuple(icd_without_dot(code) for code in data.diagnoses()),
        resubmission=resubmission,
        prior_authorization=claim_text(coverage.authorization_number),
        lines=lines,
        tax_id=claim_tax_id(p.tax_id),
        tax_id_type=p.tax_id_type,
        account_number=claim_text(patient.account_number or patient.key),
        accept_assignment=True,
        amount_paid=payments,
        provider_signature=claim_text(f"{p.first_name} {p.last_name} {p.credentials}"),
        signed_on=data.issued_on,
        facility=Party(practice_name, own_address, ""),
        billing=Party(
            practice_name, own_address, billing_npi, billing_phone, p.taxonomy, phone_extension=extension
        ),
    )


def _line(priced: PricedLine, rendering_npi: str | None) -> ClaimLine:
    return ClaimLine(
        first_date=priced.visit.date,
        last_date=priced.visit.date,
        place=priced.place_of_service,
        cpt=claim_text(priced.line.cpt),
        modifiers=tuple(claim_text(m) for m in priced.line.modifiers[:MAX_MODIFIERS]),
        pointers=priced.pointers[:MAX_POINTERS],
        charge=priced.charge,
        units=priced.units,
        rendering_npi=rendering_npi,
        priced=priced,
    )


def _referring(prescription: Prescription | None) -> Referring | None:
    if prescription is None:
        return None
    name = " ".join(
        part
        for part in (prescription.prescriber_name, prescription.prescriber_credentials or "")
        if part.strip()
    )
    npi = digits(prescription.prescriber_npi) or None
    return Referring(REFERRING_QUALIFIER, claim_text(name), npi)


@dataclass(frozen=True)
class IssuedClaim:
    """A claim as recorded when it was printed or written: its facts, without the document."""

    number: str  # "CL-2026-0001", unique in the practice
    patient: str  # Patient.key
    payer: str  # Payer.key
    format: str  # "cms1500-plain", "cms1500-red" or "837p"
    visit_keys: tuple[str, ...]
    first_date: date
    last_date: date
    issued_on: date
    charges: Cents
    sha256: str
    replaces: str | None = None  # our number of the claim this one replaces (the link in our records)
    payer_claim_number: str | None = None  # the payer's claim control number of it (item 22, REF*F8)

    @property
    def is_electronic(self) -> bool:
        """An 837P file (text), not a CMS-1500 form (PDF)."""
        return self.format == ELECTRONIC_FORMAT

    @property
    def format_label(self) -> str:
        """How the claim went out, as the therapist calls it: "CMS-1500 (red form)", "837P file"."""
        return FORMAT_LABELS.get(self.format, self.format)

    @property
    def file_name(self) -> str:
        """The recorded document's name when saved: "CL-2026-0001.pdf", or ".txt" for an 837P."""
        return f"{self.number}.{'txt' if self.is_electronic else 'pdf'}"


ELECTRONIC_FORMAT = "837p"
FORMAT_LABELS = {
    "cms1500-plain": "CMS-1500 (plain paper)",
    "cms1500-red": "CMS-1500 (red form)",
    ELECTRONIC_FORMAT: "837P file",
}
