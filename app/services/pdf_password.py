"""A superbill protected with a password (PDF encryption, AES-256) for sending by e-mail.

The issued bytes are encrypted as they are: the pages, text and numbers stay exactly what the
patient was given; only a PDF reader given the password can show them. The password is never
logged or stored; the owner password (which would lift the restrictions) is random and thrown away.
"""

from __future__ import annotations

import io
import secrets

from app.domain.errors import ValidationError

MIN_PASSWORD_LENGTH = 6
# PDF 2.0 (AES-256) uses at most the first 127 bytes of a password; a longer one would be cut silently.
MAX_PASSWORD_BYTES = 127
FIELD = "password"
REPEAT_FIELD = "password_again"


def check_password(password: str, repeated: str | None = None) -> None:
    """Refuse a password too short to protect the file (or not typed the same twice), naming the field."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            FIELD, f"a password needs at least {MIN_PASSWORD_LENGTH} characters (it has {len(password)})."
        )
    if not password.strip():
        raise ValidationError(
            FIELD, "a password of spaces only is too easy to guess; type letters or digits."
        )
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise ValidationError(FIELD, f"a password can have at most {MAX_PASSWORD_BYTES} characters.")
    if repeated is not None and repeated != password:
        raise ValidationError(REPEAT_FIELD, "the two passwords are not the same; type the password again.")


def protect_pdf(pdf: bytes, password: str) -> bytes:
    """The same PDF, encrypted with AES-256: it opens only with `password`, and its text is unchanged."""
    check_password(password)
    # pypdf is only needed when a protected copy is made.
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(pdf))
        if reader.is_encrypted:
            raise ValidationError("pdf", "this PDF is already protected with a password.")
        writer = PdfWriter(clone_from=reader)
    except PyPdfError:
        raise ValidationError("pdf", "this is not a readable PDF, so it cannot be protected.") from None
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(32), algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
