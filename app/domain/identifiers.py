"""Provider identifiers: NPI, Tax ID (EIN or SSN), taxonomy, license and state codes.

Every `validate_*` function returns the value in the form we store and print, or
raises ValidationError naming the field with a message a therapist can act on.
`field` is the path of the value in the caller's data ("practitioner.npi");
`label` is how the message names it (ORGANIZATION_NPI).
"""

from __future__ import annotations

import re

from app.domain.characters import terminal_text
from app.domain.errors import ValidationError
from app.domain.practice import TaxIdType

# An NPI is a card number under the health industry prefix 80840 (ISO 7812).
_NPI_PREFIX = "80840"
_NPPES = "the NPPES registry (npiregistry.cms.hhs.gov)"

# How the screens, the messages and the superbill name the two NPIs: one spelling (US) everywhere.
INDIVIDUAL_NPI = "Individual NPI"
ORGANIZATION_NPI = "Organization NPI"

MASSAGE_THERAPIST_TAXONOMY = "225700000X"


def typed_document_number(text: str) -> str:
    """A number the app issued (SB-2026-0001, CL-2026-0001, YE-2026-0001) as the therapist types it
    to find the document: without surrounding spaces, in capitals, as it is recorded."""
    return text.strip().upper()


_TAXONOMY = re.compile(r"^[0-9]{3}[0-9A-Z]{6}X$")

US_STATES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "AS": "American Samoa",
    "GU": "Guam",
    "MP": "Northern Mariana Islands",
    "PR": "Puerto Rico",
    "VI": "U.S. Virgin Islands",
}


def _compact(text: str | None) -> str:
    return re.sub(r"[\s\-]", "", text or "")


# --- NPI ---------------------------------------------------------------------


def npi_check_digit(first_nine: str) -> str:
    """The tenth digit of an NPI whose first nine digits are given."""
    if not (len(first_nine) == 9 and first_nine.isascii() and first_nine.isdigit()):
        raise ValueError("the first nine digits of an NPI are needed")
    from stdnum import luhn  # python-stdnum is imported on first use: it is slow to load at start

    return str(luhn.calc_check_digit(_NPI_PREFIX + first_nine))


def validate_npi(text: str | None, *, field: str = "npi", label: str = "NPI") -> str:
    """The NPI as ten digits; spaces and dashes typed between digits are dropped."""
    npi = _compact(text)
    shown = (text or "").strip()
    if not npi:
        raise ValidationError(field, f"{label} is missing: enter the 10-digit number from {_NPPES}.")
    if not (npi.isascii() and npi.isdigit()):
        raise ValidationError(field, f"{label} {shown}: an NPI is made of digits only.")
    if len(npi) != 10:
        raise ValidationError(field, f"{label} {shown}: an NPI has 10 digits, this one has {len(npi)}.")
    if npi[0] not in "12":
        raise ValidationError(
            field, f"{label} {shown}: every NPI starts with 1 or 2, this one with {npi[0]}."
        )
    from stdnum import luhn

    if not luhn.is_valid(_NPI_PREFIX + npi):
        raise ValidationError(
            field,
            f"{label} {shown}: the last digit does not match the other nine, so a digit is probably "
            f"mistyped; compare it with {_NPPES}.",
        )
    return npi


def is_valid_npi(text: str | None) -> bool:
    try:
        validate_npi(text)
    except ValidationError:
        return False
    return True


# --- Tax ID --------------------------------------------------------------------


def validate_ein(text: str | None, *, field: str = "tax_id", label: str = "EIN") -> str:
    """The EIN as NN-NNNNNNN."""
    shown = (text or "").strip()
    if not shown:
        raise ValidationError(field, f"{label} is missing: enter the 9-digit number the IRS gave you.")
    from stdnum.exceptions import InvalidComponent
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.us import ein

    try:
        return str(ein.format(ein.validate(shown)))
    except InvalidComponent:
        prefix = _compact(shown)[:2]
        raise ValidationError(
            field,
            f"{label} {shown}: no EIN starts with {prefix}, the IRS does not use that prefix; "
            "check the number on your IRS letter (CP 575) or a past tax return.",
        ) from None
    except StdnumError:
        raise ValidationError(
            field, f"{label} {shown}: an EIN has 9 digits, written like 12-3456789."
        ) from None


def mask_ssn(text: str) -> str:
    """An SSN as printed when the therapist has not allowed it in full: ***-**-6789.

    Never more than its last four digits, whatever is stored: a draft is printed even while the
    check refuses the Tax ID, and a mask that failed would tempt a caller to print it whole.
    """
    digits = re.sub(r"[^0-9]", "", text)
    return f"***-**-{digits[-4:]}"


def validate_ssn(text: str | None, *, field: str = "tax_id", label: str = "SSN") -> str:
    """The SSN as NNN-NN-NNNN. Messages show only its last four digits."""
    shown = (text or "").strip()
    if not shown:
        raise ValidationError(field, f"{label} is missing: enter your 9-digit Social Security number.")
    digits = _compact(shown)
    ending = f" ending {digits[-4:]}" if len(digits) >= 4 else ""
    from stdnum.exceptions import InvalidComponent, InvalidLength
    from stdnum.exceptions import ValidationError as StdnumError
    from stdnum.us import ssn

    try:
        return str(ssn.format(ssn.validate(shown)))
    except InvalidComponent:
        raise ValidationError(
            field,
            f"{label}{ending} is not a number the Social Security Administration issues "
            "(none start with 000, 666 or 9, or have 00 or 0000 as a part); check it against your card.",
        ) from None
    except (InvalidLength, StdnumError):
        raise ValidationError(
            field, f"{label}{ending}: an SSN has 9 digits, written like 123-45-6789."
        ) from None


def validate_tax_id(text: str | None, kind: TaxIdType, *, field: str = "tax_id") -> str:
    """A Tax ID of either kind, formatted."""
    if kind is TaxIdType.SSN:
        return validate_ssn(text, field=field, label="Tax ID (SSN)")
    return validate_ein(text, field=field, label="Tax ID (EIN)")


def claim_tax_id(text: str) -> str:
    """The Tax ID as claims carry it (CMS-1500 item 25, 837P REF*EI/SY): its digits, no hyphen.

    In full, an SSN too: the NUCC 1500 instructions ask item 25 for the whole number, and a claim goes
    only to the payer. The papers the patient carries mask an SSN instead (printed_tax_id).
    """
    return re.sub(r"[^0-9]", "", text)


def zip_digits(text: str) -> str:
    """A ZIP code as claims carry it: 5 or 9 digits, no hyphen (98109-4121 -> 981094121)."""
    return re.sub(r"[^0-9]", "", text)


_AS_PRINTED = {
    TaxIdType.EIN: re.compile(r"[0-9]{2}-[0-9]{7}"),
    TaxIdType.SSN: re.compile(r"[0-9]{3}-[0-9]{2}-[0-9]{4}"),
}


def printed_tax_id(text: str, kind: TaxIdType, *, full_ssn: bool = False) -> str:
    """The Tax ID as the papers for the patient print it (the superbill, the year-end statement): an
    SSN masked unless the therapist allows it in full (a claim form prints it whole: claim_tax_id).

    Formatted when it reads as a Tax ID of its kind; else as stored, for a draft (the check says why).
    """
    if kind is TaxIdType.SSN and not full_ssn:
        return mask_ssn(text)
    if _AS_PRINTED[kind].fullmatch(text):  # already so, whether valid or not: nothing to look up
        return text
    try:
        return validate_tax_id(text, kind)
    except ValidationError:
        return text.strip()


# --- Taxonomy, license, state ----------------------------------------------------


def validate_taxonomy(text: str | None, *, field: str = "taxonomy", label: str = "Taxonomy code") -> str:
    """A NUCC provider taxonomy code: 10 characters ending in X, such as 225700000X."""
    code = _compact(text).upper()
    if not code:
        raise ValidationError(
            field, f"{label} is missing: massage therapists use {MASSAGE_THERAPIST_TAXONOMY}."
        )
    if not _TAXONOMY.match(code):
        raise ValidationError(
            field,
            f"{label} {(text or '').strip()}: a taxonomy code has 10 characters and ends in X; "
            f"massage therapists use {MASSAGE_THERAPIST_TAXONOMY}.",
        )
    return code


_PAYER_ID = re.compile(r"^[0-9A-Z]{2,80}$")


def validate_payer_id(text: str | None, *, field: str = "payer_id", label: str = "Payer ID") -> str | None:
    """A payer's ID in a clearinghouse's payer list (the 837P's NM109 of loop 2010BB), such as 91051:
    2 to 80 letters and digits, kept in capitals; spaces and dashes typed in it are dropped. None
    when blank (the payer is not billed electronically, or its ID is not known yet)."""
    typed = _compact(text)
    if not typed:
        return None
    payer_id = typed.upper()
    if not _PAYER_ID.match(payer_id) or not typed.isascii():  # "ſx173" is not SX173
        raise ValidationError(
            field,
            f"{label} {terminal_text((text or '').strip())}: type the 2 to 80 letters and digits of your "
            "clearinghouse's payer list, such as 91051.",
        )
    return payer_id


def state_code(text: str | None) -> str | None:
    """The state a person typed, by its code or its name ("ny", "New York", "NY – New York"), or None.

    Only an exact code or a whole name counts: "New" is neither New York nor Nebraska.
    """
    typed = " ".join((text or "").replace("–", " ").replace("-", " ").split()).casefold()
    if not typed:
        return None
    for code, name in US_STATES.items():
        if typed in (code.casefold(), name.casefold(), f"{code} {name}".casefold()):
            return code
    return None


def validate_state(text: str | None, *, field: str = "state", label: str = "State") -> str:
    """A two-letter US state, DC or territory code, upper case."""
    code = (text or "").strip().upper()
    if not code:
        raise ValidationError(field, f"{label} is missing: enter the two-letter code, such as WA.")
    if code not in US_STATES:
        named = state_code(text)
        if named is not None:
            raise ValidationError(
                field, f'{label} "{(text or "").strip()}": use {named}, its two-letter code.'
            )
        raise ValidationError(
            field, f'{label} "{(text or "").strip()}" is not a US state code; use two letters, such as WA.'
        )
    return code


def validate_license_number(
    text: str | None, *, field: str = "license_number", label: str = "License number"
) -> str:
    """The license number as entered: formats differ by state, so only its presence is checked."""
    number = (text or "").strip()
    if not number:
        raise ValidationError(
            field,
            f"{label} is missing: enter your massage therapy license number as your state board shows it.",
        )
    return number
