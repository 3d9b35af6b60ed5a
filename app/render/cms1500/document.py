"""The CMS-1500 as a PDF, two ways.

PLAIN draws the whole form (our own drawing from the form's published layout: boxes and labels in
dropout red) with the data in black, for the practice's records and payers that take a printed copy.
RED prints only the data, in 10-pitch Courier capitals on the form's 1/10 by 1/6 inch grid, for the
pre-printed red OCR forms, moved by the printer offset the therapist calibrated on the test page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum

from reportlab.pdfgen.canvas import Canvas

from app.domain.claim import Claim
from app.render.base.page import page_label
from app.render.base.wording import CREATOR, DRAFT_WATERMARK
from app.render.cms1500.form import draw_form
from app.render.cms1500.grid import PAGE_HEIGHT, PAGE_WIDTH, Placed
from app.render.cms1500.items import place, test_page_marks

DATA_FONT, DATA_SIZE = "Courier", 12  # 12-point Courier is 10 characters an inch
DRAFT_NOTE = DRAFT_WATERMARK.upper()  # the form's data is printed in capitals


class FormKind(StrEnum):
    PLAIN = "plain"
    RED = "red"


@dataclass(frozen=True)
class Offset:
    """The printer's shift, in hundredths of an inch: right and down (negative: left and up)."""

    right: int = 0
    down: int = 0

    def points(self) -> tuple[float, float]:
        return self.right * 0.72, self.down * 0.72


def render_cms1500(claim: Claim, kind: FormKind, *, offset: Offset = Offset(), draft: bool = False) -> bytes:
    """One page per form (six service lines a form, each totalled)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1, invariant=1)
    who = f"{claim.patient_last}, {claim.patient_first}"
    canvas.setTitle(f"CMS-1500 claim {claim.number or '(draft)'} for {who}")
    canvas.setAuthor(claim.provider_signature)
    canvas.setCreator(CREATOR)
    dx, dy = offset.points() if kind is FormKind.RED else (0.0, 0.0)
    for form in claim.forms():
        if kind is FormKind.PLAIN:
            draw_form(canvas)
        _draw_data(canvas, place(claim, form), dx, dy)
        if draft:
            _put(canvas, Placed("", 64, 2, DRAFT_NOTE), dx, dy)
        if form.pages > 1:
            _put(canvas, Placed("", 64, 60, page_label(form.page, form.pages).upper()), dx, dy)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_test_page(offset: Offset) -> bytes:
    """The calibration page: marks where boxes 1, 21, 24 and 33 begin, with how to use it."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1, invariant=1)
    canvas.setTitle("CMS-1500 printer calibration page")
    canvas.setCreator(CREATOR)
    dx, dy = offset.points()
    _draw_data(canvas, test_page_marks(), dx, dy)
    instructions = (
        "PRINT THIS PAGE ON PLAIN PAPER AT ACTUAL SIZE (NO FIT TO PAGE).",
        "LAY IT ON A RED CMS-1500 FORM AND HOLD BOTH TO THE LIGHT.",
        "EACH MARK SHOULD SIT AT THE TOP LEFT OF THE DATA SPACE OF BOXES 1, 21, 24A, 33.",
        "MEASURE HOW FAR THE MARKS MUST MOVE, IN INCHES, AND SAVE IT ONCE:",
        "SUPERBILL CMS1500 --SET-OFFSET RIGHT,DOWN   (E.G. 0.05,-0.10)",
        f"CURRENT OFFSET: RIGHT {offset.right / 100:.2f} IN, DOWN {offset.down / 100:.2f} IN",
    )
    for i, text in enumerate(instructions):
        _put(canvas, Placed("", 18 + 2 * i, 4, text), 0.0, 0.0)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_data(canvas: Canvas, items: list[Placed], dx: float, dy: float) -> None:
    canvas.setFillColorRGB(0, 0, 0)
    for item in items:
        _put(canvas, item, dx, dy)


def _put(canvas: Canvas, item: Placed, dx: float, dy: float) -> None:
    canvas.setFont(DATA_FONT, DATA_SIZE)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawString(item.x() + dx, PAGE_HEIGHT - item.baseline() - dy, item.text)
