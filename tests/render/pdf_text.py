"""Reading a rendered superbill back the way a claims desk would: its pages, lines and text."""

from __future__ import annotations

import io
import re

from pypdf import PageObject, PdfReader


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_lines(pdf: bytes) -> list[list[str]]:
    """Each page's text as printed lines (table rows read left to right), runs of spaces collapsed."""
    pages = []
    for page in reader(pdf).pages:
        text = page.extract_text(extraction_mode="layout")
        lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
        pages.append([line for line in lines if line])
    return pages


def lines(pdf: bytes) -> list[str]:
    return [line for page in page_lines(pdf) for line in page]


def plain_text(pdf: bytes) -> str:
    """All the text in reading order, whitespace (line breaks in wrapped text too) collapsed to one space."""
    text = " ".join(page.extract_text() for page in reader(pdf).pages)
    return re.sub(r"\s+", " ", text)


def has_line(pdf: bytes, line: str) -> bool:
    return line in lines(pdf)


def text_right_edges(pdf: bytes) -> list[list[tuple[str, float]]]:
    """Each page's pieces of text with the x where each ends, measured with the embedded faces' metrics."""
    from reportlab.pdfbase import pdfmetrics

    from app.render.fonts import document_fonts

    fonts = document_fonts()
    by_base_font = {
        "DejaVuSans": fonts.regular,
        "DejaVuSans-Bold": fonts.bold,
    }

    def measure_page(page: PageObject) -> list[tuple[str, float]]:
        pieces: list[tuple[str, float]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if not text.strip() or not isinstance(font, dict):
                return
            base = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
            name = by_base_font.get(base)
            if name is None:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            scale = tm[0] * cm[0]
            pieces.append((text.strip(), x + pdfmetrics.stringWidth(text.rstrip(), name, size) * scale))

        page.extract_text(visitor_text=visit)
        return pieces

    return [measure_page(page) for page in reader(pdf).pages]
