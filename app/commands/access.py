"""Opening the practice for a command, and the secrets it may need: the passphrase or recovery key
of an encrypted practice, a new passphrase, a PDF's password. They come from the environment or are
typed at a prompt without echo; never from the command line, where other users would see them.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from app.cli_terms import (
    NEW_PASSPHRASE_VARIABLE,
    PASSPHRASE_VARIABLE,
    PDF_PASSWORD_VARIABLE,
    RECOVERY_KEY_VARIABLE,
)
from app.domain.errors import ValidationError
from app.services import encryption, pdf_password
from app.services.workspace import Workspace


def open_workspace(args: argparse.Namespace) -> Workspace:
    """The practice, asking for its passphrase (or recovery key) when it is encrypted."""
    if not encryption.is_encrypted(args.data_dir):
        return Workspace(args.data_dir)
    if args.recovery_key:
        return Workspace(args.data_dir, recovery_key=ask_secret(RECOVERY_KEY_VARIABLE, "Recovery key: "))
    return Workspace(args.data_dir, passphrase=ask_secret(PASSPHRASE_VARIABLE, "Passphrase: "))


def ask_secret(variable: str, prompt: str, *fallbacks: str) -> str:
    """A secret from the environment, else typed at a prompt without echo; never from an argument."""
    for name in (variable, *fallbacks):
        value = os.environ.get(name)
        if value:
            _check_text(name, value)
            return value
    if not sys.stdin.isatty():
        raise ValidationError(
            "passphrase",
            f"this practice is encrypted: set {variable} or run the command in a terminal to type it",
        )
    return getpass.getpass(prompt)


def _check_text(variable: str, value: str) -> None:
    """A variable holding bytes that are not UTF-8 (kept by Python as surrogates) is refused, naming it."""
    try:
        encryption.check_secret_text(value, variable)
    except ValidationError:
        raise ValidationError(
            variable, "holds bytes that are not UTF-8 text; set it again from a UTF-8 terminal"
        ) from None


def ask_new_passphrase() -> str:
    """A new passphrase: from SUPERBILL_NEW_PASSPHRASE, else typed twice."""
    value = os.environ.get(NEW_PASSPHRASE_VARIABLE)
    if value:
        _check_text(NEW_PASSPHRASE_VARIABLE, value)
        encryption.check_new_passphrase(value)
        return value
    if not sys.stdin.isatty():
        raise ValidationError(
            "passphrase", f"set {NEW_PASSPHRASE_VARIABLE} or run the command in a terminal to type it"
        )
    first = getpass.getpass("New passphrase: ")
    encryption.check_new_passphrase(first)
    encryption.check_new_passphrase(first, getpass.getpass("The same passphrase again: "))
    return first


def ask_pdf_password(args: argparse.Namespace) -> str | None:
    """The password for a protected PDF when --password is given: from the environment, else typed twice."""
    if not args.password:
        return None
    value = os.environ.get(PDF_PASSWORD_VARIABLE)
    if value:
        pdf_password.check_password(value)
        return value
    if not sys.stdin.isatty():
        raise ValidationError(
            "password",
            f"--password needs the password in {PDF_PASSWORD_VARIABLE} or a terminal to type it in "
            "(it is never taken on the command line); nothing was written",
        )
    first = getpass.getpass("Password for the PDF: ")
    pdf_password.check_password(first)
    pdf_password.check_password(first, getpass.getpass("The same password again: "))
    return first
