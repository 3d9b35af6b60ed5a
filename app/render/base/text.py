"""Stored text as the documents print it: one line, never longer than the page can take."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from app.domain.characters import printed_line

# Stored text longer than this (only an older version could have saved it) is cut short with "…".
LONGEST_PRINTED = 1000


def printed(text: str) -> str:
    """Stored text as printed: one line, control characters shown as \ufffd, cut at LONGEST_PRINTED."""
    text = printed_line(text)
    return text if len(text) <= LONGEST_PRINTED else text[: LONGEST_PRINTED - 1] + "…"


def markup(value: str) -> str:
    """Text made safe for paragraph markup (an "&" in a payer's name must print as "&")."""
    return escape(value)


def fit_line(text: str, font: str, size: float, width: float) -> str:
    """Stored `text` on one line within `width`: cut with "…" when longer."""
    text = printed_line(text)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[: max(len(text) * 9 // 10, len(text) - 8) if len(text) > 20 else len(text) - 1]
    return text + "…"


def fit_middle(lead: str, middle: str, tail: str, font: str, size: float, width: float) -> str:
    """lead + middle + tail, the middle cut short with an ellipsis when the whole is wider than `width`."""
    text = lead + middle + tail
    if stringWidth(text, font, size) <= width:
        return text
    while middle and stringWidth(lead + middle + "…" + tail, font, size) > width:
        middle = middle[:-1]
    return lead + middle.rstrip() + "…" + tail
