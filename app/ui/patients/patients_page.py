"""The patients list: search as you type (name, date of birth, account number, member ID), filtered in SQL."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services.patient_search import PatientMatches, find_patients, patient_count
from app.services.workspace import Workspace
from app.ui.first_frame import set_enum_property
from app.ui.patients.patient_table_model import (
    COL_ACCOUNT,
    COL_DATE_OF_BIRTH,
    COL_NAME,
    COL_PHONE,
    HEADERS,
    PatientTableModel,
    row_from_patient,
)

# More rows than anyone scrolls through: past this, the count says "type to search".
PAGE_SIZE = 100

PLACEHOLDER = "Search name, date of birth, account or member ID"


class PatientsPage(QWidget):
    """Emits patientChosen(key) when a patient is selected or activated (Enter, double-click);
    patientActivated(key) only for Enter and double-click, when the user wants to open the patient."""

    patientChosen = Signal(str)
    patientActivated = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._total = 0
        self._restoring = False
        self._complete = False  # the list holds every match: it may be sorted
        self._sortable_yet = False
        self._init_widgets()
        self._connect_signals()
        self.reload()
        # Sorting passes Qt's sort order into Python, which builds PySide6's Qt namespace (~15 ms,
        # app.ui.first_frame). The store lists patients in name order already, so a list that holds
        # every match becomes sortable on the event loop's first turn, after the first frame.
        QTimer.singleShot(0, self._become_sortable)

    def _init_widgets(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("patientSearch")
        self.search_box.setPlaceholderText(PLACEHOLDER)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Find patient")
        self.search_box.setToolTip(
            "Type part of a name, a date of birth (06/12/1984), an account number or a member ID. "
            "Down arrow moves into the list; Enter opens the patient."
        )

        self.model = PatientTableModel(parent=self)
        self.table = QTableView(self)
        self.table.setObjectName("patientTable")
        # Built without Python's `Qt` namespace, as everything before the first frame (app.ui.first_frame).
        # Shown while the model is set, the headers would ask it for their titles and sizes (416 calls
        # into Python at 100 rows, each passing Qt's orientation). The row numbers stay hidden; the
        # column titles are drawn from a model Qt holds, and the patients model answers them too, for
        # screen readers.
        header = self.table.horizontalHeader()
        header.hide()
        self.table.verticalHeader().hide()
        self.table.setModel(self.model)
        titles = QStandardItemModel(0, len(HEADERS), self.table)
        titles.setHorizontalHeaderLabels(list(HEADERS))
        header.setModel(titles)
        header.show()
        self.table.setAccessibleName("Patients")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header.setHighlightSections(False)
        set_enum_property(header, "defaultAlignment", "AlignLeft|AlignVCenter")
        # Widths from the font, not from the rows: measuring every row would cost time on every keystroke.
        metrics = self.fontMetrics()
        self._column_widths: dict[int, int] = {}
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column, widest in (
            (COL_DATE_OF_BIRTH, ("Date of birth", "00/00/0000")),
            (COL_ACCOUNT, ("Account", "A000000")),
            (COL_PHONE, ("Phone", "(000) 000-0000")),
        ):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self._column_widths[column] = max(metrics.horizontalAdvance(text) for text in widest) + 24
            header.resizeSection(column, self._column_widths[column])
        # Narrow enough for a 1366x768 screen at 200% (683 pixels wide) beside the patient's record.
        self.table.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 16)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("patientCount")
        set_enum_property(self.count_label, "textFormat", "PlainText")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.search_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setFocusProxy(self.search_box)
        QWidget.setTabOrder(self.search_box, self.table)

    def _connect_signals(self) -> None:
        self.search_box.textChanged.connect(self._search)
        self.search_box.returnPressed.connect(self._choose_from_search)
        self.search_box.installEventFilter(self)
        self.table.installEventFilter(self)
        # Enter is handled in _table_key; `activated` would also fire on single clicks on some platforms.
        self.table.doubleClicked.connect(self._activate)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)

    # Public ------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search box with its text selected, ready to type over."""
        self.search_box.setFocus()
        self.search_box.selectAll()

    def reload(self) -> None:
        """Read the patients again (after one was added or changed), keeping the search and selection."""
        self._total = patient_count(self._workspace)
        self._search(self.search_box.text())

    def show_chosen(self, key: str) -> None:
        """Highlight the patient shown beside the list (opened from elsewhere), without announcing it."""
        if key != self.current_key():
            self._restore_selection(key)

    def current_key(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.key_at(index.row()) if index.isValid() else None

    # Searching ---------------------------------------------------------------------------------

    def _search(self, text: str) -> None:
        keep = self.current_key()
        matches = find_patients(self._workspace, text, PAGE_SIZE, total=self._total)
        self.model.set_rows(row_from_patient(patient) for patient in matches.patients)
        self._complete = matches.complete
        if self._sortable_yet:
            self._sort_if_complete(matches.complete)
        self.count_label.setText(self._count_text(text, matches))
        if keep is not None:
            self._restore_selection(keep)

    def _become_sortable(self) -> None:
        from PySide6.QtCore import Qt  # after the first frame: see app.ui.first_frame

        # By name, as the store lists them; shown once the list holds every match, then kept wherever
        # the therapist puts it.
        self.table.horizontalHeader().setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        self._sortable_yet = True
        self._sort_if_complete(self._complete)

    def _sort_if_complete(self, complete: bool) -> None:
        # Sorting a first page of 200 out of 10,000 would show the wrong "oldest patient":
        # the list is sortable only when it holds every match.
        if not complete and not self.table.isSortingEnabled():
            return
        from PySide6.QtCore import Qt  # sorting passes Qt's sort order: see app.ui.first_frame

        header = self.table.horizontalHeader()
        if complete != self.table.isSortingEnabled():
            self.table.setSortingEnabled(complete)
            header.setSortIndicatorShown(complete)
        elif complete and (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (
            COL_NAME,
            Qt.SortOrder.AscendingOrder,
        ):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _count_text(self, text: str, matches: PatientMatches) -> str:
        total = _patients(matches.total)
        shown = len(matches.patients)
        if matches.total == 0:
            return "No patients yet"
        if not text.strip():
            return total if matches.complete else f"Showing the first {shown:,} of {total}; type to search"
        if matches.matches is None:
            return f"Showing the first {shown:,} matches of {total}; type more to narrow"
        if matches.matches == 0:
            return f"No patient matches “{text.strip()}” (of {total})"
        return f"{matches.matches:,} of {total}"

    def _restore_selection(self, key: str) -> None:
        row = self.model.row_of(key)
        if row is not None:
            self._select_row(row)

    # Choosing ----------------------------------------------------------------------------------

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._restoring or not current.isValid():
            return
        key = self.model.key_at(current.row())
        if key is not None:
            self.patientChosen.emit(key)

    def _activate(self, index: QModelIndex) -> None:
        key = self.model.key_at(index.row())
        if key is not None:
            self.patientChosen.emit(key)
            self.patientActivated.emit(key)

    def _choose_from_search(self) -> None:
        """Enter in the search box opens the selected patient, or the first one listed."""
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else 0
        if self.model.key_at(row) is None:
            return
        self._select_row(row)
        self._activate(self.model.index(row, COL_NAME))

    def _select_row(self, row: int) -> None:
        self._restoring = True  # selected without announcing it: the caller does, if it is a choice
        try:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, COL_NAME),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._restoring = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search_box:
                return self._search_key(event)
            if watched is self.table:
                return self._table_key(event)
        elif event.type() == QEvent.Type.Resize and watched is self.table and isinstance(event, QResizeEvent):
            self._fit_columns(event.size().width() - 2 * self.table.frameWidth())
        return super().eventFilter(watched, event)

    def _fit_columns(self, room: int) -> None:
        """The name always readable: in a narrow list (a small laptop) the phone, then the account
        column give way to it (they are still searched, and shown with the patient)."""
        widths = self._column_widths  # as set up (a hidden column's own size reads 0)
        if not widths:
            return
        name = self.fontMetrics().horizontalAdvance("M") * 11  # "Okafor, Daniel" and most names
        for column in (COL_PHONE, COL_ACCOUNT):
            others = sum(widths.get(c, 0) for c in (COL_DATE_OF_BIRTH, COL_ACCOUNT, COL_PHONE) if c <= column)
            hide = room < name + others
            if hide != self.table.isColumnHidden(column):
                self.table.setColumnHidden(column, hide)
                if not hide:
                    self.table.horizontalHeader().resizeSection(column, widths[column])

    def _search_key(self, event: QKeyEvent) -> bool:
        from PySide6.QtCore import Qt

        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            return True
        if key == Qt.Key.Key_Escape and self.search_box.text():
            self.search_box.clear()
            return True
        return False

    def _table_key(self, event: QKeyEvent) -> bool:
        from PySide6.QtCore import Qt

        current = self.table.currentIndex()
        if event.key() == Qt.Key.Key_Up and current.row() <= 0:
            self.focus_search()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and current.isValid():
            self._activate(current)
            return True
        return False


def _patients(count: int) -> str:
    return "1 patient" if count == 1 else f"{count:,} patients"
