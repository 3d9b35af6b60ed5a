"""The superbill's payments and balance: each payment received, then the balance worked out from the
total charges, "Paid in full" beside the figures that prove it."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph, Table

from app.domain.dates import us_date
from app.domain.money import format_money
from app.domain.superbill import SuperbillData
from app.render.base.look import ACCENT, BAND, MUTED
from app.render.base.sheet import Sheet
from app.render.superbill.wording import PAID_IN_FULL


@dataclass
class PaymentsTable:
    """The heading, and the table whose last `kept` rows (the last payment, or the note, and the
    figures) never part from what follows."""

    heading: Flowable
    table: Table
    kept: int


def payments_and_balance(sheet: Sheet, data: SuperbillData) -> PaymentsTable:
    s = sheet.styles
    totals = data.totals()
    # the first two columns hold "Paid in full..." in two lines beside the figures
    widths = [1.0 * inch, 1.55 * inch, sheet.width - 3.55 * inch, 1.0 * inch]
    summary = [
        ("Total charges", format_money(totals.charges)),
        ("Payments received", format_money(-totals.payments) if totals.payments else format_money(0)),
        ("Balance due", format_money(max(totals.balance, 0))),
    ]
    if totals.balance < 0:
        summary.append(("Credit on account", format_money(-totals.balance)))
    # Millions of dollars of charges ran the total left over its label: the amounts column takes
    # what its widest figure (bold on the balance row) needs, from the reference column.
    widest = max(pdfmetrics.stringWidth(amount, sheet.fonts.bold, 8.5) for _, amount in summary) + 8
    if widest > widths[3]:
        widths[2] -= widest - widths[3]
        widths[3] = widest
    rows: list[list[Flowable | str]] = [["Payment date", "Method", "Reference", "Amount"]]
    for payment in sorted(data.payments, key=lambda p: p.date):
        rows.append(
            [
                us_date(payment.date),
                payment.method.label,
                sheet.cell(payment.reference or "", s["cell"], widths[2] - 6),
                format_money(payment.amount),
            ]
        )
    if not data.payments:
        rows.append(["No payments received.", "", "", ""])
    body_end = len(rows) - 1
    for label, amount in summary:
        rows.append(["", "", label, amount])
    first_sum, balance_row = body_end + 1, body_end + 3
    if totals.paid_in_full:
        # The sentence the insurer acts on sits beside the figures that prove it.
        rows[first_sum][0] = Paragraph(f"✓ {PAID_IN_FULL}", s["paid"])
    style = sheet.grid_style(body_end, right=[3])
    style += [
        ("ALIGN", (2, first_sum), (2, -1), "RIGHT"),
        ("LINEABOVE", (2, first_sum), (-1, first_sum), 0.9, ACCENT),
        ("FONTNAME", (2, balance_row), (-1, balance_row), sheet.fonts.bold),
        ("FONTSIZE", (2, balance_row), (-1, balance_row), 8.5),
        ("BACKGROUND", (2, balance_row), (-1, balance_row), BAND),
        ("LINEABOVE", (2, balance_row), (-1, balance_row), 0.6, ACCENT),
        ("SPAN", (0, first_sum), (1, -1)),
        ("VALIGN", (0, first_sum), (1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, first_sum), (1, -1), 0),
        ("RIGHTPADDING", (0, first_sum), (1, -1), 10),
        # the last payment travels with the totals, so a page never ends on a lone header row
        ("NOSPLIT", (0, body_end), (-1, -1)),
    ]
    if not data.payments:
        style += [("SPAN", (0, 1), (2, 1)), ("TEXTCOLOR", (0, 1), (0, 1), MUTED)]
    table = Table(rows, colWidths=widths, repeatRows=1, style=style)
    # the heading alone: the signatures keep the table's end with them, so no page break is asked for
    _, heading = sheet.section("PAYMENTS AND BALANCE", needs=1.5 * inch)
    return PaymentsTable(heading, table, len(rows) - body_end)
