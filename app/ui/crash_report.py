"""What the therapist sees when the app hits a bug: a plain dialog, never a silent death.

`installed()` makes `report` the interpreter's excepthook while the app runs. An exception that
escapes a slot or an event handler (PySide6 hands those to sys.excepthook and goes on) is:

- logged with its kind and where it was raised (app.services.logs.where_it_failed), never its
  message, which may quote a patient's name, a date or a code;
- shown in a dialog that says what happened in plain words, that what was saved is safe, what to
  do, and where the log file is. While one such dialog is open, further reports are only logged
  (a broken paint event would otherwise open one dialog per frame).

The dialog's module (QMessageBox) is imported when a report is made, not at start-up.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from types import TracebackType

from app.services import logs

log = logging.getLogger(__name__)

TITLE = "Something went wrong"

_showing: list[object] = []  # the dialog on screen, if any (kept alive while it is shown)


@contextlib.contextmanager
def installed() -> Iterator[None]:
    """`report` as the excepthook while the app runs; the one before it again afterwards (a test's)."""
    before = sys.excepthook
    sys.excepthook = report
    try:
        yield
    finally:
        sys.excepthook = before


def message(kind: str) -> str:
    """The dialog's text for an exception of `kind` (its class name)."""
    return (
        f"Superbill Desk hit an unexpected problem ({kind}) and stopped what it was doing.\n\n"
        "Everything you saved before is safe: each change is saved whole or not at all. "
        "If a form was open, check that what you typed is still there before saving it again.\n\n"
        "This is a bug in Superbill Desk. Please report it and attach the log file, which holds no "
        f"patient data:\n{logs.log_dir() / logs.LOG_NAME}"
    )


def report(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """sys.excepthook: log the failure without patient data, and tell the therapist in a dialog."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    if error.__traceback__ is None and trace is not None:
        error = error.with_traceback(trace)
    log.critical("unexpected %s at %s", kind.__name__, logs.where_it_failed(error))
    if _showing:
        return
    try:
        _show(kind.__name__)
    except Exception:  # no window can be shown (no QApplication, or Qt itself failing): stderr then
        print(f"Superbill Desk: {message(kind.__name__)}", file=sys.stderr)


def _show(kind: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        raise RuntimeError("no application to show the report in")
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, message(kind), QMessageBox.StandardButton.Ok)
    box.setObjectName("crashReport")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the log's path, to copy
    _showing.append(box)
    box.finished.connect(lambda _result: _showing.clear())
    box.open()  # not exec(): a report never starts a second event loop inside the one that failed
