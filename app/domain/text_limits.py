"""The text each field of a record takes, wherever it is typed or imported: how long, which characters.

Room for any real value; the superbill renderer is tested to print every field at its limit inside
the page (tests/protection). The practice file refuses longer text, the store refuses to save it
(so a record typed in the app always exports to a file that imports again), and the app's text
boxes stop taking characters at the limit.

The characters a field takes (no control characters; line breaks only in multi-line fields) are
app.domain.characters' rule, applied here with the lengths by `clean_text` when a record is saved.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import TYPE_CHECKING, TypeVar

from app.domain.characters import character_problem, normalise_line_breaks
from app.domain.errors import ValidationError
from app.domain.signature import LARGEST_SIGNATURE

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# By field name, as in the records (app/domain/practice.py) and the practice file; in characters.
TEXT_LIMITS: dict[str, int] = {
    "id": 100,
    "key": 100,
    "first_name": 150,  # a patient's full name may run past 300 characters
    "last_name": 150,
    "credentials": 40,
    "prescriber_credentials": 40,
    "prescriber_name": 150,
    "practice_name": 200,
    "name": 200,  # a payer
    "line1": 100,
    "line2": 100,
    "city": 60,
    "phone": 40,
    "email": 254,
    "sex": 20,
    "member_id": 40,
    "group_number": 40,
    "claim_number": 40,
    "authorization_number": 40,
    "payer_id": 80,  # a clearinghouse's payer ID (the 837P takes 80)
    "license_number": 40,
    "employer": 200,
    "adjuster": 200,
    "frequency": 200,
    "body_areas": 200,
    "body_region": 60,
    "unit_reason": 300,
    "reference": 100,
    "notes": 2000,
    "signature_png": 4 * -(-LARGEST_SIGNATURE // 3),  # the largest signature image, in base64
    "signature_file": 1000,  # a path
}
DEFAULT_TEXT_LIMIT = 300

# Fields typed in a box of several lines; every other field is one line.
MULTI_LINE_FIELDS = frozenset({"notes"})

R = TypeVar("R", bound="DataclassInstance")

# How a field is named in a message, where its name with spaces would read wrongly.
_LABELS = {
    "key": "ID",
    "line1": "Street",
    "line2": "Second address line",
    "member_id": "Member ID",
    "payer_id": "Payer ID",
    "name": "Name",
    "sex": "Sex",
    "zip": "ZIP code",
}


def text_limit(name: str) -> int:
    """The longest text the field called `name` takes, in characters."""
    return TEXT_LIMITS.get(name, DEFAULT_TEXT_LIMIT)


# A record's `key` is its `id` in the practice file, the only place a user writes one.
_PATH_NAMES = {"key": "id"}


def clean_text(record: R, field: str) -> R:
    """`record` with its text in Unicode normal form C (and a multi-line field's line breaks as LF),
    or ValidationError for the first text with a character its field refuses or longer than its limit.

    `record` is a record dataclass; records inside it (an address, a subscriber, service lines)
    are cleaned too. The error names the field's path under `field`, such as
    "patient.address.city" or "visit.lines[1].unit_reason".
    """
    changes = {}
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        cleaned = _clean_value(value, item.name, f"{field}.{_PATH_NAMES.get(item.name, item.name)}")
        if cleaned is not value:
            changes[item.name] = cleaned
    return dataclasses.replace(record, **changes) if changes else record


def _clean_value(value: object, name: str, path: str) -> object:
    if type(value) is str:  # an enum's value is its own
        return _clean_str(value, name, path)
    if isinstance(value, tuple):
        cleaned = tuple(
            _clean_value(element, name, f"{path}[{index}]") for index, element in enumerate(value)
        )
        return value if all(a is b for a, b in zip(cleaned, value, strict=True)) else cleaned
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return clean_text(value, path)
    return value


def _clean_str(value: str, name: str, path: str) -> str:
    multi_line = name in MULTI_LINE_FIELDS
    cleaned = unicodedata.normalize("NFC", value)
    if multi_line:
        cleaned = normalise_line_breaks(cleaned)
    label = _LABELS.get(name, name.replace("_", " ").capitalize())
    problem = character_problem(cleaned, multi_line=multi_line)
    if problem is not None:
        raise ValidationError(path, f"{label} {problem}")
    limit = text_limit(name)
    if len(cleaned) > limit:
        raise ValidationError(
            path, f"{label} is {len(cleaned)} characters long: at most {limit} fit on the superbill."
        )
    return value if cleaned == value else cleaned
