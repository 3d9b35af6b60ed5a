"""Flowables the layouts build with: a block drawn straight on the canvas, and a table that keeps its end
with what follows it."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table


class Block(Flowable):  # type: ignore[misc]
    """A block of fixed size that the layout lays out itself and draws straight on the canvas.

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


class KeepWithEnd(Flowable):  # type: ignore[misc]
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
        return [*self.lead, pieces[0], KeepWithEnd([], pieces[1], self.keep, self.tail, self.frame_height)]


def text_height(value: Flowable | str, width: float, leading: float) -> float:
    """The height of a cell value (Sheet.cell): its lines of plain text, or the paragraph wrapped to `width`."""
    if isinstance(value, str):
        return leading * (value.count("\n") + 1)
    return float(value.wrap(width, 1e6)[1])


def draw_text(
    canvas: Canvas, x: float, top: float, value: Flowable | str, size: float, leading: float
) -> None:
    """A cell value hung from `top`: plain lines in the canvas's current font, or the wrapped paragraph."""
    if isinstance(value, str):
        y = top - size
        for line in value.split("\n"):
            canvas.drawString(x, y, line)
            y -= leading
    else:
        value.drawOn(canvas, x, top - value.height)
