"""The helpers that let the first frame be built without PySide6's Qt namespace (app.ui.first_frame)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter
from pytestqt.qtbot import QtBot

from app.ui.first_frame import set_enum_property
from app.ui.patients.patient_table_model import DISPLAY_ROLE, TOOL_TIP_ROLE, USER_ROLE


def test_enum_properties_are_set_by_their_qt_names(qtbot: QtBot) -> None:
    splitter = QSplitter()
    label = QLabel()
    qtbot.addWidget(splitter)
    qtbot.addWidget(label)
    set_enum_property(splitter, "orientation", "Vertical")
    set_enum_property(label, "textInteractionFlags", "TextSelectableByMouse|TextSelectableByKeyboard")
    assert splitter.orientation() == Qt.Orientation.Vertical
    assert label.textInteractionFlags() == (
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )


@pytest.mark.parametrize(("name", "value"), [("orientation", "Sideways"), ("orientationn", "Vertical")])
def test_a_name_qt_does_not_know_is_an_error_not_a_silent_no_op(qtbot: QtBot, name: str, value: str) -> None:
    splitter = QSplitter()
    qtbot.addWidget(splitter)
    with pytest.raises(ValueError, match="QSplitter has no property"):
        set_enum_property(splitter, name, value)
    assert splitter.orientation() == Qt.Orientation.Horizontal


def test_the_patients_models_role_numbers_are_qts() -> None:
    assert (
        Qt.ItemDataRole.DisplayRole.value,
        Qt.ItemDataRole.ToolTipRole.value,
        Qt.ItemDataRole.UserRole.value,
    ) == (DISPLAY_ROLE, TOOL_TIP_ROLE, USER_ROLE)
