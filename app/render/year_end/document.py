"""The year-end statement as a PDF: its pages, metadata, and the furniture on every page."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from app.domain.characters import printed_line
from app.domain.dates import us_date
from app.domain.statement import YearStatementData
from app.render.base.look import ACCENT, MUTED, RULE
from app.render.base.page import draw_watermark, page_label
from app.render.base.text import fit_line
from app.render.base.wording import CONFIDENTIALITY, CREATOR
from app.render.fonts import document_fonts
from app.render.year_end.first_page import Describe, first_page_head, running_head
from app.render.year_end.grid import FOOTER, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, ROW, table_top
from app.render.year_end.visit_table import totals, totals_height, visit_table


class StatementRenderer:
    """Renders year-end statements to PDF bytes; writes no files. One per process is enough."""

    def __init__(self, *, describe: Describe | None = None) -> None:
        self.describe = describe
        self.fonts = document_fonts()

    def render(self, statement: YearStatementData, *, draft: bool = False) -> bytes:
        data = statement.data
        rows = statement.rows()
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=0, invariant=1)
        patient = data.chart.patient
        canvas.setTitle(
            f"{statement.year} statement for {printed_line(patient.full_name)}"
            + (" (draft)" if draft else "")
        )
        canvas.setAuthor(printed_line(data.practitioner.display_name))
        canvas.setSubject(f"Statement of services in {statement.year}")
        canvas.setCreator(CREATOR)
        top = PAGE_HEIGHT - MARGIN
        first_rows = max(int((table_top(top) - FOOTER - totals_height(statement)) // ROW) - 1, 0)
        later_rows = int((top - 30 - FOOTER) // ROW) - 1
        pages = 1 if len(rows) <= first_rows else 1 + -(-(len(rows) - first_rows) // later_rows)
        page, start = 1, 0
        y = first_page_head(canvas, self.fonts, statement, top, self.describe)
        while True:
            room = first_rows if page == 1 else later_rows
            chunk = rows[start : start + room]
            y = visit_table(canvas, self.fonts, chunk, y)
            start += len(chunk)
            last = start >= len(rows)
            if last:
                totals(canvas, self.fonts, statement, y - 4)
            self._page_furniture(canvas, statement, draft, page, pages)
            if last:
                break
            canvas.showPage()
            page += 1
            y = running_head(canvas, self.fonts, statement, top)
        canvas.save()
        return buffer.getvalue()

    def _page_furniture(
        self, canvas: Canvas, statement: YearStatementData, draft: bool, page: int, pages: int
    ) -> None:
        f = self.fonts
        left, right = MARGIN, PAGE_WIDTH - MARGIN
        base = FOOTER - 30
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, base + 12, right, base + 12)
        canvas.setFont(f.regular, 6.8)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, base, fit_line(CONFIDENTIALITY, f.regular, 6.8, right - left))
        patient = statement.data.chart.patient
        number = statement.data.statement_number or "draft"
        canvas.setFont(f.regular, 7.5)
        who = (
            f"{statement.year} statement {number} · {patient.full_name}, DOB {us_date(patient.date_of_birth)}"
        )
        canvas.drawString(left, base - 12, fit_line(who, f.regular, 7.5, right - left - 80))
        canvas.setFont(f.bold, 7.5)
        canvas.setFillColor(ACCENT)
        canvas.drawRightString(right, base - 12, page_label(page, pages))
        if draft:
            canvas.saveState()
            draw_watermark(canvas, f, PAGE_WIDTH, PAGE_HEIGHT)
            canvas.restoreState()
