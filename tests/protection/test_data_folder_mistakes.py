"""A mistyped data folder or command line never answers with an empty practice, or leaves one behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.cli import main


def run(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2


def test_an_empty_data_folder_name_is_refused_and_nothing_starts_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("--data-dir", "", "export") == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--data-dir" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [
        ("export",),
        ("check", "--patient", "pt-0001"),
        ("render", "--patient", "pt-0001", "-o", "{out}"),
        ("issued", "--patient", "pt-0001"),
        ("audit", "--patient", "pt-0001"),
        ("backup",),
        ("reprint", "SB-2026-0001", "-o", "{out}"),
        ("reissue", "SB-2026-0001", "-o", "{out}"),
    ],
)
def test_a_folder_with_no_practice_is_said_and_not_turned_into_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    typo = tmp_path / "Superbil Desk"
    args = [a.format(out=tmp_path / "out.pdf") for a in command]
    assert run("--data-dir", str(typo), *args) == 3
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert f"there is no practice in {typo} yet" in err
    assert not typo.exists()
    assert not (tmp_path / "out.pdf").exists()


def test_looking_up_a_code_needs_no_practice_and_makes_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "nothing here"
    assert run("--data-dir", str(folder), "codes", "icd", "low", "back") == 0
    assert "M54.5" in capsys.readouterr().out
    assert not folder.exists()


def test_a_malformed_command_line_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("render", "--patient") == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("error: ") and "--help" in err


def test_a_hard_link_to_the_practice_is_not_taken_as_a_backup_of_it(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--data-dir", str(data_dir), "import", str(sample_practice_path)) == 0
    link = tmp_path / "practice-2026-12-01T090000.sqlite3"
    os.link(data_dir / "practice.sqlite3", link)
    assert run("--data-dir", str(data_dir), "restore", str(link), "--yes") == 2
    assert "the practice database itself" in capsys.readouterr().err
    assert not list(data_dir.glob("*before-restore*"))


def test_a_data_folder_on_a_file_system_of_no_size_is_not_called_a_full_disk(
    sample_practice_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """/proc has no free space because it has no space at all: that is not a disk to free up."""
    assert run("--data-dir", "/proc", "import", str(sample_practice_path)) == 3
    assert "is full" not in capsys.readouterr().err


def test_the_demo_in_a_folder_with_a_real_practice_says_it_needs_its_own(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--data-dir", str(data_dir), "import", str(sample_practice_path)) == 0
    capsys.readouterr()
    assert run("--data-dir", str(data_dir), "demo", "-o", str(tmp_path / "demo.pdf")) == 2
    err = capsys.readouterr().err
    assert "the demo needs an empty folder of its own" in err
    assert not (tmp_path / "demo.pdf").exists()


def test_listing_procedure_codes_needs_no_practice_and_says_when_nothing_matches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "nothing here"
    assert run("--data-dir", str(folder), "codes", "cpt", "massage") == 0
    assert "97124" in capsys.readouterr().out
    assert not folder.exists()
    assert run("--data-dir", str(folder), "codes", "cpt", "acupuncture") == 0
    assert capsys.readouterr().out.strip() == "No code matches."
