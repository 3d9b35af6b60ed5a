"""The longest text each field of a record takes, wherever it is typed or imported.

Room for any real value; the superbill renderer is tested to print every field at its limit inside
the page (tests/protection). The practice file refuses longer text, the store refuses to save it
(so a record typed in the app always exports to a file that imports again), and the app's text
boxes stop taking characters at the limit.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from app.domain.errors import ValidationError

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
    "license_number": 40,
    "employer": 200,
    "adjuster": 200,
    "frequency": 200,
    "body_areas": 200,
    "body_region": 60,
    "unit_reason": 300,
    "reference": 100,
    "notes": 2000,
}
DEFAULT_TEXT_LIMIT = 300

# How a field is named in a message, where its name with spaces would read wrongly.
_LABELS = {
    "key": "ID",
    "line1": "Street",
    "line2": "Second address line",
    "member_id": "Member ID",
    "name": "Name",
    "sex": "Sex",
    "zip": "ZIP code",
}


def text_limit(name: str) -> int:
    """The longest text the field called `name` takes, in characters."""
    return TEXT_LIMITS.get(name, DEFAULT_TEXT_LIMIT)


def check_text_lengths(record: DataclassInstance, field: str) -> None:
    """Raise ValidationError for the first text of `record` longer than its field's limit.

    `record` is a record dataclass; records inside it (an address, a subscriber, service lines)
    are checked too. The error names the field's path under `field`, such as
    "patient.address.city" or "visit.lines[1].unit_reason".
    """
    for item in dataclasses.fields(record):
        _check_value(getattr(record, item.name), item.name, f"{field}.{item.name}")


def _check_value(value: object, name: str, path: str) -> None:
    if isinstance(value, str):
        limit = text_limit(name)
        if len(value) > limit:
            label = _LABELS.get(name, name.replace("_", " ").capitalize())
            raise ValidationError(
                path, f"{label} is {len(value)} characters long: at most {limit} fit on the superbill."
            )
    elif isinstance(value, tuple):
        for index, element in enumerate(value):
            _check_value(element, name, f"{path}[{index}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        check_text_lengths(value, path)
