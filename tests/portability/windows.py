"""Windows' file rules, simulated on Linux where Python allows it (tests/portability/).

What Windows does differently with the files this app writes, and how it is simulated here:

- A file open in any program cannot be renamed, replaced or deleted (Python's open(), os.open and
  SQLite all open files without FILE_SHARE_DELETE): os.replace, os.rename, os.unlink and os.remove
  refuse with PermissionError (WinError 32) when this process has the source or the target open,
  found through /proc/self/fd by device and inode, so SQLite's own descriptors count too.
- os.rename never replaces an existing file (FileExistsError, WinError 183); os.replace does.
- File modes do nothing (only the read-only bit exists): os.chmod and os.fchmod have no effect.
- Paths of 260 characters or more fail (MAX_PATH, without the LongPathsEnabled policy) with
  FileNotFoundError (WinError 206) in os.open, open(), os.mkdir, os.replace, os.rename, os.link;
  and app.store.output_paths applies the path limit and the replacing (SET_ASIDE_FIRST) it uses on Windows;
  app.store.practice_lock removes its lock file only once it has closed it (REMOVE_WHILE_LOCKED).

What cannot be simulated: SQLite's own opens of long paths, drive letters, backslashes, ACLs.
"""

from __future__ import annotations

import builtins
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

MAX_PATH = 260
IN_USE = "The process cannot access the file because it is being used by another process"


class WindowsFiles:
    """The simulation in force (see the module's docstring); `refusals` lists what it refused."""

    def __init__(self) -> None:
        self.refusals: list[str] = []

    def open_identities(self) -> set[tuple[int, int]]:
        found = set()
        for entry in os.scandir("/proc/self/fd"):
            try:
                status = os.stat(entry.path)
            except OSError:
                continue
            found.add((status.st_dev, status.st_ino))
        return found

    def refuse_if_open(self, operation: str, *paths: Any) -> None:
        open_now = self.open_identities()
        for path in paths:
            try:
                status = os.stat(path, follow_symlinks=False)
            except (OSError, TypeError, ValueError):
                continue
            if (status.st_dev, status.st_ino) in open_now:
                self.refusals.append(f"{operation} {path}: open")
                error = PermissionError(13, IN_USE, os.fspath(path))
                error.winerror = 32  # type: ignore[attr-defined]  # ERROR_SHARING_VIOLATION
                raise error

    def refuse_if_long(self, operation: str, *paths: Any) -> None:
        for path in paths:
            if isinstance(path, int):
                continue
            try:
                text = os.path.abspath(os.fspath(path))
            except TypeError:
                continue
            if len(text) >= MAX_PATH:
                self.refusals.append(f"{operation} {text[:40]}...: {len(text)} characters")
                error = FileNotFoundError(2, "The filename or extension is too long", text)
                error.winerror = 206  # type: ignore[attr-defined]  # ERROR_FILENAME_EXCED_RANGE
                raise error


def simulate_windows(monkeypatch: pytest.MonkeyPatch) -> WindowsFiles:
    """Put Windows' file rules in force for the rest of the test (undone by monkeypatch)."""
    import app.store.output_paths
    import app.store.practice_lock

    if not os.path.isdir("/proc/self/fd"):
        pytest.skip(
            "the simulation finds open files through /proc/self/fd (Linux); real Windows runs these natively"
        )
    windows = WindowsFiles()
    real_replace, real_rename, real_unlink = os.replace, os.rename, os.unlink
    real_open, real_builtin_open, real_mkdir, real_link = os.open, builtins.open, os.mkdir, os.link

    def replace(src: Any, dst: Any, **kwargs: Any) -> None:
        windows.refuse_if_long("replace", src, dst)
        windows.refuse_if_open("replace", src, dst)
        real_replace(src, dst, **kwargs)

    def rename(src: Any, dst: Any, **kwargs: Any) -> None:
        windows.refuse_if_long("rename", src, dst)
        windows.refuse_if_open("rename", src, dst)
        if os.path.lexists(dst):
            raise FileExistsError(17, "Cannot create a file when that file already exists", dst)
        real_rename(src, dst, **kwargs)

    def unlink(path: Any, **kwargs: Any) -> None:
        windows.refuse_if_open("delete", path)
        real_unlink(path, **kwargs)

    def guarded(real: Callable[..., Any], operation: str, count: int) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            windows.refuse_if_long(operation, *args[:count])
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(os, "unlink", unlink)
    monkeypatch.setattr(os, "remove", unlink)
    monkeypatch.setattr(os, "open", guarded(real_open, "open", 1))
    monkeypatch.setattr(builtins, "open", guarded(real_builtin_open, "open", 1))
    monkeypatch.setattr(io, "open", builtins.open)  # pathlib's Path.open
    monkeypatch.setattr(os, "mkdir", guarded(real_mkdir, "mkdir", 1))
    monkeypatch.setattr(os, "link", guarded(real_link, "link", 2))
    monkeypatch.setattr(os, "chmod", lambda *args, **kwargs: None)
    monkeypatch.setattr(os, "fchmod", lambda *args, **kwargs: None)
    monkeypatch.setattr(app.store.output_paths, "LONGEST_PATH", MAX_PATH - 1)
    monkeypatch.setattr(app.store.output_paths, "SET_ASIDE_FIRST", True)
    monkeypatch.setattr(app.store.practice_lock, "REMOVE_WHILE_LOCKED", False)
    return windows


def long_path(folder: Path, name: str, length: int = MAX_PATH + 10) -> Path:
    """A path of `length` characters ending in `name`, in folders of at most 100 characters under `folder`."""
    path = Path(os.path.abspath(folder))
    while len(str(path / name)) < length:
        room = length - len(str(path / name)) - 1
        path = path / ("d" * max(1, min(100, room)))
    return path / name
