"""The main window: what it shows on opening, its shortcuts, and the layout it remembers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from app.ui.app_settings import user_settings, window_title
from app.ui.main_window import MainWindow
from app.ui.patients.patient_dialog import PatientDialog
from app.ui.patients.patient_table_model import COL_NAME
from app.ui.practice.settings_dialog import SettingsDialog
from app.ui.superbills.superbill_dialog import SuperbillDialog
from app.ui.visits.visit_editor import VisitEditor
from tests import sample
from tests.ui.conftest import TODAY


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> Iterator[Path]:
    """Window sizes go to an INI file under tmp, never to the user's own settings."""
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    assert str(folder) in user_settings().fileName() or not folder.exists()


def open_window(qtbot: QtBot, workspace: Workspace, **options: bool) -> MainWindow:
    window = MainWindow(workspace, today=TODAY, **options)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def listed_names(window: MainWindow) -> list[str]:
    model = window.patients_page.model
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def choose_daniel(qtbot: QtBot, window: MainWindow) -> None:
    """Type part of the name in the search box and press Enter, as the therapist would."""
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.patients_page.search_box, "oka")
    qtbot.keyClick(window.patients_page.search_box, Qt.Key.Key_Return)
    assert window.patient_key == "pt-0001"


def close_dialog(window: MainWindow) -> None:
    dialog = window.current_dialog
    assert dialog is not None
    dialog.done(QDialog.DialogCode.Rejected)  # nothing was typed in it


def test_the_window_opens_on_the_practice_with_its_patients(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    assert window.windowTitle() == "Superbill Desk — Tidewater Therapeutic Massage"
    assert listed_names(window) == ["Okafor, Daniel"]
    assert str(workspace.data_dir) in window.data_label.text()


def test_the_rest_is_built_after_the_first_frame_and_then_start_up_is_over(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    assert window._attention is None and window._patient_view is None  # not before the first frame
    with qtbot.waitSignal(window.startedUp):
        window.show()
    assert window._attention is not None and window._attention.isVisible()
    assert window._patient_view is not None and window._patient_view.isVisible()


def test_the_demo_practice_says_so_in_the_title(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace, demo=True)
    assert window.windowTitle() == "Superbill Desk — Tidewater Therapeutic Massage (demo)"
    assert "Demo practice" in window.data_label.text()


def test_a_practice_with_no_name_is_titled_with_the_practitioner() -> None:
    assert window_title(sample.practitioner(practice_name=None)) == "Superbill Desk — Maya Lindqvist, LMT"
    assert window_title(None) == "Superbill Desk"


def test_ctrl_f_puts_the_cursor_in_the_patient_search(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    window.patient_view.setFocus()
    window.patients_page.table.setFocus()
    qtbot.keyClick(window.patients_page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.patients_page.search_box


def test_patient_actions_wait_for_a_patient(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    assert not window.new_visit_action.isEnabled()
    assert not window.superbill_action.isEnabled()
    choose_daniel(qtbot, window)
    assert window.new_visit_action.isEnabled()
    assert window.superbill_action.isEnabled()
    assert window.patient_view.patient_key == "pt-0001"


def test_ctrl_n_opens_a_new_visit_for_the_chosen_patient(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    choose_daniel(qtbot, window)
    qtbot.keyClick(window.patient_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_dialog, VisitEditor)
    assert window.current_dialog.isVisible()
    close_dialog(window)
    assert window.current_dialog is None


def test_ctrl_p_opens_the_superbill_for_the_chosen_patient(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    choose_daniel(qtbot, window)
    qtbot.keyClick(window.patient_view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = window.current_dialog
    assert isinstance(dialog, SuperbillDialog)
    assert dialog.patient_key == "pt-0001"
    close_dialog(window)


def test_ctrl_shift_n_opens_a_new_patient(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    qtbot.keyClick(
        window.patients_page.search_box,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert isinstance(window.current_dialog, PatientDialog)
    close_dialog(window)


def test_ctrl_shift_i_and_ctrl_shift_r_add_coverage_and_a_prescription_from_anywhere(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """Without first finding the right tab and its Add button: one key chord each."""
    from app.ui.patients.coverage_dialog import CoverageDialog
    from app.ui.patients.prescription_dialog import PrescriptionDialog

    window = open_window(qtbot, workspace)
    choose_daniel(qtbot, window)
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.patient_view, Qt.Key.Key_I, both)
    dialog = window.patient_view.current_dialog
    assert isinstance(dialog, CoverageDialog) and dialog.isVisible()
    assert window.patient_view.tabs.currentWidget() is window.patient_view.coverages
    dialog.done(QDialog.DialogCode.Rejected)
    qtbot.keyClick(window.patient_view, Qt.Key.Key_R, both)
    dialog = window.patient_view.current_dialog
    assert isinstance(dialog, PrescriptionDialog) and dialog.isVisible()
    assert window.patient_view.tabs.currentWidget() is window.patient_view.prescriptions
    dialog.done(QDialog.DialogCode.Rejected)


def test_a_new_practice_name_in_settings_retitles_the_window(qtbot: QtBot, workspace: Workspace) -> None:
    window = open_window(qtbot, workspace)
    window.settings_action.trigger()
    dialog = window.current_dialog
    assert isinstance(dialog, SettingsDialog)
    name = dialog.form.ui.practiceNameEdit
    name.selectAll()
    qtbot.keyClicks(name, "Harbor Massage")
    qtbot.keyClick(name, Qt.Key.Key_Return)  # Save is the default button
    assert window.current_dialog is None
    assert window.windowTitle() == "Superbill Desk — Harbor Massage"


def test_window_size_and_splitters_come_back_in_the_next_window(qtbot: QtBot, workspace: Workspace) -> None:
    first = open_window(qtbot, workspace)
    # The offscreen screen is 800 x 600: a window must fit on it to be restored as it was.
    first.resize(760, 540)
    first.splitter.setSizes([300, 440])
    first.left_splitter.setSizes([200, 250])
    qtbot.wait(1)
    size, sizes, left_sizes = first.size(), first.splitter.sizes(), first.left_splitter.sizes()
    assert size.width() < 1000  # a new window with nothing remembered starts 1200 wide
    first.close()

    second = open_window(qtbot, workspace)
    assert second.size() == size
    assert second.splitter.sizes() == sizes
    assert second.left_splitter.sizes() == left_sizes


def test_the_demo_is_said_once_in_the_title_when_its_name_says_demo_already() -> None:
    named = sample.practitioner(practice_name="Harbor Light Massage Therapy (demo)")
    assert window_title(named, demo=True) == "Superbill Desk — Harbor Light Massage Therapy (demo)"
