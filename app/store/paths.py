"""Where the practice's data lives: the data folder, and the database file and key file inside it;
and the log folder (app/services/logs.py writes the log there; the store never writes to it)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

APP_NAME = "SuperbillDesk"
DATA_DIR_VARIABLE = "SUPERBILL_DATA_DIR"
LOG_DIR_VARIABLE = "SUPERBILL_LOG_DIR"
DATABASE_NAME = "practice.sqlite3"
# Present only for an encrypted practice (app/store/encryption.py writes it).
KEY_FILE_NAME = "key.json"
# Written (empty, owner only) once the practice has records: a practice file that is then missing
# or empty is damage to report, not a new practice to start (app/services/practice_health.py).
MARKER_NAME = "practice.marker"
# Locked by the process that has the practice open (app/store/practice_lock.py); its text says which.
LOCK_NAME = "practice.lock"
BACKUP_FOLDER = "backups"
# ICD-10-CM releases the therapist imported (app/store/code_index.py).
IMPORTED_FOLDER = "codes"
# "practice-2026-11-27T101500.sqlite3": the moment the backup was taken, in local time; a second
# backup in the same second gets "-2", "-3"... before ".sqlite3" (a backup never replaces another).
BACKUP_NAME = re.compile(r"^practice-(\d{4}-\d{2}-\d{2}T\d{6})(?:-(\d+))?\.sqlite3$")
BACKUP_STAMP = "%Y-%m-%dT%H%M%S"
# Only between encrypting and the therapist saying the recovery key is written down (owner only).
PENDING_RECOVERY_KEY_NAME = "recovery-key.pending.txt"


def data_dir(override: Path | None = None) -> Path:
    """The data folder: `--data-dir` first, then $SUPERBILL_DATA_DIR, then the platform's usual place."""
    return _folder(override, DATA_DIR_VARIABLE) or Path(user_data_dir(APP_NAME, appauthor=False))


def log_dir(override: Path | None = None) -> Path:
    """The log folder: the one given, then $SUPERBILL_LOG_DIR, then the platform's usual place."""
    return _folder(override, LOG_DIR_VARIABLE) or Path(user_log_dir(APP_NAME, appauthor=False))


def _folder(override: Path | None, variable: str) -> Path | None:
    """The folder given, else the one the environment `variable` names; None for neither."""
    if override is not None:
        return Path(override).expanduser()
    from_environment = os.environ.get(variable, "").strip()
    return Path(from_environment).expanduser() if from_environment else None


def database_path(folder: Path) -> Path:
    return folder / DATABASE_NAME


def key_file_path(folder: Path) -> Path:
    return Path(folder) / KEY_FILE_NAME


def pending_recovery_key_path(folder: Path) -> Path:
    return Path(folder) / PENDING_RECOVERY_KEY_NAME


def marker_path(folder: Path) -> Path:
    return Path(folder) / MARKER_NAME


def lock_file_path(folder: Path) -> Path:
    return Path(folder) / LOCK_NAME


def backup_folder(folder: Path) -> Path:
    return Path(folder) / BACKUP_FOLDER


def backup_key_file_path(backup: Path) -> Path:
    """The key file saved beside an encrypted practice's backup: `<backup>.key.json`."""
    return backup.with_name(f"{backup.name}.key.json")
