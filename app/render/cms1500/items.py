"""Where every item of a claim prints on the CMS-1500, each naming its box, on the form's grid
(app.render.cms1500.grid); what is printed (capitals, the box limits) is the claim's (app.domain.claim).
"""

from __future__ import annotations

from datetime import date

from app.domain.claim import (
    LINES_PER_FORM,
    MAX_DIAGNOSES,
    MAX_MODIFIERS,
    MAX_POINTERS,
    SIGNATURE_ON_FILE,
    Claim,
    ClaimAddress,
    ClaimForm,
    city_state_zip,
    claim_phone,
    claim_text,
)
from app.domain.money import Cents
from app.domain.practice import TaxIdType
from app.render.cms1500.grid import (
    BOXES,
    FIRST_SERVICE_LINE,
    INSURANCE_COLUMNS,
    INSURED_SEX_COLUMNS,
    NO_COLUMN,
    PHONES,
    RELATIONSHIP_COLUMNS,
    SEX_COLUMNS,
    SIGNED_DATE_COLUMN,
    SIGNED_LINE,
    YES_COLUMN,
    Placed,
)


def place(claim: Claim, form: ClaimForm) -> list[Placed]:
    """Every item of one printed form, on the grid."""
    out: list[Placed] = []

    def put(
        item: str, line: int, column: int, text: str | None, width: int, right: bool = False, whole: str = ""
    ) -> None:
        """`text` in `width` columns, cut to them; `whole`: the text before it was fitted, if it was."""
        if not text:
            return
        cut = text[:width]
        uncut = whole or text
        at = column + (width - len(cut) if right else 0)
        out.append(Placed(item, line, at, cut, "" if uncut == cut else uncut, width if uncut != cut else 0))

    def city_line(item: str, line: int, column: int, a: ClaimAddress, zip_code: str, width: int) -> None:
        """City, state and ZIP: the city is cut to keep the state and the whole ZIP."""
        fitted = city_state_zip(a.city, a.state, zip_code, width)
        put(item, line, column, fitted, width, whole=f"{a.city} {a.state} {zip_code}")

    payer = claim.payer
    put("carrier", 2, 45, _upper(payer.name), 35)
    if payer.address is not None:
        carrier = ClaimAddress.of(payer.address)
        put("carrier", 3, 45, carrier.street, 35)
        city_line("carrier", 4, 45, carrier, carrier.zip_printed, 35)
    put("1", 8, INSURANCE_COLUMNS[claim.insurance_type], "X", 1)
    put("1a", 8, 51, claim.insured_id, 29)
    put("2", 10, 2, _name(claim.patient_last, claim.patient_first), 28)
    put("3", 10, 32, _long_date(claim.patient_birth), 10)
    if claim.patient_sex in SEX_COLUMNS:
        put("3", 10, SEX_COLUMNS[claim.patient_sex], "X", 1)
    put("4", 10, 51, _name(claim.insured_last, claim.insured_first), 29)

    def phone(item: str, digits: str) -> None:
        """The area code between the form's parentheses, the number after them, without a hyphen."""
        space = PHONES[item]
        area_code, number = claim_phone(digits)
        put(item, space.line, space.area_code, area_code, 3)
        put(item, space.line, space.number, number, space.width)

    def address(item: str, first: int, a: ClaimAddress, columns: tuple[int, int], phone_digits: str) -> None:
        """Items 5 and 7: street; city and state; ZIP code and telephone. `columns`: the street's
        width and where the state starts."""
        street_width, state = columns
        put(item, 12, first, a.street, street_width)
        put(item, 14, first, a.city, 22)
        put(item, 14, state, a.state, 2)
        put(item, 16, first, a.zip, 10)  # nine digits without the hyphen
        if claim.reports_patient_phone:
            phone(item, phone_digits)

    if claim.patient_address is not None:
        address("5", 2, claim.patient_address, (28, 26), claim.patient_phone)
    put("6", 12, RELATIONSHIP_COLUMNS[claim.relationship], "X", 1)
    if claim.insured_address is not None:
        address(
            "7",
            51,
            claim.insured_address,
            (29, 76),
            claim.patient_phone if claim.patient_is_insured else "",
        )
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
    put("12", 29, 3, SIGNATURE_ON_FILE, 24)  # no date: the manual dates a signature, not SOF
    put("13", 29, 51, SIGNATURE_ON_FILE, 29)
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
    for index, code in enumerate(claim.diagnoses[:MAX_DIAGNOSES]):
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
        for i, modifier in enumerate(line.modifiers[:MAX_MODIFIERS]):
            put("24D", at, 31 + 3 * i, modifier, 2)
        put("24E", at, 44, "".join(line.pointers[:MAX_POINTERS]), MAX_POINTERS)
        put("24F", at, 49, _money(line.charge), 10, right=True)
        put("24G", at, 59, str(line.units), 3, right=True)
        put("24J", at, 69, line.rendering_npi, 10)
    put("25", 56, 2, claim.tax_id, 11)
    put("25", 56, 18 if claim.tax_id_type is TaxIdType.SSN else 20, "X", 1)
    put("26", 56, 24, claim.account_number, 13)
    put("27", 56, 40 if claim.accept_assignment else 45, "X", 1)
    put("28", 56, 51, _money(form.total_charge), 11, right=True)
    put("29", 56, 62, _money(form.amount_paid), 9, right=True)
    put("31", SIGNED_LINE - 1, 2, claim.provider_signature, BOXES["31"].inner_width)
    put("31", SIGNED_LINE, SIGNED_DATE_COLUMN, _short_date(claim.signed_on), 8)  # after the form's DATE
    f = claim.facility
    facility = BOXES["32"].inner_width
    put("32", 58, 24, f.name, facility)
    put("32", 59, 24, f.address.street, facility)
    city_line("32", 60, 24, f.address, f.address.zip, facility)
    put("32", 61, 24, f.npi, 10)
    b = claim.billing
    billing = BOXES["33"].inner_width
    phone("33", b.phone)
    put("33", 58, 51, b.name, billing)
    put("33", 59, 51, b.address.street, billing)
    city_line("33", 60, 51, b.address, b.address.zip, billing)
    put("33", 61, 51, b.npi, 10)
    if b.taxonomy:
        put("33", 61, 63, f"ZZ{b.taxonomy}", 17)
    return out


def cut_texts(claim: Claim) -> list[tuple[str, str, int, str]]:
    """What does not fit its box on the form, once each: (box, the whole text, the box's width, what
    prints of it)."""
    cuts: dict[tuple[str, str], tuple[int, str]] = {}
    for form in claim.forms():
        for placed in place(claim, form):
            if placed.whole:
                cuts.setdefault((placed.item, placed.whole), (placed.width, placed.text))
    return [(item, whole, width, printed) for (item, whole), (width, printed) in cuts.items()]


def test_page_marks() -> list[Placed]:
    """What the calibration page prints: a mark at the top-left data position of boxes 1, 21, 24 and 33."""
    return [
        Placed("1", 8, 2, "+1"),
        Placed("21", 38, 4, "+21"),
        Placed("24A", FIRST_SERVICE_LINE, 1, "+24"),
        Placed("33", 58, 51, "+33"),
    ]


def _upper(text: str) -> str:
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
