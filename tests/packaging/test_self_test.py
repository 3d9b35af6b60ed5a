"""`superbill self-test` in the source tree: every step passes, one line each, and a failure is reported."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import cli
from app.services.self_test import StepResult, passed, self_test
from app.services.workspace import Workspace
from app.ui.self_test_window import open_and_close_main_window


def test_every_step_passes_in_a_temporary_folder(qtbot: QtBot, data_dir: Path) -> None:
    out = io.StringIO()
    results = self_test(open_and_close_main_window, out=out)

    assert [r.name for r in results] == [
        "data folder",
        "demo practice",
        "ICD search",
        "render superbill",
        "extract text",
        "encryption",
        "main window",
    ]
    assert passed(results), out.getvalue()
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 + len(results)
    assert all(line.startswith("ok   ") for line in lines[1:])
    assert not data_dir.exists()  # the user's data folder is never opened


def test_without_a_window_step_the_run_fails() -> None:
    results = self_test(None)
    assert not passed(results)
    assert [r.name for r in results if not r.ok] == ["main window"]


def test_a_failing_step_is_a_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(workspace: Workspace) -> str:
        raise RuntimeError("no screen")

    out = io.StringIO()
    results = self_test(broken, out=out)
    assert not passed(results)
    assert "FAIL main window" in out.getvalue()
    assert "RuntimeError: no screen" in out.getvalue()


def test_step_line_shows_status_name_and_time() -> None:
    line = StepResult("ICD search", True, 0.0123, "8 codes").line()
    assert line.split() == ["ok", "ICD", "search", "12", "ms", "8", "codes"]


@pytest.mark.parametrize("argv", [["self-test"], ["--self-test"]])
def test_the_command_prints_a_summary_and_exits_0(
    argv: list[str], qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(argv) == 0
    output = capsys.readouterr().out
    assert "PASSED: 7 of 7 steps" in output
