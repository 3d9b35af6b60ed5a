"""The Qt binding must not wear down Python's own objects while the therapist types.

PySide6 6.12.0 on CPython 3.11 dropped a reference to None each time a Qt-emitted signal reached a
Python slot; a few thousand keystrokes or timer ticks later the interpreter aborted. These tests
fail on such a binding, so a dependency upgrade that brings the bug back is caught here.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot


@pytest.fixture(autouse=True)
def _quiet_heap() -> Iterator[None]:
    """Free what earlier tests left behind first, and keep the collector still while counting:
    objects freed meanwhile give back their own references to None and blur the count."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_typing_into_a_search_box_leaves_none_as_it_was(qtbot: QtBot) -> None:
    search = QLineEdit()
    qtbot.addWidget(search)
    heard: list[str] = []
    search.textChanged.connect(heard.append)  # returns None, as most slots do
    before = sys.getrefcount(None)
    for keystroke in range(500):
        search.setText(f"oka{keystroke}")
    assert len(heard) == 500
    assert sys.getrefcount(None) >= before - 10  # a few for the list's growth; never one per signal


def test_timers_firing_leave_none_as_it_was(qtbot: QtBot) -> None:
    fired: list[int] = []
    before = sys.getrefcount(None)
    for tick in range(300):
        QTimer.singleShot(0, lambda tick=tick: fired.append(tick))
    qtbot.waitUntil(lambda: len(fired) == 300)
    QCoreApplication.processEvents()
    assert sys.getrefcount(None) >= before - 10


def test_a_small_qt_program_exits_cleanly() -> None:
    program = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Sender(QObject):
    ping = Signal()
sender = Sender()
sender.ping.connect(lambda: 5)
for _ in range(200):
    sender.ping.emit()
print("done")
"""
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "done"
