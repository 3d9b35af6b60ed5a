"""Whether there is a display to show a window on: told before Qt is imported (no Qt here).

On Linux a window needs an X11 or Wayland display (DISPLAY or WAYLAND_DISPLAY); without one, Qt
aborts with its own message (exit 134). Platforms that need no display (QT_QPA_PLATFORM=offscreen,
minimal, vnc, eglfs, linuxfb...) are left to Qt. Windows and macOS always have one.
"""

from __future__ import annotations

import os
import sys

# Qt's platforms that show windows on an X11 or Wayland display ("wayland-egl" too).
_DISPLAY_PLATFORMS = ("xcb", "wayland")

NO_DISPLAY = (
    "error: there is no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set): start "
    "`superbill` from your desktop session, use its commands instead (`superbill --help`), or on a server "
    "install Xvfb (sudo apt install xvfb) and run `xvfb-run superbill`"
)


def no_display() -> bool:
    """True on Linux when neither DISPLAY nor WAYLAND_DISPLAY is set."""
    if not sys.platform.startswith("linux"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def window_cannot_open() -> bool:
    """True when Qt would need a display (its platform is X11 or Wayland, or not chosen) and there is none."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").strip().lower().split(":")[0]
    return no_display() and (not platform or platform.startswith(_DISPLAY_PLATFORMS))
