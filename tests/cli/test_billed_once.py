"""Each visit is billed once: the issue's case through the real CLI and the real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import dump, run
from tests.render.pdf_text import plain_text

WHOLE = ("render", "--patient", "pt-0001")
SEP_16 = ("--from", "2026-09-16", "--to", "2026-09-16")


@pytest.fixture
def billed(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> Path:
    """The sample practice with SB-2026-0001 issued for both visits (09/09 and 09/16)."""
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    assert run(data_dir, *WHOLE, "-o", str(tmp_path / "first.pdf")) == 0
    assert "Superbill SB-2026-0001 written" in capsys.readouterr().out
    return data_dir


def test_a_final_superbill_refuses_visits_already_on_an_issued_one_naming_it_and_the_dates(
    billed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's case: the whole period, then 09/16 alone, then the whole period again."""
    before = dump(billed)
    for period in (SEP_16, ()):
        target = tmp_path / "again.pdf"
        assert run(billed, *WHOLE, *period, "-o", str(target)) == 1
        captured = capsys.readouterr()
        assert "visit-already-billed" in captured.out
        assert "already on superbill SB-2026-0001" in captured.out
        assert "Sep 16, 2026" in captured.out
        assert "No superbill written" in captured.err
        assert not target.exists()
        assert dump(billed) == before  # no number used, nothing recorded
    assert run(billed, "issued", "--patient", "pt-0001") == 0
    assert capsys.readouterr().out.count("SB-2026-") == 1


def test_the_check_says_a_billed_visit_is_not_ready(billed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(billed, "check", "--patient", "pt-0001", *SEP_16) == 1
    out = capsys.readouterr().out
    assert "ERROR   visit-already-billed" in out and "SB-2026-0001" in out
    assert "Ready" not in out


def test_billed_visits_may_still_be_drafted_reprinted_and_reissued(
    billed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.pdf"
    assert run(billed, *WHOLE, "--draft", "-o", str(draft)) == 0
    assert "DRAFT" in plain_text(draft.read_bytes())
    assert run(billed, "reprint", "SB-2026-0001", "-o", str(tmp_path / "copy.pdf")) == 0
    assert (tmp_path / "copy.pdf").read_bytes() == (tmp_path / "first.pdf").read_bytes()
    capsys.readouterr()
    assert run(billed, "reissue", "SB-2026-0001", "-o", str(tmp_path / "corrected.pdf")) == 0
    assert "SB-2026-0002 (replaces SB-2026-0001)" in capsys.readouterr().out
    # The replacement holds the visits now: a new superbill for them names it.
    assert run(billed, *WHOLE, *SEP_16, "-o", str(tmp_path / "third.pdf")) == 1
    assert "already on superbill SB-2026-0002" in capsys.readouterr().out


def test_reissue_reads_a_superbill_number_in_any_case_as_reprint_does(
    billed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(billed, "reissue", " sb-2026-0001 ", "-o", str(tmp_path / "corrected.pdf")) == 0
    assert "SB-2026-0002 (replaces SB-2026-0001)" in capsys.readouterr().out


def test_visits_not_yet_billed_are_issued_beside_billed_ones(
    data_dir: Path, sample_practice_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "import", str(sample_practice_path)) == 0
    assert run(data_dir, *WHOLE, *SEP_16, "-o", str(tmp_path / "a.pdf")) == 0
    assert run(data_dir, *WHOLE, "--unbilled", "-o", str(tmp_path / "b.pdf")) == 0
    assert "Superbill SB-2026-0002 written" in capsys.readouterr().out
    assert run(data_dir, *WHOLE, "-o", str(tmp_path / "c.pdf")) == 1
    out = capsys.readouterr().out
    # One finding per superbill, each naming the dates it holds.
    assert "The visit on Sep 9, 2026 is already on superbill SB-2026-0002" in out
    assert "The visit on Sep 16, 2026 is already on superbill SB-2026-0001" in out
