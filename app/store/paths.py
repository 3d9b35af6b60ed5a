"""Where the practice's data lives: the data folder, and the database file and key file inside it."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "SuperbillDesk"
DATA_DIR_VARIABLE = "SUPERBILL_DATA_DIR"
DATABASE_NAME = "practice.sqlite3"
# Present only for an encrypted practice (app/store/encryption.py writes it).
KEY_FILE_NAME = "key.json"
# The automatic backups (app/services/backups.py makes them).
BACKUP_FOLDER = "backups"
# Only between encrypting and the therapist saying the recovery key is written down (owner only).
PENDING_RECOVERY_KEY_NAME = "recovery-key.pending.txt"


def data_dir(override: Path | None = None) -> Path:
    """The data folder: `--data-dir` first, then $SUPERBILL_DATA_DIR, then the platform's usual place."""
    if override is not None:
        return Path(override).expanduser()
    from_environment = os.environ.get(DATA_DIR_VARIABLE, "").strip()
    if from_environment:
        return Path(from_environment).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def key_file_path(folder: Path) -> Path:
    return Path(folder) / KEY_FILE_NAME


def pending_recovery_key_path(folder: Path) -> Path:
    return Path(folder) / PENDING_RECOVERY_KEY_NAME
