"""The practice's papers look alike: one set of colours, type sizes and paragraph styles.

Read on a fax or a phone photo: table text at 8.5 pt, nothing under 8 pt on the superbill, every
colour of text at least 7:1 against white (WCAG AAA).
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from app.render.fonts import FontSet

ACCENT = colors.HexColor("#1F4E5F")
RULE = colors.HexColor("#B8C7CE")
BAND = colors.HexColor("#EDF2F4")
MUTED = colors.HexColor("#46555C")  # 7.7:1 against white
WATERMARK = colors.Color(0.78, 0.1, 0.1, alpha=0.2)

BASE_SIZE = 8.5
TABLE_SIZE, TABLE_LEADING = 8.5, 10.2
LABEL_SIZE = 8.0


def stylesheet(fonts: FontSet) -> dict[str, ParagraphStyle]:
    """Paragraph styles; text that never wraps is set as plain table cells with the same sizes."""
    f = fonts
    size = BASE_SIZE
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
            textColor=ACCENT,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "value": body,
        "value_bold": ParagraphStyle("value_bold", parent=body, fontName=f.bold),
        "fact_value": ParagraphStyle("fact_value", parent=body, fontName=f.bold),
        "cell": ParagraphStyle("cell", parent=body, fontSize=TABLE_SIZE, leading=TABLE_LEADING),
        "cell_bold": ParagraphStyle(
            "cell_bold",
            parent=body,
            fontName=f.bold,
            fontSize=TABLE_SIZE,
            leading=TABLE_LEADING,
        ),
        "cell_center": ParagraphStyle(
            "cell_center",
            parent=body,
            fontSize=TABLE_SIZE,
            leading=TABLE_LEADING,
            alignment=TA_CENTER,
        ),
        "statement": ParagraphStyle("statement", parent=body, fontSize=LABEL_SIZE, leading=10.2),
        "paid": ParagraphStyle(
            "paid", parent=body, fontName=f.bold, fontSize=9, leading=11.5, textColor=ACCENT
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=LABEL_SIZE, leading=10, textColor=MUTED),
    }
