"""Keys for records created in the app (records imported from a practice file keep the file's `id`)."""

from __future__ import annotations

import secrets
from enum import StrEnum

# No 0/o or 1/l, so a key read aloud or copied by hand stays unambiguous.
_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
_LENGTH = 10  # about 49 bits: no collision in a practice's lifetime


class RecordKind(StrEnum):
    PAYER = "payer"
    PATIENT = "pt"
    COVERAGE = "cov"
    PRESCRIPTION = "rx"
    VISIT = "v"
    PAYMENT = "pay"


def new_key(kind: RecordKind) -> str:
    """A fresh key such as "pt-7k3m9q2xzd"; the prefix says what kind of record it names."""
    return f"{kind.value}-" + "".join(secrets.choice(_ALPHABET) for _ in range(_LENGTH))
