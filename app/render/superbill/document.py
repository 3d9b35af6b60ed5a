"""The superbill as a PDF: the document, its parts in order, and the furniture on every page.

Everything a claims clerk keys from it (docs/design.md 1), laid out for an insurer's claims desk.
The parts are this package's modules (header, panels, diagnoses, service_table, payments,
signatures); what every document shares is app.render.base.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from app.domain.dates import us_date
from app.domain.superbill import PaperSize, SuperbillData
from app.render.base import look
from app.render.base.blocks import KeepWithEnd
from app.render.base.page import NumberedCanvas, draw_watermark, page_label
from app.render.base.sheet import Sheet
from app.render.base.text import fit_middle, printed
from app.render.base.wording import CONFIDENTIALITY, CREATOR, NECESSITY_LETTER_ON_FILE
from app.render.fonts import FontSet, document_fonts
from app.render.superbill.diagnoses import Describe, diagnoses
from app.render.superbill.header import header
from app.render.superbill.panels import panels
from app.render.superbill.payments import payments_and_balance
from app.render.superbill.service_table import service_table
from app.render.superbill.signatures import signatures
from app.render.superbill.wording import KEYWORDS, SUBTITLE, TITLE


class SuperbillRenderer:
    """Renders superbills to PDF bytes; writes no files. Safe to share: each render lays out its own sheet."""

    margin = 0.6 * inch
    top_margin = 0.5 * inch
    bottom_margin = 0.72 * inch  # room for the confidentiality footer and page number
    accent, rule, band, muted = look.ACCENT, look.RULE, look.BAND, look.MUTED

    def __init__(self, *, describe: Describe | None = None) -> None:
        self.describe = describe
        self.fonts: FontSet = document_fonts()
        self.styles = look.stylesheet(self.fonts)

    def render(self, data: SuperbillData, *, draft: bool = False, describe: Describe | None = None) -> bytes:
        """The PDF document; `describe` (ICD code -> description) overrides the constructor's."""
        lookup = describe or self.describe
        buffer = io.BytesIO()
        page_size = A4 if data.paper is PaperSize.A4 else LETTER
        doc = BaseDocTemplate(
            buffer,
            pagesize=page_size,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.top_margin,
            bottomMargin=self.bottom_margin,
            title=self._title(data, draft),
            author=self._author(data),
            subject=self._subject(data),
            creator=CREATOR,
            keywords=KEYWORDS,
            # reportlab's canvas starts every page in Helvetica, a font it never embeds: start in ours
            initialFontName=self.fonts.regular,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="superbill", frames=[frame])])
        sheet = Sheet(self.fonts, self.styles, doc.width, doc.height)
        story = self._story(sheet, data, lookup)

        def make_canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
            return NumberedCanvas(
                *args, decorate=lambda c, n, t: self._decorate(c, data, draft, n, t), **kwargs
            )

        doc.build(story, canvasmaker=make_canvas)
        return buffer.getvalue()

    # -- metadata ---------------------------------------------------------------

    def _title(self, data: SuperbillData, draft: bool) -> str:
        number = f" {printed(data.statement_number)}" if data.statement_number else ""
        suffix = " (draft)" if draft else ""
        return f"{TITLE}{number} for {printed(data.chart.patient.full_name)}{suffix}"

    def _author(self, data: SuperbillData) -> str:
        who = data.practitioner
        return printed(f"{who.display_name}, {who.practice_name}" if who.practice_name else who.display_name)

    def _subject(self, data: SuperbillData) -> str:
        period = data.period
        if period is None:
            return SUBTITLE
        return f"{SUBTITLE}: services {us_date(period[0])} to {us_date(period[1])}"

    # -- the story --------------------------------------------------------------

    def _story(self, sheet: Sheet, data: SuperbillData, describe: Describe | None) -> list[Flowable]:
        story: list[Flowable] = []
        story += header(sheet, data)
        story += panels(sheet, data)
        story += diagnoses(sheet, data, describe)
        story += self._closing(sheet, data)
        return story

    def _closing(self, sheet: Sheet, data: SuperbillData) -> list[Flowable]:
        """The services, the totals and payments, and both signature blocks.

        A patient who sends only the page with the signatures must send the charges with them: the
        signatures never part from the last payment and the totals, and those never part from the
        last visit's service lines (while all of that fits one page; a longer list of payments keeps
        at least the last payment with the signatures).
        """
        paid = payments_and_balance(sheet, data)
        letter: list[Flowable] = []
        if data.necessity_letter is not None:
            text = f"{NECESSITY_LETTER_ON_FILE} {us_date(data.necessity_letter)}."
            letter.append(Paragraph(text, self.styles["paid"]))
        payments = KeepWithEnd(
            [paid.heading], paid.table, paid.kept, [*letter, *signatures(sheet, data)], sheet.height
        )
        services = service_table(sheet, data)
        page_break, heading = services.heading
        return [
            page_break,
            KeepWithEnd([heading], services.table, services.kept, [*services.key, payments], sheet.height),
        ]

    # -- page furniture ---------------------------------------------------------

    def _decorate(self, canvas: Canvas, data: SuperbillData, draft: bool, page: int, pages: int) -> None:
        """Drawn on every page once the page count is known: footer, page number, running head, watermark."""
        width, height = canvas._pagesize
        left, right = self.margin, width - self.margin
        f = self.fonts
        patient = data.chart.patient
        name = printed(patient.full_name)
        reference = TITLE + (f" {printed(data.statement_number)}" if data.statement_number else "")
        dob = f", DOB {us_date(patient.date_of_birth)}"
        number = page_label(page, pages)  # once, in the footer: the running head does not repeat it
        size = look.LABEL_SIZE
        # what identifies the page must never run into the page number
        room = right - left - pdfmetrics.stringWidth(number, f.bold, size) - 18
        canvas.saveState()
        if page > 1:
            top = height - self.top_margin + 14
            canvas.setFont(f.regular, size)
            canvas.setFillColor(look.MUTED)
            lead = f"{reference} (continued) · "
            canvas.drawString(left, top, fit_middle(lead, name, dob, f.regular, size, right - left))
            canvas.setStrokeColor(look.RULE)
            canvas.setLineWidth(0.5)
            canvas.line(left, top - 4, right, top - 4)
        base = self.bottom_margin - 20
        canvas.setStrokeColor(look.RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, base + 10, right, base + 10)
        canvas.setFillColor(look.MUTED)
        canvas.setFont(f.regular, size)
        y = base
        for text_line in simpleSplit(CONFIDENTIALITY, f.regular, size, right - left):
            canvas.drawString(left, y, text_line)
            y -= size + 1.5
        canvas.setFont(f.regular, size)
        lead = f"{reference} · "
        canvas.drawString(left, y - 3, fit_middle(lead, name, dob, f.regular, size, room))
        canvas.setFont(f.bold, size)
        canvas.setFillColor(look.ACCENT)
        canvas.drawRightString(right, y - 3, number)
        if draft:
            draw_watermark(canvas, f, width, height)
        canvas.restoreState()
