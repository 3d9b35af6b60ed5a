"""E-mail addresses: the one rule for the practice profile, patients and the practice file."""

from __future__ import annotations

import re

from app.domain.errors import ValidationError

# Something, an @, a domain with a dot: enough to catch a slip ("ann-at-home", "ann@home"); the
# mail server is the judge of the rest.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def check_email(text: str | None, *, field: str = "email") -> str | None:
    """The address without surrounding spaces, None when nothing was typed; ValidationError naming
    `field` when it is not an address."""
    typed = (text or "").strip()
    if not typed:
        return None
    if not _EMAIL.fullmatch(typed):
        raise ValidationError(field, f'Email "{typed}": an email address looks like name@example.com.')
    return typed
