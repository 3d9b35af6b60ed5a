"""What a newcomer types wrong on the command line gets one line saying what to do (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.cli.helpers import dump


def run(*args: str) -> int:
    return main(list(args))


def test_demo_on_a_practice_that_already_has_data_says_so_and_changes_nothing(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--data-dir", str(data_dir), "demo", "-o", str(tmp_path / "first.pdf")) == 0
    capsys.readouterr()
    before = dump(data_dir)
    assert run("--data-dir", str(data_dir), "demo", "-o", str(tmp_path / "again.pdf")) == 0
    out = capsys.readouterr().out
    assert f"The demo practice is already in {data_dir}" in out and "nothing in it was changed" in out
    assert dump(data_dir) == before


def test_demo_on_a_real_practice_says_it_has_data_and_changes_nothing(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--data-dir", str(data_dir), "import", str(sample_practice_path)) == 0
    before = dump(data_dir)
    capsys.readouterr()
    assert run("--data-dir", str(data_dir), "demo", "-o", str(tmp_path / "demo.pdf")) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--patient" not in err
    assert "already holds a practice with its own records" in err and "nothing in it was changed" in err
    assert dump(data_dir) == before and not (tmp_path / "demo.pdf").exists()


@pytest.mark.parametrize(
    "command",
    [
        ("demo", "--data-dir", "{DIR}", "-o", "{TMP}/demo.pdf"),
        ("check", "--patient", "demo-1", "--data-dir", "{DIR}"),
        ("codes", "cpt", "--data-dir", "{DIR}"),
        ("codes", "icd", "back", "--data-dir", "{DIR}"),
    ],
)
def test_data_dir_after_the_command_is_taken_as_before_it(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    assert run("--data-dir", str(data_dir), "demo", "-o", str(tmp_path / "made.pdf")) == 0
    capsys.readouterr()
    elsewhere = tmp_path / "default folder"
    monkeypatch.setenv("SUPERBILL_DATA_DIR", str(elsewhere))
    args = [part.replace("{DIR}", str(data_dir)).replace("{TMP}", str(tmp_path)) for part in command]
    assert run(*args) == 0, capsys.readouterr().err
    assert not elsewhere.exists()


def test_data_dir_after_the_command_wins_over_the_one_before(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--data-dir", str(data_dir), "demo", "-o", str(tmp_path / "made.pdf")) == 0
    assert (
        run("--data-dir", str(tmp_path / "typo"), "check", "--patient", "demo-1", "--data-dir", str(data_dir))
        == 0
    )
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize(
    ("text", "why"),
    [("2026-13-01", "(month 13)"), ("2026-02-30", "(February 2026 has 28 days)"), ("2026-09-00", "(day 0)")],
)
def test_an_impossible_date_says_which_part_is_impossible(
    data_dir: Path, capsys: pytest.CaptureFixture[str], text: str, why: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        run("--data-dir", str(data_dir), "check", "--patient", "demo-1", "--from", text)
    assert exited.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f'"{text}" is not a date {why}' in err


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a display is DISPLAY or WAYLAND_DISPLAY on Linux"
)
@pytest.mark.parametrize("platform", [None, "xcb", "wayland"])
def test_the_app_without_a_display_says_so_in_one_line_and_exits_3(
    data_dir: Path, platform: str | None
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    if platform is not None:
        env["QT_QPA_PLATFORM"] = platform
    for args in ([], ["--data-dir", str(data_dir)]):
        started = subprocess.run(
            [sys.executable, "-m", "app", *args], env=env, capture_output=True, text=True, timeout=120
        )
        assert started.returncode == 3, started.stderr
        lines = started.stderr.strip().splitlines()
        assert len(lines) == 1, started.stderr
        assert "no display" in lines[0] and "xvfb" in lines[0].lower()
        assert "Traceback" not in started.stderr and started.stdout == ""
    assert not (data_dir / "practice.sqlite3").exists()
