"""Bad input from the user: an error that names the field and says what to fix."""

from __future__ import annotations


class ValidationError(ValueError):
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
