"""The provider's signature image on file: set from a PNG, cleared, described."""

from __future__ import annotations

import struct
from dataclasses import replace
from pathlib import Path

from app.domain.errors import ValidationError
from app.domain.practice import Practitioner
from app.domain.signature import LARGEST_SIGNATURE, check_signature_png
from app.store.reading import read_file
from app.store.records import PracticeStore


def read_signature(path: Path) -> bytes:
    """The PNG at `path`, checked; ValidationError naming the file when it cannot be the signature."""
    return check_signature_png(read_file(path, LARGEST_SIGNATURE, "a signature image"), field=str(path))


def save_signature(store: PracticeStore, png: bytes | None) -> None:
    """Put `png` on file as the provider's signature (None: take it off)."""
    store.save_practitioner(replace(_practitioner(store), signature_png=png))


def describe_signature(store: PracticeStore) -> str:
    png = _practitioner(store).signature_png
    if not png:
        return (
            "No signature image on file: superbills have a blank line for you to sign by hand. "
            "Set one with `superbill signature set FILE.png`."
        )
    width, height = struct.unpack(">II", png[16:24]) if png[12:16] == b"IHDR" else (0, 0)
    size = f", {width} x {height} pixels" if width else ""
    return f"A signature image is on file ({len(png) / 1000:.0f} KB{size}): it is printed on every superbill."


def _practitioner(store: PracticeStore) -> Practitioner:
    practitioner = store.practitioner()
    if practitioner is None:
        raise ValidationError(
            "practitioner",
            "no practice is set up here yet: import a practice file or set it up in the app first",
        )
    return practitioner
