"""Whether the practice file can be opened, asked at every start before opening it.

A damaged, foreign or newer file is never changed: the app offers the latest backup instead
(app.services.backups), which the start itself does not need to import.

A practice never silently becomes empty: a missing or empty practice file (no file, 0 bytes, or a
SQLite file with no tables) is a new practice only in a data folder that never held one. Beside
the key file of an encrypted practice, a backup in `backups/`, or the practice marker (written
once the practice has records, see mark_practice), it is damage (Health.EMPTIED), and nothing is
created in its place.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from app.store.health import Health, classify_database, file_size, health_problem
from app.store.paths import BACKUP_NAME, backup_folder, database_path, key_file_path, marker_path

__all__ = ["Health", "health_problem", "held_a_practice", "mark_practice", "start_health"]

_OWNER_ONLY_FILE = 0o600


def start_health(data_dir: Path, key: bytes | None = None, *, pages: bool = True) -> Health:
    """The practice file's health before it is opened (quick check: a start must stay fast).

    `pages=False` skips reading every page (see classify_database), for the window's start.
    An encrypted practice (key file present) without its `key` is only looked at from outside:
    EMPTIED when its file is missing or empty, else OK until the key opens it. StoreUnavailable
    when the practice file is a folder, or the disk (full, read-only) is in the way.
    """
    folder = Path(data_dir)
    database = database_path(folder)
    if key is None and key_file_path(folder).exists():
        size = file_size(database)
        return Health.EMPTIED if not size else Health.OK
    health = classify_database(database, key, full=False, pages=pages)
    if health is Health.MISSING and held_a_practice(folder):
        return Health.EMPTIED
    return health


def held_a_practice(data_dir: Path) -> bool:
    """Whether the data folder shows that a practice with records lived in it."""
    folder = Path(data_dir)
    if key_file_path(folder).exists() or marker_path(folder).exists():
        return True
    try:
        with os.scandir(backup_folder(folder)) as entries:
            return any(BACKUP_NAME.match(entry.name) and entry.is_file() for entry in entries)
    except OSError:
        return False


def mark_practice(data_dir: Path) -> None:
    """Leave the practice marker (empty, owner only) in the data folder, once it has records.

    Best effort: a folder that cannot take it (full, read-only) is reported by the database itself.
    """
    marker = marker_path(Path(data_dir))
    if marker.exists():
        return
    with contextlib.suppress(OSError):
        os.close(os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _OWNER_ONLY_FILE))
