"""US phone numbers: which are taken, and how people read them, (206) 555-0148.

One rule for the screen (formatted as it is typed), the superbill (printed the same way), the
practice file and the saved records (`check_phone`). A number that is not a plain US number
(letters, an extension, a country code other than 1) is left exactly as entered: it is the
therapist's to write, as long as it holds the 10 digits of a number with its area code.
"""

from __future__ import annotations

import re

from app.domain.errors import ValidationError

_PLAIN = re.compile(r"^[\d\s().+\-]*$")  # digits and the usual separators, nothing else


def format_phone(text: str) -> str:
    """ "2065550148" -> "(206) 555-0148"; as it is typed: "206" -> "206", "2065" -> "(206) 5",
    "2065550" -> "(206) 555-0". A leading 1 (or +1) before ten digits is dropped. Anything else
    (an extension, letters, more digits) comes back as entered, without surrounding spaces."""
    stripped = text.strip()
    if not _PLAIN.match(stripped):
        return stripped
    digits = re.sub(r"\D", "", stripped)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) > 10:
        return stripped
    if len(digits) <= 3:
        return digits
    if len(digits) <= 6:
        return f"({digits[:3]}) {digits[3:]}"
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


def check_phone(text: str | None, *, field: str = "phone", required: bool = False) -> str | None:
    """The number as typed without surrounding spaces (None when blank and not `required`): it must
    hold at least 10 digits, a US number with its area code; an extension or a leading 1 may follow
    or lead ("206-555-0148 ext. 12"). ValidationError naming `field` otherwise."""
    typed = (text or "").strip()
    if not typed:
        if required:
            raise ValidationError(
                field, "Phone is missing: insurers call it with questions about a superbill."
            )
        return None
    if len(re.findall(r"[0-9]", typed, re.ASCII)) < 10:
        raise ValidationError(
            field,
            f'Phone "{typed}": a US phone number has 10 digits, with the area code, such as 206-555-0148.',
        )
    return typed
