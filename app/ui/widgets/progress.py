"""A progress window over a long run (superbills for everyone, year-end statements) that the user may
cancel between two of its steps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


def cancellable_progress(
    parent: QWidget, title: str, label: str, name: str, steps: int = 0
) -> QProgressDialog:
    """Shown at once, modal to the window, and kept up at the last step until the caller closes it."""
    progress = QProgressDialog(label, "Cancel", 0, steps, parent)
    progress.setObjectName(name)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    return progress


def next_step(progress: QProgressDialog, done: int, total: int, text: str) -> bool:
    """Show step `done + 1` of `total` and let the window paint; False once Cancel was pressed."""
    progress.setMaximum(total)
    progress.setLabelText(text)
    progress.setValue(done)
    QApplication.processEvents()
    return not progress.wasCanceled()
