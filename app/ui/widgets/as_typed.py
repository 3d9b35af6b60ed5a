"""Boxes that help while they are typed: phones shown as (206) 555-0148, and numbers of a known
length (an NPI) not called wrong before the last digit is in."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from app.domain.phones import format_phone

PLACEHOLDER = "10 digits, with the area code"


def format_phone_as_typed(edit: QLineEdit) -> None:
    """Format the box's number on every change (typed, pasted or loaded), keeping the cursor
    after the same digit; text that is not a plain US number is left as it is."""
    edit.setPlaceholderText(PLACEHOLDER)
    edit.textChanged.connect(lambda text: _reformat(edit, text))
    _reformat(edit, edit.text())


def _reformat(edit: QLineEdit, text: str) -> None:
    shown = format_phone(text)
    digits = sum(c.isdigit() for c in text)
    if shown == text or (text.endswith(" ") and digits >= 10):  # a space before an extension
        return
    digits_before = sum(c.isdigit() for c in text[: edit.cursorPosition()])
    position = 0
    while digits_before and position < len(shown):
        digits_before -= shown[position].isdigit()
        position += 1
    edit.setText(shown)
    edit.setCursorPosition(position)


def still_typing(edit: QLineEdit, digits: int) -> bool:
    """True while the cursor is in the box and it holds fewer than `digits` digits: a problem with
    the number is said when the box is left or the last digit is typed, not at the first keystroke."""
    return edit.hasFocus() and sum(c.isdigit() for c in edit.text()) < digits
