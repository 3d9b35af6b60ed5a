"""The superbill as a PDF: everything a claims clerk keys from it (docs/design.md 1), laid out for an insurer's claims desk."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from app.domain.characters import printed_line
from app.domain.dates import us_date
from app.domain.identifiers import INDIVIDUAL_NPI, ORGANIZATION_NPI
from app.domain.money import format_money
from app.domain.phones import format_phone
from app.domain.practice import (
    Address,
    Coverage,
    PayerKind,
    Prescription,
    Relationship,
    TaxIdType,
)
from app.domain.procedures import KNOWN_MODIFIERS, PLACES_OF_SERVICE
from app.domain.superbill import POINTER_LETTERS, PaperSize, PricedLine, SuperbillData
from app.render.fonts import FontSet, document_fonts

Describe = Callable[[str], str | None]
"""An ICD-10-CM description for a code, or None when the code index lacks it."""

Row = tuple[str, str | tuple[str, ...]]  # label, value as one text or as its lines (an address)

# Stored text longer than this (only an older version could have saved it) is cut short with "…";
# a cell whose text would still wrap to more than a third of the page is cut to fit it.
LONGEST_PRINTED = 1000
CELL_SHARE_OF_PAGE = 0.3

PAID_IN_FULL = "Paid in full. Please reimburse the patient directly."
# CMS-1500 box 27: the practice is paid by the patient, so benefits go to the patient (the release says so).
ACCEPT_ASSIGNMENT = "No: payment to the patient"
SAME_AS_BILLING = "Same as billing provider"
PATIENT_SIGNS = "Patient signature"
GUARDIAN_MAY_SIGN = "Signature of patient or parent/guardian"
_RELATIONSHIP = {
    Relationship.SELF: "Self",
    Relationship.SPOUSE: "Spouse",
    Relationship.CHILD: "Child",
    Relationship.OTHER: "Other",
}
DRAFT_WATERMARK = "DRAFT - not for submission"
NECESSITY_LETTER_ON_FILE = "Letter of medical necessity on file, dated"
CONFIDENTIALITY = (  # one line at 8 pt on Letter and A4
    "Confidential: protected health information. "
    "Share it only with the patient's health plan or insurer for reimbursement."
)
PATIENT_AUTHORIZATION = (
    "I authorize the provider named above to release to my health plan or insurer the information "
    "on this statement that it needs to process my claim, and I ask that any benefits due for these "
    "services be paid directly to me."
)
PROVIDER_CERTIFICATION = (
    "I certify that I personally provided the services listed on this statement on the dates shown, "
    "for the diagnoses listed, and that the charges shown are my full usual fees for those services."
)


class SignatureImageError(ValueError):
    """The signature image on file is not a readable PNG or JPEG."""


def masked_ssn(ssn: str) -> str:
    digits = "".join(ch for ch in ssn if ch.isdigit())
    return f"***-**-{digits[-4:]}"


def _text(value: str) -> str:
    """User text made safe for paragraph markup (an "&" in a payer's name must print as "&")."""
    return escape(value)


def _printed(text: str) -> str:
    """Stored text as printed: one line, control characters shown as \ufffd, cut at LONGEST_PRINTED."""
    text = printed_line(text)
    return text if len(text) <= LONGEST_PRINTED else text[: LONGEST_PRINTED - 1] + "…"


def _address(address: Address | None) -> tuple[str, ...]:
    return address.lines() if address else ()


_SEX = {"M": "Male", "F": "Female"}


class SuperbillRenderer:
    """Renders superbills to PDF bytes; writes no files.

    One render at a time per instance (a render sets the frame width it lays out against);
    create one renderer per thread.
    """

    margin = 0.6 * inch
    top_margin = 0.5 * inch
    bottom_margin = 0.72 * inch  # room for the confidentiality footer and page number
    base_size = 8.5
    # Read on a fax or a phone photo: table text at 8.5 pt, nothing under 8 pt, every colour of text
    # at least 7:1 against white (WCAG AAA).
    table_size, table_leading = 8.5, 10.2
    label_size = 8.0
    accent = colors.HexColor("#1F4E5F")
    rule = colors.HexColor("#B8C7CE")
    band = colors.HexColor("#EDF2F4")
    muted = colors.HexColor("#46555C")  # 7.7:1 against white
    watermark_color = colors.Color(0.78, 0.1, 0.1, alpha=0.2)
    signature_box = (2.4 * inch, 0.42 * inch)

    def __init__(self, *, describe: Describe | None = None) -> None:
        self.describe = describe
        self.fonts: FontSet = document_fonts()
        self.styles = self._stylesheet()

    # -- public ---------------------------------------------------------------

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
            creator="Superbill Desk",
            keywords="superbill, itemized statement, insurance reimbursement",
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
        self._width = doc.width
        self._height = doc.height
        story = self._story(data, lookup)

        def make_canvas(*args: Any, **kwargs: Any) -> _NumberedCanvas:
            return _NumberedCanvas(
                *args, decorate=lambda c, n, t: self._decorate(c, data, draft, n, t), **kwargs
            )

        doc.build(story, canvasmaker=make_canvas)
        return buffer.getvalue()

    # -- metadata ---------------------------------------------------------------

    def _title(self, data: SuperbillData, draft: bool) -> str:
        number = f" {_printed(data.statement_number)}" if data.statement_number else ""
        suffix = " (draft)" if draft else ""
        return f"Superbill{number} for {_printed(data.chart.patient.full_name)}{suffix}"

    def _author(self, data: SuperbillData) -> str:
        who = data.practitioner
        return _printed(f"{who.display_name}, {who.practice_name}" if who.practice_name else who.display_name)

    def _subject(self, data: SuperbillData) -> str:
        period = data.period
        if period is None:
            return "Itemized statement for insurance reimbursement"
        return f"Itemized statement for insurance reimbursement: services {us_date(period[0])} to {us_date(period[1])}"

    # -- styles -----------------------------------------------------------------

    def _stylesheet(self) -> dict[str, ParagraphStyle]:
        """Paragraph styles; text that never wraps is set as plain table cells with the same sizes."""
        f = self.fonts
        size = self.base_size
        # spaceShrinkage 0: reportlab would otherwise let a ragged-right line run 5% of its spaces past the edge
        body = ParagraphStyle("body", fontName=f.regular, fontSize=size, leading=size * 1.2, spaceShrinkage=0)
        return {
            "body": body,
            "section": ParagraphStyle(
                "section",
                parent=body,
                fontName=f.bold,
                fontSize=9.5,
                leading=12,
                textColor=self.accent,
                spaceBefore=6,
                spaceAfter=3,
            ),
            "value": body,
            "value_bold": ParagraphStyle("value_bold", parent=body, fontName=f.bold),
            "fact_value": ParagraphStyle("fact_value", parent=body, fontName=f.bold),
            "cell": ParagraphStyle("cell", parent=body, fontSize=self.table_size, leading=self.table_leading),
            "cell_bold": ParagraphStyle(
                "cell_bold",
                parent=body,
                fontName=f.bold,
                fontSize=self.table_size,
                leading=self.table_leading,
            ),
            "cell_center": ParagraphStyle(
                "cell_center",
                parent=body,
                fontSize=self.table_size,
                leading=self.table_leading,
                alignment=TA_CENTER,
            ),
            "statement": ParagraphStyle("statement", parent=body, fontSize=self.label_size, leading=10.2),
            "paid": ParagraphStyle(
                "paid", parent=body, fontName=f.bold, fontSize=9, leading=11.5, textColor=self.accent
            ),
            "small": ParagraphStyle(
                "small", parent=body, fontSize=self.label_size, leading=10, textColor=self.muted
            ),
        }

    # -- the story --------------------------------------------------------------

    def _story(self, data: SuperbillData, describe: Describe | None) -> list[Flowable]:
        story: list[Flowable] = []
        story += self._header(data)
        story += self._panels(data)
        story += self._diagnoses(data, describe)
        story += self._closing(data)
        return story

    def _closing(self, data: SuperbillData) -> list[Flowable]:
        """The services, the totals and payments, and both signature blocks.

        A patient who sends only the page with the signatures must send the charges with them: the
        signatures never part from the last payment and the totals, and those never part from the
        last visit's service lines (while all of that fits one page; a longer list of payments keeps
        at least the last payment with the signatures).
        """
        _, payments_heading, payments_table = self._payments_and_balance(data)
        letter: list[Flowable] = []
        if data.necessity_letter is not None:
            text = f"{NECESSITY_LETTER_ON_FILE} {us_date(data.necessity_letter)}."
            letter.append(Paragraph(text, self.styles["paid"]))
        payments = _KeepWithEnd(
            [payments_heading],
            payments_table,
            self._payments_kept,
            [*letter, *self._statements(data)],
            self._height,
        )
        services_break, services_heading, services_table, *code_key = self._service_lines(data)
        return [
            services_break,
            _KeepWithEnd(
                [services_heading], services_table, self._services_kept, [*code_key, payments], self._height
            ),
        ]

    def _header(self, data: SuperbillData) -> list[Flowable]:
        """The title on the left; the statement number and dates on the right; a rule beneath."""
        f = self.fonts
        style = self.styles["fact_value"]
        size, leading = style.fontSize, style.leading
        label_width, value_width = 0.95 * inch, 2.15 * inch
        facts: list[Row] = []
        if data.statement_number:
            facts.append(("Statement no.", data.statement_number))
        facts.append(("Date issued", us_date(data.issued_on)))
        if data.period:
            first, last = data.period
            span = us_date(first) if first == last else f"{us_date(first)} – {us_date(last)}"
            facts.append(("Service dates", span))
        values = [self._cell(value, style, value_width - 6) for _, value in facts]
        heights = [_text_height(value, value_width - 6, leading) + 2 for value in values]
        width = self._width
        # A corrected statement says so under the subtitle, where the eye lands first.
        height = max(48 if data.replaces else 36, sum(heights)) + 6
        facts_left = width - label_width - value_width

        def draw(canvas: Canvas) -> None:
            canvas.setFillColor(self.accent)
            canvas.setFont(f.bold, 20)
            canvas.drawString(0, height - 20, "Superbill")
            canvas.setFillColor(self.muted)
            canvas.setFont(f.regular, 10)
            canvas.drawString(0, height - 33, "Itemized statement for insurance reimbursement")
            if data.replaces:
                canvas.setFillColor(self.accent)
                canvas.setFont(f.bold, 9.5)
                canvas.drawString(0, height - 46, f"Replaces superbill {_printed(data.replaces)}")
            top = height - 1
            for (label, _), value, row_height in zip(facts, values, heights, strict=True):
                canvas.setFillColor(self.muted)
                canvas.setFont(f.regular, size)
                canvas.drawRightString(facts_left + label_width - 3, top - size, label)
                canvas.setFillColor(colors.black)
                canvas.setFont(f.bold, size)
                _draw_text(canvas, facts_left + label_width + 3, top, value, size, leading)
                top -= row_height
            canvas.setStrokeColor(self.accent)
            canvas.setLineWidth(1.5)
            canvas.setLineCap(1)  # round, as table rules are
            canvas.line(0, 0, width, 0)

        return [_Block(width, height, draw), Spacer(1, 4)]

    def _panels(self, data: SuperbillData) -> list[Flowable]:
        """Two columns of labelled panels: who provided and who referred; who was treated and who pays."""
        gap = 0.25 * inch
        column = (self._width - gap) / 2
        provider_side = [self._panel("Provider", self._provider_rows(data), column)]
        provider_side += [
            self._panel("Referring provider", self._referrer_rows(p), column) for p in data.prescriptions()
        ]
        patient_side = [self._panel("Patient", self._patient_rows(data), column)]
        for coverage in data.coverages():
            rows = self._insurance_rows(data, coverage)
            if rows:
                patient_side.append(self._panel("Insurance", rows, column))
        side_by_side = self._side_by_side([provider_side, patient_side], column + gap)
        if side_by_side.height <= self._height * 0.85:
            return [side_by_side]
        # Values so long that the two columns would not fit on one page (the layout error ended the
        # render): the panels one under another at full width, free to continue on the next page.
        stacked: list[Flowable] = []
        for title, rows in self._panel_rows(data):
            stacked += [Spacer(1, 7), *self._panel_pieces(title, rows, self._width)]
        return stacked

    def _panel_pieces(self, title: str, rows: Sequence[Row], width: float) -> list[Flowable]:
        """The panel, or, when even at full width it is taller than a page, its rows in as many
        panels as it takes ("... (continued)"), each no taller than a page: a block never splits."""
        panel = self._panel(title, rows, width)
        room = self._height - 7  # below the spacer at the top of a page
        if panel.height <= room:
            return [panel]
        pieces: list[Flowable] = []
        first, heading = 0, title
        while first < len(rows):
            last = first + 1  # every row fits a page alone (see _cell)
            while last < len(rows) and self._panel(heading, rows[first : last + 1], width).height <= room:
                last += 1
            pieces.append(self._panel(heading, rows[first:last], width))
            first, heading = last, f"{title} (continued)"
        return pieces

    def _panel_rows(self, data: SuperbillData) -> list[tuple[str, list[Row]]]:
        panels = [("Provider", self._provider_rows(data))]
        panels += [("Referring provider", self._referrer_rows(p)) for p in data.prescriptions()]
        panels.append(("Patient", self._patient_rows(data)))
        panels += [("Insurance", rows) for c in data.coverages() if (rows := self._insurance_rows(data, c))]
        return panels

    def _side_by_side(self, columns: Sequence[Sequence[_Block]], pitch: float) -> _Block:
        """Columns `pitch` apart, each a stack of panels hung from the top, 7 pt between panels."""
        top_gap, between = 6, 7
        height = top_gap + max(sum(p.height for p in stack) + between * (len(stack) - 1) for stack in columns)

        def draw(canvas: Canvas) -> None:
            for index, stack in enumerate(columns):
                top = height - top_gap
                for panel in stack:
                    panel.drawOn(canvas, index * pitch, top - panel.height)
                    top -= panel.height + between

        return _Block(self._width, height, draw)

    def _panel(self, title: str, rows: Sequence[Row], width: float) -> _Block:
        """A titled list of label / value rows; the first value (who it is) in bold."""
        f = self.fonts
        style = self.styles["value"]
        size, leading = style.fontSize, style.leading
        label_width = 1.42 * inch  # "Relationship to insured" at 8 pt, and a gap
        value_width = width - label_width - 4
        title_height = 14  # a 12 pt line and 2 pt down to the rule
        first_gap, gap = 4.0, 0.6  # above a value: more under the rule, a little between rows
        values = [
            self._cell(value, self.styles["value_bold" if index == 0 else "value"], value_width)
            for index, (_, value) in enumerate(rows)
        ]
        heights = [
            _text_height(value, value_width, leading) + (first_gap if index == 0 else gap) + 0.6
            for index, value in enumerate(values)
        ]
        height = title_height + sum(heights)

        def draw(canvas: Canvas) -> None:
            canvas.setFillColor(self.accent)
            canvas.setFont(f.bold, 9.5)
            canvas.drawString(0, height - 9.5, title.upper())
            canvas.setStrokeColor(self.accent)
            canvas.setLineWidth(0.8)
            canvas.setLineCap(1)
            canvas.line(0, height - title_height, width, height - title_height)
            row_top = height - title_height
            for index, ((label, _), value, row_height) in enumerate(zip(rows, values, heights, strict=True)):
                top = row_top - (first_gap if index == 0 else gap)
                # labels are set smaller than values, on the same baseline
                canvas.setFillColor(self.muted)
                canvas.setFont(f.regular, self.label_size)
                canvas.drawString(0, top - size, label)
                canvas.setFillColor(colors.black)
                canvas.setFont(f.bold if index == 0 else f.regular, size)
                _draw_text(canvas, label_width, top, value, size, leading)
                row_top -= row_height

        return _Block(width, height, draw)

    def _cell(self, value: str | Sequence[str], style: ParagraphStyle, width: float) -> Flowable | str:
        """Plain text when every line fits the column (cheap to lay out), else a paragraph that wraps.

        `value` is stored text (one line, whatever it holds) or its lines; each line is printed as
        `_printed` shows it, so no stored character can break a line or the layout. A paragraph taller
        than CELL_SHARE_OF_PAGE of the page is cut short with "…": a table row or panel never outgrows a page.
        """
        lines = [_printed(line) for line in ((value,) if isinstance(value, str) else value)]
        if all(pdfmetrics.stringWidth(line, style.fontName, style.fontSize) <= width for line in lines):
            return "\n".join(lines)
        tallest = self._height * CELL_SHARE_OF_PAGE
        text = "\n".join(lines)
        while True:
            paragraph = Paragraph("<br/>".join(_text(line) for line in text.split("\n")), style)
            height = _text_height(paragraph, width, style.leading)
            if height <= tallest:
                return paragraph
            text = text[: int(len(text) * tallest / height * 0.95)].rstrip() + "…"

    def _provider_rows(self, data: SuperbillData) -> list[Row]:
        who = data.practitioner
        rows: list[Row] = [("Name", who.display_name)]
        if who.practice_name:
            rows.append(("Practice", who.practice_name))
        rows.append(("Address", _address(who.address)))
        rows.append(("Phone", format_phone(who.phone)))
        rows.append((INDIVIDUAL_NPI, who.npi))
        if who.organization_npi:
            rows.append((ORGANIZATION_NPI, who.organization_npi))
        if who.tax_id_type is TaxIdType.SSN:
            shown = who.tax_id if who.print_full_ssn else masked_ssn(who.tax_id)
            rows.append(("Tax ID (SSN)", shown))
        else:
            rows.append(("Tax ID (EIN)", who.tax_id))
        rows.append(("License no.", f"{who.license_number} ({who.license_state})"))
        if who.taxonomy:
            rows.append(("Taxonomy", f"{who.taxonomy} (Massage Therapist)"))
        # Billing under the organization's NPI, the therapist who treated is named (box 24J);
        # billing as themself, they are the billing provider too (box 33).
        if who.organization_npi:
            rows.append(("Rendering provider", who.display_name))
            rows.append(("Rendering NPI", who.npi))
        else:
            rows.append(("Rendering provider", SAME_AS_BILLING))
        rows.append(("Accept assignment", ACCEPT_ASSIGNMENT))
        return rows

    def _patient_rows(self, data: SuperbillData) -> list[Row]:
        patient = data.chart.patient
        rows: list[Row] = [
            ("Name", patient.full_name),
            ("Date of birth", us_date(patient.date_of_birth)),
        ]
        if patient.sex:
            rows.append(("Sex", _SEX.get(patient.sex.upper(), patient.sex)))
        if patient.address:
            rows.append(("Address", _address(patient.address)))
        if patient.phone:
            rows.append(("Phone", format_phone(patient.phone)))
        if patient.account_number:
            rows.append(("Account no.", patient.account_number))
        return rows

    def _insurance_rows(self, data: SuperbillData, coverage: Coverage) -> list[Row]:
        payer = data.payers.get(coverage.payer)
        if payer is None or payer.kind is PayerKind.SELF_PAY:
            return []
        rows: list[Row] = [("Payer", payer.name)]
        if payer.address:
            rows.append(("Payer address", _address(payer.address)))
        if payer.phone:
            rows.append(("Payer phone", format_phone(payer.phone)))
        rows.append(("Plan type", payer.kind.label))
        if coverage.member_id:
            rows.append(("Member ID", coverage.member_id))
        if coverage.group_number:
            rows.append(("Group no.", coverage.group_number))
        # CMS-1500 boxes 4, 11a and 6: who the insured is, always, and the patient's relationship to them.
        if coverage.relationship is Relationship.SELF:
            rows.append(("Insured's name", data.chart.patient.full_name))
        elif coverage.subscriber:
            rows.append(("Insured's name", coverage.subscriber.full_name))
            rows.append(("Insured's DOB", us_date(coverage.subscriber.date_of_birth)))
        rows.append(("Relationship to insured", _RELATIONSHIP[coverage.relationship]))
        if coverage.claim_number:
            rows.append(("Claim no.", coverage.claim_number))
        if coverage.injury_date:
            label = "Date of accident" if payer.kind is PayerKind.AUTO else "Date of injury"
            rows.append((label, us_date(coverage.injury_date)))
        if coverage.employer:
            rows.append(("Employer", coverage.employer))
        if coverage.accident_state:
            rows.append(("Accident state", coverage.accident_state))
        if coverage.adjuster:
            rows.append(("Adjuster", coverage.adjuster))
        if coverage.authorization_number:
            rows.append(("Prior auth. no.", coverage.authorization_number))
        return rows

    def _referrer_rows(self, prescription: Prescription) -> list[Row]:
        name = prescription.prescriber_name
        if prescription.prescriber_credentials:
            name = f"{name}, {prescription.prescriber_credentials}"
        rows: list[Row] = [("Name", name)]
        if prescription.prescriber_npi:
            rows.append(("NPI", prescription.prescriber_npi))
        rows.append(("Prescription date", us_date(prescription.written_on)))
        return rows

    def _diagnoses(self, data: SuperbillData, describe: Describe | None) -> list[Flowable]:
        codes = data.diagnoses()[: len(POINTER_LETTERS)]
        if not codes:
            return []
        widths = [0.45 * inch, 0.95 * inch, self._width - 1.4 * inch]
        rows: list[list[Flowable | str]] = [["Ptr", "ICD-10-CM", "Description"]]
        for letter, code in zip(POINTER_LETTERS, codes, strict=False):
            description = (describe(code) if describe else None) or ""
            rows.append(
                [
                    letter,
                    self._cell(code, self.styles["cell_bold"], widths[1] - 6),
                    self._cell(description, self.styles["cell"], widths[2] - 6),
                ]
            )
        table = Table(
            rows,
            colWidths=widths,
            repeatRows=1,
            style=[*self._grid_style(len(rows), center=[0]), ("FONTNAME", (1, 1), (1, -1), self.fonts.bold)],
        )
        return [*self._section("DIAGNOSES"), table]

    _SERVICE_COLUMNS = (  # heading, width in inches (None: what is left), alignment
        ("Date of service", 1.1, "LEFT"),
        ("POS", 0.4, "CENTER"),
        ("CPT", 0.55, "LEFT"),
        ("Mod.", 0.65, "LEFT"),
        ("Body region", None, "LEFT"),
        ("Dx ptr", 0.55, "CENTER"),
        ("Min.", 0.4, "RIGHT"),
        ("Units", 0.45, "RIGHT"),
        ("Fee / unit", 0.8, "RIGHT"),
        ("Charge", 0.85, "RIGHT"),
    )

    def _service_lines(self, data: SuperbillData) -> list[Flowable]:
        """One row per procedure per date, the header row repeated on every page the table runs onto."""
        columns = self._SERVICE_COLUMNS
        known = sum(width for _, width, _ in columns if width is not None) * inch
        widths = [width * inch if width is not None else self._width - known for _, width, _ in columns]
        priced = data.priced_lines()
        # Amounts in the millions take what their widest figure needs from the body region's column.
        fee_column, charge_column, region_column = 8, 9, 4
        amounts = {
            fee_column: [format_money(p.fee) for p in priced if p.fee is not None],
            charge_column: [format_money(p.charge) for p in priced] + [format_money(data.totals().charges)],
        }
        for column, figures in amounts.items():
            widest = max(
                (pdfmetrics.stringWidth(f, self.fonts.bold, self.table_size) for f in figures), default=0
            )
            if widest + 8 > widths[column]:
                widths[region_column] -= widest + 8 - widths[column]
                widths[column] = widest + 8
        rows: list[list[Flowable | str]] = [[heading for heading, _, _ in columns]]
        bands: list[int] = []  # rows of every other visit, shaded so a visit's lines read together
        visit_index = -1
        last_key: str | None = None
        for line in priced:
            if line.visit.key != last_key:
                visit_index += 1
                last_key = line.visit.key
            if visit_index % 2 == 1:
                bands.append(len(rows))
            rows.append(self._service_row(line, widths))
        if not priced:
            rows.append(["", "", "", "", "No services on this statement.", "", "", "", "", ""])
        charges = format_money(data.totals().charges)
        rows.append(["", "", "", "", "Total charges", "", "", "", "", charges])
        style = self._grid_style(
            len(rows) - 2,
            center=[i for i, (_, _, align) in enumerate(columns) if align == "CENTER"],
            right=[i for i, (_, _, align) in enumerate(columns) if align == "RIGHT"],
        )
        style += [("BACKGROUND", (0, r), (-1, r), self.band) for r in bands]
        style += [
            ("FONTNAME", (2, 1), (2, -2), self.fonts.bold),
            ("LINEABOVE", (0, -1), (-1, -1), 0.9, self.accent),
            ("FONTNAME", (0, -1), (-1, -1), self.fonts.bold),
        ]
        table = Table(rows, colWidths=widths, repeatRows=1, style=style)
        last_visit = [p for p in priced if p.visit.key == last_key]
        self._services_kept = (
            max(len(last_visit), 1) + 1
        )  # the last visit's lines (or the note) and the total
        return [*self._section("SERVICES"), table, *self._code_key(priced)]

    def _service_row(self, line: PricedLine, widths: Sequence[float]) -> list[Flowable | str]:
        s = self.styles
        timed = line.procedure.timed if line.procedure else line.line.minutes is not None
        minutes = str(line.line.minutes) if timed and line.line.minutes is not None else ""
        return [
            us_date(line.visit.date),
            self._cell(line.place_of_service, s["cell_center"], widths[1] - 6),
            self._cell(line.line.cpt, s["cell_bold"], widths[2] - 6),
            self._cell(" ".join(line.line.modifiers), s["cell"], widths[3] - 6),
            self._cell(line.line.body_region or "", s["cell"], widths[4] - 6),
            self._cell(",".join(line.pointers), s["cell_center"], widths[5] - 6),
            minutes,
            str(line.units),
            format_money(line.fee) if line.fee is not None else "–",
            format_money(line.charge),
        ]

    def _code_key(self, priced: Sequence[PricedLine]) -> list[Flowable]:
        """Each procedure code used, in our own words, and the place-of-service and modifier codes."""
        s = self.styles
        key_widths = [0.5 * inch, self._width - 1.9 * inch, 1.4 * inch]
        rows: list[list[Flowable | str]] = []
        for code in dict.fromkeys(p.line.cpt for p in priced):
            procedure = next(p.procedure for p in priced if p.line.cpt == code)
            if procedure is None:
                continue
            billed = "per 15-minute unit" if procedure.timed else "per session"
            rows.append(
                [
                    self._cell(code, s["cell_bold"], key_widths[0] - 6),
                    self._cell(procedure.description, s["cell"], key_widths[1] - 6),
                    billed,
                ]
            )
        places = sorted({p.place_of_service for p in priced})
        notes = [
            f"POS {_printed(code)}: {PLACES_OF_SERVICE.get(code, 'place of service')}" for code in places
        ]
        modifiers = sorted({m for p in priced for m in p.line.modifiers if m in KNOWN_MODIFIERS})
        notes += [f"Modifier {m}: {KNOWN_MODIFIERS[m].lower()}" for m in modifiers]
        notes.append("Dx ptr: the diagnosis letters above")
        legend = Paragraph(_text(". ".join(notes) + "."), s["small"])
        if not rows:
            return [Spacer(1, 3), legend]
        key = Table(
            rows,
            colWidths=key_widths,
            hAlign="LEFT",
            style=[
                ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
                ("FONTNAME", (0, 0), (0, -1), self.fonts.bold),
                ("FONTSIZE", (0, 0), (-1, -1), self.table_size),
                ("LEADING", (0, 0), (-1, -1), self.table_leading),
                ("TEXTCOLOR", (2, 0), (2, -1), self.muted),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ],
        )
        return [Spacer(1, 4), key, Spacer(1, 2), legend]

    def _payments_and_balance(self, data: SuperbillData) -> list[Flowable]:
        """Each payment received, then the balance worked out from the total charges."""
        s = self.styles
        totals = data.totals()
        # the first two columns hold "Paid in full..." in two lines beside the figures
        widths = [1.0 * inch, 1.55 * inch, self._width - 3.55 * inch, 1.0 * inch]
        summary = [
            ("Total charges", format_money(totals.charges)),
            ("Payments received", format_money(-totals.payments) if totals.payments else format_money(0)),
            ("Balance due", format_money(max(totals.balance, 0))),
        ]
        if totals.balance < 0:
            summary.append(("Credit on account", format_money(-totals.balance)))
        # Millions of dollars of charges ran the total left over its label: the amounts column takes
        # what its widest figure (bold on the balance row) needs, from the reference column.
        widest = max(pdfmetrics.stringWidth(amount, self.fonts.bold, 8.5) for _, amount in summary) + 8
        if widest > widths[3]:
            widths[2] -= widest - widths[3]
            widths[3] = widest
        rows: list[list[Flowable | str]] = [["Payment date", "Method", "Reference", "Amount"]]
        for payment in sorted(data.payments, key=lambda p: p.date):
            rows.append(
                [
                    us_date(payment.date),
                    payment.method.label,
                    self._cell(payment.reference or "", s["cell"], widths[2] - 6),
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
        style = self._grid_style(body_end, right=[3])
        style += [
            ("ALIGN", (2, first_sum), (2, -1), "RIGHT"),
            ("LINEABOVE", (2, first_sum), (-1, first_sum), 0.9, self.accent),
            ("FONTNAME", (2, balance_row), (-1, balance_row), self.fonts.bold),
            ("FONTSIZE", (2, balance_row), (-1, balance_row), 8.5),
            ("BACKGROUND", (2, balance_row), (-1, balance_row), self.band),
            ("LINEABOVE", (2, balance_row), (-1, balance_row), 0.6, self.accent),
            ("SPAN", (0, first_sum), (1, -1)),
            ("VALIGN", (0, first_sum), (1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, first_sum), (1, -1), 0),
            ("RIGHTPADDING", (0, first_sum), (1, -1), 10),
            # the last payment travels with the totals, so a page never ends on a lone header row
            ("NOSPLIT", (0, body_end), (-1, -1)),
        ]
        if not data.payments:
            style += [("SPAN", (0, 1), (2, 1)), ("TEXTCOLOR", (0, 1), (0, 1), self.muted)]
        table = Table(rows, colWidths=widths, repeatRows=1, style=style)
        self._payments_kept = len(rows) - body_end  # the last payment (or the note) and the figures
        return [*self._section("PAYMENTS AND BALANCE", needs=1.5 * inch), table]

    def _statements(self, data: SuperbillData) -> list[Flowable]:
        """The patient's release and the provider's certification, side by side, each over its signature.

        Each side: the heading, the statement, room for a signature, then a signature line, a gap and a
        date line, labelled beneath; the provider's side carries the signature on file and the issue date.
        """
        s = self.styles
        f = self.fonts
        who = data.practitioner
        middle = 0.3 * inch
        column = (self._width - middle) / 2
        date_width, gap = 1.0 * inch, 0.2 * inch
        line_width = column - date_width - gap
        patient_left, provider_left = 0.0, column + middle
        statement = s["statement"]
        # fixed wording with no long words: plain lines, split where a paragraph would split them
        texts = [
            "\n".join(simpleSplit(text, statement.fontName, statement.fontSize, column))
            for text in (PATIENT_AUTHORIZATION, PROVIDER_CERTIFICATION)
        ]
        signature = self._signature_image(who.signature_png) if who.signature_png else None
        signer = self._cell(who.display_name, s["small"], line_width)
        date_style, label_style = s["body"], s["small"]
        heading_height = 17  # a 12 pt line, 3 pt above and 2 below
        text_height = max(_text_height(text, column, statement.leading) for text in texts) + 2
        signature_height = self.signature_box[1]
        date_height = date_style.leading + 2
        label_height = _text_height(signer, line_width, label_style.leading) + 2
        height = heading_height + text_height + signature_height + date_height + label_height

        def draw(canvas: Canvas) -> None:
            top = height
            canvas.setFillColor(self.accent)
            canvas.setFont(f.bold, 9.5)
            canvas.drawString(patient_left, top - 12.5, "PATIENT AUTHORIZATION")
            canvas.drawString(provider_left, top - 12.5, "PROVIDER CERTIFICATION")
            top -= heading_height
            canvas.setFillColor(colors.black)
            canvas.setFont(statement.fontName, statement.fontSize)
            for left, text in zip((patient_left, provider_left), texts, strict=True):
                _draw_text(canvas, left, top - 1, text, statement.fontSize, statement.leading)
            top -= text_height + signature_height
            if signature is not None:
                signature.drawOn(canvas, provider_left, top + 1)
            canvas.setFillColor(colors.black)
            canvas.setFont(f.regular, date_style.fontSize)
            # the issue date sits on the provider's date line
            canvas.drawString(
                provider_left + line_width + gap, top - date_height + 3.125, us_date(data.issued_on)
            )
            top -= date_height
            canvas.setStrokeColor(colors.black)
            canvas.setLineWidth(0.7)
            canvas.setLineCap(1)
            canvas.setFillColor(self.muted)
            canvas.setFont(f.regular, label_style.fontSize)
            baseline = top - label_height + 3
            patient_signs = GUARDIAN_MAY_SIGN if data.patient_is_minor else PATIENT_SIGNS
            for left, label in ((patient_left, patient_signs), (provider_left, signer)):
                canvas.line(left, top, left + line_width, top)
                canvas.line(left + line_width + gap, top, left + line_width + gap + date_width, top)
                if isinstance(label, str):
                    canvas.drawString(left, baseline, label)
                else:
                    label.drawOn(canvas, left, top - label_height + 1)
                canvas.drawString(left + line_width + gap, baseline, "Date")

        return [Spacer(1, 9), _Block(self._width, height, draw)]

    def _signature_image(self, png: bytes) -> Flowable:
        try:
            reader = ImageReader(io.BytesIO(png))
            width, height = reader.getSize()
        except OSError as error:
            raise SignatureImageError(
                "The signature image on file cannot be read; choose the image again in the practice settings."
            ) from error
        box_w, box_h = self.signature_box
        scale = min(box_w / width, box_h / height)
        image = Image(io.BytesIO(png), width=width * scale, height=height * scale)
        image.hAlign = "LEFT"
        return image

    def _section(self, title: str, *, needs: float = 1.1 * inch) -> list[Flowable]:
        """A section heading that starts a new page rather than sit alone at the foot of one."""
        style = self.styles["section"]

        def draw(canvas: Canvas) -> None:
            canvas.setFillColor(style.textColor)
            canvas.setFont(style.fontName, style.fontSize)
            canvas.drawString(0, style.leading - style.fontSize, title)

        heading = _Block(
            self._width, style.leading, draw, space_before=style.spaceBefore, space_after=style.spaceAfter
        )
        return [CondPageBreak(needs), heading]

    def _grid_style(
        self, last_body_row: int, *, center: Sequence[int] = (), right: Sequence[int] = ()
    ) -> list[tuple[Any, ...]]:
        """The look shared by every table: a coloured header row, hairlines between body rows."""
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
            ("FONTSIZE", (0, 0), (-1, -1), self.table_size),
            ("LEADING", (0, 0), (-1, -1), self.table_leading),
            ("FONTNAME", (0, 0), (-1, 0), self.fonts.bold),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("BACKGROUND", (0, 0), (-1, 0), self.accent),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.0),
            ("TOPPADDING", (0, 0), (-1, 0), 3),
            ("LINEBELOW", (0, 1), (-1, last_body_row), 0.3, self.rule),
        ]
        commands += [("ALIGN", (c, 0), (c, -1), "CENTER") for c in center]
        commands += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
        return commands

    # -- page furniture ---------------------------------------------------------

    def _decorate(self, canvas: Canvas, data: SuperbillData, draft: bool, page: int, pages: int) -> None:
        """Drawn on every page once the page count is known: footer, page number, running head, watermark."""
        width, height = canvas._pagesize
        left, right = self.margin, width - self.margin
        f = self.fonts
        patient = data.chart.patient
        name = _printed(patient.full_name)
        reference = "Superbill" + (f" {_printed(data.statement_number)}" if data.statement_number else "")
        dob = f", DOB {us_date(patient.date_of_birth)}"
        page_label = f"Page {page} of {pages}"  # once, in the footer: the running head does not repeat it
        size = self.label_size
        # what identifies the page must never run into the page number
        room = right - left - pdfmetrics.stringWidth(page_label, f.bold, size) - 18
        canvas.saveState()
        if page > 1:
            top = height - self.top_margin + 14
            canvas.setFont(f.regular, size)
            canvas.setFillColor(self.muted)
            lead = f"{reference} (continued) · "
            canvas.drawString(left, top, _fit_middle(lead, name, dob, f.regular, size, right - left))
            canvas.setStrokeColor(self.rule)
            canvas.setLineWidth(0.5)
            canvas.line(left, top - 4, right, top - 4)
        base = self.bottom_margin - 20
        canvas.setStrokeColor(self.rule)
        canvas.setLineWidth(0.5)
        canvas.line(left, base + 10, right, base + 10)
        canvas.setFillColor(self.muted)
        canvas.setFont(f.regular, size)
        y = base
        for text_line in simpleSplit(CONFIDENTIALITY, f.regular, size, right - left):
            canvas.drawString(left, y, text_line)
            y -= size + 1.5
        canvas.setFont(f.regular, size)
        lead = f"{reference} · "
        canvas.drawString(left, y - 3, _fit_middle(lead, name, dob, f.regular, size, room))
        canvas.setFont(f.bold, size)
        canvas.setFillColor(self.accent)
        canvas.drawRightString(right, y - 3, page_label)
        if draft:
            canvas.setFillColor(self.watermark_color)
            canvas.setFont(f.bold, 46)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(50)
            canvas.drawCentredString(0, -16, DRAFT_WATERMARK)
        canvas.restoreState()


class _KeepWithEnd(Flowable):  # type: ignore[misc]
    """A table that may run over pages, whose last `keep` rows never part from what follows it.

    `lead` (a heading) goes first; `tail` follows the table and goes with its last rows as a whole.
    When all of it fits where it stands it is drawn as one block (each part wrapped once); else it
    splits, cutting the table where the rows left for the next page still carry the tail.
    """

    def __init__(
        self, lead: list[Flowable], table: Table, keep: int, tail: list[Flowable], frame_height: float
    ) -> None:
        super().__init__()
        self.lead, self.table, self.keep, self.tail = lead, table, keep, tail
        self.frame_height = frame_height
        self._laid_out: list[tuple[Flowable, float, float, float]] = []  # part, space before, height, after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._laid_out = [
            (f, float(f.getSpaceBefore()), float(f.wrap(availWidth, 1e6)[1]), float(f.getSpaceAfter()))
            for f in (*self.lead, self.table, *self.tail)
        ]
        self.width = availWidth
        self.height = sum(before + height + after for _, before, height, after in self._laid_out)
        return self.width, self.height

    def draw(self) -> None:
        top = self.height
        for part, before, height, after in self._laid_out:
            top -= before
            part.drawOn(self.canv, 0, top - height)
            top -= height + after

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        whole = [*self.lead, self.table, *self.tail]
        heights = [before + height + after for _, before, height, after in self._laid_out]
        lead, tail = sum(heights[: len(self.lead)]), sum(heights[len(self.lead) + 1 :])
        rows: list[float] = list(self.table._rowHeights)
        header = self.table.repeatRows
        if lead + sum(rows[:header]) + sum(rows[-self.keep :]) + tail > self.frame_height:
            return whole  # the end could never fit one page: laid out as it comes
        at_top = availHeight >= self.frame_height - 1 or getattr(self, "_postponed", False)
        room = availHeight - lead
        cut = len(rows) - self.keep  # rows before the cut stay on this page, the rest go with the tail
        while cut > header and sum(rows[:cut]) > room:
            cut -= 1
        if cut <= header:
            return whole if at_top else []  # [] starts it all on the next page
        pieces = self.table.split(availWidth, sum(rows[:cut]) + 0.001)
        if len(pieces) != 2:
            return whole
        return [*self.lead, pieces[0], _KeepWithEnd([], pieces[1], self.keep, self.tail, self.frame_height)]


class _Block(Flowable):  # type: ignore[misc]
    """A block of fixed size that the renderer lays out itself and draws straight on the canvas.

    For the parts that need nothing a table gives (no grid, no page splits): the heading, the people
    panels, the section titles and the statements. As tables and paragraphs they cost more to lay
    out than all the rest of a one-visit superbill.
    """

    def __init__(
        self,
        width: float,
        height: float,
        draw: Callable[[Canvas], None],
        *,
        space_before: float = 0,
        space_after: float = 0,
    ) -> None:
        super().__init__()
        self.width = width
        self.height = height
        self.spaceBefore = space_before  # dropped at the top of a page, as for a paragraph
        self.spaceAfter = space_after
        self._draw_block = draw

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self._draw_block(self.canv)


def _text_height(value: Flowable | str, width: float, leading: float) -> float:
    """The height of a `_cell` value: its lines of plain text, or the paragraph wrapped to `width`."""
    if isinstance(value, str):
        return leading * (value.count("\n") + 1)
    return float(value.wrap(width, 1e6)[1])


def _draw_text(
    canvas: Canvas, x: float, top: float, value: Flowable | str, size: float, leading: float
) -> None:
    """A `_cell` value hung from `top`: plain lines in the canvas's current font, or the wrapped paragraph."""
    if isinstance(value, str):
        y = top - size
        for line in value.split("\n"):
            canvas.drawString(x, y, line)
            y -= leading
    else:
        value.drawOn(canvas, x, top - value.height)


def _fit_middle(lead: str, middle: str, tail: str, font: str, size: float, width: float) -> str:
    """lead + middle + tail, the middle cut short with an ellipsis when the whole is wider than `width`."""
    text = lead + middle + tail
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while middle and pdfmetrics.stringWidth(lead + middle + "…" + tail, font, size) > width:
        middle = middle[:-1]
    return lead + middle.rstrip() + "…" + tail


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page until the document ends, so each can say "Page X of Y"."""

    def __init__(self, *args: Any, decorate: Callable[[Canvas, int, int], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decorate_page = decorate
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._decorate_page(self, number, total)
            super().showPage()
        super().save()
