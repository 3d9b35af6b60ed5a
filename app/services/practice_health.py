"""Whether the practice file can be opened, asked at every start before opening it.

A damaged, foreign or newer file is never changed: the app offers the latest backup instead
(app.services.backups), which the start itself does not need to import.
"""

from __future__ import annotations

from pathlib import Path

from app.store.health import Health, classify_database, health_problem
from app.store.paths import database_path

__all__ = ["Health", "health_problem", "start_health"]


def start_health(data_dir: Path, key: bytes | None = None, *, pages: bool = True) -> Health:
    """The practice file's health before it is opened (quick check: a start must stay fast).

    `pages=False` skips reading every page (see classify_database), for the window's start.
    """
    return classify_database(database_path(Path(data_dir)), key, full=False, pages=pages)
