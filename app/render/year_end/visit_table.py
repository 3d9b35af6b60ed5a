"""The year-end statement's table: one line per date of service (or payment), and the year's totals."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.domain.dates import us_date
from app.domain.money import format_money
from app.domain.statement import StatementRow, YearStatementData
from app.render.base.cells import money_cell
from app.render.base.look import ACCENT, BAND, MUTED, RULE
from app.render.base.text import fit_line
from app.render.base.wording import NECESSITY_LETTER_ON_FILE
from app.render.fonts import FontSet
from app.render.year_end.grid import COLUMNS, LEFT, MARGIN, RIGHT, ROW, positions

NOT_A_CLAIM = (
    "A summary of the year for your records and for tax or HSA/FSA filing; it is not a claim. Visits "
    "already submitted on a superbill are marked with its number."
)


def visit_table(canvas: Canvas, fonts: FontSet, rows: Sequence[StatementRow], y: float) -> float:
    """The header row and `rows` from `y` down; returns the bottom of the last row."""
    f = fonts
    left, right = LEFT, RIGHT
    placed = positions()
    canvas.setFillColor(ACCENT)
    canvas.rect(left, y - ROW - 2, right - left, ROW + 2, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont(f.bold, 7.5)
    for (title, _w, _r), (x, w, at_right) in zip(COLUMNS, placed, strict=True):
        if at_right:
            canvas.drawRightString(x + w - 3, y - ROW + 1.5, title)
        else:
            canvas.drawString(x + 3, y - ROW + 1.5, title)
    y -= ROW + 2
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.3)
    canvas.setFillColorRGB(0, 0, 0)
    regular = f.regular
    # One text object for the whole table: a drawString per cell costs several times as much.
    text = canvas.beginText()
    text.setFont(regular, 7.5)
    rules = []
    for row in rows:
        y -= ROW
        cells = (
            us_date(row.day),
            row.services,
            row.diagnoses,
            money_cell(row.charged),
            money_cell(row.paid or None),
            f"submitted on {row.submitted}" if row.submitted else "",
        )
        for cell, (x, w, at_right) in zip(cells, placed, strict=True):
            if not cell:
                continue
            if at_right:
                text.setTextOrigin(x + w - 3 - stringWidth(cell, regular, 7.5), y + 3)
                text.textOut(cell)
            else:
                text.setTextOrigin(x + 3, y + 3)
                text.textOut(fit_line(cell, regular, 7.5, w - 6))
        rules.append((left, y, right, y))
    canvas.drawText(text)
    canvas.lines(rules)
    return y


def totals_height(statement: YearStatementData) -> float:
    return 4 * ROW + 34 + 12 * (bool(statement.data.necessity_letter) + len(statement.notes()))


def totals(canvas: Canvas, fonts: FontSet, statement: YearStatementData, y: float) -> None:
    """The year's charges and payments, the balance (or credit), the letter on file, what this is not."""
    f = fonts
    data = statement.data
    sums = data.totals()
    placed = positions()
    label_right = placed[3][0] - 6
    charged_right = placed[3][0] + placed[3][1] - 3
    paid_right = placed[4][0] + placed[4][1] - 3
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.9)
    canvas.line(placed[2][0], y, placed[4][0] + placed[4][1], y)
    canvas.setFont(f.bold, 8)
    canvas.setFillColorRGB(0, 0, 0)
    y -= ROW
    canvas.drawRightString(label_right, y, f"Total for {statement.year}")
    canvas.drawRightString(charged_right, y, format_money(sums.charges))
    canvas.drawRightString(paid_right, y, format_money(sums.payments))
    y -= ROW + 2
    canvas.setFillColor(BAND)
    canvas.rect(placed[2][0], y - 3, paid_right + 3 - placed[2][0], ROW + 1, stroke=0, fill=1)
    canvas.setFillColor(ACCENT)
    label = "Balance due" if sums.balance >= 0 else "Credit on account"
    canvas.drawRightString(label_right, y, label)
    canvas.drawRightString(paid_right, y, format_money(abs(sums.balance)))
    y -= ROW + 8
    canvas.setFont(f.regular, 7.5)
    canvas.setFillColor(MUTED)
    said = statement.notes()
    if data.necessity_letter is not None:
        said.append(f"{NECESSITY_LETTER_ON_FILE} {us_date(data.necessity_letter)}.")
    for note in said:
        canvas.setFillColor(ACCENT)
        canvas.setFont(f.bold, 8)
        canvas.drawString(MARGIN, y, fit_line(note, f.bold, 8, RIGHT - MARGIN))
        y -= 12
    canvas.setFont(f.regular, 7.5)
    canvas.setFillColor(MUTED)
    for line in simpleSplit(NOT_A_CLAIM, f.regular, 7.5, RIGHT - MARGIN):
        canvas.drawString(MARGIN, y, line)
        y -= 9.5
