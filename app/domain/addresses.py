"""US postal addresses as the app takes them: the ZIP code's format, and an address whole or not at all.

One rule for every way in: the practice profile form, the patient and payer dialogs (through
app.services.saving), the practice file and the client list. docs/design.md 2 names it.
"""

from __future__ import annotations

import re

from app.domain.errors import ValidationError
from app.domain.identifiers import validate_state
from app.domain.people import Address

# ASCII digits only: "٩٨١٠٩" is not a ZIP code a mail sorter or an insurer reads.
_ZIP = re.compile(r"([0-9]{5})(?:-?([0-9]{4}))?", re.ASCII)


def check_zip(text: str | None, *, field: str = "zip") -> str:
    """A ZIP code as it is kept and printed: "98109", or ZIP+4 "98109-1234" ("981091234" gets its
    hyphen). Surrounding spaces are dropped; anything else raises ValidationError naming `field`."""
    typed = (text or "").strip()
    if not typed:
        raise ValidationError(field, "ZIP code is missing: use 5 digits, such as 98109.")
    match = _ZIP.fullmatch(typed)
    if match is None:
        if re.fullmatch(r"\d{4}(-?\d{4})?", typed):  # a spreadsheet dropped the leading zero: never guessed
            raise ValidationError(
                field, f'ZIP code "{typed}": did you mean 0{typed}? (a spreadsheet drops the leading zero)'
            )
        raise ValidationError(field, f'ZIP code "{typed}": use 5 digits, or 5 + 4 such as 98109-1234.')
    five, four = match.groups()
    return f"{five}-{four}" if four else five


def _blank(text: str | None) -> str | None:
    stripped = (text or "").strip()
    return stripped or None


_PARTS = {"line1": "Street", "city": "City", "state": "State", "zip": "ZIP code"}


def check_address(address: Address | None, field: str) -> Address | None:
    """An address typed in a form: all of it (street, city, state, ZIP) or none of it (None).
    `field` is where it lives ("patient.address"): a problem names the part, such as
    "patient.address.zip"."""
    if address is None:
        return None
    parts = {name: _blank(getattr(address, name)) for name in _PARTS}
    line2 = _blank(address.line2)
    if not any(parts.values()) and not line2:
        return None
    for name, value in parts.items():
        if value is None:
            raise ValidationError(
                f"{field}.{name}",
                f"{_PARTS[name]} is missing: fill in the whole address or leave it all empty.",
            )
    return Address(
        line1=parts["line1"] or "",
        city=parts["city"] or "",
        state=validate_state(parts["state"], field=f"{field}.state"),
        zip=check_zip(parts["zip"], field=f"{field}.zip"),
        line2=line2,
    )
