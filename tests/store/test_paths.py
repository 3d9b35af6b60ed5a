"""Where the data lives: --data-dir, then SUPERBILL_DATA_DIR, then the platform's usual folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from platformdirs import user_data_dir

from app.store import paths


def test_the_command_line_folder_wins_over_the_environment(tmp_path: Path) -> None:
    assert paths.data_dir(tmp_path / "cli") == tmp_path / "cli"


def test_the_environment_variable_is_used_when_no_folder_is_given(data_dir: Path) -> None:
    # conftest points SUPERBILL_DATA_DIR at the test's own folder
    assert paths.data_dir() == data_dir


def test_without_either_the_platform_data_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUPERBILL_DATA_DIR")
    assert paths.data_dir() == Path(user_data_dir("SuperbillDesk", appauthor=False))


def test_the_database_file_lives_in_the_data_folder(tmp_path: Path) -> None:
    assert paths.database_path(tmp_path) == tmp_path / "practice.sqlite3"
