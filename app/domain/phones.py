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
# An extension at the end: "x12", "ext 12", "ext. 12", "extension 12", "#12", ", 12".
_EXTENSION = re.compile(r"(?:\s*(?:ext\.?|extension|x|#|,)\s*)(\d+)\s*$", re.IGNORECASE | re.ASCII)


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


def phone_parts(text: str | None) -> tuple[str, str]:
    """The number's 10 digits and its extension's digits, as a claim writes them apart:
    "(206) 555-0148 x12" -> ("2065550148", "12"); "+1 206 555 0148" -> ("2065550148", "").
    A leading 1 (or +1) is dropped. Digits past the tenth with no extension word are the extension.
    A number the records could not complete (fewer than 10 digits) comes back as its digits."""
    typed = (text or "").strip()
    extension = ""
    found = _EXTENSION.search(typed)
    if found and len(re.findall(r"[0-9]", typed[: found.start()], re.ASCII)) >= 10:
        typed, extension = typed[: found.start()], found.group(1)
    number = "".join(re.findall(r"[0-9]", typed, re.ASCII))
    if number[:1] == "1" and (len(number) == 11 or re.match(r"^\+?1\D", typed)):
        number = number[1:]
    if len(number) > 10:
        number, extension = number[:10], number[10:] + extension
    return number, extension


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
