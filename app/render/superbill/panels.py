"""The superbill's people panels: two columns, who provided and who referred beside who was treated and
who pays; one under another at full width when they would not fit a page side by side."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from app.domain.superbill import SuperbillData
from app.render.base.blocks import Block, draw_text, text_height
from app.render.base.look import ACCENT, LABEL_SIZE, MUTED
from app.render.base.sheet import Sheet
from app.render.superbill.panel_rows import (
    Row,
    insurance_rows,
    panel_rows,
    patient_rows,
    provider_rows,
    referrer_rows,
)


def panels(sheet: Sheet, data: SuperbillData) -> list[Flowable]:
    gap = 0.25 * inch
    column = (sheet.width - gap) / 2
    provider_side = [panel(sheet, "Provider", provider_rows(data), column)]
    provider_side += [
        panel(sheet, "Referring provider", referrer_rows(p), column) for p in data.prescriptions()
    ]
    patient_side = [panel(sheet, "Patient", patient_rows(data), column)]
    for coverage in data.coverages():
        rows = insurance_rows(data, coverage)
        if rows:
            patient_side.append(panel(sheet, "Insurance", rows, column))
    together = _side_by_side(sheet, [provider_side, patient_side], column + gap)
    if together.height <= sheet.height * 0.85:
        return [together]
    # Values so long that the two columns would not fit on one page (the layout error ended the
    # render): the panels one under another at full width, free to continue on the next page.
    stacked: list[Flowable] = []
    for title, rows in panel_rows(data):
        stacked += [Spacer(1, 7), *_panel_pieces(sheet, title, rows, sheet.width)]
    return stacked


def _panel_pieces(sheet: Sheet, title: str, rows: Sequence[Row], width: float) -> list[Flowable]:
    """The panel, or, when even at full width it is taller than a page, its rows in as many
    panels as it takes ("... (continued)"), each no taller than a page: a block never splits."""
    whole = panel(sheet, title, rows, width)
    room = sheet.height - 7  # below the spacer at the top of a page
    if whole.height <= room:
        return [whole]
    pieces: list[Flowable] = []
    first, heading = 0, title
    while first < len(rows):
        last = first + 1  # every row fits a page alone (see Sheet.cell)
        while last < len(rows) and panel(sheet, heading, rows[first : last + 1], width).height <= room:
            last += 1
        pieces.append(panel(sheet, heading, rows[first:last], width))
        first, heading = last, f"{title} (continued)"
    return pieces


def _side_by_side(sheet: Sheet, columns: Sequence[Sequence[Block]], pitch: float) -> Block:
    """Columns `pitch` apart, each a stack of panels hung from the top, 7 pt between panels."""
    top_gap, between = 6, 7
    height = top_gap + max(sum(p.height for p in stack) + between * (len(stack) - 1) for stack in columns)

    def draw(canvas: Canvas) -> None:
        for index, stack in enumerate(columns):
            top = height - top_gap
            for one in stack:
                one.drawOn(canvas, index * pitch, top - one.height)
                top -= one.height + between

    return Block(sheet.width, height, draw)


def panel(sheet: Sheet, title: str, rows: Sequence[Row], width: float) -> Block:
    """A titled list of label / value rows; the first value (who it is) in bold."""
    f = sheet.fonts
    style = sheet.styles["value"]
    size, leading = style.fontSize, style.leading
    label_width = 1.42 * inch  # "Relationship to insured" at 8 pt, and a gap
    value_width = width - label_width - 4
    title_height = 14  # a 12 pt line and 2 pt down to the rule
    first_gap, gap = 4.0, 0.6  # above a value: more under the rule, a little between rows
    values = [
        sheet.cell(value, sheet.styles["value_bold" if index == 0 else "value"], value_width)
        for index, (_, value) in enumerate(rows)
    ]
    heights = [
        text_height(value, value_width, leading) + (first_gap if index == 0 else gap) + 0.6
        for index, value in enumerate(values)
    ]
    height = title_height + sum(heights)

    def draw(canvas: Canvas) -> None:
        canvas.setFillColor(ACCENT)
        canvas.setFont(f.bold, 9.5)
        canvas.drawString(0, height - 9.5, title.upper())
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.setLineCap(1)
        canvas.line(0, height - title_height, width, height - title_height)
        row_top = height - title_height
        for index, ((label, _), value, row_height) in enumerate(zip(rows, values, heights, strict=True)):
            top = row_top - (first_gap if index == 0 else gap)
            # labels are set smaller than values, on the same baseline
            canvas.setFillColor(MUTED)
            canvas.setFont(f.regular, LABEL_SIZE)
            canvas.drawString(0, top - size, label)
            canvas.setFillColor(colors.black)
            canvas.setFont(f.bold if index == 0 else f.regular, size)
            draw_text(canvas, label_width, top, value, size, leading)
            row_top -= row_height

    return Block(width, height, draw)
