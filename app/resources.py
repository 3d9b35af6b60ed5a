"""Where the files the app ships (code sets, fonts, icons, forms) are found.

The one place that knows: a checkout (resources/ beside app/), an installed
wheel (app/_resources), and a PyInstaller bundle (sys._MEIPASS/resources).
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "_resources"
    if installed.is_dir():
        return installed
    return package_dir.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a shipped file, for example resource_path("fonts", "DejaVuSans.ttf")."""
    return resources_dir().joinpath(*parts)
