"""The superbill's head: the title on the left; the statement number and dates on the right; a rule beneath."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from app.domain.dates import us_date
from app.domain.superbill import SuperbillData
from app.render.base.blocks import Block, draw_text, text_height
from app.render.base.cells import date_span
from app.render.base.look import ACCENT, MUTED
from app.render.base.sheet import Sheet
from app.render.base.text import printed
from app.render.superbill.panel_rows import Row
from app.render.superbill.wording import SUBTITLE, TITLE


def header(sheet: Sheet, data: SuperbillData) -> list[Flowable]:
    f = sheet.fonts
    style = sheet.styles["fact_value"]
    size, leading = style.fontSize, style.leading
    label_width, value_width = 0.95 * inch, 2.15 * inch
    facts: list[Row] = []
    if data.statement_number:
        facts.append(("Statement no.", data.statement_number))
    facts.append(("Date issued", us_date(data.issued_on)))
    if data.period:
        facts.append(("Service dates", date_span(*data.period)))
    values = [sheet.cell(value, style, value_width - 6) for _, value in facts]
    heights = [text_height(value, value_width - 6, leading) + 2 for value in values]
    width = sheet.width
    # A corrected statement says so under the subtitle, where the eye lands first.
    height = max(48 if data.replaces else 36, sum(heights)) + 6
    facts_left = width - label_width - value_width

    def draw(canvas: Canvas) -> None:
        canvas.setFillColor(ACCENT)
        canvas.setFont(f.bold, 20)
        canvas.drawString(0, height - 20, TITLE)
        canvas.setFillColor(MUTED)
        canvas.setFont(f.regular, 10)
        canvas.drawString(0, height - 33, SUBTITLE)
        if data.replaces:
            canvas.setFillColor(ACCENT)
            canvas.setFont(f.bold, 9.5)
            canvas.drawString(0, height - 46, f"Replaces superbill {printed(data.replaces)}")
        top = height - 1
        for (label, _), value, row_height in zip(facts, values, heights, strict=True):
            canvas.setFillColor(MUTED)
            canvas.setFont(f.regular, size)
            canvas.drawRightString(facts_left + label_width - 3, top - size, label)
            canvas.setFillColor(colors.black)
            canvas.setFont(f.bold, size)
            draw_text(canvas, facts_left + label_width + 3, top, value, size, leading)
            top -= row_height
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.5)
        canvas.setLineCap(1)  # round, as table rules are
        canvas.line(0, 0, width, 0)

    return [Block(width, height, draw), Spacer(1, 4)]
