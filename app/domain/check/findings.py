"""What the check reports: findings with a stable code, a severity, a message and a field path."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.diagnoses import DiagnosisCodes
from app.domain.practice import Visit
from app.domain.superbill import PricedLine, SuperbillData


class Severity(StrEnum):
    ERROR = "error"  # blocks a final superbill
    WARNING = "warning"  # informs; the superbill can still be issued


class FindingCode(StrEnum):
    """Stable codes: the CLI prints them and tests and the UI match on them. Never rename one."""

    # The provider
    NPI_MISSING = "npi-missing"
    NPI_INVALID = "npi-invalid"
    ORGANIZATION_NPI_INVALID = "organization-npi-invalid"
    TAX_ID_MISSING = "tax-id-missing"
    TAX_ID_INVALID = "tax-id-invalid"
    LICENSE_NUMBER_MISSING = "license-number-missing"
    LICENSE_STATE_MISSING = "license-state-missing"
    LICENSE_STATE_INVALID = "license-state-invalid"
    PROVIDER_NAME_MISSING = "provider-name-missing"
    PROVIDER_CREDENTIALS_MISSING = "provider-credentials-missing"
    PROVIDER_ADDRESS_MISSING = "provider-address-missing"
    PROVIDER_PHONE_MISSING = "provider-phone-missing"
    TAXONOMY_INVALID = "taxonomy-invalid"
    SIGNATURE_MISSING = "signature-missing"  # a warning: the provider signs the paper by hand
    # The patient and the dates of service
    PATIENT_NAME_MISSING = "patient-name-missing"
    PATIENT_DOB_MISSING = "patient-dob-missing"
    PATIENT_DOB_IN_FUTURE = "patient-dob-in-future"
    NO_VISITS = "no-visits"
    SERVICE_DATE_IN_FUTURE = "service-date-in-future"
    SERVICE_DATE_BEFORE_BIRTH = "service-date-before-birth"
    VISIT_ALREADY_BILLED = "visit-already-billed"
    # Diagnoses
    DIAGNOSIS_MISSING = "diagnosis-missing"
    TOO_MANY_DIAGNOSES = "too-many-diagnoses"
    ICD_MALFORMED = "icd-malformed"
    ICD_UNKNOWN = "icd-unknown"
    ICD_NOT_BILLABLE = "icd-not-billable"
    ICD_RELEASE_DOES_NOT_COVER_DATE = "icd-release-does-not-cover-date"
    # Service lines
    SERVICE_LINES_MISSING = "service-lines-missing"
    CPT_UNKNOWN = "cpt-unknown"
    POINTER_MISSING = "pointer-missing"
    POINTER_INVALID = "pointer-invalid"
    POINTERS_TOO_MANY = "pointers-too-many"
    POINTER_NOT_ON_SUPERBILL = "pointer-not-on-superbill"
    UNITS_ZERO = "units-zero"
    UNITS_UNEXPLAINED = "units-unexplained"
    UNITS_HAND_ENTERED = "units-hand-entered"
    FEE_MISSING = "fee-missing"
    PLACE_OF_SERVICE_UNKNOWN = "place-of-service-unknown"
    MODIFIER_INVALID = "modifier-invalid"
    BUNDLED_WITHOUT_MODIFIER = "bundled-without-modifier"
    BUNDLED_SAME_REGION = "bundled-same-region"
    BODY_REGION_MISSING = "body-region-missing"
    # Insurance
    COVERAGE_UNKNOWN = "coverage-unknown"
    MEMBER_ID_MISSING = "member-id-missing"
    GROUP_NUMBER_MISSING = "group-number-missing"
    SUBSCRIBER_MISSING = "subscriber-missing"
    CLAIM_NUMBER_MISSING = "claim-number-missing"
    INJURY_DATE_MISSING = "injury-date-missing"
    INJURY_AFTER_SERVICE = "injury-after-service"
    EMPLOYER_MISSING = "employer-missing"
    ACCIDENT_STATE_MISSING = "accident-state-missing"
    ACCIDENT_STATE_INVALID = "accident-state-invalid"
    ADJUSTER_MISSING = "adjuster-missing"
    AUTHORIZATION_MISSING = "authorization-missing"
    MEDICARE_NOT_COVERED = "medicare-not-covered"
    MEDICARE_ADVANTAGE_LIMITED = "medicare-advantage-limited"
    MEDICAID_VARIES = "medicaid-varies"
    MEDICAL_NECESSITY_LETTER = "medical-necessity-letter"
    ANNUAL_VISIT_LIMIT_REACHED = "annual-visit-limit-reached"
    FILING_DEADLINE_PASSED = "filing-deadline-passed"
    # Prescriptions
    PRESCRIPTION_MISSING = "prescription-missing"  # an error or a warning, by payer kind
    PRESCRIPTION_UNKNOWN = "prescription-unknown"
    PRESCRIPTION_EXPIRED = "prescription-expired"
    PRESCRIPTION_NOT_STARTED = "prescription-not-started"
    PRESCRIPTION_VISITS_EXCEEDED = "prescription-visits-exceeded"
    PRESCRIBER_NPI_INVALID = "prescriber-npi-invalid"


@dataclass(frozen=True)
class Finding:
    code: str  # a FindingCode
    severity: Severity
    message: str
    field: str  # path of the value concerned: "practitioner.npi", "visits[v-2].lines[1].modifiers"
    box: str | None = None  # the CMS-1500 item it concerns, on a claim's findings: "17b", "24E"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(code: FindingCode, field: str, message: str) -> Finding:
    return Finding(code, Severity.ERROR, message, field)


def warning(code: FindingCode, field: str, message: str) -> Finding:
    return Finding(code, Severity.WARNING, message, field)


class Context:
    """The superbill under check, the loaded code set and today's date, shared by every rule."""

    def __init__(
        self, data: SuperbillData, codes: DiagnosisCodes, today: date, *, document: str = "superbill"
    ) -> None:
        self.data = data
        self.codes = codes
        self.today = today
        self.document = document  # what the messages call the paper checked: "superbill" or "claim"
        self.priced: tuple[PricedLine, ...] = data.priced_lines()


Rule = Callable[[Context], Iterable[Finding]]


# --- Wording and paths ---------------------------------------------------------------


def day(value: date) -> str:
    """A date as a US therapist reads it: "Sep 9, 2026"."""
    return f"{value:%b} {value.day}, {value.year}"


def visit_field(visit: Visit, name: str) -> str:
    return f"visits[{visit.key}].{name}"


def line_field(visit: Visit, index: int, name: str) -> str:
    return f"visits[{visit.key}].lines[{index}].{name}"


def listing(items: Iterable[str], conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def visits_up_to(ctx: Context, visit: Visit) -> list[Visit]:
    """The patient's visits by date up to and including this one (same-day visits in chart order)."""
    pool = list(ctx.data.chart.visits)
    pool += [v for v in ctx.data.visits if all(v.key != seen.key for seen in pool)]
    ordered = sorted(pool, key=lambda v: v.date)
    position = next(i for i, v in enumerate(ordered) if v.key == visit.key)
    return ordered[: position + 1]


def blank(text: str | None) -> bool:
    return not (text or "").strip()
