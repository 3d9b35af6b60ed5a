"""The provider's signature image: a PNG small enough to keep in the practice and print on every superbill.

One rule for every way in (the practice file, `superbill signature set`): the image is read here,
without decoding pixels beyond what proves it whole, so a refused image changes nothing.
"""

from __future__ import annotations

import struct
import zlib

from app.domain.errors import ValidationError

LARGEST_SIGNATURE = 1_000_000  # bytes: a scanned signature is a few tens of kilobytes
LARGEST_SIDE = 4000  # pixels
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def check_signature_png(data: bytes, *, field: str) -> bytes:
    """The image as given when it is a whole PNG of sensible size; else ValidationError naming `field`."""
    if len(data) > LARGEST_SIGNATURE:
        raise ValidationError(
            field, f"is larger than {LARGEST_SIGNATURE // 1_000_000} MB: save the signature smaller (a PNG)"
        )
    if not data.startswith(_PNG_MAGIC):
        raise ValidationError(field, "is not a PNG image: save the signature as a PNG file")
    chunks = _chunks(data, field)
    if not chunks or chunks[0][0] != b"IHDR" or len(chunks[0][1]) != 13:
        raise ValidationError(field, "cannot be read as a PNG image (it has no header): save it again")
    width, height = struct.unpack(">II", chunks[0][1][:8])
    if not (0 < width <= LARGEST_SIDE and 0 < height <= LARGEST_SIDE):
        raise ValidationError(
            field, f"is {width} x {height} pixels: a signature image is at most {LARGEST_SIDE} pixels a side"
        )
    pixels = b"".join(body for kind, body in chunks if kind == b"IDAT")
    try:
        zlib.decompress(pixels)
    except zlib.error:
        raise ValidationError(field, "cannot be read as a PNG image (it is damaged): save it again") from None
    return data


def _chunks(data: bytes, field: str) -> list[tuple[bytes, bytes]]:
    """The PNG's chunks up to IEND, each with its checksum verified."""
    chunks: list[tuple[bytes, bytes]] = []
    position = len(_PNG_MAGIC)
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        crc = data[position + 8 + length : position + 12 + length]
        if len(body) != length or len(crc) != 4 or struct.unpack(">I", crc)[0] != zlib.crc32(kind + body):
            raise ValidationError(
                field, "cannot be read as a PNG image (it is cut short or damaged): save it again"
            )
        chunks.append((kind, body))
        if kind == b"IEND":
            return chunks
        position += 12 + length
    raise ValidationError(field, "cannot be read as a PNG image (it is cut short): save it again")
