"""The domain's errors: a value that breaks one of its rules.

`DomainError` is the base of every error app/domain raises (tests/test_error_bases.py checks it);
`ValidationError` is bad input from the user, naming the field and saying what to fix (exit 2).
The store's base is app.store.errors.StoreError, the services' app.services.errors.ServiceError.
"""

from __future__ import annotations


class DomainError(ValueError):
    """A value that breaks a rule of the domain (a code, an amount, a date of the wrong shape)."""


class ValidationError(DomainError):
    """A value the user entered that cannot be used; the data it came from stays as it was.

    `field` is where the value lives ("practitioner.npi"); `message` says, in the
    therapist's words, what is wrong and how to put it right.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def __reduce__(self) -> tuple[type[ValidationError], tuple[str, str]]:
        # Keep both attributes when the error crosses a process or thread boundary.
        return (type(self), (self.field, self.message))
