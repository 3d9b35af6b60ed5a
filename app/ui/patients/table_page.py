"""A table of a patient's records with a row of buttons under it (the pages of the patient view)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui import icons
from app.ui.widgets.fit import ButtonStrip, show_focus
from app.ui.widgets.record_tables import PaymentTableModel, RowsModel, VisitTableModel

# The table pages' buttons, by their first word: the same picture for the same kind of action.
_BUTTON_ICONS = {
    "Add": icons.ADD,
    "New": icons.ADD,
    "Record": icons.ADD,
    "Edit": icons.EDIT,
    "Delete": icons.REMOVE,
    "Repeat": icons.REPEAT_VISIT,
}


class TablePage(QWidget):
    """A table of records with a row of buttons under it; Enter or a double-click runs `on_activate`."""

    def __init__(
        self, model: RowsModel, on_activate: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.setTabKeyNavigation(False)  # Tab moves on to the buttons; the arrow keys move in the table
        show_focus(self.view)
        self._on_activate = on_activate
        self.view.activated.connect(self._activated)
        strip = QWidget(self)
        self.buttons = QHBoxLayout(strip)
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        # The row of buttons scrolls sideways in a narrow window instead of widening it past the
        # screen (four buttons with icons ask for ~570 px at the app's 10 pt).
        layout.addWidget(ButtonStrip(strip, self))
        self.note.hide()

    def _activated(self, index: QModelIndex) -> None:
        """Enter or a double-click: act on that very row (made current first if it was not)."""
        if index.isValid() and index.row() != self.view.currentIndex().row():
            self.view.setCurrentIndex(self.model.index(index.row(), 0))
        self._on_activate()

    def add_button(self, text: str, slot: Callable[[], None], needs_row: bool = False) -> QPushButton:
        button = QPushButton(text, self)
        button.setIcon(icons.icon(_BUTTON_ICONS.get(text.replace("&", "").rstrip("…").split()[0], "")))
        button.clicked.connect(slot)
        button.setProperty("needsRow", needs_row)
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        self.update_buttons()

    def update_buttons(self) -> None:
        has_row = self.current_key() is not None
        for index in range(self.buttons.count()):
            item = self.buttons.itemAt(index)
            button = item.widget() if item is not None else None
            if isinstance(button, QPushButton) and button.property("needsRow"):
                button.setEnabled(has_row)

    def current_key(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.key(index.row()) if index.isValid() else None

    def set_rows(self, rows: list) -> None:  # type: ignore[type-arg]
        kept = self.current_key()
        self.model.set_rows(rows)
        row = self.model.row_of(kept) if kept else -1
        if row < 0 and self.model.rowCount() > 0:
            row = (
                self.model.rowCount() - 1
                if isinstance(self.model, VisitTableModel | PaymentTableModel)
                else 0
            )
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._fit_columns()
        self.update_buttons()

    def _fit_columns(self) -> None:
        # Contents plus some air, so neighbouring values do not run together; the last column stretches.
        for column in range(self.model.columnCount() - 1):
            self.view.resizeColumnToContents(column)
            self.view.setColumnWidth(column, self.view.columnWidth(column) + 18)

    def select(self, key: str) -> None:
        row = self.model.row_of(key)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
