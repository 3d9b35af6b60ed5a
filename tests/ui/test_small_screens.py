"""Small screens and the keyboard (issue 11): every button on a 1024x600 screen and on 1366x768 at
150% and 200%; Tab never trapped in a table; Enter acts on the highlighted row; F1 opens help.

The layout runs in a fresh process on Qt's offscreen platform with one screen of the given size
(tools/small_screens.py: every dialog, each wizard page, the visit editor with three services).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from app.services.demo import demo_practice
from app.services.workspace import Workspace
from app.ui.app_settings import user_settings
from app.ui.main_window import MainWindow
from app.ui.visits.visit_editor import VisitEditor
from tests.ui.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = 28  # the main window, six wizard pages, 19 dialogs, the help window and the PDF preview

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support (propagateSizeHints|raise)\(\)$")


def measured(screen: str, scale: str) -> list[dict[str, object]]:
    env = {**os.environ, "QT_SCALE_FACTOR": scale}
    env.pop("QT_QPA_PLATFORM", None)  # the tool sets its own offscreen screen
    done = subprocess.run(
        [sys.executable, "-m", "tools.small_screens", "--screen", screen],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


@pytest.mark.parametrize(
    ("screen", "scale", "room"),
    [("1024x600", "1", [1024, 600]), ("1366x768", "1.5", [911, 512]), ("1366x768", "2", [683, 384])],
)
def test_every_window_and_its_buttons_fit_a_small_screen(screen: str, scale: str, room: list[int]) -> None:
    windows = measured(screen, scale)
    assert len(windows) == WINDOWS
    for window in windows:
        assert window["room"] == room, window
        width, height = window["size"]  # type: ignore[misc]
        assert width <= room[0] and height <= room[1], window
        assert window["fits"], window  # wholly on the screen
        smallest = window["smallest"]
        assert smallest[0] <= room[0] and smallest[1] <= room[1], window  # type: ignore[index]
        assert window["cut_buttons"] == [], window
        if scale == "1":  # at 150% and 200% a tab bar may scroll; at 1024x600 every tab shows
            assert window["hidden_tabs"] == [], window


# Keyboard --------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> Path:
    """Window sizes go to an INI file under tmp, never to the user's own settings."""
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def demo(empty_workspace: Workspace) -> Workspace:
    """Four patients; the first listed has visits on three days."""
    empty_workspace.store.save_practice(demo_practice())
    return empty_workspace


@pytest.fixture
def window(qtbot: QtBot, demo: Workspace) -> MainWindow:
    made = MainWindow(demo, today=TODAY)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitUntil(lambda: made._patient_view is not None and made._attention is not None)
    made.activateWindow()
    return made


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _open_visits(qtbot: QtBot, window: MainWindow) -> QTableView:
    search = window.patients_page.search_box
    QTest.keyClicks(search, "Nguy")
    QTest.keyClick(search, Qt.Key.Key_Return)  # opens Zoë Nguyễn-Øster: three visits
    view = window.patient_view
    QTest.keyClick(_focus(), Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # the Visits tab
    qtbot.waitUntil(lambda: view.tabs.currentWidget() is view.visits)
    return view.visits.view


def test_tab_from_the_search_reaches_every_visit_button_and_leaves_the_table(
    qtbot: QtBot, window: MainWindow
) -> None:
    table = _open_visits(qtbot, window)
    window.patients_page.focus_search()
    reached: list[QWidget] = []
    for _ in range(14):
        QTest.keyClick(_focus(), Qt.Key.Key_Tab)
        reached.append(_focus())
    assert table in reached
    after = reached[reached.index(table) + 1 :]
    names = [w.text().replace("&", "") for w in after if isinstance(w, QPushButton)]
    assert names[:4] == ["New visit…", "Repeat last visit…", "Edit visit…", "Delete visit…"]
    assert window.patients_page.search_box in after  # round to the start: never trapped


def test_enter_opens_the_highlighted_visit(qtbot: QtBot, window: MainWindow) -> None:
    table = _open_visits(qtbot, window)
    window.patients_page.focus_search()
    while _focus() is not table:
        QTest.keyClick(_focus(), Qt.Key.Key_Tab)
    assert [index.row() for index in table.selectionModel().selectedRows()] == [2]  # the newest
    QTest.keyClick(table, Qt.Key.Key_Up)
    highlighted = [index.row() for index in table.selectionModel().selectedRows()]
    assert highlighted == [1]
    QTest.keyClick(table, Qt.Key.Key_Return)
    editor = window.current_dialog
    assert isinstance(editor, VisitEditor)
    assert editor._visit_key == window.patient_view.visits.model.key(1)
    gone: list[bool] = []
    editor.destroyed.connect(lambda: gone.append(True))
    editor.reject()
    qtbot.waitUntil(lambda: bool(gone))  # gone before the practice closes: its check never runs after


def test_tabbing_into_a_list_never_changes_the_patient_shown(qtbot: QtBot, window: MainWindow) -> None:
    window.show_patient(window.patients_page.model.key_at(1))  # opened from elsewhere (the attention list)
    shown = window.patient_key
    window.patients_page.focus_search()
    QTest.keyClick(_focus(), Qt.Key.Key_Tab)
    assert _focus() is window.patients_page.table
    assert window.patient_key == shown
    assert window.patients_page.current_key() == shown  # the highlighted row is the patient shown


def test_the_lists_show_which_one_has_the_focus(qtbot: QtBot, window: MainWindow) -> None:
    for view in (window.patients_page.table, window.attention.list, window.patient_view.visits.view):
        view.clearFocus()
        qtbot.waitUntil(lambda view=view: not view.hasFocus())
        without = view.grab().toImage()
        view.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(view.hasFocus)
        assert view.grab().toImage() != without, view.objectName()
        assert not view.tabKeyNavigation()


def test_f1_opens_getting_started_and_every_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    QTest.keyClick(window, Qt.Key.Key_F1)
    help_window = window.help_window
    assert help_window is not None and help_window.isVisible()
    text = help_window.text.toPlainText()
    assert "Getting started" in text
    for keys in (
        "Ctrl+F",
        "Ctrl+Shift+N",
        "Ctrl+E",
        "Ctrl+N",
        "Ctrl+P",
        "Ctrl+Shift+Y",
        "Ctrl+S",
        "Esc",
        "F1",
    ):
        assert keys in text


def test_a_window_remembered_on_a_larger_screen_opens_within_this_one(
    qtbot: QtBot, workspace: Workspace
) -> None:
    first = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(first)
    first.setGeometry(QRect(3000, 2000, 2500, 1600))  # a large second monitor, since unplugged
    settings = user_settings()
    settings.setValue("mainWindow/geometry", first.saveGeometry())
    settings.sync()
    assert isinstance(settings.value("mainWindow/geometry"), QByteArray)
    again = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again._attention is not None and again.attention.is_loaded)
    free = again.screen().availableGeometry()
    assert free.contains(again.frameGeometry())
