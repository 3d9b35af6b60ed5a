"""Reading a superbill back by position with pdfplumber: printed lines, what sits beside a label, sizes, colours."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber

WATERMARK_SIZE = 30  # the draft watermark is set far larger than any text; it is not read as text here


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float


@dataclass(frozen=True)
class Char:
    text: str
    size: float
    color: tuple[float, ...]
    top: float
    x0: float


@dataclass(frozen=True)
class Page:
    words: tuple[Word, ...]  # without a draft's watermark
    chars: tuple[Char, ...]

    @property
    def text(self) -> str:
        """The page's printed lines, top to bottom, without a draft's watermark."""
        return "\n".join(self.line_texts())

    def lines(self) -> list[list[Word]]:
        """Words on the same baseline (within 1.5 pt), top of the page first, left to right."""
        rows: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: (round(w.top), w.x0)):
            if rows and abs(rows[-1][0].top - word.top) < 1.5:
                rows[-1].append(word)
            else:
                rows.append([word])
        return [sorted(row, key=lambda w: w.x0) for row in rows]

    def line_texts(self) -> list[str]:
        return [" ".join(w.text for w in row) for row in self.lines()]


def pages(pdf: bytes) -> list[Page]:
    result = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for whole in document.pages:
            page = whole.filter(_not_watermark)
            words = tuple(
                Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"])) for w in page.extract_words()
            )
            chars = tuple(
                Char(
                    c["text"],
                    float(c["size"]),
                    _rgb(c.get("non_stroking_color")),
                    float(c["top"]),
                    float(c["x0"]),
                )
                for c in page.chars
                if c["text"].strip()
            )
            result.append(Page(words, chars))
    return result


def _not_watermark(obj: dict[str, object]) -> bool:
    return obj.get("object_type") != "char" or float(str(obj.get("size", 0))) < WATERMARK_SIZE


def _rgb(color: object) -> tuple[float, ...]:
    if color is None:
        return (0.0, 0.0, 0.0)
    values = tuple(float(v) for v in (color if isinstance(color, (tuple, list)) else (color,)))
    if len(values) == 1:
        return values * 3
    if len(values) == 4:  # CMYK
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return values[:3]


def contrast_with_white(color: tuple[float, ...]) -> float:
    """WCAG 2 contrast ratio of a colour against white."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in color[:3])
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


def beside(page: Page, label: str, *, gap: float = 30) -> str | None:
    """The text printed to the right of `label` on the same line, up to the next wide gap (a column)."""
    wanted = label.split()
    for row in page.lines():
        texts = [w.text for w in row]
        for start in range(len(row) - len(wanted) + 1):
            if texts[start : start + len(wanted)] != wanted:
                continue
            value: list[Word] = []
            previous = row[start + len(wanted) - 1]
            for word in row[start + len(wanted) :]:
                if value and word.x0 - previous.x1 > gap:
                    break
                value.append(word)
                previous = word
            return " ".join(w.text for w in value)
    return None
