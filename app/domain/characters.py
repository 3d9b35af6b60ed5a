"""Which characters a stored text may hold, and how stored text is shown on a page or a terminal.

One rule for every field of every record (app.domain.text_limits applies it with the length limits,
where records are saved, so the practice file, the app's forms and the store all use it):

- Single-line fields (names, addresses, IDs, employer, phone ...) refuse line breaks (CR, LF,
  VT, FF, NEL, U+2028, U+2029), tabs (a tab pasted from a spreadsheet cell is a field boundary,
  not part of a name; we refuse it rather than guess), every other control character (C0, DEL, C1),
  text-direction controls that make text print in another order than it reads (U+202A-U+202E,
  U+2066-U+2069) and direction marks (U+061C, U+200E, U+200F), unassigned and private-use
  characters, lone surrogates, invisible format characters (zero-width space, soft hyphen, word
  joiner, BOM; the zero-width joiner and non-joiner are spelling and stay), and values made only
  of invisible characters (spaces, zero-width and format characters, combining marks with nothing
  to sit on).
- Multi-line fields (a prescription's notes) keep their line breaks, written as LF whatever the
  keyboard or file used (CRLF, CR, U+2028, U+2029, NEL); tabs and invisible format characters are
  kept (notes pasted from elsewhere carry them); the rest is refused as above.

Text saved by an older version may still hold any of these: `printed_line` and `terminal_text`
show it safely on a superbill and on a terminal.
"""

from __future__ import annotations

import re
import unicodedata

# Line breaks in any of their spellings.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Embeddings, overrides and isolates: they reorder what prints ("Trojan source").
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Marks that set a direction without a shape (ALM, LRM, RLM): invisible, and they move what prints.
DIRECTION_MARKS = frozenset("\u061c\u200e\u200f")
# Zero-width non-joiner and joiner: spelling in Persian, Indic scripts and emoji, so kept in names.
JOINERS = frozenset("\u200c\u200d")
# Letters and symbols by category that still print as nothing.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

REPLACEMENT = "\ufffd"  # printed where a stored control character was


def character_problem(text: str, *, multi_line: bool = False) -> str | None:
    """What is wrong with the characters of `text`, said after the field's name; None when nothing is.

    `multi_line` text must already have its line breaks written as LF (see `normalise_line_breaks`).
    """
    for ch in text:
        if multi_line and ch in "\n\t":
            continue
        if ch in LINE_BREAKS:
            return "contains a line break: type it on one line."
        if ch == "\t":
            return "contains a tab: use spaces instead."
        category = unicodedata.category(ch)
        if category == "Cc":
            return f"contains a control character ({_code_point(ch)}): type it again without it."
        if category == "Cs":
            return "holds a character that is not valid Unicode (a lone surrogate): type it again."
        if ch in BIDI_CONTROLS or ch in DIRECTION_MARKS:
            return (
                f"contains a text-direction control ({_code_point(ch)}) that makes it print in "
                "another order than it reads: type it again without it."
            )
        if category in ("Cn", "Co"):
            return (
                f"contains a character that has no agreed shape ({_code_point(ch)}, unassigned or for "
                "private use): type it again without it."
            )
    if text and not has_visible_character(text):
        return "holds only invisible characters (spaces, zero-width marks): type the value or leave it empty."
    if not multi_line:
        hidden = next(
            (
                ch
                for at, ch in enumerate(text)
                if unicodedata.category(ch) == "Cf" and (ch not in JOINERS or _joins_nothing(text, at))
            ),
            None,
        )
        if hidden is not None:
            return (
                f"contains an invisible character ({_code_point(hidden)}: a zero-width space, soft hyphen "
                "or the like, often pasted with a name): type it again without it."
            )
    return None


def _joins_nothing(text: str, at: int) -> bool:
    """Whether the joiner at `at` spells nothing: at either end of the value, or between Latin
    letters or plain ASCII ("Ja\u200dne"). In Persian, Indic scripts and emoji it does."""
    if at == 0 or at == len(text) - 1:
        return True
    return all(
        ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in (text[at - 1], text[at + 1])
    )


def has_visible_character(text: str) -> bool:
    """Whether anything of `text` prints: a letter, digit, punctuation or symbol with a shape."""
    return any(
        unicodedata.category(ch) not in _INVISIBLE_CATEGORIES and ch not in _BLANK_LETTERS for ch in text
    )


def normalise_line_breaks(text: str) -> str:
    """Every spelling of a line break (CRLF, CR, U+2028 ...) written as LF."""
    return _NEWLINES.sub("\n", text)


# Letters with no accent to take off (NFKD leaves them whole), and the plain letters they are
# written with where only A-Z will do: a claim form, an 837P, the patient search.
_PLAIN_LETTERS = str.maketrans(
    {
        "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Ł": "L", "ł": "l", "Ħ": "H", "ħ": "h",
        "ı": "i", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "TH", "þ": "th", "ß": "ss", "ẞ": "SS",
    }
)  # fmt: skip


def without_accents(text: str) -> str:
    """`text` in plain Latin letters, case kept: "Zoë Nguyễn-Øster" -> "Zoe Nguyen-Oster", "Æsa" -> "AEsa"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare.translate(_PLAIN_LETTERS))


def printed_line(text: str) -> str:
    """Stored text as one printable line: line breaks and tabs become spaces, other control
    characters the replacement character, format characters (zero-width, text direction) nothing."""
    if text.isprintable():
        return text
    shown = []
    for ch in text:
        if ch.isprintable():
            shown.append(ch)
        elif ch in LINE_BREAKS or ch == "\t" or unicodedata.category(ch) in ("Zs", "Zl", "Zp"):
            shown.append(" ")
        elif unicodedata.category(ch) != "Cf":
            shown.append(REPLACEMENT)
    return "".join(shown)


def terminal_text(text: str, limit: int | None = None) -> str:
    """Text made safe for one line of a terminal: anything not printable (control characters,
    ESC sequences, line breaks, text-direction controls, lone surrogates) written as its escape
    (ESC as \\x1b), and cut short at `limit` characters."""
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def terminal_lines(text: str) -> str:
    """Text made safe for a terminal as terminal_text does, line by line: its line breaks are kept.

    Quick for long text that needs nothing (a practice file written to standard output): a line
    is looked at character by character only when it holds something not printable.
    """
    if text.isprintable():
        return text
    return "\n".join(terminal_text(line) for line in text.split("\n"))


def _code_point(ch: str) -> str:
    return f"U+{ord(ch):04X}"
