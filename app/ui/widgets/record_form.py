"""What every record dialog shares: unsaved-changes guard, errors shown at their field (dates included)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from app.domain.errors import ValidationError
from app.domain.text_limits import text_limit
from app.services.errors import StoreUnavailable
from app.ui.widgets.date_field import DateField

INVALID_STYLE = "*[invalid='true'] { border: 1px solid #b3261e; border-radius: 2px; }"
ERROR_COLOUR = "#b3261e"


def limit_text_boxes(fields: Mapping[str, QWidget]) -> None:
    """Text boxes stop taking characters at their field's limit (the store refuses longer text).

    `fields` maps a field's path, such as "patient.address.city", to its widget; the last part
    of the path names the limit (app/domain/text_limits.py).
    """
    for path, widget in fields.items():
        if isinstance(widget, QLineEdit):
            widget.setMaxLength(text_limit(path.rsplit(".", 1)[-1]))


# Combos ---------------------------------------------------------------------------------------


def fill_combo(combo: QComboBox, items: Iterable[tuple[str, object]]) -> None:
    combo.clear()
    for text, value in items:
        combo.addItem(text, value)


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


# Asking ---------------------------------------------------------------------------------------


def ask_unsaved(parent: QWidget, what: str) -> QMessageBox.StandardButton:
    """Save / Discard / Cancel for a form with changes; Cancel keeps the form open as it is."""
    box = QMessageBox(parent)
    box.setObjectName("unsavedChangesBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save the changes to {what}?")
    box.setInformativeText("If you don't save, what you typed is lost.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return QMessageBox.StandardButton(box.exec())


def ask_to_issue(parent: QWidget, title: str, question: str) -> bool:
    """Yes / No before something final is numbered and recorded (a superbill, a claim); No is the
    default and Esc's answer, so Enter pressed by habit issues nothing."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("issueQuestion")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def show_store_problem(parent: QWidget, error: StoreUnavailable) -> None:
    box = QMessageBox(parent)
    box.setObjectName("storeProblemBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Could not save")
    box.setText("Nothing was saved; what you typed is still in the form.")
    box.setInformativeText(error.message)
    box.exec()


# Watching for changes -------------------------------------------------------------------------


class ChangeWatcher(QObject):
    """Marks a form changed when the user edits any watched field; `mark_clean()` after loading or saving."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.changed = False
        self._loading = False

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            if isinstance(widget, QLineEdit | QPlainTextEdit | DateField):
                widget.textChanged.connect(self._touch)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._touch)
            elif isinstance(widget, QAbstractSpinBox):
                widget.valueChanged.connect(self._touch)  # type: ignore[attr-defined]
            elif isinstance(widget, QCheckBox):
                widget.toggled.connect(self._touch)
            elif isinstance(widget, QListWidget):
                widget.model().rowsInserted.connect(self._touch)
                widget.model().rowsRemoved.connect(self._touch)

    def _touch(self) -> None:
        if not self._loading:
            self.changed = True

    def loading(self) -> _Loading:
        return _Loading(self)

    def mark_clean(self) -> None:
        self.changed = False


class _Loading:
    def __init__(self, watcher: ChangeWatcher) -> None:
        self._watcher = watcher

    def __enter__(self) -> None:
        self._watcher._loading = True

    def __exit__(self, *exc: object) -> None:
        self._watcher._loading = False
        self._watcher.changed = False


# The dialog -----------------------------------------------------------------------------------


class RecordDialog(QDialog):
    """A dialog that edits one record: Save (Ctrl+S, or the Save button) checks and stores it; closing
    with changes asks first; a problem is shown at its field and the form keeps what was typed."""

    what = "this record"  # for "Save the changes to ...?"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.watcher = ChangeWatcher(self)
        self._fields: Mapping[str, QWidget] = {}
        self._error_label: QLabel | None = None
        self.setStyleSheet(INVALID_STYLE)

    def setup_record_form(
        self, buttons: QDialogButtonBox, error_label: QLabel, fields: Mapping[str, QWidget]
    ) -> None:
        """Connect the buttons, the error label and the field each error names (longest prefix wins)."""
        self._fields = fields
        self._error_label = error_label
        limit_text_boxes(fields)
        for path, widget in fields.items():
            if isinstance(widget, DateField):
                widget.field = path  # what its "not a date" or "required" error names
        error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        error_label.setTextFormat(Qt.TextFormat.PlainText)
        error_label.hide()
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.activated.connect(self.save)
        self.watcher.watch(*fields.values())

    # Subclasses ------------------------------------------------------------------------------

    def store_record(self) -> None:
        """Read the form, check and store it; raise ValidationError or StoreUnavailable."""
        raise NotImplementedError

    # Saving and closing ----------------------------------------------------------------------

    def try_store(self) -> bool:
        """Store the form; on a problem show it and keep the form as typed."""
        self.clear_error()
        try:
            self.store_record()
        except ValidationError as error:
            self.show_error(error)
            return False
        except StoreUnavailable as error:
            show_store_problem(self, error)
            return False
        self.watcher.mark_clean()
        return True

    def save(self) -> bool:
        if not self.try_store():
            return False
        self.accept()
        return True

    def settle_changes(self) -> bool:
        """True when there is nothing unsaved left (saved, discarded or none); False to stay."""
        if not self.watcher.changed:
            return True
        answer = ask_unsaved(self, self.what)
        if answer == QMessageBox.StandardButton.Save:
            return self.try_store()
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:
        if self.settle_changes():
            super().reject()

    # Errors ----------------------------------------------------------------------------------

    def field_widget(self, field: str) -> QWidget | None:
        best = ""
        for name in self._fields:
            if (field == name or field.startswith(name + ".") or field.startswith(name + "[")) and len(
                name
            ) > len(best):
                best = name
        return self._fields.get(best)

    def show_error(self, error: ValidationError) -> None:
        widget = self.field_widget(error.field)
        if self._error_label is not None:
            self._error_label.setText(error.message)
            self._error_label.show()
        if widget is not None:
            framed = _framed(widget)
            framed.setProperty("invalid", True)
            framed.style().polish(framed)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_error(self) -> None:
        if self._error_label is not None:
            self._error_label.hide()
            self._error_label.clear()
        for widget in map(_framed, self._fields.values()):
            if widget.property("invalid"):
                widget.setProperty("invalid", False)
                widget.style().polish(widget)

    @property
    def error_text(self) -> str:
        return self._error_label.text() if self._error_label is not None else ""


def _framed(widget: QWidget) -> QWidget:
    """The widget whose frame turns red for an error at a field: a date field's text box."""
    return widget.edit if isinstance(widget, DateField) else widget
