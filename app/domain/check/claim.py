"""The check, extended to claims: the superbill's rules told by the CMS-1500 box they concern, and the
rules a payer enforces on a claim besides, each a finding with a stable code and its box.

A final claim (paper or 837P) is refused while an error remains, like a superbill.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from enum import StrEnum

from app.domain.check import check_superbill
from app.domain.check.findings import Finding, Severity, blank, day, listing
from app.domain.check.findings import FindingCode as C
from app.domain.claim import Claim, is_claimable
from app.domain.diagnoses import DiagnosisCodes
from app.domain.practice import PayerKind, Relationship


class ClaimCode(StrEnum):
    """Stable codes of the claim-only findings. Never rename one."""

    PAYER_NOT_CLAIMABLE = "claim-payer-not-claimable"
    INSURED_ID_MISSING = "claim-insured-id-missing"
    INSURED_MISSING = "claim-insured-missing"
    PATIENT_SEX_MISSING = "claim-patient-sex-missing"
    PATIENT_ADDRESS_MISSING = "claim-patient-address-missing"
    REFERRING_NPI_MISSING = "claim-referring-npi-missing"
    BILLING_ZIP_WITHOUT_PLUS_FOUR = "claim-billing-zip-without-plus-four"
    BILLING_ZIP_INVALID = "claim-billing-zip-invalid"
    TAXONOMY_MISSING = "claim-taxonomy-missing"
    VISIT_ALREADY_CLAIMED = "claim-visit-already-claimed"
    TEXT_CUT = "claim-text-cut"  # paper: text longer than its box, cut
    PAYER_ADDRESS_MISSING = "claim-payer-address-missing"  # paper: no carrier address
    INSURED_ADDRESS_MISSING = "claim-insured-address-missing"  # paper: a dependent's insured, item 7
    INSURED_SEX_MISSING = "claim-insured-sex-missing"  # paper: a dependent's insured, item 11a


# The superbill's findings that do not concern a claim: the CMS-1500 and the 837P carry no licence.
_NOT_ON_A_CLAIM = frozenset(
    {
        C.LICENSE_NUMBER_MISSING,
        C.LICENSE_STATE_MISSING,
        C.LICENSE_STATE_INVALID,
        C.MEDICAL_NECESSITY_LETTER,
        C.SIGNATURE_MISSING,  # item 31 carries the provider's name typed (and 12/13 SIGNATURE ON FILE), no image
    }
)

# The box each of the superbill's findings concerns on the CMS-1500.
BOXES: dict[str, str] = {
    C.NPI_MISSING: "33a",
    C.NPI_INVALID: "33a",
    C.ORGANIZATION_NPI_INVALID: "33a",
    C.TAX_ID_MISSING: "25",
    C.TAX_ID_INVALID: "25",
    C.PROVIDER_NAME_MISSING: "31",
    C.PROVIDER_CREDENTIALS_MISSING: "31",
    C.PROVIDER_ADDRESS_MISSING: "33",
    C.PROVIDER_PHONE_MISSING: "33",
    C.TAXONOMY_INVALID: "33b",
    C.PATIENT_NAME_MISSING: "2",
    C.PATIENT_DOB_MISSING: "3",
    C.PATIENT_DOB_IN_FUTURE: "3",
    C.NO_VISITS: "24",
    C.SERVICE_DATE_IN_FUTURE: "24A",
    C.SERVICE_DATE_BEFORE_BIRTH: "24A",
    C.DIAGNOSIS_MISSING: "21",
    C.TOO_MANY_DIAGNOSES: "21",
    C.ICD_MALFORMED: "21",
    C.ICD_UNKNOWN: "21",
    C.ICD_NOT_BILLABLE: "21",
    C.ICD_RELEASE_DOES_NOT_COVER_DATE: "21",
    C.SERVICE_LINES_MISSING: "24",
    C.CPT_UNKNOWN: "24D",
    C.POINTER_MISSING: "24E",
    C.POINTER_INVALID: "24E",
    C.UNITS_ZERO: "24G",
    C.UNITS_UNEXPLAINED: "24G",
    C.UNITS_HAND_ENTERED: "24G",
    C.FEE_MISSING: "24F",
    C.PLACE_OF_SERVICE_UNKNOWN: "24B",
    C.MODIFIER_INVALID: "24D",
    C.BUNDLED_WITHOUT_MODIFIER: "24D",
    C.BUNDLED_SAME_REGION: "24D",
    C.BODY_REGION_MISSING: "24D",
    C.COVERAGE_UNKNOWN: "1",
    C.MEMBER_ID_MISSING: "1a",
    C.GROUP_NUMBER_MISSING: "11",
    C.SUBSCRIBER_MISSING: "4",
    C.CLAIM_NUMBER_MISSING: "11b",
    C.INJURY_DATE_MISSING: "14",
    C.INJURY_AFTER_SERVICE: "14",
    C.EMPLOYER_MISSING: "4",
    C.ACCIDENT_STATE_MISSING: "10b",
    C.ACCIDENT_STATE_INVALID: "10b",
    C.AUTHORIZATION_MISSING: "23",
    C.MEDICARE_NOT_COVERED: "1",
    C.MEDICARE_ADVANTAGE_LIMITED: "1",
    C.MEDICAID_VARIES: "1",
    C.ANNUAL_VISIT_LIMIT_REACHED: "24A",
    C.FILING_DEADLINE_PASSED: "24A",
    C.PRESCRIPTION_MISSING: "17",
    C.PRESCRIPTION_UNKNOWN: "17",
    C.PRESCRIPTION_EXPIRED: "17",
    C.PRESCRIPTION_NOT_STARTED: "17",
    C.PRESCRIPTION_VISITS_EXCEEDED: "17",
    C.PRESCRIBER_NPI_INVALID: "17b",
}

# A finding without a box above (a rule added later) is placed by the field it names.
_BY_FIELD = (
    (".pointers", "24E"),
    (".modifiers", "24D"),
    (".units", "24G"),
    (".minutes", "24G"),
    (".fee", "24F"),
)


def box_of(finding: Finding) -> str | None:
    if finding.code in BOXES:
        return BOXES[finding.code]
    return next((box for end, box in _BY_FIELD if finding.field.endswith(end)), None)


def check_claim(
    claim: Claim,
    codes: DiagnosisCodes,
    today: date,
    *,
    electronic: bool,
    already_claimed: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Every finding for the claim, each with its box. `electronic`: for an 837P file (stricter).

    `already_claimed` maps a visit's key to the claim that already billed it to this payer (a claim
    that this one replaces is left out by the caller).
    """
    findings = [
        replace(f, box=box_of(f))
        for f in check_superbill(claim.source, codes, today, document="claim")
        if f.code not in _NOT_ON_A_CLAIM
    ]
    findings += _claim_rules(claim, electronic, already_claimed or {})
    return findings


def _claim_rules(claim: Claim, electronic: bool, already_claimed: Mapping[str, str]) -> Iterator[Finding]:
    payer, coverage = claim.payer, claim.coverage
    at = f"coverages[{coverage.key}]"
    if not is_claimable(payer.kind):
        yield _error(
            ClaimCode.PAYER_NOT_CLAIMABLE,
            f"{at}.payer",
            f"{payer.name} is {payer.kind.label.lower()}: it takes a superbill from the patient, "
            "not a claim from you. Give the patient a superbill instead.",
            "1",
        )
    if blank(claim.insured_id):
        yield _error(
            ClaimCode.INSURED_ID_MISSING,
            f"{at}.member_id",
            f"Item 1a needs the insured's ID for {payer.name}: enter the member ID from the card "
            "(for workers' comp or auto, the claim number).",
            "1a",
        )
    if blank(claim.insured_last):
        yield _error(
            ClaimCode.INSURED_MISSING,
            f"{at}.subscriber",
            f"Item 4 needs the insured person's name: the patient is covered as "
            f"{coverage.relationship.value}; enter the insured's name and date of birth.",
            "4",
        )
    if claim.patient_sex not in ("M", "F"):
        yield _warning(
            ClaimCode.PATIENT_SEX_MISSING,
            "patient.sex",
            "Item 3 has no sex for the patient: most payers match claims on it; enter it as on the card.",
            "3",
        )
    if claim.patient_address is None:
        yield _error(
            ClaimCode.PATIENT_ADDRESS_MISSING,
            "patient.address",
            "Item 5 needs the patient's address: enter it on the patient's record.",
            "5",
        )
    if claim.referring is not None and claim.referring.npi is None:
        yield _warning(
            ClaimCode.REFERRING_NPI_MISSING,
            "prescriptions.prescriber_npi",
            f"Item 17b has no NPI for the referring provider ({claim.referring.name.title()}): "
            "payers look the referral up by it; enter it on the prescription.",
            "17b",
        )
    yield from _billing_zip(claim, electronic)
    if blank(claim.billing.taxonomy):
        yield _warning(
            ClaimCode.TAXONOMY_MISSING,
            "practitioner.taxonomy",
            "Item 33b has no taxonomy code: massage therapists use 225700000X; enter it in your settings.",
            "33b",
        )
    yield from _claimed_before(claim, already_claimed)


def _billing_zip(claim: Claim, electronic: bool) -> Iterator[Finding]:
    zip_code = claim.billing.address.zip
    if len(zip_code) == 9 or not zip_code:
        return  # none at all is provider-address-missing already
    if len(zip_code) != 5:
        yield _error(
            ClaimCode.BILLING_ZIP_INVALID,
            "practitioner.address.zip",
            f'Item 33: your ZIP code "{claim.billing.address.zip}" is not 5 or 9 digits; correct it in your settings.',
            "33",
        )
        return
    message = (
        f"Item 33: your ZIP code {zip_code} lacks its 4-digit extension (ZIP+4), which "
        + (
            "an 837P file must carry for the billing provider; "
            if electronic
            else "many payers want on a claim; "
        )
        + "look it up at tools.usps.com and enter it in your settings, such as 98109-4121."
    )
    finding = _error if electronic else _warning
    yield finding(ClaimCode.BILLING_ZIP_WITHOUT_PLUS_FOUR, "practitioner.address.zip", message, "33")


def _claimed_before(claim: Claim, already_claimed: Mapping[str, str]) -> Iterator[Finding]:
    by_claim: dict[str, list[date]] = {}
    for visit in claim.source.visits:
        if visit.coverage == claim.coverage.key and visit.key in already_claimed:
            by_claim.setdefault(already_claimed[visit.key], []).append(visit.date)
    for number, dates in by_claim.items():
        yield _error(
            ClaimCode.VISIT_ALREADY_CLAIMED,
            "visits",
            f"The visit(s) of {listing(day(d) for d in dates)} were claimed to {claim.payer.name} "
            f"on claim {number}: send a replacement of it (item 22, resubmission code 7) "
            f"instead of a second claim, with --replaces {number}.",
            "22",
        )


def paper_findings(claim: Claim, cuts: Iterable[tuple[str, str, int, str]]) -> list[Finding]:
    """What only the paper form lacks: text cut to its box (`cuts`: box, whole text, width, what prints,
    from the form's layout), the carrier block's address, and a dependent's insured in items 7 and 11a."""
    findings = [
        _warning(
            ClaimCode.TEXT_CUT,
            _ENTERED_IN.get(box, ("claim", ""))[0],
            f'{_box_name(box)} prints "{printed.rstrip()}": the box holds {width} characters of "{text}" '
            f"({len(text)}). Shorten it{_ENTERED_IN.get(box, ('', ''))[1]}, or send an 837P file, "
            "which has room for it.",
            box,
        )
        for box, text, width, printed in cuts
    ]
    if claim.payer.address is None:
        findings.append(
            _warning(
                ClaimCode.PAYER_ADDRESS_MISSING,
                f"payers[{claim.payer.key}].address",
                f"The carrier block (top right) has no address for {claim.payer.name}: enter the payer's "
                "claims mailing address (on the card, or from the adjuster) in Payers.",
                "carrier",
            )
        )
    dependent = claim.relationship is not Relationship.SELF and claim.payer.kind is not PayerKind.WORKERS_COMP
    if dependent and claim.insured_address is None:
        findings.append(
            _warning(
                ClaimCode.INSURED_ADDRESS_MISSING,
                f"coverages[{claim.coverage.key}].subscriber",
                f"Item 7 is blank: the insured ({_insured(claim)}) has no address on record. Payers leave it "
                "blank when the insured lives at the patient's address (item 5); otherwise, send the claim "
                "as an 837P file, which does not ask for it, or write the address in before mailing.",
                "7",
            )
        )
    if dependent and claim.insured_sex is None:
        findings.append(
            _warning(
                ClaimCode.INSURED_SEX_MISSING,
                f"coverages[{claim.coverage.key}].subscriber",
                f"Item 11a has no sex for the insured ({_insured(claim)}): it is not on record; the manual "
                "asks for it when known, and some payers match a dependent's claim on it.",
                "11a",
            )
        )
    return findings


# Where the text of a box is entered: (the finding's field, " in ..." for its message).
def electronic_findings(claim: Claim, cuts: Iterable[tuple[str, str, str]]) -> list[Finding]:
    """What only the 837P lacks room for: a city longer than N401's 30 characters (`cuts`: loop, the
    whole city, what the file carries, from the file's layout)."""
    return [
        _warning(
            ClaimCode.TEXT_CUT,
            _LOOPS[loop][1],
            f'Loop {loop} ({_LOOPS[loop][0]}) carries the city "{carried}" in N401: the 837P holds 30 '
            f'characters of "{city}" ({len(city)}). Shorten it{_ENTERED_IN[_LOOPS[loop][2]][1]}.',
            None,
        )
        for loop, city, carried in cuts
    ]


# The 837P's address loops: who they name, where that is entered, and the box it is on the form.
_LOOPS: dict[str, tuple[str, str, str]] = {
    "2010AA": ("billing provider", "practitioner", "33"),
    "2010BA": ("subscriber", "patient", "5"),
    "2010BB": ("payer", "payer.name", "carrier"),
    "2010CA": ("patient", "patient", "5"),
}

_ENTERED_IN: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("carrier", "11c"), ("payer.name", " in Payers")),
    **dict.fromkeys(("31", "32", "33"), ("practitioner", " in your settings")),
    **dict.fromkeys(("2", "4", "5", "7", "26"), ("patient", " on the patient's record")),
    **dict.fromkeys(("1a", "11", "11b", "23"), ("coverage", " on the patient's coverage")),
    "17": ("prescriptions", " on the prescription"),
}


def _box_name(box: str) -> str:
    return "The carrier block (top right)" if box == "carrier" else f"Item {box}"


def _insured(claim: Claim) -> str:
    return " ".join(p for p in (claim.insured_first, claim.insured_last) if p).title() or "not named"


def _error(code: ClaimCode, field: str, message: str, box: str) -> Finding:
    return Finding(code, Severity.ERROR, message, field, box)


def _warning(code: ClaimCode, field: str, message: str, box: str | None) -> Finding:
    return Finding(code, Severity.WARNING, message, field, box)


__all__ = ["BOXES", "ClaimCode", "box_of", "check_claim", "electronic_findings", "paper_findings"]
