"""Names a file or folder may have on every system the app runs on, and every drive it writes to.

A name that Linux or macOS accepts may still be one Windows (and a FAT or exFAT USB stick) cannot
hold: the device names CON, PRN, AUX, NUL, COM1-COM9 and LPT1-LPT9 (with any extension: "con.pdf"
is the console too), a name ending in a dot or a space (Windows drops them, so another file is
written than the one named), and the characters < > : " / \\ | ? * and control characters. The app
refuses such names for every file it creates, on every system, so a file written here can be
copied to the therapist's Windows laptop or a USB stick as it is.
"""

from __future__ import annotations

_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{n}" for n in "123456789¹²³"} | {f"LPT{n}" for n in "123456789¹²³"}
)
_FORBIDDEN = frozenset('<>:"/\\|?*') | frozenset(chr(code) for code in range(32))


def windows_name_problem(name: str) -> str | None:
    """Why Windows cannot hold a file or folder called `name` (one clause), or None when it can."""
    device = name.split(".", 1)[0].rstrip(" ").upper()
    if device in _DEVICES:
        return f"{name} is a device name on Windows ({device}), not a file name"
    forbidden = sorted({ch for ch in name if ch in _FORBIDDEN})
    if forbidden:
        shown = " ".join(ch if ch.isprintable() else f"U+{ord(ch):04X}" for ch in forbidden)
        return f"{name!r} holds characters Windows does not allow in a name ({shown})"
    if name.endswith((".", " ")) and name not in (".", ".."):
        return f"{name!r} ends in a {'dot' if name.endswith('.') else 'space'}, which Windows drops"
    return None
