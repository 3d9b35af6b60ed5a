"""Starting the app: a data folder that cannot be used, the first launch, and the demo practice."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from app.ui.main import demo_folder, run_app
from app.ui.main_window import MainWindow
from app.ui.practice.setup_wizard import SetupWizard


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


def finish_wizard(wants_demo: bool, result: QWizard.DialogCode):
    def exec_(self: SetupWizard) -> int:
        self.wants_demo = wants_demo
        return int(result.value)

    return exec_


def close_main_window_soon(seen: list[str]) -> None:
    def close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(10, close)
            return
        seen.append(windows[0].windowTitle())
        windows[0].close()

    QTimer.singleShot(0, close)


def test_a_data_folder_that_cannot_be_used_is_explained_and_the_app_exits_3(
    qtbot: QtBot, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "practice"
    not_a_folder.write_text("a file where the data folder should be")
    said: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read_and_close)
            return
        said.append(box.informativeText())
        box.close()

    QTimer.singleShot(0, read_and_close)
    assert run_app(not_a_folder) == 3
    assert said and "cannot be created" in said[0]


def test_closing_the_setup_wizard_quits_and_saves_nothing(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SetupWizard, "exec", finish_wizard(False, QWizard.DialogCode.Rejected))
    assert run_app(data_dir) == 0
    with Workspace(data_dir) as workspace:
        assert workspace.is_empty()


def test_try_with_demo_data_opens_the_demo_practice_in_its_own_folder(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SetupWizard, "exec", finish_wizard(True, QWizard.DialogCode.Accepted))
    titles: list[str] = []
    close_main_window_soon(titles)

    assert run_app(data_dir) == 0

    assert demo_folder(data_dir) == Path(f"{data_dir}-demo")
    assert titles and titles[0].startswith("Superbill Desk — ") and titles[0].endswith(" (demo)")
    assert titles[0].count("(demo)") == 1 and titles[0].count("Superbill Desk") == 1
    # Qt adds an application display name to every title it shows: none is set, so none is doubled.
    assert QApplication.applicationDisplayName() != "Superbill Desk"
    with Workspace(demo_folder(data_dir)) as demo:
        assert not demo.is_empty()
    with Workspace(data_dir) as real:
        assert real.is_empty()  # the next launch offers the setup again


def test_what_start_up_built_is_frozen_while_the_app_runs_and_given_back_after(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full collection would walk every start-up object again (7-8 ms at 10,000 patients) mid-typing.

    The command line turns the collector off for the start (app.cli); it is on again once the
    window has started, and while the setup wizard waits on the therapist.
    """
    collecting_in_wizard: list[bool] = []
    finish = finish_wizard(True, QWizard.DialogCode.Accepted)

    def wizard_exec(self: SetupWizard) -> int:
        collecting_in_wizard.append(gc.isenabled())
        gc.disable()  # as app.cli leaves it for the main window's start
        return finish(self)

    monkeypatch.setattr(SetupWizard, "exec", wizard_exec)
    frozen: list[int] = []
    collecting: list[bool] = []

    def close_once_started() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or gc.get_freeze_count() == 0 or not windows[0].attention.is_loaded:
            QTimer.singleShot(10, close_once_started)
            return
        frozen.append(gc.get_freeze_count())
        collecting.append(gc.isenabled())
        styles.append(str(QApplication.instance().property("baseStyle") or QApplication.style().name()))
        sheets.append(QApplication.instance().styleSheet())
        windows[0].close()

    styles: list[str] = []
    sheets: list[str] = []
    QTimer.singleShot(0, close_once_started)
    gc.disable()
    try:
        assert run_app(data_dir) == 0
    finally:
        gc.enable()
    assert collecting_in_wizard == [True]
    assert frozen and frozen[0] > 1000
    assert collecting == [True]
    assert gc.get_freeze_count() == 0
    assert [style.lower() for style in styles] == ["fusion"]  # the look the screens were drawn in
    assert sheets and "QPushButton" in sheets[0]  # with the app's stylesheet, once started (app.ui.style)
