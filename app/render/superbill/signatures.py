"""The superbill's signature blocks: the patient's release and the provider's certification, side by
side, each over its signature and date lines; the provider's carries the signature image on file."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, Spacer

from app.domain.dates import us_date
from app.domain.superbill import SuperbillData
from app.render.base.blocks import Block, draw_text, text_height
from app.render.base.look import ACCENT, MUTED
from app.render.base.sheet import Sheet
from app.render.superbill.wording import (
    GUARDIAN_MAY_SIGN,
    PATIENT_AUTHORIZATION,
    PATIENT_SIGNS,
    PROVIDER_CERTIFICATION,
)

SIGNATURE_BOX = (2.4 * inch, 0.42 * inch)


class SignatureImageError(ValueError):
    """The signature image on file is not a readable PNG or JPEG."""


def signatures(sheet: Sheet, data: SuperbillData) -> list[Flowable]:
    """Each side: the heading, the statement, room for a signature, then a signature line, a gap and a
    date line, labelled beneath; the provider's side carries the signature on file and the issue date.
    """
    s = sheet.styles
    f = sheet.fonts
    who = data.practitioner
    middle = 0.3 * inch
    column = (sheet.width - middle) / 2
    date_width, gap = 1.0 * inch, 0.2 * inch
    line_width = column - date_width - gap
    patient_left, provider_left = 0.0, column + middle
    statement = s["statement"]
    # fixed wording with no long words: plain lines, split where a paragraph would split them
    texts = [
        "\n".join(simpleSplit(text, statement.fontName, statement.fontSize, column))
        for text in (PATIENT_AUTHORIZATION, PROVIDER_CERTIFICATION)
    ]
    signature = signature_image(who.signature_png) if who.signature_png else None
    signer = sheet.cell(who.display_name, s["small"], line_width)
    date_style, label_style = s["body"], s["small"]
    heading_height = 17  # a 12 pt line, 3 pt above and 2 below
    text_h = max(text_height(text, column, statement.leading) for text in texts) + 2
    signature_height = SIGNATURE_BOX[1]
    date_height = date_style.leading + 2
    label_height = text_height(signer, line_width, label_style.leading) + 2
    height = heading_height + text_h + signature_height + date_height + label_height

    def draw(canvas: Canvas) -> None:
        top = height
        canvas.setFillColor(ACCENT)
        canvas.setFont(f.bold, 9.5)
        canvas.drawString(patient_left, top - 12.5, "PATIENT AUTHORIZATION")
        canvas.drawString(provider_left, top - 12.5, "PROVIDER CERTIFICATION")
        top -= heading_height
        canvas.setFillColor(colors.black)
        canvas.setFont(statement.fontName, statement.fontSize)
        for left, text in zip((patient_left, provider_left), texts, strict=True):
            draw_text(canvas, left, top - 1, text, statement.fontSize, statement.leading)
        top -= text_h + signature_height
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
        canvas.setFillColor(MUTED)
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

    return [Spacer(1, 9), Block(sheet.width, height, draw)]


def signature_image(png: bytes) -> Flowable:
    """The signature on file, scaled to fit SIGNATURE_BOX."""
    try:
        reader = ImageReader(io.BytesIO(png))
        width, height = reader.getSize()
    except OSError as error:
        raise SignatureImageError(
            "The signature image on file cannot be read; choose the image again in the practice settings."
        ) from error
    box_w, box_h = SIGNATURE_BOX
    scale = min(box_w / width, box_h / height)
    image = Image(io.BytesIO(png), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image
