"""Help > Getting started and keyboard shortcuts (F1): what to do first, and every key the app answers to."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.ui.widgets.fit import fit_dialog

GETTING_STARTED = (
    "Add a patient (Ctrl+Shift+N): name, date of birth and address.",
    "Add their insurance on the Coverage tab, and the prescription on the Prescriptions tab.",
    "Record each visit (Ctrl+N): diagnoses, services and minutes; the units and charge follow.",
    "Make the superbill (Ctrl+P) for a visit or a month, check it, and issue it.",
)

# Keys that belong to no menu item: they work in the lists and forms themselves.
OTHER_KEYS = (
    ("Tab / Shift+Tab", "Next / previous field, button, list or table"),
    ("Down arrow", "From the search box into the patients list"),
    ("Up / Down arrows", "Move through a list or table"),
    ("Enter", "Open the highlighted patient, visit, payment or superbill"),
    ("Delete", "Delete the highlighted visit or payment (asks first)"),
    ("Alt + underlined letter", "Go to that tab, field or button"),
    ("Ctrl+S", "Save, in any form"),
    ("Esc", "Close a form (asks first when something changed)"),
    ("F1", "This help"),
)


def shortcut_rows(actions: Iterable[QAction]) -> list[tuple[str, str]]:
    """(keys, what they do) for each action that has a shortcut, as the menus name them."""
    rows = []
    for action in actions:
        keys = action.shortcut()
        if keys.isEmpty():
            continue
        text = action.text().replace("&", "").rstrip("…").rstrip(".")
        rows.append((keys.toString(QKeySequence.SequenceFormat.NativeText), text))
    return rows


def help_html(rows: Iterable[tuple[str, str]]) -> str:
    steps = "".join(f"<li>{escape(step)}</li>" for step in GETTING_STARTED)
    keys = "".join(
        f"<tr><td style='padding-right:18px'><b>{escape(key)}</b></td><td>{escape(what)}</td></tr>"
        for key, what in (*rows, *OTHER_KEYS)
    )
    return (
        "<h3>Getting started</h3>"
        f"<ol>{steps}</ol>"
        "<p>Find a patient at any time with Ctrl+F: type part of a name, a date of birth, "
        "an account number or a member ID.</p>"
        "<h3>Keyboard shortcuts</h3>"
        f"<table cellspacing='2'>{keys}</table>"
    )


class HelpWindow(QDialog):
    """Not modal: it stays open beside the window while the therapist tries the keys."""

    def __init__(self, parent: QWidget | None = None, actions: Iterable[QAction] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle("Getting started and keyboard shortcuts")
        self.text = QTextBrowser(self)
        self.text.setObjectName("helpText")
        self.text.setOpenLinks(False)
        self.text.setHtml(help_html(shortcut_rows(actions)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(560, 620)
        fit_dialog(self)
        self.text.setFocus()
