"""Shared fixtures: every test gets its own data folder; nothing touches the user's real one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from app.services.workspace import Workspace

# Qt's tests run offscreen unless told otherwise (tests that need a real window start Xvfb and say
# so for their own processes): on a machine without a display, Qt would abort the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("SUPERBILL_DATA_DIR", str(data_dir))
    # Commands and the app write their log here, never to the user's log folder.
    monkeypatch.setenv("SUPERBILL_LOG_DIR", str(tmp_path / "logs"))
    return data_dir


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    return _isolated_data_dir


@pytest.fixture
def sample_practice_path() -> Path:
    """The public example of the practice file (docs/practice-file.md describes it)."""
    local = Path(__file__).parent / "data" / "sample-practice.json"
    return local


@pytest.fixture(autouse=True)
def _windows_files_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """SUPERBILL_TEST_WINDOWS_FILES=1 runs every test under Windows' file rules (tests/portability/windows.py)."""
    if os.environ.get("SUPERBILL_TEST_WINDOWS_FILES") == "1":
        from tests.portability.windows import simulate_windows

        simulate_windows(monkeypatch)


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[Workspace]:
    """The sample practice (Daniel Okafor, two visits, Premera) in a fresh data folder."""
    from app.services.workspace import Workspace  # imported by the tests that use it, not by all
    from tests import sample

    opened = Workspace(data_dir)
    opened.store.save_practice(sample.practice())
    yield opened
    opened.close()
