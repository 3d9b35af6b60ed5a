"""Where Tab goes next: a chain of widgets in the order a person fills them in."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtWidgets import QWidget


def tab_chain(widgets: Iterable[QWidget]) -> None:
    """Tab moves from each widget to the next one given (Shift+Tab back)."""
    for before, after in itertools.pairwise(widgets):
        QWidget.setTabOrder(before, after)
