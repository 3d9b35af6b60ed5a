"""The toolbar's and the main buttons' icons: Lucide (ISC license), shipped in resources/icons/lucide
with their license, drawn from SVG at any size and screen scale.

Not on the way to the first frame: QIcon's SVG engine is loaded when the first icon is drawn, so
the main window puts its icons on just after it is shown (app.ui.main_window).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QAbstractButton

from app.resources import resource_path

# What each thing on screen shows, by the Lucide name of its picture.
ADD = "plus"
ADD_PATIENT = "user-plus"
BACK_UP = "hard-drive-download"
CANCEL = "x"
DEMO = "flask-conical"
DRAFT = "file-pen"
EDIT = "pencil"
EDIT_PATIENT = "user-pen"
FIND = "search"
IMPORT = "file-up"
INFO = "info"
ISSUE = "stamp"
MOVE_DOWN = "arrow-down"
MOVE_UP = "arrow-up"
NEW_VISIT = "calendar-plus"
PATIENTS = "users"
PAYERS = "landmark"
PAYMENT = "wallet"
QUIT = "log-out"
REAL_PRACTICE = "circle-arrow-right"
REPEAT_VISIT = "calendar-sync"
REMOVE = "trash-2"
SAVE = "check"
SETTINGS = "settings"
SUPERBILL = "file-text"


@cache
def icon(name: str) -> QIcon:
    """The icon by its Lucide name; an empty icon (text only) if the file is missing."""
    path = resource_path("icons", "lucide", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


def put_icons(pairs: dict[QAbstractButton | QAction, str]) -> None:
    """Give each button or action its icon."""
    for target, name in pairs.items():
        target.setIcon(icon(name))
