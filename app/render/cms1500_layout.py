"""Where each CMS-1500 (02/12) item falls, on the form's print grid: 10 characters an inch across,
6 lines an inch down (the 1/10-inch by 1/6-inch grid the NUCC form is designed on).

`BOXES` are the form's boxes, as the plain form draws them; `place(claim)` says where every item of
a claim prints, each naming its box. Both in grid units: column 1 is the first 1/10 inch from
LEFT, line 1 the first 1/6 inch from the top of the page. Pure: the PDF is app.render.cms1500_pdf.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.claim import (
    LINES_PER_FORM,
    Claim,
    ClaimAddress,
    ClaimForm,
    InsuranceType,
)
from app.domain.money import Cents
from app.domain.practice import Relationship, TaxIdType

COLUMN = 7.2  # points: 1/10 inch
LINE = 12.0  # points: 1/6 inch
LEFT = 0.2 * 72  # column 1 starts 0.2 inch from the paper's left edge
PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0  # US letter


@dataclass(frozen=True)
class Box:
    """A box of the form: columns first..last, lines top..bottom (inclusive), and its printed label."""

    item: str
    label: str
    first: int
    last: int
    top: int
    bottom: int

    def rect(self) -> tuple[float, float, float, float]:
        """x0, top, x1, bottom in points from the page's top-left corner."""
        return (
            LEFT + (self.first - 1) * COLUMN,
            (self.top - 1) * LINE,
            LEFT + self.last * COLUMN,
            self.bottom * LINE,
        )


@dataclass(frozen=True)
class Placed:
    """One data item on the grid: `text` from `column` on `line`, in box `item`."""

    item: str
    line: int
    column: int
    text: str
    whole: str = ""  # the text before it was cut to its box's width, when it was

    def x(self) -> float:
        return LEFT + (self.column - 1) * COLUMN

    def baseline(self) -> float:
        """Points from the top of the page: a little above the line's bottom edge."""
        return self.line * LINE - 2.32  # Courier 12 then fills the cell: its box is the line's 12 points


_B = Box
BOXES: dict[str, Box] = {
    b.item: b
    for b in (
        _B("carrier", "CARRIER", 44, 80, 1, 5),
        _B("1", "1. MEDICARE  MEDICAID  TRICARE  CHAMPVA  GROUP HEALTH PLAN  FECA  OTHER", 1, 49, 7, 8),
        _B("1a", "1a. INSURED'S I.D. NUMBER", 50, 80, 7, 8),
        _B("2", "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)", 1, 30, 9, 10),
        _B("3", "3. PATIENT'S BIRTH DATE / SEX", 31, 49, 9, 10),
        _B("4", "4. INSURED'S NAME (Last Name, First Name, Middle Initial)", 50, 80, 9, 10),
        _B("5", "5. PATIENT'S ADDRESS (No., Street) / CITY / STATE / ZIP CODE / TELEPHONE", 1, 30, 11, 16),
        _B("6", "6. PATIENT RELATIONSHIP TO INSURED", 31, 49, 11, 12),
        _B("8", "8. RESERVED FOR NUCC USE", 31, 49, 13, 16),
        _B("7", "7. INSURED'S ADDRESS (No., Street) / CITY / STATE / ZIP CODE / TELEPHONE", 50, 80, 11, 16),
        _B("9", "9. OTHER INSURED'S NAME", 1, 30, 17, 18),
        _B("9a", "a. OTHER INSURED'S POLICY OR GROUP NUMBER", 1, 30, 19, 20),
        _B("9b", "b. RESERVED FOR NUCC USE", 1, 30, 21, 22),
        _B("9c", "c. RESERVED FOR NUCC USE", 1, 30, 23, 24),
        _B("9d", "d. INSURANCE PLAN NAME OR PROGRAM NAME", 1, 30, 25, 26),
        _B("10", "10. IS PATIENT'S CONDITION RELATED TO:", 31, 49, 17, 18),
        _B("10a", "a. EMPLOYMENT? (Current or Previous)   YES  NO", 31, 49, 19, 20),
        _B("10b", "b. AUTO ACCIDENT?   YES  NO   PLACE (State)", 31, 49, 21, 22),
        _B("10c", "c. OTHER ACCIDENT?   YES  NO", 31, 49, 23, 24),
        _B("10d", "10d. CLAIM CODES (Designated by NUCC)", 31, 49, 25, 26),
        _B("11", "11. INSURED'S POLICY GROUP OR FECA NUMBER", 50, 80, 17, 18),
        _B("11a", "a. INSURED'S DATE OF BIRTH / SEX", 50, 80, 19, 20),
        _B("11b", "b. OTHER CLAIM ID (Designated by NUCC)", 50, 80, 21, 22),
        _B("11c", "c. INSURANCE PLAN NAME OR PROGRAM NAME", 50, 80, 23, 24),
        _B("11d", "d. IS THERE ANOTHER HEALTH BENEFIT PLAN?   YES  NO", 50, 80, 25, 26),
        _B("12", "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE            DATE", 1, 49, 27, 29),
        _B("13", "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE", 50, 80, 27, 29),
        _B("14", "14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)  QUAL.", 1, 27, 30, 32),
        _B("15", "15. OTHER DATE   QUAL.", 28, 49, 30, 32),
        _B("16", "16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION", 50, 80, 30, 32),
        _B("17", "17. NAME OF REFERRING PROVIDER OR OTHER SOURCE", 1, 30, 33, 34),
        _B("17b", "17a.            17b. NPI", 31, 49, 33, 34),
        _B("18", "18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES", 50, 80, 33, 34),
        _B("19", "19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)", 1, 49, 35, 36),
        _B("20", "20. OUTSIDE LAB?   $ CHARGES", 50, 80, 35, 36),
        _B(
            "21",
            "21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY  Relate A-L to service line below (24E)  ICD Ind.",
            1,
            49,
            37,
            40,
        ),
        _B("22", "22. RESUBMISSION CODE   ORIGINAL REF. NO.", 50, 80, 37, 38),
        _B("23", "23. PRIOR AUTHORIZATION NUMBER", 50, 80, 39, 40),
        _B("24A", "24. A. DATE(S) OF SERVICE From / To", 1, 18, 41, 54),
        _B("24B", "B. POS", 19, 21, 41, 54),
        _B("24C", "C.", 22, 23, 41, 54),
        _B("24D", "D. PROCEDURES (CPT/HCPCS  MODIFIER)", 24, 43, 41, 54),
        _B("24E", "E. DX PTR", 44, 48, 41, 54),
        _B("24F", "F. $ CHARGES", 49, 58, 41, 54),
        _B("24G", "G. UNITS", 59, 62, 41, 54),
        _B("24H", "H.", 63, 64, 41, 54),
        _B("24I", "I. QUAL", 65, 67, 41, 54),
        _B("24J", "J. RENDERING PROVIDER ID. #", 68, 80, 41, 54),
        _B("25", "25. FEDERAL TAX I.D. NUMBER   SSN EIN", 1, 22, 55, 56),
        _B("26", "26. PATIENT'S ACCOUNT NO.", 23, 36, 55, 56),
        _B("27", "27. ACCEPT ASSIGNMENT?  YES  NO", 37, 49, 55, 56),
        _B("28", "28. TOTAL CHARGE", 50, 61, 55, 56),
        _B("29", "29. AMOUNT PAID", 62, 71, 55, 56),
        _B("30", "30. Rsvd for NUCC Use", 72, 80, 55, 56),
        _B("31", "31. SIGNATURE OF PHYSICIAN OR SUPPLIER (WITH CREDENTIALS)", 1, 22, 57, 61),
        _B("32", "32. SERVICE FACILITY LOCATION INFORMATION   a. NPI   b.", 23, 49, 57, 61),
        _B("33", "33. BILLING PROVIDER INFO & PH #   a. NPI   b.", 50, 80, 57, 61),
    )
}

# Item 1's boxes, item 6's and the yes/no boxes: the column of each box's X.
INSURANCE_COLUMNS = {
    InsuranceType.MEDICARE: 2,
    InsuranceType.MEDICAID: 9,
    InsuranceType.TRICARE: 16,
    InsuranceType.CHAMPVA: 24,
    InsuranceType.GROUP_HEALTH_PLAN: 31,
    InsuranceType.FECA: 40,
    InsuranceType.OTHER: 46,
}
RELATIONSHIP_COLUMNS = {
    Relationship.SELF: 33,
    Relationship.SPOUSE: 38,
    Relationship.CHILD: 42,
    Relationship.OTHER: 47,
}
YES_COLUMN, NO_COLUMN = 36, 42  # item 10a-c
SEX_COLUMNS = {"M": 43, "F": 47}  # item 3
INSURED_SEX_COLUMNS = {"M": 70, "F": 76}  # item 11a
FIRST_SERVICE_LINE = 44  # 24's unshaded lines: 44, 46, ... 54 (the shaded ones above them stay empty)
TEST_PAGE_MARKS = ("1", "21", "24A", "33")

# The check boxes the plain form draws: (line, column, label beside it).
CHECK_BOXES: tuple[tuple[int, int, str], ...] = (
    *((8, column, kind.value.split()[0].upper()) for kind, column in INSURANCE_COLUMNS.items()),
    (10, SEX_COLUMNS["M"], "M"),
    (10, SEX_COLUMNS["F"], "F"),
    *((12, column, relation.value.upper()) for relation, column in RELATIONSHIP_COLUMNS.items()),
    *(
        (line, column, word)
        for line in (20, 22, 24)
        for column, word in ((YES_COLUMN, "YES"), (NO_COLUMN, "NO"))
    ),
    (20, INSURED_SEX_COLUMNS["M"], "M"),
    (20, INSURED_SEX_COLUMNS["F"], "F"),
    (26, 66, "YES"),
    (26, 71, "NO"),
    (56, 18, "SSN"),
    (56, 20, "EIN"),
    (56, 40, "YES"),
    (56, 45, "NO"),
)


def place(claim: Claim, form: ClaimForm) -> list[Placed]:
    """Every item of one printed form, on the grid."""
    out: list[Placed] = []

    def put(item: str, line: int, column: int, text: str | None, width: int, right: bool = False) -> None:
        if not text:
            return
        cut = text[:width]
        whole = text if len(text) > width else ""
        out.append(Placed(item, line, column + (width - len(cut) if right else 0), cut, whole))

    payer = claim.payer
    put("carrier", 2, 45, _upper(payer.name), 35)
    if payer.address is not None:
        carrier = ClaimAddress.of(payer.address)
        put("carrier", 3, 45, carrier.street, 35)
        put("carrier", 4, 45, f"{carrier.city} {carrier.state} {carrier.zip_printed}", 35)
    put("1", 8, INSURANCE_COLUMNS[claim.insurance_type], "X", 1)
    put("1a", 8, 51, claim.insured_id, 29)
    put("2", 10, 2, _name(claim.patient_last, claim.patient_first), 28)
    put("3", 10, 32, _long_date(claim.patient_birth), 10)
    if claim.patient_sex in SEX_COLUMNS:
        put("3", 10, SEX_COLUMNS[claim.patient_sex], "X", 1)
    put("4", 10, 51, _name(claim.insured_last, claim.insured_first), 29)
    if claim.patient_address is not None:
        a = claim.patient_address
        put("5", 12, 2, a.street, 28)
        put("5", 14, 2, a.city, 22)
        put("5", 14, 26, a.state, 2)
        put("5", 16, 2, a.zip_printed, 10)
        put("5", 16, 14, _phone(claim.patient_phone), 16)
    put("6", 12, RELATIONSHIP_COLUMNS[claim.relationship], "X", 1)
    if claim.insured_address is not None:
        a = claim.insured_address
        put("7", 12, 51, a.street, 29)
        put("7", 14, 51, a.city, 22)
        put("7", 14, 76, a.state, 2)
        put("7", 16, 51, a.zip_printed, 10)
        put("7", 16, 64, _phone(claim.patient_phone) if claim.patient_is_insured else "", 16)
    for item, row_line, yes in (
        ("10a", 20, claim.employment),
        ("10b", 22, claim.auto_accident),
        ("10c", 24, claim.other_accident),
    ):
        put(item, row_line, YES_COLUMN if yes else NO_COLUMN, "X", 1)
    put("10b", 22, 46, claim.accident_state, 2)
    put("11", 18, 51, claim.group_number, 29)
    if claim.insured_birth is not None:
        put("11a", 20, 53, _long_date(claim.insured_birth), 10)
    if claim.insured_sex in INSURED_SEX_COLUMNS:
        put("11a", 20, INSURED_SEX_COLUMNS[claim.insured_sex], "X", 1)
    if claim.other_claim_id is not None:
        put("11b", 22, 51, claim.other_claim_id[0], 2)
        put("11b", 22, 55, claim.other_claim_id[1], 25)
    put("11c", 24, 51, claim.plan_name, 29)
    put("11d", 26, 71, "X", 1)  # NO: the claim names no other plan
    put("12", 29, 3, "SIGNATURE ON FILE", 24)
    put("12", 29, 38, _short_date(claim.signed_on), 8)
    put("13", 29, 51, "SIGNATURE ON FILE", 29)
    if claim.current_date is not None:
        put("14", 32, 3, _short_date(claim.current_date.day), 8)
        put("14", 32, 23, claim.current_date.qualifier, 3)
    if claim.other_date is not None:
        put("15", 32, 33, claim.other_date.qualifier, 3)
        put("15", 32, 38, _short_date(claim.other_date.day), 8)
    if claim.referring is not None:
        put("17", 34, 2, claim.referring.qualifier, 2)
        put("17", 34, 5, claim.referring.name, 25)
        put("17b", 34, 38, claim.referring.npi, 10)
    put("21", 37, 46, claim.icd_indicator, 1)
    for index, code in enumerate(claim.diagnoses[:12]):
        row, position = divmod(index, 4)
        put("21", 38 + row, 4 + position * 12, code, 8)
    if claim.resubmission is not None:
        put("22", 38, 51, claim.resubmission.code, 2)
        put("22", 38, 62, claim.resubmission.original_reference, 19)
    put("23", 40, 51, claim.prior_authorization, 29)
    for row, line in enumerate(form.lines[:LINES_PER_FORM]):
        at = FIRST_SERVICE_LINE + 2 * row
        put("24A", at, 1, _short_date(line.first_date), 8)
        put("24A", at, 10, _short_date(line.last_date), 8)
        put("24B", at, 19, line.place, 2)
        put("24D", at, 25, line.cpt, 5)
        for i, modifier in enumerate(line.modifiers[:4]):
            put("24D", at, 31 + 3 * i, modifier, 2)
        put("24E", at, 44, "".join(line.pointers[:4]), 4)
        put("24F", at, 49, _money(line.charge), 10, right=True)
        put("24G", at, 59, str(line.units), 3, right=True)
        put("24J", at, 69, line.rendering_npi, 10)
    put("25", 56, 2, claim.tax_id, 11)
    put("25", 56, 18 if claim.tax_id_type is TaxIdType.SSN else 20, "X", 1)
    put("26", 56, 24, claim.account_number, 13)
    put("27", 56, 40 if claim.accept_assignment else 45, "X", 1)
    put("28", 56, 51, _money(form.total_charge), 11, right=True)
    put("29", 56, 62, _money(form.amount_paid), 9, right=True)
    put("31", 59, 2, claim.provider_signature, 21)
    put("31", 61, 2, "DATE " + _short_date(claim.signed_on), 14)
    f = claim.facility
    put("32", 58, 24, f.name, 26)
    put("32", 59, 24, f.address.street, 26)
    put("32", 60, 24, f"{f.address.city} {f.address.state} {f.address.zip_printed}", 26)
    put("32", 61, 24, f.npi, 10)
    b = claim.billing
    put("33", 57, 66, _phone(b.phone), 15)
    put("33", 58, 51, b.name, 30)
    put("33", 59, 51, b.address.street, 30)
    put("33", 60, 51, f"{b.address.city} {b.address.state} {b.address.zip_printed}", 30)
    put("33", 61, 51, b.npi, 10)
    if b.taxonomy:
        put("33", 61, 63, f"ZZ{b.taxonomy}", 17)
    return out


def cut_texts(claim: Claim) -> list[tuple[str, str, int]]:
    """What does not fit its box on the form, once each: (box, the whole text, the box's width)."""
    cuts: dict[tuple[str, str], int] = {}
    for form in claim.forms():
        for placed in place(claim, form):
            if placed.whole:
                cuts.setdefault((placed.item, placed.whole), len(placed.text))
    return [(item, whole, width) for (item, whole), width in cuts.items()]


def test_page_marks() -> list[Placed]:
    """What the calibration page prints: a mark at the top-left data position of boxes 1, 21, 24 and 33."""
    return [
        Placed("1", 8, 2, "+1"),
        Placed("21", 38, 4, "+21"),
        Placed("24A", FIRST_SERVICE_LINE, 1, "+24"),
        Placed("33", 58, 51, "+33"),
    ]


def _upper(text: str) -> str:
    from app.domain.claim import claim_text

    return claim_text(text)


def _name(last: str, first: str) -> str:
    return f"{last}, {first}" if first else last


def _long_date(day: date) -> str:
    return day.strftime("%m %d %Y")


def _short_date(day: date) -> str:
    return day.strftime("%m %d %y")


def _money(cents: Cents) -> str:
    """Dollars and cents as the form's split column takes them: 120.00 -> "120 00"."""
    whole, frac = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{whole} {frac:02d}"


def _phone(digits: str) -> str:
    if len(digits) != 10:
        return digits
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
