"""Windows that fit the screen they open on: a small laptop (1024x600), or 1366x768 at 150-200% scaling.

A dialog's form goes into a scroll area and its row of buttons stays below it, always visible; the
window opens at its natural size where there is room, and never larger than the screen's free area:

    fit_dialog(self)                 # at the end of a dialog's __init__: finds its button row itself
    fit_dialog(self, keep=self.ui.statusLabel)  # ...or keeps visible from this widget (or layout) down

The .ui files stay as they are (other changes to them merge easily); this rearranges the built layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Slot
from PySide6.QtWidgets import QScrollArea, QWidget
from shiboken6 import isValid

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractItemView, QBoxLayout, QLayout, QLayoutItem, QVBoxLayout

# The main window keeps itself on the screen with this module before its first frame: Qt's
# namespace and the widget classes below are imported where used (see app.ui.first_frame).

# Room left for the title bar and borders the window manager adds around a window (logical pixels).
DECORATION = QSize(8, 32)


def _hold_unseen(area: QScrollArea, content: QWidget) -> None:
    """`content` in `area`, with nothing of the area to be seen: no frame, the window's own background,
    a sideways bar only when needed, and never a Tab stop (Tab goes to the fields in it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFrame

    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    content.setAutoFillBackground(False)
    area.setWidget(content)
    area.viewport().setAutoFillBackground(False)


class FittingScrollArea(QScrollArea):
    """Asks for its content's whole size (so a dialog opens as laid out where it fits), yet can shrink
    to a few lines: then it scrolls. Frameless, so on a large screen nothing shows that it is there."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QSizePolicy

        super().__init__(parent)
        self.setObjectName("fitScrollArea")
        # Never squeezed below its natural height (tables of two rows): it scrolls instead.
        content.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        _hold_unseen(self, content)

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        frame = 2 * self.frameWidth()
        return content.sizeHint().expandedTo(content.minimumSizeHint()) + QSize(frame, frame)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return self.sizeHint().boundedTo(QSize(16 * line, 5 * line))


class ButtonStrip(QScrollArea):
    """A row of buttons at its full height, scrolling sideways when the window is narrower than the
    row (instead of widening the window past the screen); never squeezed by a table above it."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QSizePolicy

        super().__init__(parent)
        self.setObjectName("buttonStrip")
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        _hold_unseen(self, content)
        watch_focus(self)

    def _height(self) -> int:
        """The buttons' height and, always, room for the sideways bar: the row never has to give
        its own height to the bar, whatever the width."""
        content = self.widget()
        row = content.sizeHint().height() if content is not None else 0
        return row + self.horizontalScrollBar().sizeHint().height()

    def sizeHint(self) -> QSize:
        content = self.widget()
        width = content.sizeHint().width() if content is not None else 0
        return QSize(width, self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(8 * self.fontMetrics().height(), self._height())


def scroll_area(content: QWidget, parent: QWidget | None = None) -> FittingScrollArea:
    """`content` in a scroll area that shows it whole where it fits (a wizard page's form)."""
    area = FittingScrollArea(content, parent)
    watch_focus(area)
    return area


def fit_dialog(dialog: QWidget, keep: QWidget | QLayout | None = None) -> FittingScrollArea | None:
    """Put the dialog's content in a scroll area, leaving its button row (and whatever comes after
    `keep`, when given) below it, always in view; open it no larger than the screen. Tab also leaves
    every table of the dialog (untrap_tables). Returns the scroll area, or None when the dialog's
    layout is not a column of rows (it is then only sized to fit)."""
    from PySide6.QtWidgets import QBoxLayout, QVBoxLayout

    untrap_tables(dialog)
    fit_window(dialog)
    layout = dialog.layout()
    if not isinstance(layout, QBoxLayout) or layout.direction() != QBoxLayout.Direction.TopToBottom:
        return None
    start = _index_of(layout, keep) if keep is not None else _button_row(layout)
    if start is None or start == 0:
        return None
    focused = dialog.focusWidget()  # moving the fields clears it
    content = QWidget(dialog)  # in the same window: the fields keep the focus and their tab order
    content.setObjectName("fitContent")
    inner = QVBoxLayout(content)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.setSpacing(layout.spacing())
    for _ in range(start):
        stretch = layout.stretch(0)
        item = layout.takeAt(0)
        if item is not None:
            _add_item(inner, item, stretch)
    area = FittingScrollArea(content, dialog)
    layout.insertWidget(0, area, 1)
    for index in range(1, layout.count()):
        layout.setStretch(index, 0)
    watch_focus(area)
    if focused is not None:
        focused.setFocus()
    return area


def _index_of(layout: QBoxLayout, keep: QWidget | QLayout) -> int | None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is not None and (item.widget() is keep or item.layout() is keep):
            return index
    return None


def _button_row(layout: QBoxLayout) -> int | None:
    """Where the trailing rows of buttons (a button box, a row of buttons, their notes) begin."""
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    start = None
    for index in range(layout.count() - 1, -1, -1):
        item = layout.itemAt(index)
        widget = item.widget() if item is not None else None
        child = item.layout() if item is not None else None
        if isinstance(widget, QDialogButtonBox) or (child is not None and _is_button_row(child)):
            start = index
        elif isinstance(widget, QLabel) and start is not None:
            start = index  # an error or a note just above the buttons stays with them
        else:
            break
    return start


def _is_button_row(layout: QLayout) -> bool:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    items = [layout.itemAt(i) for i in range(layout.count())]
    widgets = [w for w in (item.widget() for item in items if item is not None) if w is not None]
    buttons = [w for w in widgets if isinstance(w, QAbstractButton)]
    return bool(buttons) and all(isinstance(w, QAbstractButton | QLabel) for w in widgets)


def _add_item(inner: QVBoxLayout, item: QLayoutItem, stretch: int) -> None:
    widget, child = item.widget(), item.layout()
    if widget is not None:
        alignment = item.alignment()
        inner.addWidget(widget, stretch, alignment)
    elif child is not None:
        child.setParent(None)
        inner.addLayout(child, stretch)
    else:
        inner.addItem(item)
        if stretch:
            inner.setStretch(inner.count() - 1, stretch)


# Sizing ----------------------------------------------------------------------------------------


class _ScreenFitter(QObject):
    """On each show: the window's size within the screen's free area, and the window wholly on it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            fit_to_screen(watched)
        return False


def fit_window(window: QWidget) -> None:
    """Size and place `window` within its screen each time it is shown."""
    if window.property("fitsScreen"):
        return
    window.setProperty("fitsScreen", True)
    window.installEventFilter(_ScreenFitter(window))


def room_on(window: QWidget) -> QRect:
    """The screen's free area (without task bars) less the window manager's title bar and borders."""
    screen = window.screen()
    free = screen.availableGeometry()
    return QRect(free.topLeft(), (free.size() - _decoration(window)).expandedTo(QSize(1, 1)))


def _decoration(window: QWidget) -> QSize:
    """The frame around the window: known once it was on the screen, else a usual title bar's."""
    frame = window.frameGeometry().size() - window.geometry().size()
    return frame if frame.width() > 0 or frame.height() > 0 else DECORATION


def fit_to_screen(window: QWidget) -> None:
    """No larger than the screen's free area, no smaller than the window needs where it has room,
    and wholly on the screen."""
    from PySide6.QtCore import Qt

    room = room_on(window)
    if window.minimumWidth() > room.width() or window.minimumHeight() > room.height():
        window.setMinimumSize(window.minimumSize().boundedTo(room.size()))
    natural = window.sizeHint().expandedTo(window.minimumSizeHint())
    wanted = window.size() if window.testAttribute(Qt.WidgetAttribute.WA_Resized) else natural
    wanted = wanted.expandedTo(natural.boundedTo(room.size())).boundedTo(room.size())
    if wanted != window.size():
        window.resize(wanted)
    # A dialog has centred itself over its window already, but for its size before this resize:
    # brought wholly onto the screen again (at 200% scaling it stood one pixel over the edge).
    place_on_screen(window)


def keep_on_screen(window: QWidget) -> None:
    """A size and place remembered from another (larger, or no longer attached) screen brought
    within this one's free area: never larger than it, never off it."""
    room = room_on(window).size()
    needed = window.minimumSizeHint().expandedTo(window.minimumSize())
    if needed.width() > room.width() or needed.height() > room.height():
        window.setMinimumSize(needed.boundedTo(room))  # a wider toolbar or font must not push it off
    if window.width() > room.width() or window.height() > room.height():
        window.resize(window.size().boundedTo(room))
    place_on_screen(window)


def place_on_screen(window: QWidget) -> None:
    """Move the window (its frame included) wholly onto the screen's free area, as near as it was."""
    free = window.screen().availableGeometry()
    frame = window.frameGeometry()
    size = window.size() + _decoration(window)
    x = min(max(frame.x(), free.left()), free.left() + max(0, free.width() - size.width()))
    y = min(max(frame.y(), free.top()), free.top() + max(0, free.height() - size.height()))
    if QPoint(x, y) != frame.topLeft():
        window.move(x, y)


# Keyboard --------------------------------------------------------------------------------------

# A frame in the highlight colour around the list or table that has the keyboard focus; its
# selected row a paler colour when the focus is elsewhere, as on Windows and macOS.
FOCUS_STYLE = (
    "QAbstractItemView { border: 1px solid palette(mid); padding: 1px; }"
    "QAbstractItemView:focus { border: 2px solid palette(highlight); padding: 0px; }"
)


def untrap_tables(window: QWidget) -> None:
    """Tab leaves every table and list of the window (arrow keys move within them), and each shows
    when it has the focus."""
    from PySide6.QtWidgets import QAbstractItemView

    for view in window.findChildren(QAbstractItemView):
        view.setTabKeyNavigation(False)
        show_focus(view)


def show_focus(view: QAbstractItemView) -> None:
    """A highlighted frame while the list has the keyboard focus; its chosen row pale without it."""
    from PySide6.QtGui import QPalette

    if view.property("showsFocus"):
        return
    view.setProperty("showsFocus", True)
    view.setStyleSheet(FOCUS_STYLE)
    palette = view.palette()
    active = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    pale = active.lighter(175) if active.lightness() < 160 else active
    palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, pale)
    palette.setColor(
        QPalette.ColorGroup.Inactive,
        QPalette.ColorRole.HighlightedText,
        palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text),
    )
    view.setPalette(palette)
    view.installEventFilter(_ChooseOnFocus(view))


class _ChooseOnFocus(QObject):
    """A list that gets the focus with no row chosen highlights its first row, so the row Enter acts
    on is always the highlighted one (Qt would make it current without highlighting it)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractItemView

        if event.type() != QEvent.Type.FocusIn or not isinstance(watched, QAbstractItemView):
            return False
        model = watched.model()
        if model is None or watched.currentIndex().isValid():
            return False
        wanted = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if model.flags(index) & wanted == wanted:
                watched.setCurrentIndex(index)
                break
        return False


class _FocusWatcher(QObject):
    """Scrolls a scroll area to the field that gets the focus, however it got it (Tab does already;
    a mnemonic, a click on a label, or a field named by an error do not)."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self._area = area

    @Slot(QWidget, QWidget)  # a slot of this object: disconnected when the area (its parent) goes
    def focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self._area):
            return
        content = self._area.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self._area.ensureWidgetVisible(new, 8, 8)


def watch_focus(area: QScrollArea) -> None:
    """Keep the focused field of `area` in view."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.focusChanged.connect(_FocusWatcher(area).focus_changed)
