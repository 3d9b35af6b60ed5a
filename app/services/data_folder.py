"""The data folder, for the commands, which may import services but not the store.

`data_dir`: the folder `--data-dir` names, else $SUPERBILL_DATA_DIR, else the user's data folder
(its one home is app/store/paths.py). `has_practice`: whether a practice file is there, asked
without opening the practice (so without creating one).
"""

from __future__ import annotations

from pathlib import Path

from app.store.paths import data_dir, database_path

__all__ = ["data_dir", "has_practice"]


def has_practice(folder: Path) -> bool:
    """Whether the data folder holds a practice file (damaged or not: start_health tells which)."""
    return database_path(folder).exists()
