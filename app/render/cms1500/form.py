"""The plain CMS-1500 drawn whole: our own drawing of the form's published layout, boxes and labels in
dropout red, for the practice's records and payers that take a printed copy (the data: document.py)."""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.render.cms1500.grid import (
    BOXES,
    CHECK_BOXES,
    COLUMN,
    FIRST_SERVICE_LINE,
    LEFT,
    LINE,
    PAGE_HEIGHT,
    PHONES,
    SIGNED_DATE_COLUMN,
    SIGNED_LINE,
)

LABEL_FONT, LABEL_SIZE = "Helvetica", 4.6
DROPOUT_RED = Color(0.86, 0.22, 0.2)


def draw_form(canvas: Canvas) -> None:
    """The boxes, their labels and the check boxes, in dropout red."""
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
    # The telephones' parentheses (items 5, 7, 33), each in the middle of its column, as printed on
    # the red form; and item 31's SIGNED and DATE, low in its last line.
    canvas.setFont(LABEL_FONT, 10)
    for space in PHONES.values():
        for column, mark in ((space.column, "("), (space.closing, ")")):
            x = LEFT + (column - 0.5) * COLUMN
            canvas.drawCentredString(x, PAGE_HEIGHT - space.line * LINE + 2.5, mark)
    canvas.setFont(LABEL_FONT, LABEL_SIZE)
    signed_y = PAGE_HEIGHT - SIGNED_LINE * LINE + 1.5
    canvas.drawString(BOXES["31"].rect()[0] + 1.5, signed_y, "SIGNED")
    canvas.drawRightString(LEFT + (SIGNED_DATE_COLUMN - 1) * COLUMN - 1, signed_y, "DATE")
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
