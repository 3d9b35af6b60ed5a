"""The year-end statement's page grid: margins, the row height, the table's columns."""

from __future__ import annotations

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch

PAGE_WIDTH, PAGE_HEIGHT = LETTER
MARGIN = 0.6 * inch
LEFT, RIGHT = MARGIN, PAGE_WIDTH - MARGIN
ROW = 11.0  # points per table row
FOOTER = 0.8 * inch  # room kept at the foot of every page
# The table's columns: (title, width in points, right-aligned)
COLUMNS = (
    ("Date", 66.0, False),
    ("Services (CPT x units)", 136.0, False),
    ("Diagnoses", 92.0, False),
    ("Charged", 58.0, True),
    ("Paid", 58.0, True),
    ("Submitted on", 0.0, False),  # the rest of the line
)


def positions() -> list[tuple[float, float, bool]]:
    """Each column's left edge, width and alignment."""
    placed, x = [], LEFT
    for _title, width, at_right in COLUMNS:
        w = width or RIGHT - x
        placed.append((x, w, at_right))
        x += w
    return placed


def table_top(top: float) -> float:
    """Where the table starts on the first page, below its head."""
    return top - 188
