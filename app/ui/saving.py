"""Saving a file the therapist chose in a Save dialog: where it may go and how it is written are
app.services.files' rules (never over the practice or its backups, whole or not at all, owner only)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain.errors import ValidationError
from app.services.files import output_path, write_file

FIELD = "file"


def save_chosen_file(parent: QWidget, chosen: str, content: bytes, data_folder: Path | None) -> Path | None:
    """Write `content` to the file chosen; a refusal or failure is said in a message. The file, or None."""
    try:
        path = output_path(chosen, data_folder, field=FIELD)
        write_file(path, content, field=FIELD)
    except ValidationError as error:
        QMessageBox.warning(
            parent,
            "Not saved",
            f"The file was not saved: {error.message}.",
        )
        return None
    return path
