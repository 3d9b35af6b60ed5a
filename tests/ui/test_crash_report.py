"""A bug in the app ends in a plain dialog and a log line without patient data, never a silent death."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from app.services.logs import setup_logging, stop_logging
from app.ui import crash_report


@pytest.fixture
def hook(tmp_path: Path) -> Iterator[Path]:
    log = setup_logging(tmp_path / "logs")
    assert log is not None
    try:
        with crash_report.installed():
            yield log
    finally:
        stop_logging()
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "crashReport":
                widget.close()


def _report_box() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == "crashReport" and widget.isVisible():
            return widget
    return None


@pytest.mark.qt_no_exception_capture
def test_a_crash_in_a_button_shows_what_to_do_and_logs_no_patient_data(qtbot: QtBot, hook: Path) -> None:
    button = QPushButton("Save")
    qtbot.addWidget(button)

    def broken() -> None:
        raise AttributeError("'VisitEditor' has no attribute for Daniel Okafor, born 06/12/1984")

    button.clicked.connect(broken)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _report_box() is not None)
    box = _report_box()
    assert box is not None
    assert box.windowTitle() == "Something went wrong"
    assert "AttributeError" in box.text() and str(hook) in box.text()
    assert "Everything you saved before is safe" in box.text()
    assert "Okafor" not in box.text()
    logged = hook.read_text(encoding="utf-8")
    assert "unexpected AttributeError at test_crash_report:" in logged
    assert "Okafor" not in logged and "06/12/1984" not in logged

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a second failure while the first is shown
    assert (
        sum(1 for w in QApplication.topLevelWidgets() if w.objectName() == "crashReport" and w.isVisible())
        == 1
    )
    assert hook.read_text(encoding="utf-8").count("unexpected AttributeError") == 2
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: _report_box() is None)


def test_the_app_installs_the_report_when_it_starts(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QWizard

    from app.ui.main import run_app
    from app.ui.practice.setup_wizard import SetupWizard

    hooks: list[object] = []

    def closed_at_once(wizard: SetupWizard) -> int:
        hooks.append(sys.excepthook)
        return QWizard.DialogCode.Rejected.value

    before = sys.excepthook
    monkeypatch.setattr(SetupWizard, "exec", closed_at_once)
    assert run_app(data_dir) == 0
    assert hooks == [crash_report.report]
    assert sys.excepthook is before  # a test's own hook (or Python's) again once the app is done
