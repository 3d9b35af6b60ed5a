"""Backups of the practice: automatic (on closing the app, at most daily), on request, and restoring one.

Automatic backups go to `<data folder>/backups/` (owner only) as `practice-<date>T<time>.sqlite3`
and are rotated: the newest backup of each of the 7 latest days, 4 latest ISO weeks and 12 latest
months that have one is kept (at most 23 files). "Back up now" writes to any folder (a USB stick)
and never rotates there.

Restoring (app/services/restore.py, whose functions are named here too) never deletes the database
it replaces: it is renamed to `practice.sqlite3.before-restore-<date>T<time>` in the data folder.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.services.files import backup_destination
from app.services.restore import (
    RestoreResult,
    backup_is_encrypted,
    backup_key,
    backup_key_files,
    issued_since_backup,
    issued_since_message,
    refuse_if_in_use,
    restore,
)
from app.services.workspace import Workspace
from app.store.backup import (
    BackupFailed,
    BackupRefused,
    BackupSummary,
    back_up,
    backup_order,
    backup_taken_at,
    describe_backup,
    patient_count,
)
from app.store.durable import OWNER_ONLY_FOLDER, copy_whole, set_mode
from app.store.errors import StoreUnavailable, full_disk_message, is_full_disk_error
from app.store.health import Health, health_problem
from app.store.paths import (
    BACKUP_FOLDER,
    BACKUP_NAME,
    BACKUP_STAMP,
    database_path,
    key_file_path,
)
from app.store.paths import backup_folder as _backup_folder
from app.store.paths import backup_key_file_path as key_file_beside
from app.store.paths import data_dir as resolve_data_dir

__all__ = [
    "BACKUP_FOLDER",
    "BackupFailed",
    "BackupFile",
    "BackupRefused",
    "BackupSummary",
    "EmptyPracticeRefused",
    "RestoreResult",
    "automatic_backup",
    "back_up_now",
    "backup_folder",
    "backup_is_encrypted",
    "backup_key",
    "backup_key_files",
    "backup_name",
    "backups_to_keep",
    "damaged_message",
    "describe_backup",
    "issued_since_backup",
    "issued_since_message",
    "key_file_beside",
    "latest_backup",
    "list_backups",
    "practice_file",
    "practice_folder",
    "refuse_if_in_use",
    "restore",
]

log = logging.getLogger(__name__)

DAILY, WEEKLY, MONTHLY = 7, 4, 12


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime


def practice_folder(data_dir: Path | None = None) -> Path:
    """The data folder the practice lives in (`--data-dir`, SUPERBILL_DATA_DIR or the usual place)."""
    return resolve_data_dir(data_dir)


def practice_file(data_dir: Path) -> Path:
    return database_path(Path(data_dir))


def backup_folder(data_dir: Path) -> Path:
    return _backup_folder(Path(data_dir))


def backup_name(now: datetime) -> str:
    return f"practice-{now.strftime(BACKUP_STAMP)}.sqlite3"


def _workspace_key(workspace: Workspace) -> bytes | None:
    """The practice's encryption key once the workspace has one; None for a plain database."""
    key = getattr(workspace, "database_key", None)
    return key if isinstance(key, bytes) else None


# Listing and rotating ----------------------------------------------------------------------------


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in `folder` named as ours, newest first (other files are not ours to touch)."""
    try:
        entries = list(Path(folder).iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [
        BackupFile(entry, backup_taken_at(entry))
        for entry in entries
        if BACKUP_NAME.match(entry.name) and entry.is_file()
    ]
    return sorted(found, key=lambda backup: backup_order(backup.path), reverse=True)


def latest_backup(data_dir: Path) -> BackupFile | None:
    backups = list_backups(backup_folder(data_dir))
    return backups[0] if backups else None


def backups_to_keep(
    taken: Iterable[datetime], daily: int = DAILY, weekly: int = WEEKLY, monthly: int = MONTHLY
) -> set[datetime]:
    """Which backups to keep: the newest of each of the latest `daily` days, `weekly` ISO weeks and
    `monthly` months that have a backup. Counting periods that have one, not calendar periods,
    means a long break (a holiday) never rotates every backup away.
    """
    newest_first = sorted(set(taken), reverse=True)
    keep: set[datetime] = set()
    for count, period in (
        (daily, lambda moment: moment.date()),
        (weekly, lambda moment: moment.isocalendar()[:2]),
        (monthly, lambda moment: (moment.year, moment.month)),
    ):
        seen: set[object] = set()
        for moment in newest_first:
            bucket = period(moment)
            if bucket in seen:
                continue
            if len(seen) == count:
                break
            seen.add(bucket)
            keep.add(moment)  # the first seen in a period is its newest
    return keep


def rotate(folder: Path, key: bytes | None = None) -> list[Path]:
    """Delete the automatic backups in `folder` that the rotation does not keep; return them.

    A backup with patients is never removed in favour of empty ones: it stays unless a newer
    backup that is kept also has patients (`key` opens an encrypted practice's backups). One that
    cannot be deleted (on Windows, a file open in another program, such as a virus scanner) is left
    for the next rotation: the backup just taken is what matters.
    """
    backups = list_backups(folder)
    keep = backups_to_keep(backup.taken_at for backup in backups)
    counts: dict[Path, int | None] = {}

    def patients(backup: BackupFile) -> int:
        if backup.path not in counts:
            counts[backup.path] = patient_count(backup.path, key)
        return counts[backup.path] or 0

    removed = []
    for backup in backups:
        if backup.taken_at not in keep:
            newer_kept = (b for b in backups if b.taken_at in keep and b.taken_at >= backup.taken_at)
            if patients(backup) and not any(patients(b) for b in newer_kept if b is not backup):
                continue  # the only records among the newer backups: kept
            try:
                for path in (backup.path, key_file_beside(backup.path)):
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
            except OSError as error:
                log.warning("rotation left a backup it could not delete: %s", type(error).__name__)
                continue
            removed.append(backup.path)
    return removed


# Backing up --------------------------------------------------------------------------------------


def _unused_path(folder: Path, now: datetime) -> Path:
    """The backup's name for `now`; a second backup in the same second gets "-2", "-3"... instead."""
    path = folder / backup_name(now)
    number = 1
    while os.path.lexists(path):
        number += 1
        path = folder / backup_name(now).replace(".sqlite3", f"-{number}.sqlite3")
    return path


def _make_folder(folder: Path, *, owner_only: bool) -> None:
    try:
        folder.mkdir(mode=OWNER_ONLY_FOLDER if owner_only else 0o777, parents=True, exist_ok=True)
        if owner_only:
            set_mode(folder, OWNER_ONLY_FOLDER)
    except OSError as error:
        if is_full_disk_error(error, folder):
            raise StoreUnavailable(full_disk_message(folder, "the backup folder"), folder) from error
        raise StoreUnavailable(
            f"The backup folder {folder} cannot be created ({error.strerror or error}). "
            "Check that the drive is connected and writable.",
            folder,
        ) from error


def automatic_backup(workspace: Workspace, now: datetime | None = None) -> BackupSummary | None:
    """Back up into the data folder's backups unless one was taken today; then rotate.

    None when skipped: a backup from today exists, or the practice is still empty.
    """
    now = now or datetime.now()
    folder = backup_folder(workspace.data_dir)
    newest = list_backups(folder)
    if newest and newest[0].taken_at.date() >= now.date():
        return None
    if workspace.is_empty():
        return None
    try:
        return _backup_into_data_folder(workspace, now)
    except EmptyPracticeRefused:
        return None  # the start of the next session says what is wrong


class EmptyPracticeRefused(BackupRefused):
    """The practice has no patients but the newest backup has: backing it up would only bury that one."""


def _refuse_an_empty_practice(workspace: Workspace, folders: Iterable[Path]) -> None:
    """EmptyPracticeRefused when the practice has no patients and the newest backup in a folder has."""
    if workspace.store.patients(limit=1):
        return
    key = _workspace_key(workspace)
    for folder in folders:
        found = list_backups(folder)
        if not found:
            continue
        newest = found[0]
        patients = patient_count(newest.path, key)
        if patients:
            raise EmptyPracticeRefused(
                f"The practice has no patients, but the latest backup ({newest.path}, "
                f"{newest.taken_at:%m/%d/%Y %H:%M}) has {patients:,}: nothing was backed up, and that "
                f"backup is kept as it is. If records are missing, restore it with: superbill restore "
                f"{newest.path}",
                newest.path,
            )


def _backup_into_data_folder(workspace: Workspace, now: datetime) -> BackupSummary:
    folder = backup_folder(workspace.data_dir)
    _refuse_an_empty_practice(workspace, [folder])
    _make_folder(folder, owner_only=True)
    summary = _back_up_with_key_file(workspace, _unused_path(folder, now))
    rotate(folder, _workspace_key(workspace))
    return summary


def _back_up_with_key_file(workspace: Workspace, target: Path) -> BackupSummary:
    """The backup, and for an encrypted practice its key file beside it (`<backup>.key.json`).

    The key file holds the database key only wrapped by the passphrase and by the recovery key, so
    it reveals nothing alone; without it an encrypted backup could not be opened on another computer.
    """
    summary = back_up(workspace.store.conn, target, _workspace_key(workspace))
    key_file = key_file_path(workspace.data_dir)
    if workspace.encrypted and key_file.exists():
        copy_whole(key_file, key_file_beside(target))
    return summary


def back_up_now(
    workspace: Workspace, folder: Path | None = None, now: datetime | None = None, *, field: str = "--to"
) -> BackupSummary:
    """A backup now: into `folder` (any folder, a USB stick), else into the data folder's backups
    (which are then rotated). The file is named after the moment; a backup never replaces another.

    ValidationError naming `field` for a folder no backup may go to (app.services.files.backup_destination).

    EmptyPracticeRefused (nothing written) when the practice has no patients but the newest backup
    in the data folder, or in `folder`, has some.
    """
    now = now or datetime.now()
    if folder is not None:
        folder = backup_destination(folder, workspace.data_dir, field=field)
    if folder is None:
        return _backup_into_data_folder(workspace, now)
    _refuse_an_empty_practice(workspace, [backup_folder(workspace.data_dir), folder])
    _make_folder(folder, owner_only=False)  # a folder on a stick keeps the stick's own rules
    return _back_up_with_key_file(workspace, _unused_path(folder, now))


# Damaged file at start ---------------------------------------------------------------------------


def damaged_message(data_dir: Path, health: Health) -> str:
    """For the command line: the problem, the data folder, and the command that restores the latest backup."""
    data_dir = Path(data_dir)
    lines = [
        health_problem(health),
        f"Practice file: {database_path(data_dir)}",
        "Nothing was created in its place." if health is Health.EMPTIED else "It has not been changed.",
    ]
    latest = latest_backup(data_dir)
    if latest is None:
        lines.append(
            "There is no backup in the data folder. If you have one elsewhere (a USB stick), restore it "
            "with: superbill restore FILE"
        )
    else:
        lines.append(
            f"The latest backup is from {latest.taken_at:%m/%d/%Y %H:%M}. Restore it with: "
            f"superbill restore {latest.path}"
        )
        lines.append("(The current file is kept beside it, renamed, not deleted.)")
    if health is Health.EMPTIED and latest is None:
        lines.append(f"To start a new, empty practice instead, move the files in {data_dir} elsewhere first.")
    if health is Health.NEWER_SCHEMA:
        lines.append("Or install the newer version of Superbill Desk, which can open it as it is.")
    return "\n".join(lines)
