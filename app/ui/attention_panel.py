"""The "needs attention" panel: what to do next, grouped by kind with counts; Enter opens the patient."""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.attention import AttentionItem, AttentionKind, needs_attention
from app.services.workspace import Workspace
from app.ui.widgets.fit import show_focus

# A group longer than this shows its first items and a line to show the rest: at 10,000
# patients a list of thousands would hide the other groups and cost time to build.
SHOWN_PER_GROUP = 50

KeyRole = Qt.ItemDataRole.UserRole

NOTHING = "Nothing needs attention today."
LOADING = "Looking for what needs attention…"
BATCH_TEXT = "Issue superbills for all unbilled visits…"

AnyIndex = QModelIndex | QPersistentModelIndex


class AttentionLine(NamedTuple):
    text: str
    patient_key: str | None = None  # None for a heading or a "Show more" line
    heading: bool = False
    more_of: AttentionKind | None = None  # set on the "Show N more…" line of that group
    kind: AttentionKind | None = None  # an item's group
    target: str | None = None  # an item's prescription key or superbill number


def item_line(item: AttentionItem) -> AttentionLine:
    return AttentionLine(item.text, item.patient_key, kind=item.kind, target=item.target)


def lines_for(grouped: dict[AttentionKind, list[AttentionItem]], shown: int) -> list[AttentionLine]:
    """A heading with its count per group, then up to `shown` items, then "Show N more…"."""
    lines: list[AttentionLine] = []
    for kind in AttentionKind:
        items = grouped.get(kind)
        if not items:
            continue
        lines.append(AttentionLine(f"{kind.label} ({len(items):,})", heading=True))
        lines.extend(item_line(item) for item in items[:shown])
        if len(items) > shown:
            lines.append(AttentionLine(f"Show {len(items) - shown:,} more…", more_of=kind))
    return lines


class AttentionListModel(QAbstractListModel):
    """Thin read-only model over immutable lines; headings are not enabled, so the arrow keys skip them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AttentionLine] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self.heading_brush: QBrush | None = None

    def set_rows(self, rows: Iterable[AttentionLine]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def line(self, row: int) -> AttentionLine | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        line = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.text
        if role == Qt.ItemDataRole.ToolTipRole:
            if line.more_of is not None:
                return "Press Enter to list them all"
            return None if line.heading else line.text
        if role == KeyRole:
            return line.patient_key
        if line.heading:
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.ForegroundRole:
                # Drawn in the normal text colour, not greyed out like a disabled line.
                return self.heading_brush
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid() or self._rows[index.row()].heading:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class AttentionPanel(QWidget):
    """Emits itemChosen(AttentionLine) and patientChosen(key) when an item is clicked once or Entered.

    "Issue superbills for all unbilled visits…" issues them in one go (app.ui.superbills.batch_superbills) and
    emits superbillsIssued when any was.

    The list is read the first time the panel is shown, just after the window appears, so that
    opening the app never waits for it; reload() reads it again at once.
    """

    patientChosen = Signal(str)
    itemChosen = Signal(object)  # the AttentionLine of an item
    superbillsIssued = Signal()

    def __init__(
        self, workspace: Workspace, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._today = today
        self._items: dict[AttentionKind, list[AttentionItem]] = {}
        self._loaded = False
        self._last_activation = 0.0
        self._init_widgets()
        # One click opens an item, as a link would; Enter does the same (activated would wait for a
        # double-click on some platforms, and fire twice with a click on others).
        self.list.clicked.connect(self._clicked)
        self.list.installEventFilter(self)
        self.batch_button.clicked.connect(self.issue_all_unbilled)

    def _init_widgets(self) -> None:
        self.title = QLabel("Needs attention", self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)

        # One flat list, each group introduced by a heading line, so the arrow keys go from item to
        # item across groups; lines wrap instead of hiding their end ("... (in 19 days)").
        self.model = AttentionListModel(self)
        self.model.heading_brush = self.palette().windowText()
        self.list = QListView(self)
        self.list.setObjectName("attentionList")
        self.list.setAccessibleName("Needs attention")
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(1)
        self.list.setTabKeyNavigation(False)
        show_focus(self.list)  # a frame while it has the focus; its chosen line highlighted

        self.batch_button = QPushButton(BATCH_TEXT, self)
        self.batch_button.setObjectName("batchSuperbillsButton")
        self.batch_button.setToolTip(
            "A superbill for each patient's visits not yet billed, as PDFs in a folder"
        )
        self.batch_button.setAutoDefault(False)
        self.batch_button.hide()

        self.status = QLabel(LOADING, self)
        self.status.setObjectName("attentionStatus")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.batch_button)
        self.setFocusProxy(self.list)

    # Public ------------------------------------------------------------------------------------

    @property
    def is_loaded(self) -> bool:
        return self._loaded

    def reload(self) -> None:
        """Read what needs attention again (after a visit, superbill or payment was saved)."""
        today = self._today or date.today()
        grouped: dict[AttentionKind, list[AttentionItem]] = {}
        for item in needs_attention(self._workspace, today):
            grouped.setdefault(item.kind, []).append(item)
        self._items = grouped
        self._fill()
        self._loaded = True

    def item_texts(self) -> list[str]:
        """Every line shown, group headings included, top to bottom (for tests and screen readers)."""
        return [self.model.index(row).data() for row in range(self.model.rowCount())]

    def current_text(self) -> str | None:
        index = self.list.currentIndex()
        return index.data() if index.isValid() else None

    # Filling -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            # Two turns of the event loop: the first paints the window, the second reads the list.
            QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        QTimer.singleShot(0, self, self._first_load)

    def _first_load(self) -> None:
        if not self._loaded:
            self.reload()
            # A newer code set this app cannot read needs attention too: said once, in the window's note.
            from app.ui.practice.code_update_dialog import say_passed_over_code_sets

            say_passed_over_code_sets(self, self._workspace.data_dir)

    def _fill(self, expanded: AttentionKind | None = None) -> None:
        keep = self.current_text()
        lines = lines_for(self._items, SHOWN_PER_GROUP)
        if expanded is not None:
            lines = self._expand(lines, expanded)
        self.model.set_rows(lines)
        count = sum(len(items) for items in self._items.values())
        self.list.setVisible(count > 0)
        self.status.setVisible(count == 0)
        self.status.setText(NOTHING)
        self.batch_button.setVisible(bool(self._items.get(AttentionKind.UNBILLED_VISITS)))
        if keep is not None:
            self._select_text(keep)

    def _expand(self, lines: list[AttentionLine], kind: AttentionKind) -> list[AttentionLine]:
        at = next(i for i, line in enumerate(lines) if line.more_of is kind)
        rest = [item_line(item) for item in self._items[kind][SHOWN_PER_GROUP:]]
        return lines[:at] + rest + lines[at + 1 :]

    def _select_text(self, text: str) -> None:
        for row in range(self.model.rowCount()):
            line = self.model.line(row)
            if line is not None and line.text == text and not line.heading:
                self.list.setCurrentIndex(self.model.index(row))
                return

    # Choosing ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.list.currentIndex().isValid()
        ):
            self._activate(self.list.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def _clicked(self, index: QModelIndex) -> None:
        # The second click of a double-click is not a second choice.
        now = time.monotonic()
        if now - self._last_activation < QApplication.doubleClickInterval() / 1000:
            return
        self._activate(index)

    def _activate(self, index: QModelIndex) -> None:
        line = self.model.line(index.row())
        if line is None:
            return
        self._last_activation = time.monotonic()
        if line.patient_key is not None:
            self.itemChosen.emit(line)
            self.patientChosen.emit(line.patient_key)
        elif line.more_of is not None:
            row = index.row()
            self._fill(expanded=line.more_of)
            self.list.setCurrentIndex(self.model.index(row))

    # Superbills for everyone -------------------------------------------------------------------

    def issue_all_unbilled(self) -> None:
        from app.ui.superbills.batch_superbills import issue_superbills_for_everyone

        summary = issue_superbills_for_everyone(self, self._workspace, self._today or date.today())
        if summary is not None:
            self.reload()
            if summary.issued:
                self.superbillsIssued.emit()
