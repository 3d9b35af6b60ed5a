"""Saving a file the therapist chose in a Save dialog: where it may go and how it is written are
app.services.files' rules (never over the practice or its backups, whole or not at all, owner only).

Every Save dialog, Open dialog and folder choice goes through here: it opens in the folder last used (kept in
the user settings), or in the user's Documents folder the first time, never in the folder the app
was started from; and a saved file is said in the main window's status bar, with its path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox, QWidget

from app.domain.errors import ValidationError
from app.services.files import output_path, write_file

FIELD = "file"
LAST_FOLDER = "files/lastFolder"
PDF_FILTER = "PDF documents (*.pdf)"
SAVED_MESSAGE_MS = 15000


def documents_folder() -> Path:
    """The user's Documents folder (their home folder when there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def start_folder() -> Path:
    """Where a file dialog opens: the folder last saved to, while it still exists; else Documents."""
    from app.ui.app_settings import user_settings  # the settings file every window shares

    remembered = user_settings().value(LAST_FOLDER)
    if isinstance(remembered, str) and remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def remember_folder(folder: Path) -> None:
    from app.ui.app_settings import user_settings

    settings = user_settings()
    settings.setValue(LAST_FOLDER, str(folder))
    settings.sync()


def choose_save_file(
    parent: QWidget, title: str, suggested_name: str, filters: str = PDF_FILTER
) -> str | None:
    """A Save dialog opened in start_folder() with the name suggested; the file chosen, or None.

    ".pdf" is added to a new name typed without it; a file that exists is taken as named, since the
    dialog has just asked whether to replace that very file (so a refusal names what was chosen:
    "practice.sqlite3 is part of your practice's data", never a "practice.sqlite3.pdf" nobody typed).
    """
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(start_folder() / suggested_name), filters
    )
    if not chosen:
        return None
    if filters == PDF_FILTER and not chosen.lower().endswith(".pdf") and not Path(chosen).exists():
        chosen += ".pdf"
    return chosen


def choose_open_file(parent: QWidget, title: str, filters: str) -> Path | None:
    """An Open dialog opened in start_folder(); the file chosen (its folder remembered), or None."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, str(start_folder()), filters)
    if not chosen:
        return None
    remember_folder(Path(chosen).absolute().parent)
    return Path(chosen)


def choose_folder(parent: QWidget, title: str) -> Path | None:
    """A folder dialog opened in start_folder(); the folder chosen (remembered), or None."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start_folder()))
    if not chosen:
        return None
    remember_folder(Path(chosen))
    return Path(chosen)


@runtime_checkable
class _Says(Protocol):
    def say(self, message: str) -> None: ...


def tell_saved(parent: QWidget, text: str) -> None:
    """Show `text` in the main window's status bar (the window behind the dialogs), for a while: the
    app's window says it in its fading note, as it says everything (a status-bar message of its own
    would hide the note meanwhile)."""
    window = main_window(parent)
    if isinstance(window, _Says):  # the app's main window (not imported here: it imports this module)
        window.say(text)
    elif window is not None:
        window.statusBar().showMessage(text, SAVED_MESSAGE_MS)


def main_window(widget: QWidget | None) -> QMainWindow | None:
    while widget is not None:
        if isinstance(widget, QMainWindow):
            return widget
        widget = widget.parentWidget()
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)), None)


def save_chosen_file(parent: QWidget, chosen: str, content: bytes, data_folder: Path | None) -> Path | None:
    """Write `content` to the file chosen; a refusal or failure is said in a message. The file, or None.

    A file saved is said in the status bar with its path, and its folder is where the next dialog opens.
    """
    try:
        path = output_path(chosen, data_folder, field=FIELD)
        write_file(path, content, field=FIELD)
    except ValidationError as error:
        QMessageBox.warning(
            parent,
            "Not saved",
            f"The file was not saved: {error.message}.",
        )
        return None
    remember_folder(path.absolute().parent)
    tell_saved(parent, f"Saved to {path.absolute()}")
    return path
