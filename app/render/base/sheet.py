"""A Platypus page's frame and what a layout sets in it: cells that never outgrow a page, section
headings that never sit alone at a page's foot, and the grid every table shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from app.render.base.blocks import Block, text_height
from app.render.base.look import ACCENT, RULE, TABLE_LEADING, TABLE_SIZE
from app.render.base.text import markup, printed
from app.render.fonts import FontSet

# A cell whose text would still wrap to more than this share of the page is cut to fit it.
CELL_SHARE_OF_PAGE = 0.3


class Sheet:
    """The frame one document is laid out against (`width` by `height` points), its faces and styles."""

    def __init__(
        self, fonts: FontSet, styles: dict[str, ParagraphStyle], width: float, height: float
    ) -> None:
        self.fonts, self.styles = fonts, styles
        self.width, self.height = width, height

    def cell(self, value: str | Sequence[str], style: ParagraphStyle, width: float) -> Flowable | str:
        """Plain text when every line fits the column (cheap to lay out), else a paragraph that wraps.

        `value` is stored text (one line, whatever it holds) or its lines; each line is printed as
        `printed` shows it, so no stored character can break a line or the layout. A paragraph taller
        than CELL_SHARE_OF_PAGE of the page is cut short with "…": a table row or panel never outgrows a page.
        """
        lines = [printed(line) for line in ((value,) if isinstance(value, str) else value)]
        if all(pdfmetrics.stringWidth(line, style.fontName, style.fontSize) <= width for line in lines):
            return "\n".join(lines)
        tallest = self.height * CELL_SHARE_OF_PAGE
        text = "\n".join(lines)
        while True:
            paragraph = Paragraph("<br/>".join(markup(line) for line in text.split("\n")), style)
            height = text_height(paragraph, width, style.leading)
            if height <= tallest:
                return paragraph
            text = text[: int(len(text) * tallest / height * 0.95)].rstrip() + "…"

    def section(self, title: str, *, needs: float = 1.1 * inch) -> list[Flowable]:
        """A section heading that starts a new page rather than sit alone at the foot of one."""
        style = self.styles["section"]

        def draw(canvas: Canvas) -> None:
            canvas.setFillColor(style.textColor)
            canvas.setFont(style.fontName, style.fontSize)
            canvas.drawString(0, style.leading - style.fontSize, title)

        heading = Block(
            self.width, style.leading, draw, space_before=style.spaceBefore, space_after=style.spaceAfter
        )
        return [CondPageBreak(needs), heading]

    def grid_style(
        self, last_body_row: int, *, center: Sequence[int] = (), right: Sequence[int] = ()
    ) -> list[tuple[Any, ...]]:
        """The look shared by every table: a coloured header row, hairlines between body rows."""
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
            ("FONTSIZE", (0, 0), (-1, -1), TABLE_SIZE),
            ("LEADING", (0, 0), (-1, -1), TABLE_LEADING),
            ("FONTNAME", (0, 0), (-1, 0), self.fonts.bold),
            ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.0),
            ("TOPPADDING", (0, 0), (-1, 0), 3),
            ("LINEBELOW", (0, 1), (-1, last_body_row), 0.3, RULE),
        ]
        commands += [("ALIGN", (c, 0), (c, -1), "CENTER") for c in center]
        commands += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
        return commands
