"""What the commands print, and how: standard output and error watched while a command runs (no
control character reaches the terminal; a failed write is one line), findings, confirmations, and
the -o file or folder checked before anything is written.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from app.domain.characters import terminal_lines, terminal_text
from app.domain.check import Finding, Severity
from app.services.data_folder import data_dir
from app.services.files import output_folder, output_path


class OutputFailed(Exception):
    """Standard output or standard error could not be written (a full disk, a closed pipe)."""

    def __init__(self, stream: str, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.stream, self.error = stream, error


class WatchedStream:
    """sys.stdout or sys.stderr while a command runs: what is written to it has its control characters
    escaped (line breaks kept: app.domain.characters.terminal_lines), and an OSError in writing it
    becomes OutputFailed, told apart from an OSError of a file the command reads or writes."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream, self._name = stream, name

    def write(self, text: str) -> int:
        try:
            return self._stream.write(terminal_lines(text))
        except OSError as error:
            raise OutputFailed(self._name, error) from error

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputFailed(self._name, error) from error

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def drop_pending_output(stream: TextIO) -> None:
    """Point the stream's file at the null device, so that the interpreter's last flush does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)


# The field a refused output path is named by: -o and --output are the same option.
OUTPUT = "-o"


def output_file(args: argparse.Namespace) -> Path:
    """The file -o names, checked before anything is opened, numbered or written (app/services/files.py)."""
    return output_path(args.output, data_dir(args.data_dir), field=OUTPUT)


def output_folder_of(args: argparse.Namespace) -> Path:
    """-o as a folder for many files (app.services.files.output_folder)."""
    return output_folder(args.output, data_dir(args.data_dir), field=OUTPUT)


def say(line: str) -> None:
    """Print one line that holds stored text: a control character in it (ESC, a line break, a
    text-direction control) is written as its escape, so stored text cannot drive the terminal."""
    print(terminal_text(line))


def print_findings(findings: Sequence[Finding]) -> None:
    for finding in sorted(findings, key=lambda f: f.severity is not Severity.ERROR):
        label = "ERROR  " if finding.severity is Severity.ERROR else "warning"
        box = f"box {finding.box} " if finding.box else ""  # a claim's findings name their CMS-1500 box
        say(f"{label} {finding.code}  {box}{finding.field}: {finding.message}")


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def confirmed(prompt: str) -> bool:
    try:
        return input(prompt).strip().lower() in ("y", "yes")
    except EOFError:
        return False
