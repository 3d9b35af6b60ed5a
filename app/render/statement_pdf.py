"""Year-end statements as PDF: drawn straight on the canvas, a few milliseconds each.

Hundreds are written in one go in January (app.services.statements), so this lays the page out
itself, row by row, instead of through Platypus tables: the rows have one line each (a long text is
cut with "…" to its column), so the number of pages is known before drawing. The faces, colours
and wording shared with the superbill (the confidentiality note, the draft watermark) are imported
from app.render.superbill_pdf.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.domain.characters import printed_line
from app.domain.dates import us_date
from app.domain.identifiers import printed_tax_id
from app.domain.money import format_money
from app.domain.phones import format_phone
from app.domain.statement import StatementRow, YearStatementData
from app.render.fonts import document_fonts
from app.render.superbill_pdf import (
    CONFIDENTIALITY,
    DRAFT_WATERMARK,
    NECESSITY_LETTER_ON_FILE,
    SuperbillRenderer,
)

Describe = Callable[[str], str | None]

NOT_A_CLAIM = (
    "A summary of the year for your records and for tax or HSA/FSA filing; it is not a claim. Visits "
    "already submitted on a superbill are marked with its number."
)
MARGIN = 0.6 * inch
ROW = 11.0  # points per table row
FOOTER = 0.8 * inch  # room kept at the foot of every page
# The table's columns: (title, width in points, right-aligned)
COLUMNS = (
    ("Date", 66.0, False),
    ("Services (CPT x units)", 136.0, False),
    ("Diagnoses", 92.0, False),
    ("Charged", 58.0, True),
    ("Paid", 58.0, True),
    ("Submitted on", 0.0, False),  # the rest of the line
)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` on one line within `width`: cut with "…" when longer."""
    text = printed_line(text)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[: max(len(text) * 9 // 10, len(text) - 8) if len(text) > 20 else len(text) - 1]
    return text + "…"


class StatementRenderer:
    """Renders year-end statements to PDF bytes; writes no files. One per process is enough."""

    def __init__(self, *, describe: Describe | None = None) -> None:
        self.describe = describe
        self.fonts = document_fonts()
        look = SuperbillRenderer
        self.accent, self.rule, self.band, self.muted = look.accent, look.rule, look.band, look.muted
        self.watermark = look.watermark_color

    def render(self, statement: YearStatementData, *, draft: bool = False) -> bytes:
        data = statement.data
        rows = statement.rows()
        buffer = io.BytesIO()
        height = LETTER[1]
        canvas = Canvas(buffer, pagesize=LETTER, pageCompression=0, invariant=1)
        patient = data.chart.patient
        canvas.setTitle(
            f"{statement.year} statement for {printed_line(patient.full_name)}"
            + (" (draft)" if draft else "")
        )
        canvas.setAuthor(printed_line(data.practitioner.display_name))
        canvas.setSubject(f"Statement of services in {statement.year}")
        canvas.setCreator("Superbill Desk")
        top = height - MARGIN
        first_rows = max(int((self._table_top(top) - FOOTER - self._totals_height(statement)) // ROW) - 1, 0)
        later_rows = int((top - 30 - FOOTER) // ROW) - 1
        pages = 1 if len(rows) <= first_rows else 1 + -(-(len(rows) - first_rows) // later_rows)
        page, start = 1, 0
        y = self._first_page_head(canvas, statement, top)
        while True:
            room = first_rows if page == 1 else later_rows
            chunk = rows[start : start + room]
            y = self._table(canvas, chunk, y)
            start += len(chunk)
            last = start >= len(rows)
            if last:
                self._totals(canvas, statement, y - 4)
            self._page_furniture(canvas, statement, draft, page, pages)
            if last:
                break
            canvas.showPage()
            page += 1
            y = self._running_head(canvas, statement, top)
        canvas.save()
        return buffer.getvalue()

    # -- the first page's head ------------------------------------------------------------------

    def _table_top(self, top: float) -> float:
        return top - 188

    def _first_page_head(self, canvas: Canvas, statement: YearStatementData, top: float) -> float:
        f = self.fonts
        data = statement.data
        who = data.practitioner
        patient = data.chart.patient
        left, right = MARGIN, LETTER[0] - MARGIN
        canvas.setFillColor(self.accent)
        canvas.setFont(f.bold, 16)
        canvas.drawString(left, top - 16, f"Statement of services, {statement.year}")
        canvas.setFont(f.regular, 8)
        canvas.setFillColor(self.muted)
        canvas.drawString(left, top - 29, "Itemized for the patient's records and tax or HSA/FSA filing")
        facts = [
            ("Statement no.", data.statement_number or "Draft"),
            ("Issued", us_date(data.issued_on)),
            ("Account", patient.account_number or ""),
        ]
        canvas.setFillColor(self.muted)
        for i, (label, value) in enumerate(facts):
            y = top - 10 - i * 11
            canvas.setFont(f.regular, 8)
            canvas.setFillColor(self.muted)
            canvas.drawRightString(right - 100, y, label)
            canvas.setFont(f.bold, 8.5)
            canvas.setFillColor(self.accent if i == 0 else self.muted)
            canvas.drawString(right - 94, y, _fit(value, f.bold, 8.5, 94))
        canvas.setStrokeColor(self.accent)
        canvas.setLineWidth(1)
        canvas.line(left, top - 40, right, top - 40)
        column = (right - left - 24) / 3
        provider = [who.practice_name or "", who.display_name, *who.address.lines()]
        provider.append(
            " · ".join(x for x in (format_phone(who.phone) if who.phone else "", f"NPI {who.npi}") if x)
        )
        if who.tax_id:
            provider.append(
                f"Tax ID ({who.tax_id_type.value}) "
                + _safe_tax_id(who.tax_id, who.tax_id_type, who.print_full_ssn)
            )
        if who.license_number:
            provider.append(f"License {who.license_number} ({who.license_state})")
        patient_lines = [
            patient.full_name,
            f"Date of birth {us_date(patient.date_of_birth)}",
            *(patient.address.lines() if patient.address else ()),
        ]
        prescribers = []
        for rx in data.prescriptions():
            name = rx.prescriber_name + (
                f", {rx.prescriber_credentials}" if rx.prescriber_credentials else ""
            )
            prescribers.append(name + (f" · NPI {rx.prescriber_npi}" if rx.prescriber_npi else ""))
        if not prescribers:
            prescribers = ["No prescription on these visits"]
        blocks = [("PROVIDER", provider), ("PATIENT", patient_lines), ("PRESCRIBER", prescribers[:6])]
        for i, (title, lines) in enumerate(blocks):
            x = left + i * (column + 12)
            y = top - 56
            canvas.setFillColor(self.accent)
            canvas.setFont(f.bold, 8.5)
            canvas.drawString(x, y, title)
            canvas.setFillColor(self.muted if title != "PATIENT" else self.accent)
            for n, line in enumerate(x for x in lines if x):
                y -= 10
                canvas.setFont(f.bold if n == 0 else f.regular, 7.8)
                canvas.setFillColor(self.accent if n == 0 else self.muted)
                canvas.drawString(x, y, _fit(line, f.regular, 7.8, column))
                if n >= 7:
                    break
        y = top - 152
        codes = data.diagnoses()
        canvas.setFillColor(self.accent)
        canvas.setFont(f.bold, 8.5)
        canvas.drawString(left, y, "DIAGNOSES (ICD-10-CM)")
        canvas.setFont(f.regular, 7.5)
        canvas.setFillColor(self.muted)
        described = []
        for code in codes[:12]:
            text = self.describe(code) if self.describe else None
            described.append(f"{code} {text}" if text else code)
        line = "; ".join(described) or "none recorded"
        canvas.drawString(left, y - 10, _fit(line, f.regular, 7.5, right - left))
        return self._table_top(top)

    def _running_head(self, canvas: Canvas, statement: YearStatementData, top: float) -> float:
        f = self.fonts
        patient = statement.data.chart.patient
        canvas.setFont(f.regular, 7.5)
        canvas.setFillColor(self.muted)
        text = f"{statement.year} statement (continued) · {patient.full_name}, DOB {us_date(patient.date_of_birth)}"
        canvas.drawString(MARGIN, top - 8, _fit(text, f.regular, 7.5, LETTER[0] - 2 * MARGIN - 80))
        return top - 24

    # -- the table ------------------------------------------------------------------------------

    def _positions(self) -> list[tuple[float, float, bool]]:
        """Each column's left edge, width and alignment."""
        left, right = MARGIN, LETTER[0] - MARGIN
        placed, x = [], left
        for _title, width, at_right in COLUMNS:
            w = width or right - x
            placed.append((x, w, at_right))
            x += w
        return placed

    def _table(self, canvas: Canvas, rows: Sequence[StatementRow], y: float) -> float:
        f = self.fonts
        left, right = MARGIN, LETTER[0] - MARGIN
        positions = self._positions()
        canvas.setFillColor(self.accent)
        canvas.rect(left, y - ROW - 2, right - left, ROW + 2, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont(f.bold, 7.5)
        for (title, _w, _r), (x, w, at_right) in zip(COLUMNS, positions, strict=True):
            if at_right:
                canvas.drawRightString(x + w - 3, y - ROW + 1.5, title)
            else:
                canvas.drawString(x + 3, y - ROW + 1.5, title)
        y -= ROW + 2
        canvas.setStrokeColor(self.rule)
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
                format_money(row.charged) if row.charged is not None else "",
                format_money(row.paid) if row.paid else "",
                f"submitted on {row.submitted}" if row.submitted else "",
            )
            for cell, (x, w, at_right) in zip(cells, positions, strict=True):
                if not cell:
                    continue
                if at_right:
                    text.setTextOrigin(x + w - 3 - stringWidth(cell, regular, 7.5), y + 3)
                    text.textOut(cell)
                else:
                    text.setTextOrigin(x + 3, y + 3)
                    text.textOut(_fit(cell, regular, 7.5, w - 6))
            rules.append((left, y, right, y))
        canvas.drawText(text)
        canvas.lines(rules)
        return y

    def _totals_height(self, statement: YearStatementData) -> float:
        return 4 * ROW + 34 + 12 * (bool(statement.data.necessity_letter) + len(statement.notes()))

    def _totals(self, canvas: Canvas, statement: YearStatementData, y: float) -> None:
        f = self.fonts
        data = statement.data
        totals = data.totals()
        right = LETTER[0] - MARGIN
        positions = self._positions()
        label_right = positions[3][0] - 6
        charged_right = positions[3][0] + positions[3][1] - 3
        paid_right = positions[4][0] + positions[4][1] - 3
        canvas.setStrokeColor(self.accent)
        canvas.setLineWidth(0.9)
        canvas.line(positions[2][0], y, positions[4][0] + positions[4][1], y)
        canvas.setFont(f.bold, 8)
        canvas.setFillColorRGB(0, 0, 0)
        y -= ROW
        canvas.drawRightString(label_right, y, f"Total for {statement.year}")
        canvas.drawRightString(charged_right, y, format_money(totals.charges))
        canvas.drawRightString(paid_right, y, format_money(totals.payments))
        y -= ROW + 2
        canvas.setFillColor(self.band)
        canvas.rect(positions[2][0], y - 3, paid_right + 3 - positions[2][0], ROW + 1, stroke=0, fill=1)
        canvas.setFillColor(self.accent)
        label = "Balance due" if totals.balance >= 0 else "Credit on account"
        canvas.drawRightString(label_right, y, label)
        canvas.drawRightString(paid_right, y, format_money(abs(totals.balance)))
        y -= ROW + 8
        canvas.setFont(f.regular, 7.5)
        canvas.setFillColor(self.muted)
        said = statement.notes()
        if data.necessity_letter is not None:
            said.append(f"{NECESSITY_LETTER_ON_FILE} {us_date(data.necessity_letter)}.")
        for note in said:
            canvas.setFillColor(self.accent)
            canvas.setFont(f.bold, 8)
            canvas.drawString(MARGIN, y, _fit(note, f.bold, 8, right - MARGIN))
            y -= 12
        canvas.setFont(f.regular, 7.5)
        canvas.setFillColor(self.muted)
        for line in simpleSplit(NOT_A_CLAIM, f.regular, 7.5, right - MARGIN):
            canvas.drawString(MARGIN, y, line)
            y -= 9.5

    # -- every page -----------------------------------------------------------------------------

    def _page_furniture(
        self, canvas: Canvas, statement: YearStatementData, draft: bool, page: int, pages: int
    ) -> None:
        f = self.fonts
        width, height = LETTER
        left, right = MARGIN, width - MARGIN
        base = FOOTER - 30
        canvas.setStrokeColor(self.rule)
        canvas.setLineWidth(0.5)
        canvas.line(left, base + 12, right, base + 12)
        canvas.setFont(f.regular, 6.8)
        canvas.setFillColor(self.muted)
        canvas.drawString(left, base, _fit(CONFIDENTIALITY, f.regular, 6.8, right - left))
        patient = statement.data.chart.patient
        number = statement.data.statement_number or "draft"
        canvas.setFont(f.regular, 7.5)
        who = (
            f"{statement.year} statement {number} · {patient.full_name}, DOB {us_date(patient.date_of_birth)}"
        )
        canvas.drawString(left, base - 12, _fit(who, f.regular, 7.5, right - left - 80))
        canvas.setFont(f.bold, 7.5)
        canvas.setFillColor(self.accent)
        canvas.drawRightString(right, base - 12, f"Page {page} of {pages}")
        if draft:
            canvas.saveState()
            canvas.setFillColor(self.watermark)
            canvas.setFont(f.bold, 46)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(50)
            canvas.drawCentredString(0, -16, DRAFT_WATERMARK)
            canvas.restoreState()


def _safe_tax_id(text: str, kind: object, full: bool) -> str:
    """The Tax ID as the superbill prints it; as stored when it no longer reads as one (the check says so)."""
    from app.domain.errors import ValidationError
    from app.domain.people import TaxIdType

    try:
        return printed_tax_id(text, TaxIdType(str(kind)), full_ssn=full)
    except (ValidationError, ValueError):
        return printed_line(text)
