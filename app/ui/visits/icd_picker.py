"""Choose an ICD-10-CM code: search the whole code set as you type; prescription, favourite, recent and
common massage codes come first; a non-billable code opens its billable codes instead of being chosen."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QWidget,
)

from app.domain.common_massage_codes import COMMON_MASSAGE_CODES
from app.domain.diagnoses import DiagnosisCode
from app.services.workspace import Workspace
from app.ui.visits.code_search import CodeSearch, words_match
from app.ui.widgets.table_model import RowTableModel

COL_STAR = 0
COL_CODE = 1
COL_DESCRIPTION = 2
COL_SOURCE = 3
HEADERS = ("", "Code", "Description", "")

SEARCH_LIMIT = 60
RECENTS_KEPT = 12
FAVOURITES_KEY = "icd_picker/favourites"
RECENTS_KEY = "icd_picker/recents"

_Index = QModelIndex | QPersistentModelIndex
# The roles data() answers; the rest of the seven a view asks of every cell on each paint are
# turned away before any other work (see app/ui/patients/patient_table_model.py).
_ANSWERED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.UserRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)
_CODE_SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$")


class IcdRow(NamedTuple):
    code: str
    description: str
    billable: bool
    source: str  # "Prescription", "Favourite", "Recent", "Common", or "" for a search result
    favourite: bool
    depth: int = 0  # 1: a billable code shown under the category it belongs to
    expanded: bool = False
    matched: str = ""  # the everyday or inclusion term a search found it by, when not its title
    matched_source: str = ""  # where that term comes from ("Index: Pain, neck -> M54.2")


class IcdResultsModel(RowTableModel[IcdRow]):
    """Rows of codes; a non-billable row reads "not billable — choose:" and is shown greyed."""

    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grey = QBrush(QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        self._bold = QFont()
        self._bold.setBold(True)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED_ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return (row.favourite, row.code, row.description, row.source)[column]
        if role == Qt.ItemDataRole.ForegroundRole and (not row.billable or column in (COL_STAR, COL_SOURCE)):
            return self._grey
        if role == Qt.ItemDataRole.FontRole and column == COL_CODE and row.billable:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_STAR:
                return "Favourite (Ctrl+D)" if not row.favourite else "Remove from favourites (Ctrl+D)"
            found_by = f'\nFound by "{row.matched}" ({row.matched_source})' if row.matched else ""
            if not row.billable:
                return f"{row.code} is a category: press Enter to see the billable codes under it{found_by}"
            return f"{row.code} {row.description}{found_by}"
        return None


def _shown(row: IcdRow, column: int) -> str:
    if column == COL_STAR:
        return "★" if row.favourite else "☆"
    if column == COL_CODE:
        return ("    " if row.depth else "") + row.code
    if column == COL_DESCRIPTION:
        described = f"{row.description}  (“{row.matched}”)" if row.matched else row.description
        if row.billable:
            return described
        marker = "▾" if row.expanded else "▸"
        return f"{described} — not billable — choose: {marker}"
    if column == COL_SOURCE:
        return row.source
    return ""


def matches(query: str, entry: DiagnosisCode) -> bool:
    """The query starts the code ("m545" or "M54.5"), or each of its words starts a word of the
    description. (Everyday words such as "whiplash" are the code set's search: IcdIndex.search.)"""
    compact = query.strip().upper().replace(".", "")
    if compact and entry.code.replace(".", "").startswith(compact):
        return True
    return words_match(query, entry.description)


class IcdPicker(CodeSearch):
    """A search field over the whole ICD-10-CM code set and the codes it finds; Enter chooses."""

    codeChosen = Signal(str)

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, settings: QSettings | None = None
    ) -> None:
        super().__init__(parent)
        self._codes = workspace.codes
        self._settings = settings if settings is not None else QSettings("SuperbillDesk", "SuperbillDesk")
        self._entries: dict[str, DiagnosisCode | None] = {}
        self._on: date | None = None  # the date of service: only the codes in force on it
        self._priority: list[str] = []
        self._favourites = self._stored(FAVOURITES_KEY)
        self._recents = self._stored(RECENTS_KEY)

        self.model = IcdResultsModel(self)
        self.hint = QLabel(
            "Enter chooses the highlighted code · Ctrl+D marks a favourite · "
            "a greyed code is a category: Enter shows the billable codes under it",
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        placeholder = "Code or words, such as  low back,  M54.5,  whiplash"
        self._build("&Search diagnosis codes:", placeholder, self.model, self.hint)
        header = self.view.header()
        header.setSectionResizeMode(COL_STAR, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_STAR, 28)
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_CODE, 110)
        header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(COL_SOURCE, 96)
        self.view.clicked.connect(self._clicked)
        favourite = QShortcut(QKeySequence("Ctrl+D"), self)
        favourite.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        favourite.activated.connect(self.toggle_favourite)
        self._update_results()

    # Public ----------------------------------------------------------------------------------------

    def set_date_of_service(self, day: date | None) -> None:
        """Offer the codes in force on `day` (a code retired before it, or new after it, is not offered
        as billable); None: the newest release's."""
        if day != self._on:
            self._on = day
            self._entries.clear()
            self._update_results()

    def set_priority_codes(self, codes: Iterable[str]) -> None:
        """Codes offered first, before any typing (the patient's prescription codes)."""
        self._priority = list(dict.fromkeys(codes))
        self._update_results()

    def reset(self) -> None:
        """Ready for the next code: empty search, the offered codes on top."""
        if self.search.text():
            self.search.clear()  # updates the results
        else:
            self._update_results()
        self.search.setFocus()

    def toggle_favourite(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        code = self.model.row(index.row()).code
        if code in self._favourites:
            self._favourites.remove(code)
        else:
            self._favourites.insert(0, code)
        self._settings.setValue(FAVOURITES_KEY, ",".join(self._favourites))
        rows = [r._replace(favourite=r.code in self._favourites) for r in self.model.rows()]
        self.model.set_rows(rows)
        self.view.setCurrentIndex(self.model.index(index.row(), COL_CODE))

    # Results ---------------------------------------------------------------------------------------

    def _update_results(self) -> None:
        text = self.search.text().strip()
        offered = self._offered()
        if not text:
            rows = [self._row(entry, source) for entry, source in offered]
        else:
            # The search also finds codes by everyday words ("whiplash"); an offered code it found is
            # shown as found, with the words that found it.
            hits = {e.code: e for e in self._codes.search(text, SEARCH_LIMIT, on=self._on)}
            first = [
                (hits.get(entry.code, entry), source)
                for entry, source in offered
                if entry.code in hits or matches(text, entry)
            ]
            exact = self._exact(text)
            if exact is not None:
                # A code typed in full comes first, even a category: choosing it opens its billable codes.
                source = next((s for e, s in first if e.code == exact.code), "")
                first = [(exact, source)] + [(e, s) for e, s in first if e.code != exact.code]
            seen = {entry.code for entry, _ in first}
            found = [e for e in hits.values() if e.code not in seen]
            rows = [self._row(entry, source) for entry, source in first]
            rows += [self._row(entry, "") for entry in found[: max(SEARCH_LIMIT - len(rows), 0)]]
        self.model.set_rows(rows)
        if rows:
            self.view.setCurrentIndex(self.model.index(0, COL_CODE))

    def _offered(self) -> list[tuple[DiagnosisCode, str]]:
        """Prescription codes, favourites, recents, then the common massage codes; each code once."""
        offered: dict[str, tuple[DiagnosisCode, str]] = {}
        for codes, source in (
            (self._priority, "Prescription"),
            (self._favourites, "Favourite"),
            (self._recents, "Recent"),
            (COMMON_MASSAGE_CODES, "Common"),
        ):
            for code in codes:
                entry = self._entry(code)
                if entry is not None and entry.code not in offered:
                    offered[entry.code] = (entry, source)
        return list(offered.values())

    def _exact(self, text: str) -> DiagnosisCode | None:
        compact = text.strip().upper().replace(".", "")
        if not _CODE_SHAPE.match(compact):
            return None
        return self._entry(compact if len(compact) == 3 else f"{compact[:3]}.{compact[3:]}")

    def _entry(self, code: str) -> DiagnosisCode | None:
        if code not in self._entries:
            self._entries[code] = self._codes.lookup(code, on=self._on)
        return self._entries[code]

    def _row(self, entry: DiagnosisCode, source: str, depth: int = 0) -> IcdRow:
        return IcdRow(
            entry.code,
            entry.description,
            entry.billable,
            source,
            entry.code in self._favourites,
            depth,
            matched=entry.matched or "",
            matched_source=entry.matched_source or "",
        )

    # Choosing --------------------------------------------------------------------------------------

    def _clicked(self, index: QModelIndex) -> None:
        if index.column() == COL_STAR:
            self.toggle_favourite()

    def _activate(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        if row.billable:
            self._remember(row.code)
            self.codeChosen.emit(row.code)
        else:
            self._toggle_children(index.row())

    def _toggle_children(self, number: int) -> None:
        rows = list(self.model.rows())
        parent = rows[number]
        after = number + 1
        if parent.expanded:
            while after < len(rows) and rows[after].depth > parent.depth:
                del rows[after]
            rows[number] = parent._replace(expanded=False)
            self.model.set_rows(rows)
            self.view.setCurrentIndex(self.model.index(number, COL_CODE))
            return
        # Children already listed elsewhere (as common codes, say) move under their category.
        listed = {r.code: r for r in rows if r.depth == 0}
        children = [
            self._row(child, listed[child.code].source if child.code in listed else "", parent.depth + 1)
            for child in self._codes.billable_children(parent.code, on=self._on)
        ]
        moved = {child.code for child in children}
        rows[number] = parent._replace(expanded=True)
        rows[after:after] = children
        rows = [r for i, r in enumerate(rows) if not (r.depth == 0 and r.code in moved and i != number)]
        number = rows.index(parent._replace(expanded=True))
        after = number + 1
        self.model.set_rows(rows)
        self.view.setCurrentIndex(self.model.index(after if children else number, COL_CODE))
        self.view.scrollTo(self.model.index(number, COL_CODE), QAbstractItemView.ScrollHint.PositionAtTop)

    def _remember(self, code: str) -> None:
        self._recents = [code, *[c for c in self._recents if c != code][: RECENTS_KEPT - 1]]
        self._settings.setValue(RECENTS_KEY, ",".join(self._recents))

    def _stored(self, key: str) -> list[str]:
        value = self._settings.value(key, "")
        return [code for code in str(value or "").split(",") if code]

    # Keys typed in the search field move through the results ----------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Right and self.search.cursorPosition() == len(self.search.text()):
                current = self.view.currentIndex()
                row = self.model.row(current.row()) if current.isValid() else None
                if row is not None and not row.billable and not row.expanded:
                    self._toggle_children(current.row())
                    return True
        return super().eventFilter(watched, event)
