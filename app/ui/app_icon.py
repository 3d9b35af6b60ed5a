"""The app's icon (resources/icons), for windows, the wizard's logo and the task bar."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from app.resources import resource_path


def app_icon() -> QIcon:
    """The SVG, drawn at whatever size is asked; the PNG only where the SVG is missing.

    Qt's SVG icon engine comes with PySide6 and with the bundle (build.spec keeps it). The PNG
    is not added beside the SVG: that made Qt load its image-format plugins as the main window
    opened (2 ms) for a picture the SVG draws anyway.
    """
    for name in ("superbill-desk.svg", "superbill-desk.png"):
        path = resource_path("icons", name)
        if path.exists():
            return QIcon(str(path))
    return QIcon()
