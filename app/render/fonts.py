"""The shipped DejaVu Sans faces, registered with reportlab once per process.

The PDF core fonts cover Latin-1 only; patient names are printed exactly as
entered in any script, so the documents use an embedded TrueType font
(reportlab embeds only the glyphs a document uses). Two faces only: each
face embedded costs a font subset in every document, in size and in time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app.resources import resource_path


@dataclass(frozen=True)
class FontSet:
    """reportlab names of the registered faces."""

    regular: str
    bold: str


_FACES = {
    "SuperbillSans": "DejaVuSans.ttf",
    "SuperbillSans-Bold": "DejaVuSans-Bold.ttf",
}


@cache
def document_fonts() -> FontSet:
    """Register the faces on first use (parsing a TTF takes tens of milliseconds) and name them."""
    for name, filename in _FACES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    fonts = FontSet(regular="SuperbillSans", bold="SuperbillSans-Bold")
    # <b> in a paragraph picks the bold face; there is no italic, so <i> keeps the upright one.
    addMapping(fonts.regular, 0, 0, fonts.regular)
    addMapping(fonts.regular, 1, 0, fonts.bold)
    addMapping(fonts.regular, 0, 1, fonts.regular)
    addMapping(fonts.regular, 1, 1, fonts.bold)
    return fonts
