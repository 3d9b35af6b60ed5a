"""The CMS-1500 (02/12) print grid: 10 characters an inch across, 6 lines an inch down (the 1/10-inch
by 1/6-inch grid the NUCC form is designed on), and where each of the form's boxes lies on it.

`BOXES` are the form's boxes, as the plain form draws them (app.render.cms1500.form); where each item
of a claim prints is app.render.cms1500.items. Both in grid units: column 1 is the first 1/10 inch
from LEFT, line 1 the first 1/6 inch from the top of the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.claim import InsuranceType
from app.domain.practice import Relationship

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

    @property
    def inner_width(self) -> int:
        """The characters a line of the box holds with a column left blank at each side: the NUCC
        manual's count for box 33 (29 characters a line in its 31 columns)."""
        return self.last - self.first - 1

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
    width: int = 0  # that width, when it was cut

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


@dataclass(frozen=True)
class PhoneSpace:
    """Where a telephone prints (items 5, 7 and 33): the form's "(" in `column` of `line`, the area
    code in the three columns after it, the form's ")", then the number's `width` columns."""

    line: int
    column: int
    width: int

    @property
    def area_code(self) -> int:
        return self.column + 1

    @property
    def closing(self) -> int:
        return self.column + 4

    @property
    def number(self) -> int:
        return self.column + 5


# The manual's room for a number: 10 characters in items 5 and 7, 9 in item 33 (right of its title).
PHONES = {"5": PhoneSpace(16, 14, 10), "7": PhoneSpace(16, 64, 10), "33": PhoneSpace(57, 66, 9)}
SIGNED_LINE, SIGNED_DATE_COLUMN = 61, 15  # item 31's last line: the form's SIGNED, and its DATE

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
