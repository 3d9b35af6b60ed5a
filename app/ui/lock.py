"""Locking an encrypted practice's window after some minutes without keyboard or mouse.

An application-wide event filter restarts a timer on every key press, click and wheel turn; when it
runs out, a lock screen covers the main window and its menus and shortcuts are switched off until
the passphrase (or recovery key) is typed. The practice stays open underneath: the window's content
is hidden, not the database closed. Dialogs already open at that moment stay open above it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services.workspace import Workspace
from app.ui.unlock_dialog import SecretField

IDLE_MINUTES_KEY = "security/lock_after_minutes"
DEFAULT_IDLE_MINUTES = 15

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def idle_minutes(settings: QSettings) -> int:
    """Minutes without input before the window locks (0: never)."""
    value = settings.value(IDLE_MINUTES_KEY, DEFAULT_IDLE_MINUTES)
    try:
        return max(0, int(str(value)))
    except ValueError:
        return DEFAULT_IDLE_MINUTES


class LockScreen(QWidget):
    """Covers the main window: the passphrase field and Unlock."""

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setAutoFillBackground(True)
        self.setObjectName("lockScreen")
        self.setStyleSheet("#lockScreen { background: #eef1f4; }")
        box = QWidget(self)
        inner = QVBoxLayout(box)
        title = QLabel("<h2>Superbill Desk is locked</h2>", box)
        note = QLabel("Nobody used it for a while, so your records are hidden. Enter your passphrase.", box)
        note.setWordWrap(True)
        self.field = SecretField("&Passphrase:", box)
        self.unlockButton = QPushButton("&Unlock", box)
        self.unlockButton.setDefault(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.unlockButton)
        inner.addWidget(title)
        inner.addWidget(note)
        inner.addWidget(self.field)
        inner.addLayout(row)
        box.setMaximumWidth(460)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.unlockButton.clicked.connect(self.try_unlock)
        self.field.edit.returnPressed.connect(self.try_unlock)
        self.hide()

    def try_unlock(self) -> None:
        text = self.field.edit.text()
        try:
            self.workspace.check_passphrase(text)
        except ValidationError as error:
            self.field.show_problem(error.message)
            return
        self.field.edit.clear()
        self.field.clear_problem()
        parent = self.parent()
        if isinstance(parent, QMainWindow):
            for lock in parent.findChildren(IdleLock):
                lock.unlock()


class IdleLock(QObject):
    """Locks `window` after `minutes` without input (`interval_ms` overrides it, for tests)."""

    def __init__(
        self,
        window: QMainWindow,
        workspace: Workspace,
        minutes: int = DEFAULT_IDLE_MINUTES,
        *,
        interval_ms: int | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.screen = LockScreen(workspace, window)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self._disabled: list[QAction] = []
        self.set_interval(minutes, interval_ms)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.installEventFilter(self)  # Qt removes both filters when this object is deleted

    @property
    def locked(self) -> bool:
        return self.screen.isVisible()

    def set_interval(self, minutes: int, interval_ms: int | None = None) -> None:
        """0 minutes: never lock."""
        self.timer.stop()
        interval = interval_ms if interval_ms is not None else minutes * 60_000
        if interval > 0:
            self.timer.setInterval(interval)
            self.timer.start()

    def lock(self) -> None:
        if self.locked:
            return
        self._disabled = [a for a in self.window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        self.window.menuBar().setEnabled(False)
        self.screen.setGeometry(self.window.rect())
        self.screen.raise_()
        self.screen.show()
        self.screen.field.edit.setFocus()

    def unlock(self) -> None:
        self.screen.hide()
        self.window.menuBar().setEnabled(True)
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        if self.timer.interval() > 0:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize and self.locked:
            self.screen.setGeometry(self.window.rect())
        if event.type() in _ACTIVITY and not self.locked and self.timer.isActive():
            self.timer.start()
        return False
