"""The letter of medical necessity (HSA/FSA) as a one-page PDF for the prescriber to sign.

Fonts, colours and paragraph styles are those of every paper of the practice (app.render.base), so
the papers look alike; the layout is this module's own. Whatever the length of the codes'
descriptions, the letter stays on one page (it shrinks to fit).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table

from app.domain.characters import printed_line
from app.domain.dates import months_covered, us_date
from app.domain.letter import LetterData, necessity_statement
from app.domain.phones import format_phone
from app.render.base import look
from app.render.base.look import ACCENT, RULE
from app.render.base.text import markup
from app.render.base.wording import CONFIDENTIALITY, CREATOR
from app.render.fonts import document_fonts

TITLE = "Letter of Medical Necessity"
MARGIN = 0.75 * inch


def _p(text: str) -> str:
    """Stored text as paragraph markup: one line, control characters shown, "&" printed as "&"."""
    return markup(printed_line(text))


class LetterRenderer:
    """Renders letters of medical necessity to PDF bytes; writes no files."""

    def __init__(self) -> None:
        self.fonts = document_fonts()
        self.styles = look.stylesheet(self.fonts)
        body = self.styles["body"]
        self.letter_body = ParagraphStyle("letter_body", parent=body, fontSize=9.5, leading=12.5)
        self.heading = ParagraphStyle(
            "letter_heading", parent=self.styles["section"], fontSize=10, spaceBefore=9, spaceAfter=3
        )
        self.title = ParagraphStyle(
            "letter_title",
            parent=body,
            fontName=self.fonts.bold,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
        )

    def render(self, data: LetterData) -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=LETTER,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=0.6 * inch,
            bottomMargin=0.75 * inch,
            title=f"{TITLE} for {printed_line(data.patient.full_name)}",
            author=printed_line(data.practitioner.display_name),
            subject="Massage therapy: letter of medical necessity for HSA/FSA reimbursement",
            creator=CREATOR,
        )
        story = self._story(data, doc.width)
        fitted = KeepInFrame(doc.width, doc.height, story, mode="shrink")

        def footer(canvas: Canvas, _doc: Any) -> None:
            canvas.saveState()
            canvas.setFont(self.fonts.regular, 6.8)
            canvas.setFillColor(look.MUTED)
            canvas.drawString(MARGIN, 0.5 * inch, CONFIDENTIALITY[:160])
            canvas.restoreState()

        doc.build([fitted], onFirstPage=footer, onLaterPages=footer)
        return buffer.getvalue()

    def _story(self, data: LetterData, width: float) -> list[Flowable]:
        s, body = self.styles, self.letter_body
        who = data.practitioner
        rx = data.prescription
        story: list[Flowable] = []
        practice = who.practice_name or who.display_name
        story.append(
            Paragraph(_p(practice), ParagraphStyle("p", parent=body, fontName=self.fonts.bold, fontSize=12))
        )
        details = [who.display_name] if who.practice_name else []
        details += list(who.address.lines())
        contact = [f"Phone {format_phone(who.phone)}"] if who.phone else []
        contact += [f"NPI {who.npi}"] if who.npi else []
        contact += [f"License {who.license_number} ({who.license_state})"] if who.license_number else []
        story.append(Paragraph("<br/>".join(_p(line) for line in [*details, " · ".join(contact)]), s["body"]))
        story.append(self._rule(width))
        story.append(Paragraph(TITLE, self.title))
        story.append(
            Paragraph(
                "Massage therapy · for reimbursement from a health savings account (HSA) or flexible "
                f"spending account (FSA) · prepared {us_date(data.written_on)}",
                s["small"],
            )
        )
        story.append(Spacer(1, 6))
        story += self._facts(
            [
                ("Patient", data.patient.full_name),
                ("Date of birth", us_date(data.patient.date_of_birth)),
                ("Account holder", data.account_holder),
                ("Account number", data.patient.account_number or ""),
            ],
            width,
        )
        story.append(Paragraph("CONDITION (DIAGNOSIS, ICD-10-CM)", self.heading))
        story.append(self._codes(data.diagnoses, width, "No diagnosis is on the prescription."))
        story.append(Paragraph("TREATMENT RECOMMENDED", self.heading))
        story.append(self._codes(data.procedures, width, "Massage therapy."))
        story.append(Spacer(1, 4))
        months = months_covered(data.starts_on, data.ends_on)
        story += self._facts(
            [
                ("Treatment", "Massage therapy by a licensed massage therapist"),
                ("Frequency", data.frequency),
                ("Duration", f"{months} month{'s' if months > 1 else ''}" if months > 0 else "as prescribed"),
                ("Start", us_date(data.starts_on)),
                ("End", us_date(data.ends_on)),
                *((("Body areas", rx.body_areas),) if rx.body_areas else ()),
            ],
            width,
        )
        story.append(Paragraph("MEDICAL NECESSITY", self.heading))
        story.append(Paragraph(_p(necessity_statement(data)), body))
        story.append(Paragraph("PRESCRIBER", self.heading))
        story += self._facts(
            [
                ("Name", rx.prescriber_name),
                ("Credentials", rx.prescriber_credentials or ""),
                ("NPI", rx.prescriber_npi or ""),
            ],
            width,
        )
        story.append(Spacer(1, 30))
        story.append(self._signature_lines(width, data.prescriber))
        story.append(Spacer(1, 14))
        story.append(
            Paragraph(
                _p(
                    f"Please sign and return this letter to {practice}"
                    + (f", {format_phone(who.phone)}" if who.phone else "")
                    + ". It is accepted for 12 months from the date signed."
                ),
                s["small"],
            )
        )
        return story

    def _rule(self, width: float) -> Flowable:
        table = Table([[""]], colWidths=[width], rowHeights=[8])
        table.setStyle([("LINEBELOW", (0, 0), (-1, -1), 0.8, ACCENT)])
        return table

    def _facts(self, rows: Sequence[tuple[str, str]], width: float) -> list[Flowable]:
        cells = [
            [Paragraph(_p(label), self.styles["value_bold"]), Paragraph(_p(value), self.letter_body)]
            for label, value in rows
        ]
        table = Table(cells, colWidths=[1.35 * inch, width - 1.35 * inch])
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
        return [table]

    def _codes(self, codes: Sequence[tuple[str, str]], width: float, empty: str) -> Flowable:
        if not codes:
            return Paragraph(_p(empty), self.letter_body)
        cell = self.styles["cell"]
        rows = [["Code", "Description"]] + [
            [Paragraph(_p(code), self.styles["cell_bold"]), Paragraph(_p(text), cell)] for code, text in codes
        ]
        table = Table(rows, colWidths=[0.9 * inch, width - 0.9 * inch], repeatRows=1)
        table.setStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), self.fonts.bold),
                ("FONTSIZE", (0, 0), (-1, 0), 7.5),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
        return table

    def _signature_lines(self, width: float, signer: str) -> Flowable:
        line_width, date_width = width * 0.58, width * 0.3
        label = self.styles["small"]
        rows = [
            ["", "", ""],
            [Paragraph(_p(f"Prescriber signature: {signer}"), label), "", Paragraph("Date signed", label)],
        ]
        table = Table(rows, colWidths=[line_width, width - line_width - date_width, date_width])
        table.setStyle(
            [
                ("LINEABOVE", (0, 1), (0, 1), 0.8, colors.black),
                ("LINEABOVE", (2, 1), (2, 1), 0.8, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        return table
