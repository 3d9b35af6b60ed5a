"""UI fixtures: a real workspace on a real SQLite file in a temporary data folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.services.workspace import Workspace

# The sample practice's visits are in September 2026; the UI tests run "on" this day.
TODAY = date(2026, 9, 20)


@pytest.fixture
def empty_workspace(data_dir: Path) -> Iterator[Workspace]:
    workspace = Workspace(data_dir)
    yield workspace
    workspace.close()


@pytest.fixture(autouse=True)
def _own_user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Remembered folders and window sizes go to the test's folder, never to the user's settings;
    Documents is the test's own (file dialogs open there)."""
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    return folder


@pytest.fixture(autouse=True)
def _plain_look_after(qapp: QApplication) -> Iterator[None]:
    """run_app gives the app its look (app.ui.style) for good; each test after starts in the plain one."""
    font, palette = qapp.font(), qapp.palette()
    yield
    if qapp.property("superbillLook"):
        qapp.setStyleSheet("")
        qapp.setPalette(palette)
        qapp.setFont(font)
        qapp.setProperty("superbillLook", None)
        qapp.setProperty("baseStyle", None)
