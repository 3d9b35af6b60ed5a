"""The CMS-1500 PDFs read back with pdfplumber: every data item inside its box, on the 10-pitch grid."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import pdfplumber

from app.domain.claim import Claim, ClaimForm
from app.domain.practice import PayerKind, ServiceLine, Visit
from app.render.cms1500 import FormKind, Offset, render_cms1500, render_test_page
from app.render.cms1500.grid import BOXES, LINE, Placed
from app.render.cms1500.items import place
from tests import sample
from tests.claims.builders import billed_to, claim_for

Char = dict[str, Any]


def _pages(pdf: bytes) -> list[list[Char]]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [list(page.chars) for page in document.pages]


def _courier(chars: Sequence[Char]) -> list[Char]:
    return [c for c in chars if "Courier" in c["fontname"]]


def _printed_at(chars: Sequence[Char], item: Placed, dx: float = 0.0, dy: float = 0.0) -> list[Char]:
    """The characters the PDF has where `item` prints (a blank in its text prints nothing)."""
    found = []
    for i, ch in enumerate(item.text):
        if ch == " ":
            continue
        x = item.x() + i * 7.2 + dx
        middle = (item.line - 0.5) * LINE + dy
        hits = [
            c
            for c in chars
            if abs(c["x0"] - x) < 0.6 and abs((c["top"] + c["bottom"]) / 2 - middle) < LINE / 2
        ]
        assert len(hits) == 1, f"item {item.item} {item.text!r}: {len(hits)} characters at position {i}"
        assert hits[0]["text"] == ch and round(hits[0]["size"], 3) == 12
        found.append(hits[0])
    return found


def _assert_in_boxes(pdf: bytes, claim: Claim, dx: float = 0.0, dy: float = 0.0) -> set[str]:
    forms = claim.forms()
    pages = _pages(pdf)
    assert len(pages) == len(forms)
    boxes: set[str] = set()
    for chars, form in zip(pages, forms, strict=True):
        courier = _courier(chars)
        for item in place(claim, form):
            x0, top, x1, bottom = BOXES[item.item].rect()
            for c in _printed_at(courier, item, dx, dy):
                assert x0 + dx <= c["x0"] and c["x1"] <= x1 + dx + 0.01, f"{item} leaves box {item.item}"
                assert top + dy - 0.01 <= c["top"] and c["bottom"] <= bottom + dy + 0.01, (
                    f"{item} leaves box {item.item}"
                )
            boxes.add(item.item)
    return boxes


SAMPLE_ITEMS = {
    "carrier", "1", "1a", "2", "3", "4", "5", "6", "7", "10a", "10b", "10c", "11", "11a", "11c", "11d",
    "12", "13", "17", "17b", "21", "24A", "24B", "24D", "24E", "24F", "24G", "25", "26", "27", "28",
    "29", "31", "32", "33",
}  # fmt: skip


def test_the_plain_form_prints_every_item_of_the_sample_claim_inside_its_box() -> None:
    claim = claim_for(number="CL-2026-0001")
    pdf = render_cms1500(claim, FormKind.PLAIN)
    assert _assert_in_boxes(pdf, claim) >= SAMPLE_ITEMS
    labels = "".join(c["text"] for c in _pages(pdf)[0] if "Helvetica" in c["fontname"])
    assert "HEALTH INSURANCE CLAIM FORM" in labels and "24. A. DATE(S) OF SERVICE" in labels


def test_the_red_form_prints_the_same_data_and_no_form_text() -> None:
    claim = claim_for(number="CL-2026-0001")
    plain, red = (_pages(render_cms1500(claim, kind))[0] for kind in (FormKind.PLAIN, FormKind.RED))
    assert all("Courier" in c["fontname"] for c in red)  # nothing of the form itself
    assert all(round(c["size"], 3) == 12 for c in red)  # 10 characters an inch
    assert [(c["text"], c["x0"], c["top"]) for c in red] == [
        (c["text"], c["x0"], c["top"]) for c in _courier(plain)
    ]
    text = "".join(c["text"] for c in red)
    assert text == text.upper()


def test_the_printer_offset_moves_the_red_forms_data() -> None:
    claim = claim_for(number="CL-2026-0001")
    pdf = render_cms1500(claim, FormKind.RED, offset=Offset(right=5, down=-10))
    _assert_in_boxes(pdf, claim, dx=3.6, dy=-7.2)


def test_a_workers_comp_form_has_10a_11b_y4_and_14_the_injury_date() -> None:
    claim = claim_for(billed_to(PayerKind.WORKERS_COMP), number="CL-2026-0002")
    pdf = render_cms1500(claim, FormKind.PLAIN)
    assert {"10a", "11b", "14", "15"} <= _assert_in_boxes(pdf, claim)
    placed = {(p.item, p.text) for p in place(claim, claim.forms()[0])}
    assert {("11b", "Y4"), ("11b", "WC-88-1234"), ("14", "08 30 26"), ("14", "431")} <= placed
    assert ("10a", "X") in placed and any(
        p.item == "10a" and p.column == 36 for p in place(claim, claim.forms()[0])
    )


def test_an_auto_form_has_10b_with_the_state() -> None:
    claim = claim_for(billed_to(PayerKind.AUTO), number="CL-2026-0003")
    placed = place(claim, claim.forms()[0])
    assert any(p.item == "10b" and p.text == "X" and p.column == 36 for p in placed)  # YES
    assert ("10b", "WA") in {(p.item, p.text) for p in placed}
    _assert_in_boxes(render_cms1500(claim, FormKind.RED), claim)


def _eight_lines() -> Claim:
    data = sample.superbill_data()
    visits = tuple(
        Visit(
            f"v-{i}",
            date(2026, 9, i),
            ("M54.50",),
            (ServiceLine("97124", ("A",), minutes=30),),
            coverage="cov-1",
        )
        for i in range(1, 9)
    )
    chart = replace(data.chart, visits=visits)
    return claim_for(replace(data, chart=chart, visits=visits, payments=()), number="CL-2026-0004")


def test_eight_service_lines_print_on_two_forms_each_totalled() -> None:
    claim = _eight_lines()
    pdf = render_cms1500(claim, FormKind.PLAIN)
    pages = _pages(pdf)
    assert len(pages) == 2
    forms: tuple[ClaimForm, ...] = claim.forms()
    for chars, form, total in zip(pages, forms, ("480 00", "160 00"), strict=True):
        totals = [p for p in place(claim, form) if p.item == "28"]
        assert [p.text for p in totals] == [total]
        _printed_at(_courier(chars), totals[0])
    _assert_in_boxes(pdf, claim)


def test_the_test_page_marks_boxes_1_21_24_and_33() -> None:
    chars = _courier(_pages(render_test_page(Offset()))[0])
    text = "".join(c["text"] for c in chars)
    for mark in ("+1", "+21", "+24", "+33"):
        assert mark in text
    plus = [c for c in chars if c["text"] == "+"]
    assert len(plus) == 4
    first = min(plus, key=lambda c: c["top"])
    x0, top, _, bottom = BOXES["1"].rect()
    assert x0 <= first["x0"] and top <= first["top"] and first["bottom"] <= bottom + 0.01
