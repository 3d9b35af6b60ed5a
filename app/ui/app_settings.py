"""What every window of the app shares: its name, where its settings live, and the window title.

A module of its own so that dialogs need not import the main window (which imports them).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.domain.people import Practitioner

ORGANIZATION = APPLICATION = "SuperbillDesk"
APP_TITLE = "Superbill Desk"
# What the window asks app.ui.main to open next when it closes to change practice.
REAL_PRACTICE, DEMO_PRACTICE = "real", "demo"


def user_settings() -> QSettings:
    """Window sizes and the like, in an INI file in the user's settings folder (tests point it elsewhere)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def window_title(practitioner: Practitioner | None, demo: bool = False) -> str:
    """ "Superbill Desk — Tidewater Therapeutic Massage", or the practitioner's name when the practice has none."""
    name = (practitioner.practice_name or practitioner.display_name) if practitioner else ""
    title = f"{APP_TITLE} — {name}" if name else APP_TITLE
    return f"{title} (demo)" if demo and not title.endswith("(demo)") else title
