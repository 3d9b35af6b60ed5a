"""Opening a dialog over a window without blocking the event loop: the window's `current_dialog`
is that dialog until it closes (the main window's and the patient view's dialogs, the PDF preview)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog


class HoldsADialog(Protocol):
    current_dialog: QDialog | None


def open_dialog(owner: HoldsADialog, dialog: QDialog, closed: Callable[[], None] | None = None) -> None:
    """Open `dialog` (deleted once closed); `closed` runs after it closes."""
    from PySide6.QtCore import Qt  # not at the top: the main window imports this before its first frame

    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def forget(_result: int) -> None:
        if owner.current_dialog is dialog:
            owner.current_dialog = None
        if closed is not None:
            closed()

    dialog.finished.connect(forget)
    owner.current_dialog = dialog
    dialog.open()
