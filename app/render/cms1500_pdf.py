"""The CMS-1500 on paper, two ways.

PLAIN draws the whole form (our own drawing from the form's published layout: boxes and labels in
dropout red) with the data in black, for the practice's records and payers that take a printed copy.
RED prints only the data, in 10-pitch Courier capitals on the form's 1/10 by 1/6 inch grid, for the
pre-printed red OCR forms, moved by the printer offset the therapist calibrated on the test page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.domain.claim import Claim
from app.render.cms1500_layout import (
    BOXES,
    CHECK_BOXES,
    COLUMN,
    FIRST_SERVICE_LINE,
    LEFT,
    LINE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Placed,
    place,
    test_page_marks,
)

DATA_FONT, DATA_SIZE = "Courier", 12  # 12-point Courier is 10 characters an inch
LABEL_FONT, LABEL_SIZE = "Helvetica", 4.6
DROPOUT_RED = Color(0.86, 0.22, 0.2)
DRAFT_NOTE = "DRAFT - NOT FOR SUBMISSION"


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
    canvas.setCreator("Superbill Desk")
    dx, dy = offset.points() if kind is FormKind.RED else (0.0, 0.0)
    for form in claim.forms():
        if kind is FormKind.PLAIN:
            _draw_form(canvas)
        _draw_data(canvas, place(claim, form), dx, dy)
        if draft:
            _put(canvas, Placed("", 64, 2, DRAFT_NOTE), dx, dy)
        if form.pages > 1:
            _put(canvas, Placed("", 64, 60, f"PAGE {form.page} OF {form.pages}"), dx, dy)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def render_test_page(offset: Offset) -> bytes:
    """The calibration page: marks where boxes 1, 21, 24 and 33 begin, with how to use it."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1, invariant=1)
    canvas.setTitle("CMS-1500 printer calibration page")
    canvas.setCreator("Superbill Desk")
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


def _draw_form(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setStrokeColor(DROPOUT_RED)
    canvas.setFillColor(DROPOUT_RED)
    canvas.setLineWidth(0.6)
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawString(LEFT + 0.5 * COLUMN, PAGE_HEIGHT - 6 * LINE + 1, "HEALTH INSURANCE CLAIM FORM")
    canvas.setFont(LABEL_FONT, 5)
    canvas.drawString(
        LEFT + 0.5 * COLUMN,
        PAGE_HEIGHT - 5 * LINE + 3,
        "APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12",
    )
    canvas.drawString(
        LEFT + 0.5 * COLUMN, PAGE_HEIGHT - 62 * LINE - 2, "NUCC Instruction Manual available at: www.nucc.org"
    )
    canvas.drawRightString(LEFT + 80 * COLUMN, PAGE_HEIGHT - 62 * LINE - 2, "FORM 1500 (02-12)")
    for box in BOXES.values():
        x0, top, x1, bottom = box.rect()
        if box.item != "carrier":
            canvas.rect(x0, PAGE_HEIGHT - bottom, x1 - x0, bottom - top, stroke=1, fill=0)
        # The label in the box's top edge, made smaller where the box is narrow.
        size = min(
            LABEL_SIZE, LABEL_SIZE * (x1 - x0 - 3) / max(stringWidth(box.label, LABEL_FONT, LABEL_SIZE), 1)
        )
        canvas.setFont(LABEL_FONT, size)
        canvas.drawString(x0 + 1.5, PAGE_HEIGHT - top - LABEL_SIZE - 0.5, box.label)
    canvas.setFont(LABEL_FONT, 4)
    for line, column, label in CHECK_BOXES:
        x = LEFT + (column - 1) * COLUMN
        y = PAGE_HEIGHT - line * LINE
        canvas.rect(x - 0.5, y + 0.5, COLUMN + 1, LINE - 3, stroke=1, fill=0)
        if stringWidth(label, LABEL_FONT, 4) < x - 2:
            canvas.drawRightString(x - 1.5, y + 3, label)
        else:  # no room before it (MEDICARE, at the left edge): after it
            canvas.drawString(x + COLUMN + 1.5, y + 3, label)
    # Item 24's six lines, each with its shaded supplemental line above it.
    x0, _, x1, _ = BOXES["24A"].rect()
    x1 = BOXES["24J"].rect()[2]
    canvas.setFillColor(Color(0.98, 0.88, 0.87))
    for row in range(6):
        shaded_top = (FIRST_SERVICE_LINE - 2 + 2 * row) * LINE
        canvas.rect(x0, PAGE_HEIGHT - shaded_top - LINE, x1 - x0, LINE, stroke=0, fill=1)
    canvas.setFillColor(DROPOUT_RED)
    for row in range(7):
        y = PAGE_HEIGHT - (FIRST_SERVICE_LINE - 2 + 2 * row) * LINE
        canvas.line(x0, y, x1, y)
        canvas.setFont(LABEL_FONT, 6)
        if row < 6:
            canvas.drawString(x1 + 2, y - 2 * LINE + 3, str(row + 1))
    canvas.restoreState()
