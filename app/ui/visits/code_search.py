"""What the two code pickers (procedure codes, ICD-10-CM codes) share: a search box over a list of
codes, where typing filters the list, Up/Down/Page Up/Page Down move in it and Enter chooses."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QTreeView, QVBoxLayout, QWidget

_WORD = re.compile(r"[^\W_]+")
_MOVES = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def words_match(query: str, description: str) -> bool:
    """Each word of the query starts a word of the description ("low ba" finds "Low back pain")."""
    words = _WORD.findall(query.casefold())
    described = _WORD.findall(description.casefold())
    return bool(words) and all(any(w.startswith(word) for w in described) for word in words)


class CodeSearch(QWidget):
    """The search box (`search`, the focus proxy) over the list of codes (`view`); subclasses fill
    the list in _update_results() and say what choosing a row does in _activate()."""

    def _build(self, label_text: str, placeholder: str, model: QAbstractItemModel, hint: QLabel) -> None:
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        label = QLabel(label_text, self)
        label.setBuddy(self.search)
        self.view = QTreeView(self)
        self.view.setModel(model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.header().setStretchLastSection(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        self.setFocusProxy(self.search)

        self.search.textChanged.connect(self._update_results)
        self.search.installEventFilter(self)
        self.view.activated.connect(self._activate)

    def _update_results(self) -> None:
        raise NotImplementedError

    def _activate(self, index: QModelIndex) -> None:
        raise NotImplementedError

    def choose_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._activate(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.choose_current()
                return True
            if key in _MOVES:
                self.view.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, key, event.modifiers()))
                return True
        return super().eventFilter(watched, event)
