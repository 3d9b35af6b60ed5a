"""What the code on the way to the main window's first frame keeps to, so the window opens quickly.

PySide6 builds each Qt class for Python the first time it is used, with all of its enums as
Python enums. For the `Qt` namespace that is 93 enums and ~1,200 values at once, 15-20 ms of
the start (bench/startup.py), however small the use: one alignment, one orientation, or one
call that passes an orientation or a sort order from Qt into a Python method. So the modules
that build the first frame (app.ui.main, main_window, patients_page, patient_table_model):

- import `Qt` only inside the methods that run later (keys, sorting, dialogs);
- set enum properties by their Qt names, through Qt's meta-object system, as a .ui file does
  (`set_enum_property` below);
- pass a parent by keyword where a constructor also takes an enum first (QSplitter(parent=...)):
  PySide6 would build the enum to rule that overload out;
- set the patients list's model while its headers are hidden, draw the column titles from a
  model Qt holds, and compare item roles as Qt's plain role numbers.

tests/ui/test_start_up.py fails when the `Qt` namespace (or QStyle) is built before the first frame.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


def set_enum_property(target: QObject, name: str, value: str) -> None:
    """Set an enum or flags property by its Qt name: ("orientation", "Vertical"), ("defaultAlignment",
    "AlignLeft|AlignVCenter"). A property or value Qt does not know is an error, not a silent no-op."""
    if not target.setProperty(name, value):
        raise ValueError(f"{type(target).__name__} has no property {name} that takes {value!r}")
