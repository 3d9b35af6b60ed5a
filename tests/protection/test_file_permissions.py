"""The data folder the app creates, the database and its -wal and -shm are for the owner only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.store.database import open_connection
from app.store.paths import database_path
from app.store.records import PracticeStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits (Linux, macOS)")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_practice_is_readable_by_its_owner_only_even_with_a_lax_umask(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    path = database_path(folder)
    old_umask = os.umask(0o002)  # a shared machine's "everyone may read"
    try:
        with PracticeStore.open(path) as store:
            store.save_fee("97124", 4000)
            files = {p.name: _mode(p) for p in folder.iterdir()}
    finally:
        os.umask(old_umask)

    assert _mode(folder) == 0o700
    assert files == {path.name: 0o600, f"{path.name}-wal": 0o600, f"{path.name}-shm": 0o600}


def test_a_database_left_readable_by_others_is_narrowed_when_opened(tmp_path: Path) -> None:
    path = database_path(tmp_path / "data")
    open_connection(path).close()
    path.chmod(0o644)

    open_connection(path).close()

    assert _mode(path) == 0o600


def test_a_folder_the_therapist_chose_keeps_its_permissions(tmp_path: Path) -> None:
    chosen = tmp_path / "Documents"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)

    open_connection(database_path(chosen)).close()

    assert _mode(chosen) == 0o755
    assert _mode(database_path(chosen)) == 0o600
