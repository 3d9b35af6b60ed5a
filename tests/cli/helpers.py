"""What the command-line tests share: run a command in-process, and read the whole database back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.cli import main


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def dump(data_dir: Path) -> list[str]:
    """Every row of the practice database, to prove a failed command changed nothing."""
    connection = sqlite3.connect(data_dir / "practice.sqlite3")
    try:
        return list(connection.iterdump())
    finally:
        connection.close()
