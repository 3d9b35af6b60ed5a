"""US phone numbers as people read them: (206) 555-0148.

One rule for the screen (formatted as it is typed) and the superbill (printed the same way).
A number that is not a plain US number (letters, an extension, a country code other than 1)
is left exactly as entered: it is the therapist's to write.
"""

from __future__ import annotations

import re

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
