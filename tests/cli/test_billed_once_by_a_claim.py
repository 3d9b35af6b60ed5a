"""Each visit is billed once, on one final superbill or one claim: the tester's case (a claim, then a
superbill for the same visits) through the real CLI and the real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import dump, run
from tests.render.pdf_text import plain_text

SB = ("render", "--patient", "demo-1")
SEP_10 = ("--from", "2026-09-10", "--to", "2026-09-10")


@pytest.fixture
def claimed(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The demo practice with claim CL-2026-0001 to Aetna recorded for demo-1's three visits."""
    assert run(data_dir, "demo") == 0
    assert run(data_dir, "cms1500", "--patient", "demo-1", "-o", str(tmp_path / "c.pdf")) == 0
    assert "CL-2026-0001 written" in capsys.readouterr().out
    return data_dir


def test_a_final_superbill_refuses_visits_on_an_issued_claim_naming_it_and_the_dates(
    claimed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(claimed)
    for period in ((), SEP_10):
        target = tmp_path / "sb.pdf"
        assert run(claimed, *SB, *period, "-o", str(target)) == 1
        captured = capsys.readouterr()
        assert "visit-already-billed" in captured.out
        assert "already on claim CL-2026-0001" in captured.out
        assert "Sep 10, 2026" in captured.out
        assert "No superbill written" in captured.err
        assert not target.exists()
        assert dump(claimed) == before  # no statement number used, nothing recorded
    assert run(claimed, "check", "--patient", "demo-1") == 1
    assert "ERROR   visit-already-billed" in capsys.readouterr().out


def test_claimed_visits_are_not_unbilled_so_unbilled_finds_none_and_names_the_claim(
    claimed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(claimed)
    for command in (("check", "--patient", "demo-1"), (*SB, "-o", str(tmp_path / "sb.pdf"))):
        assert run(claimed, *command, "--unbilled") == 2
        err = capsys.readouterr().err
        assert "--unbilled" in err and "billed already, on claim CL-2026-0001" in err
        assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "sb.pdf").exists()
    assert dump(claimed) == before
    assert run(claimed, "issued", "--patient", "demo-1") == 0
    assert "SB-2026-" not in capsys.readouterr().out


def test_a_draft_superbill_of_claimed_visits_is_still_allowed_and_says_draft(
    claimed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.pdf"
    assert run(claimed, *SB, "--draft", "-o", str(draft)) == 0
    assert "DRAFT" in plain_text(draft.read_bytes())
    assert "visit-already-billed" in capsys.readouterr().out  # said, not refused


def test_a_replaced_claim_still_bills_its_visits_once_the_replacement_holds_them(
    claimed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replacing = ("--replaces", "CL-2026-0001", "--payer-claim-number", "AET123")
    assert run(claimed, "cms1500", "--patient", "demo-1", *replacing, "-o", str(tmp_path / "c2.pdf")) == 0
    assert "CL-2026-0002" in capsys.readouterr().out
    assert run(claimed, *SB, "-o", str(tmp_path / "sb.pdf")) == 1
    out = capsys.readouterr().out
    assert "already on claim CL-2026-0002" in out
    assert "CL-2026-0001" not in out  # the replaced claim no longer counts
    assert run(claimed, *SB, "--unbilled", "-o", str(tmp_path / "sb.pdf")) == 2
    assert "on claim CL-2026-0002" in capsys.readouterr().err


def test_a_claim_for_visits_on_a_final_superbill_is_still_refused_and_a_claim_may_be_written_again(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The other direction, unchanged: and a claim's own copy is not refused as billing its visits twice."""
    assert run(data_dir, "demo") == 0
    assert run(data_dir, *SB, *SEP_10, "-o", str(tmp_path / "sb.pdf")) == 0
    assert run(data_dir, "cms1500", "--patient", "demo-1", "-o", str(tmp_path / "c.pdf")) == 1
    assert "already on superbill SB-2026-0001" in capsys.readouterr().out
    assert run(data_dir, "cms1500", "--patient", "demo-2", "-o", str(tmp_path / "c2.pdf")) == 0
    number = next(w for w in capsys.readouterr().out.split() if w.startswith("CL-"))
    assert run(data_dir, "cms1500", "--claim", number, "-o", str(tmp_path / "again.pdf")) == 0
