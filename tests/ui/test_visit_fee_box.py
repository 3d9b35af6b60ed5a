"""The Fee box of the visit editor, typed into by a hostile tester: a clear message, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from app.ui.visits.visit_editor import VisitEditor
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import type_text
from tests.ui.test_visit_editor import _discard_changes as discard_changes

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def editor(qtbot: QtBot, workspace: Workspace) -> VisitEditor:
    """The stored visit v-2 (97124 and 97140), its first service selected."""
    opened = VisitEditor(workspace, "pt-0001", "v-2", today=TODAY)
    qtbot.addWidget(opened, before_close_func=discard_changes)
    opened.show()
    qtbot.waitUntil(opened.isActiveWindow)
    return opened


def type_fee(qtbot: QtBot, editor: VisitEditor, text: str) -> None:
    fee = editor.ui.feeEdit
    qtbot.mouseClick(fee, Qt.MouseButton.LeftButton)
    qtbot.keyClick(fee, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(fee, Qt.Key.Key_Backspace)
    type_text(fee, text)  # key by key, Arabic-Indic digits included


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("forty", '"forty" is not a dollar amount such as "45.00"'),
        ("1,0,0.00", '"1,0,0.00" is not a dollar amount such as "45.00"'),
        ("٣٠", '"٣٠" is not a dollar amount such as "45.00"'),
        ("-5", "Fee per unit cannot be negative"),
        ("99999999", "Fee per unit: $99,999,999.00 is more than $10,000.00 a unit"),
    ],
)
def test_a_fee_that_is_not_an_amount_is_named_and_the_visit_is_not_saved(
    qtbot: QtBot, editor: VisitEditor, workspace: Workspace, typed: str, said: str
) -> None:
    type_fee(qtbot, editor, typed)
    qtbot.wait(200)  # the check runs once typing pauses: it must not raise
    findings = editor.findings()
    assert findings[0].code == "fee-unreadable"
    assert said in findings[0].message
    assert "Leave it empty to use your fee schedule" in findings[0].message
    shown = editor.ui.findingsList.item(0).text()
    assert said in shown and "Service 1 (97124): fee" in shown
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert said in editor.ui.statusLabel.text()
    assert QApplication.focusWidget() is editor.ui.feeEdit
    assert workspace.store.chart("pt-0001").visits[1].lines[0].fee is None


def test_clearing_the_fee_again_clears_the_message(qtbot: QtBot, editor: VisitEditor) -> None:
    type_fee(qtbot, editor, "abc")
    assert editor.findings()[0].code == "fee-unreadable"
    type_fee(qtbot, editor, "42.50")
    assert all(f.code != "fee-unreadable" for f in editor.findings())
    assert editor.ui.chargeLabel.text().startswith("<b>$85.00</b>")
    assert not isinstance(QApplication.activeModalWidget(), QMessageBox)
