"""The file helpers for the desktop and the commands, which reach the store only through services.

Where a file the user names may go, and writing it whole: app/store/output_paths.py (the rules)
over app/store/durable.py (the one atomic, fsynced write of every file the app writes whole).
"""

from __future__ import annotations

from app.store.durable import shred_file
from app.store.output_paths import (
    StagedFile,
    backup_destination,
    output_folder,
    output_path,
    write_file,
)

__all__ = [
    "StagedFile",
    "backup_destination",
    "output_folder",
    "output_path",
    "shred_file",
    "write_file",
]
