"""A state box that takes what people type: the code (NY) or the name (New York), with a list of
matches as they type. What matches no state stays as typed, for the form to say so: never a
neighbor in the list (typing "New York" once chose Nebraska)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter

from app.domain.identifiers import US_STATES, state_code

PLACEHOLDER = "Type the state's name or code"


def make_state_picker(box: QComboBox) -> None:
    """Fill `box` with every state ("NY – New York", data "NY") and make it typeable."""
    box.clear()
    for code, name in sorted(US_STATES.items()):
        box.addItem(f"{code} – {name}", code)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = QCompleter(box.model(), box)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setCompleter(completer)
    edit = box.lineEdit()
    assert edit is not None  # editable now
    edit.setPlaceholderText(PLACEHOLDER)
    edit.editingFinished.connect(lambda: settle_state(box))
    completer.activated.connect(lambda _text: settle_state(box))
    settler = _SettleOnLeaving(box)
    box.installEventFilter(settler)
    edit.installEventFilter(settler)
    box.setCurrentIndex(-1)


class _SettleOnLeaving(QObject):
    """Leaving the box settles its typing. Tab while the list of matches is open closes the list
    first: with a popup open, Qt moves the focus without telling the box it was left."""

    def __init__(self, box: QComboBox) -> None:
        super().__init__(box)
        self._box = box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            settle_state(self._box)
        elif _is_tab(event):
            completer = self._box.completer()
            popup = completer.popup() if completer is not None else None
            if popup is not None:
                popup.hide()
            settle_state(self._box)
        return False


def _is_tab(event: QEvent) -> bool:
    tab = isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
    return tab and event.type() == QEvent.Type.KeyPress


def settle_state(box: QComboBox) -> None:
    """Show the state the typing names as its list entry; leave typing that names none as it is."""
    code = state_code(box.currentText())
    if code is None:
        return
    index = box.findData(code)
    if index != box.currentIndex():
        box.setCurrentIndex(index)
    if box.currentText() != box.itemText(index):
        box.setEditText(box.itemText(index))


def chosen_state(box: QComboBox) -> str:
    """The state's code, or the typing as it is when it names no state (for the check to refuse)."""
    return state_code(box.currentText()) or box.currentText().strip()


def choose_state(box: QComboBox, code: str | None) -> None:
    """Show the state with this code, or an empty box."""
    index = box.findData(code) if code else -1
    box.setCurrentIndex(index)
    if index < 0:
        box.setEditText("")
