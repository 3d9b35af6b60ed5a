"""File > Update code set…: choose the file, read what it changes, Apply or Cancel; driven with clicks.

The Open dialog is the platform's own; here QFileDialog.getOpenFileName is replaced by a function that
answers with the file (and keeps the folder the dialog was asked to open in). Everything else is the
real window, dialog, code-set files and practice.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from app.store.code_index import open_code_index
from app.ui.main_window import MainWindow
from app.ui.patients.prescription_dialog import PrescriptionDialog
from app.ui.practice.code_update_dialog import CodeUpdateDialog
from app.ui.visits.visit_editor import VisitEditor
from app.ui.widgets.saving import LAST_FOLDER
from tests.codes.fy2028 import ADDENDA_2028, practice_using_fy2028_changes
from tests.ui.record_helpers import BoxAnswer, forget_changes

TODAY = date(2027, 10, 15)  # FY2028 has begun: the visit of 10/12/2027 uses FY2028's codes


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[Workspace]:
    workspace = Workspace(data_dir)
    workspace.store.save_practice(practice_using_fy2028_changes())
    yield workspace
    workspace.close()


@pytest.fixture
def chosen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """What the Open dialog answers (``file``) and where it was asked to open (``folder``)."""
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    answer: dict[str, object] = {"file": downloads / ADDENDA_2028.name}
    shutil.copyfile(ADDENDA_2028, downloads / ADDENDA_2028.name)

    def get_open_file_name(_parent: QWidget, _title: str, folder: str, _filters: str) -> tuple[str, str]:
        answer["folder"] = folder
        return str(answer["file"]), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open_file_name)
    return answer


def open_window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    qtbot.waitUntil(lambda: window.attention.is_loaded)
    return window


def open_update(qtbot: QtBot, window: MainWindow) -> CodeUpdateDialog:
    file_menu = window.menuBar().actions()[0].menu()
    assert window.update_codes_action in file_menu.actions()
    window.update_codes_action.trigger()
    dialog = window.current_dialog
    assert isinstance(dialog, CodeUpdateDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_update_code_set_shows_what_changes_then_apply_loads_it_and_says_so(
    qtbot: QtBot, workspace: Workspace, chosen: dict[str, object]
) -> None:
    window = open_window(qtbot, workspace)
    dialog = open_update(qtbot, window)
    assert dialog.summary.text() == (
        "<b>ICD-10-CM FY2028 (dates of service 10/01/2027 to 09/30/2028): 4 codes added, 2 deleted, 1 revised</b>"
    )
    assert dialog.affected_label.text() == "Your visits and prescriptions it affects (3):"
    assert [dialog.affected.item(i).text() for i in range(dialog.affected.count())] == [
        "D.O., visit of 10/12/2027: M54.2 no longer billable (choose M54.20, M54.21, M54.29)",
        "D.O., visit of 10/12/2027: M79.7 revised",
        "D.O., prescription of 11/20/2026: M79.18 deleted",
    ]
    assert not (workspace.data_dir / "codes").exists()  # nothing changes before Apply

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_dialog is None)
    with open_code_index(workspace.data_dir) as codes:
        assert codes.release.name == "ICD-10-CM FY2028"
    assert workspace.codes.release.name == "ICD-10-CM FY2028"
    note = window.status_note
    assert (
        note is not None
        and note.message() == "Loaded ICD-10-CM FY2028: dates of service 10/01/2027 to 09/30/2028"
    )
    # The folder the file came from is where the next Open dialog starts.
    from app.ui.main_window import user_settings

    assert user_settings().value(LAST_FOLDER) == str(Path(str(chosen["file"])).parent)


def test_after_the_update_the_retired_code_needs_attention_and_one_click_opens_the_visit(
    qtbot: QtBot, workspace: Workspace, chosen: dict[str, object]
) -> None:
    window = open_window(qtbot, workspace)
    assert not [t for t in window.attention.item_texts() if "M54.2" in t]
    dialog = open_update(qtbot, window)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_dialog is None)
    panel = window.attention
    texts = panel.item_texts()
    assert "Visits with a code no longer billable (1)" in texts
    assert "Prescriptions with a code no longer billable (1)" in texts
    line = "Okafor, Daniel — visit of 10/12/2027: M54.2 is no longer billable for dates from Oct 1, 2027: choose M54.20, M54.21 or M54.29"
    assert line in texts
    rect = panel.list.visualRect(panel.model.index(texts.index(line)))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = window.current_dialog
    assert isinstance(editor, VisitEditor)
    assert editor._visit_key == "v-fy28"
    forget_changes(editor)
    editor.close()


def test_cancel_changes_nothing(qtbot: QtBot, workspace: Workspace, chosen: dict[str, object]) -> None:
    window = open_window(qtbot, workspace)
    dialog = open_update(qtbot, window)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_dialog is None)
    assert not (workspace.data_dir / "codes").exists()
    assert workspace.codes.release.name == "ICD-10-CM FY2027"


def test_a_file_that_is_no_code_set_is_refused_in_one_line_naming_it(
    qtbot: QtBot, workspace: Workspace, chosen: dict[str, object], tmp_path: Path
) -> None:
    broken = tmp_path / "Downloads" / "icd10cm-Code Descriptions-2028.zip"
    broken.write_bytes(b"PK\x03\x04 cut short")
    chosen["file"] = broken
    window = open_window(qtbot, workspace)
    answer = BoxAnswer()
    answer.next("OK")
    window.update_codes_action.trigger()
    qtbot.waitUntil(lambda: bool(answer.texts))
    assert answer.texts[0].strip() == (
        "icd10cm-Code Descriptions-2028.zip is a damaged or incomplete zip file (BadZipFile): download it again. "
        "Nothing was changed."
    )
    assert window.current_dialog is None
    assert not (workspace.data_dir / "codes").exists()


def test_one_click_on_a_prescription_with_a_retired_code_opens_that_prescription(
    qtbot: QtBot, workspace: Workspace, chosen: dict[str, object]
) -> None:
    window = open_window(qtbot, workspace)
    dialog = open_update(qtbot, window)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_dialog is None)
    panel = window.attention
    texts = panel.item_texts()
    row = next(
        i for i, t in enumerate(texts) if t.startswith("Okafor, Daniel — prescription of 11/20/2026: M79.18")
    )
    rect = panel.list.visualRect(panel.model.index(row))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    view = window.patient_view
    assert view.tabs.currentWidget() is view.prescriptions
    editor = view.current_dialog
    assert isinstance(editor, PrescriptionDialog)
    assert editor.prescription_key == "rx-open"  # type: ignore[attr-defined]
    forget_changes(editor)
    editor.close()


def test_a_newer_code_set_in_an_older_format_is_said_in_the_window_note(
    qtbot: QtBot, workspace: Workspace
) -> None:
    from tests.codes.test_older_code_sets import write_format_1_code_set

    write_format_1_code_set(workspace.data_dir)
    window = open_window(qtbot, workspace)
    qtbot.waitUntil(lambda: window.status_note is not None)
    note = window.status_note
    assert note is not None
    assert note.message().startswith("The ICD-10-CM FY2028 code set in ")
    assert "load that year's file again with File > Update code set…" in note.message()
