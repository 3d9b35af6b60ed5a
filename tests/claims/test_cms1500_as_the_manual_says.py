"""The CMS-1500 read back box by box, as a claims clerk holding the NUCC 1500 Claim Form Reference
Instruction Manual reads it: telephones, the lines of boxes 32 and 33, the signatures and the dates.

Each test reads the real PDF with pdfplumber and finds what prints by its place on the form's grid
(column 1 is the first 1/10 inch from the left margin, line 1 the first 1/6 inch from the top).
docs/claims.md ("What the manual asks, box by box") says where each rule comes from.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber
import pytest

from app.domain.claim import Claim
from app.domain.practice import PayerKind
from app.render.cms1500 import FormKind, render_cms1500
from app.render.cms1500.grid import COLUMN, LEFT, LINE
from app.render.cms1500.items import cut_texts, place
from tests import sample
from tests.claims.builders import billed_to, claim_for

BOTH_FORMS = pytest.mark.parametrize("kind", list(FormKind), ids=[k.value for k in FormKind])


def _on_grid(pdf: bytes, line: int, first: int, last: int, *, font: str = "Courier", page: int = 0) -> str:
    """What prints on grid `line` from column `first` to `last`: one character a column, a blank
    where nothing prints. `font` "Helvetica" reads what the plain form itself draws (at 8 points or
    more: the boxes' small labels are left out)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        chars = document.pages[page].chars
    cells = [" "] * (last - first + 1)
    for c in chars:
        if font not in c["fontname"] or (font != "Courier" and c["size"] < 8):
            continue
        middle = (c["top"] + c["bottom"]) / 2
        if not (line - 1) * LINE < middle < line * LINE:
            continue
        column = round((c["x0"] - LEFT) / COLUMN) + 1
        if font != "Courier":  # the form's own marks sit in the middle of their column
            column = int((c["x0"] - LEFT) / COLUMN) + 1
        if first <= column <= last:
            assert cells[column - first] == " ", f"two characters in column {column} of line {line}"
            cells[column - first] = c["text"]
    return "".join(cells)


def _sample() -> Claim:
    return claim_for(number="CL-2026-0001")


def _auto() -> Claim:
    """The sample patient, insured himself, billed to an auto carrier: a property and casualty claim."""
    return claim_for(billed_to(PayerKind.AUTO), number="CL-2026-0003")


# 1. Telephones: the area code in its own space, the number without a hyphen or space.


@BOTH_FORMS
def test_the_billing_phone_prints_its_area_code_in_the_parentheses_and_the_number_without_a_hyphen_in_box_33(
    kind: FormKind,
) -> None:
    pdf = render_cms1500(_sample(), kind)
    # Box 33's title line, right of the title: ( at column 66, the area code, ) at 70, then the number.
    assert _on_grid(pdf, 57, 66, 80) == " 206 5550148   "
    if kind is FormKind.PLAIN:  # the plain form draws the parentheses, as the red form has them printed
        assert _on_grid(pdf, 57, 66, 70, font="Helvetica") == "(   )"


@BOTH_FORMS
def test_items_5_and_7_carry_the_phone_only_on_a_property_and_casualty_claim_without_a_hyphen(
    kind: FormKind,
) -> None:
    commercial = render_cms1500(_sample(), kind)
    assert _on_grid(commercial, 16, 1, 30) == " 98103" + " " * 24  # item 5: the ZIP code alone
    assert _on_grid(commercial, 16, 50, 80) == " 98103" + " " * 25  # item 7
    auto = render_cms1500(_auto(), kind)
    assert _on_grid(auto, 16, 1, 30) == " 98103" + " " * 8 + "206 5550177" + " " * 5  # ( at 14
    assert _on_grid(auto, 16, 50, 80) == " 98103" + " " * 9 + "206 5550177" + " " * 5  # ( at 64
    if kind is FormKind.PLAIN:
        assert _on_grid(auto, 16, 14, 18, font="Helvetica") == "(   )"
        assert _on_grid(auto, 16, 64, 68, font="Helvetica") == "(   )"


def test_the_superbill_keeps_its_own_phone_format() -> None:
    from app.render.superbill import SuperbillRenderer
    from tests.render.pdf_text import plain_text

    text = plain_text(SuperbillRenderer().render(sample.superbill_data()))
    assert "(206) 555-0148" in text


def test_a_nine_digit_zip_prints_without_its_hyphen_in_items_5_7_32_and_33() -> None:
    from app.domain.practice import Address
    from tests.claims.builders import ZIP_PLUS_FOUR

    chart = sample.chart()
    patient = replace(chart.patient, address=Address("415 Fremont Pl N", "Seattle", "WA", "98103-2214"))
    data = sample.superbill_data(
        practitioner=sample.practitioner(address=ZIP_PLUS_FOUR), chart=replace(chart, patient=patient)
    )
    pdf = render_cms1500(claim_for(data, number="CL-2026-0001"), FormKind.RED)
    assert _on_grid(pdf, 16, 1, 12) == " 981032214  "  # 5
    assert _on_grid(pdf, 16, 50, 61) == " 981032214  "  # 7
    assert _on_grid(pdf, 60, 23, 49) == " SEATTLE WA 981094121      "  # 32
    assert _on_grid(pdf, 60, 50, 80) == " SEATTLE WA 981094121" + " " * 10  # 33
    assert "98111" in _on_grid(pdf, 4, 44, 80)  # the carrier block is the payer's mailing address


# 2. The lines of boxes 32 and 33.

LONG_NAME = "Tidewater Therapeutic Massage Cooperative"  # 41 characters


def _long_named() -> Claim:
    practitioner = sample.practitioner(practice_name=LONG_NAME)
    return claim_for(sample.superbill_data(practitioner=practitioner), number="CL-2026-0001")


@BOTH_FORMS
def test_box_33_prints_29_characters_a_line_and_box_32_25_leaving_a_column_each_side(kind: FormKind) -> None:
    claim = _long_named()
    pdf = render_cms1500(claim, kind)
    name = LONG_NAME.upper()
    assert _on_grid(pdf, 58, 50, 80) == " " + name[:29] + " "  # box 33: columns 50-80
    assert _on_grid(pdf, 58, 23, 49) == " " + name[:25] + " "  # box 32: columns 23-49
    assert ("33", name, 29, name[:29]) in cut_texts(claim) and ("32", name, 25, name[:25]) in cut_texts(claim)


def test_the_text_cut_warning_names_box_33_and_its_29_characters() -> None:
    from app.domain.check.claim import paper_findings

    claim = _long_named()
    said = [f.message for f in paper_findings(claim, cut_texts(claim)) if f.box == "33"]
    assert said and "holds 29 characters" in said[0]


def test_the_text_cut_warning_quotes_what_prints_without_a_trailing_space() -> None:
    from app.domain.check.claim import paper_findings

    practitioner = sample.practitioner(practice_name="Harbor Light Massage Therapy (Demo)")
    claim = claim_for(sample.superbill_data(practitioner=practitioner), number="CL-2026-0001")
    said = [f.message for f in paper_findings(claim, cut_texts(claim)) if f.box == "33"]
    assert said and said[0].startswith('Item 33 prints "HARBOR LIGHT MASSAGE THERAPY":')


# 3. Signatures and dates.


@BOTH_FORMS
def test_box_31_prints_the_date_under_the_forms_own_date_label_and_no_second_date_word(
    kind: FormKind,
) -> None:
    pdf = render_cms1500(_sample(), kind)
    assert _on_grid(pdf, 60, 1, 22) == " MAYA LINDQVIST LMT   "
    assert _on_grid(pdf, 61, 1, 22) == " " * 14 + "09 20 26"  # SIGNED and DATE are the form's
    if kind is FormKind.PLAIN:
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            labels = "".join(c["text"] for c in document.pages[0].chars if "Helvetica" in c["fontname"])
        assert "SIGNED" in labels and "DATE" in labels


@BOTH_FORMS
def test_items_12_and_13_say_signature_on_file_and_12_has_no_date_without_a_signature(kind: FormKind) -> None:
    pdf = render_cms1500(_sample(), kind)
    assert _on_grid(pdf, 29, 1, 49) == "  SIGNATURE ON FILE" + " " * 30
    assert _on_grid(pdf, 29, 50, 80) == " SIGNATURE ON FILE" + " " * 13


def test_dates_print_in_the_digits_the_manual_asks_item_by_item() -> None:
    """Birth dates (3, 11a) in 8 digits MM DD CCYY; the others (14, 15, 24A, 31) in 6, MM DD YY, all
    alike; each with a space between month, day and year, on the form's dotted lines."""
    claim = claim_for(billed_to(PayerKind.WORKERS_COMP), number="CL-2026-0002")
    pdf = render_cms1500(claim, FormKind.RED)
    assert _on_grid(pdf, 10, 32, 41) == "06 12 1984"  # 3
    sample_pdf = render_cms1500(_sample(), FormKind.RED)
    assert _on_grid(sample_pdf, 20, 53, 62) == "06 12 1984"  # 11a
    assert _on_grid(pdf, 32, 3, 10) == "08 30 26"  # 14
    assert _on_grid(pdf, 32, 38, 45) == "09 09 26"  # 15 (the first visit)
    assert _on_grid(pdf, 44, 1, 17) == "09 09 26 09 09 26"  # 24A from and to
    assert _on_grid(pdf, 61, 15, 22) == "09 20 26"  # 31


def test_every_placed_item_is_still_inside_its_box() -> None:
    from tests.claims.test_cms1500_pdf import _assert_in_boxes

    for claim in (_sample(), _auto(), _long_named()):
        for kind in FormKind:
            _assert_in_boxes(render_cms1500(claim, kind), claim)
    assert {p.item for p in place(_auto(), _auto().forms()[0])} >= {"5", "7", "33"}


# 4. A telephone with an extension (the one phone rule, app.domain.phones, takes it).


@BOTH_FORMS
def test_a_phone_with_an_extension_prints_its_own_ten_digits_in_boxes_5_7_and_33(kind: FormKind) -> None:
    data = billed_to(
        PayerKind.AUTO, sample.superbill_data(practitioner=sample.practitioner(phone="(206) 555-0148 x12"))
    )
    patient = replace(data.chart.patient, phone="503 555 0123 ext 45")
    data = replace(data, chart=replace(data.chart, patient=patient))
    pdf = render_cms1500(claim_for(data, number="CL-2026-0003"), kind)
    assert _on_grid(pdf, 57, 66, 80) == " 206 5550148   "  # 33: not ( 655 ) 5014812
    assert _on_grid(pdf, 16, 1, 30) == " 98103" + " " * 8 + "503 5550123" + " " * 5  # 5
    assert _on_grid(pdf, 16, 50, 80) == " 98103" + " " * 9 + "503 5550123" + " " * 5  # 7


# 5. A long city is cut, never the state or the ZIP (boxes 32 and 33, the carrier block).


@BOTH_FORMS
def test_a_long_city_is_cut_in_boxes_32_and_33_keeping_the_state_and_the_whole_zip(kind: FormKind) -> None:
    from app.domain.check.claim import paper_findings
    from app.domain.practice import Address

    rancho = Address("8560 Vineyard Ave", "Rancho Cucamonga", "CA", "91730-1234")
    welsh = Address("1 Main St", "Llanfairpwllgwyngyllgogerychwyrndrobwll", "CA", "91730-1234")  # 39
    for address, box_32, box_33 in (
        (rancho, "RANCHO CUCAM CA 917301234", "RANCHO CUCAMONGA CA 917301234"),
        (welsh, "LLANFAIRPWLL CA 917301234", "LLANFAIRPWLLGWYN CA 917301234"),
    ):
        claim = claim_for(
            sample.superbill_data(practitioner=sample.practitioner(address=address)), number="CL-1"
        )
        pdf = render_cms1500(claim, kind)
        assert _on_grid(pdf, 60, 24, 48) == box_32  # 25 columns
        assert _on_grid(pdf, 60, 51, 79) == box_33  # 29 columns
        said = {f.box: f.message for f in paper_findings(claim, cut_texts(claim))}
        assert said["32"].startswith(f'Item 32 prints "{box_32}": the box holds 25 characters')
