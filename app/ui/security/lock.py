"""Locking an encrypted practice's window after some minutes without keyboard or mouse.

An application-wide event filter restarts a timer on every key press, click and wheel turn; when it
runs out, a lock screen covers the main window and every other window then open (a visit half
typed, a superbill preview, a message box), and what lies under each is switched off: its widgets,
menus, actions and shortcuts, and Escape or closing, so nothing can be read, changed or thrown away.
The passphrase (or recovery key) typed in any of them unlocks them all, each as it was left. The
practice stays open underneath: the windows' content is hidden, not the database closed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QShortcut
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
from app.ui.security.unlock_dialog import SecretField

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
    """Covers one window: the passphrase field and Unlock; `unlocked` runs once the passphrase is right."""

    def __init__(self, workspace: Workspace, parent: QWidget, unlocked: Callable[[], None]) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._unlocked = unlocked
        # The style sheet's background is painted (hiding what is under) only with this attribute.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("lockScreen")
        self.setStyleSheet("#lockScreen { background: #eef1f4; }")
        box = QWidget(self)
        inner = QVBoxLayout(box)
        self.title = QLabel("<h2>Superbill Desk is locked</h2>", box)
        self.note = QLabel(
            "Nobody used it for a while, so your records are hidden. Enter your passphrase.", box
        )
        self.note.setWordWrap(True)
        self.field = SecretField("&Passphrase:", box)
        self.unlockButton = QPushButton("&Unlock", box)
        # Not a default button: in a covered dialog that would take the default from the dialog's own.
        self.unlockButton.setAutoDefault(False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.unlockButton)
        inner.addWidget(self.title)
        inner.addWidget(self.note)
        inner.addWidget(self.field)
        inner.addLayout(row)
        box.setMaximumWidth(460)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self._layouts = (outer, inner)
        self.unlockButton.clicked.connect(self.try_unlock)
        self.field.edit.installEventFilter(self)  # Return unlocks, and goes no further
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Return in the field unlocks and is not passed on: the covered dialog would take it as a press
        of its default button (Save, or Yes in a message box)."""
        if (
            watched is self.field.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.try_unlock()
            return True
        return super().eventFilter(watched, event)

    def make_compact(self) -> None:
        """For a small window that cannot grow (a message box): the title, the field and Unlock only."""
        self.title.setText("<b>Superbill Desk is locked</b>")
        self.note.hide()
        self.field.label.hide()
        self.field.edit.setPlaceholderText("Passphrase")
        self.field.edit.setMinimumWidth(80)
        for layout in self._layouts:
            layout.setContentsMargins(6, 4, 6, 4)
            layout.setSpacing(4)

    def try_unlock(self) -> None:
        text = self.field.edit.text()
        try:
            self.workspace.check_passphrase(text)
        except ValidationError as error:
            self.field.show_problem(error.message)
            return
        self.field.edit.clear()
        self.field.clear_problem()
        self._unlocked()


class _Cover:
    """One window while locked: its lock screen on top, and what was switched off under it."""

    def __init__(self, window: QWidget, workspace: Workspace, unlocked: Callable[[], None]) -> None:
        self.window = window
        self.screen = LockScreen(workspace, window, unlocked)
        self._switched_off: list[QWidget | QAction | QShortcut] = []
        self._size: QSize | None = None  # the window's own size, when the cover made it larger

    def cover(self) -> None:
        window = self.window
        direct = window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        children = [child for child in direct if not child.isWindow()]  # its dialogs have their own cover
        items: list[QWidget | QAction | QShortcut] = [
            *children,
            *window.findChildren(QAction),
            *window.findChildren(QShortcut),
        ]
        self._switched_off = [item for item in items if item is not self.screen and item.isEnabled()]
        for item in self._switched_off:
            item.setEnabled(False)
        wanted = window.size().expandedTo(self.screen.sizeHint())
        if wanted != window.size():
            if window.minimumSize() == window.maximumSize():  # a message box: fixed, and small
                self.screen.make_compact()
            else:
                self._size = window.size()
                window.resize(wanted)
        self.fit()
        self.screen.raise_()
        self.screen.show()

    def fit(self) -> None:
        self.screen.setGeometry(self.window.rect())

    def uncover(self) -> None:
        self.screen.hide()
        for item in self._switched_off:
            item.setEnabled(True)
        self._switched_off = []
        if self._size is not None:
            self.window.resize(self._size)
            self._size = None


class IdleLock(QObject):
    """Locks `window`, and every window open then, after `minutes` without input (`interval_ms`
    overrides it, for tests)."""

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
        self.workspace = workspace
        self._main = _Cover(window, workspace, self.unlock)
        self.screen = self._main.screen
        self._others: list[_Cover] = []
        self._focus: QWidget | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_interval(minutes, interval_ms)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        window.installEventFilter(self)  # Qt removes both filters when this object is deleted

    @property
    def locked(self) -> bool:
        return self.screen.isVisible()

    def screens(self) -> list[LockScreen]:
        """The lock screens shown now: the main window's first."""
        return [cover.screen for cover in (self._main, *self._others) if cover.screen.isVisible()]

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
        self._focus = QApplication.focusWidget()
        while (popup := QApplication.activePopupWidget()) is not None:  # an open menu or list
            popup.close()
        self._others = [
            _Cover(other, self.workspace, self.unlock)
            for other in QApplication.topLevelWidgets()
            if other is not self.window and other.isVisible() and _is_window(other)
        ]
        for cover in (self._main, *self._others):
            cover.cover()
        active = QApplication.activeWindow()
        shown = next((c.screen for c in self._others if c.window is active), self.screen)
        shown.field.edit.setFocus()

    def unlock(self) -> None:
        for cover in (self._main, *self._others):
            cover.uncover()
        for cover in self._others:
            cover.screen.deleteLater()
        self._others = []
        focus, self._focus = self._focus, None
        if focus is not None:
            with contextlib.suppress(RuntimeError):  # the widget went away meanwhile
                focus.setFocus()
        if self.timer.interval() > 0:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.locked:
            covers = (self._main, *self._others)
            if kind == QEvent.Type.Resize:
                for cover in covers:
                    if watched is cover.window:
                        cover.fit()
            if kind == QEvent.Type.Close and any(watched is c.window for c in self._others):
                event.ignore()
                return True  # a covered dialog stays, with what was typed in it
            if (
                kind == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape
            ):
                return True  # Escape would close (reject) the covered dialog
        elif kind in _ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False


def _is_window(widget: QWidget) -> bool:
    """A dialog or window of the app; not a tooltip, popup menu or splash."""
    return widget.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet)
