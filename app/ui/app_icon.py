"""The app's icon (resources/icons), for windows, the wizard's logo and the task bar."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from app.resources import resource_path


def app_icon() -> QIcon:
    icon = QIcon()
    for name in ("superbill-desk.svg", "superbill-desk.png"):
        path = resource_path("icons", name)
        if path.exists():
            icon.addFile(str(path))
    return icon
