"""Page furniture every document shares: "Page X of Y" and the draft watermark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from app.render.base.look import WATERMARK
from app.render.base.wording import DRAFT_WATERMARK
from app.render.fonts import FontSet


def page_label(page: int, pages: int) -> str:
    return f"Page {page} of {pages}"


def draw_watermark(canvas: Canvas, fonts: FontSet, width: float, height: float) -> None:
    """DRAFT across the middle of the page, on the slant; the caller saves and restores the state."""
    canvas.setFillColor(WATERMARK)
    canvas.setFont(fonts.bold, 46)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, -16, DRAFT_WATERMARK)


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page until the document ends, so each can say "Page X of Y".

    `decorate(canvas, page, pages)` draws the furniture on each page once the count is known.
    """

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
