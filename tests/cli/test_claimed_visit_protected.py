"""A visit is protected while it is billed (store.attention.BILLED): on a final superbill or on an
issued claim not replaced. The tester's case: a visit deleted from under claim CL-2026-0001 through
the app's service left a claim that could not be written again and a credit, with no audit entry."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.services import visits
from app.services.workspace import Workspace
from tests.cli.helpers import dump, run

CLAIM = ("x837", "--patient", "demo-1", "--receiver", "RCV01", "--payer-id", "60054")


@pytest.fixture
def claimed(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The demo practice with claim CL-2026-0001 (837P) recorded for demo-1's three visits, $470."""
    assert run(data_dir, "demo") == 0
    with Workspace(data_dir) as workspace:  # an 837P carries the billing provider's ZIP+4
        practitioner = workspace.store.practitioner()
        assert practitioner is not None
        address = replace(practitioner.address, zip="97204-1234")
        workspace.store.save_practitioner(replace(practitioner, address=address))
    assert run(data_dir, *CLAIM, "-o", str(tmp_path / "c.txt")) == 0
    assert "CL-2026-0001" in capsys.readouterr().out
    return data_dir


def test_deleting_a_visit_on_an_issued_claim_is_refused_naming_the_claim_and_changes_nothing(
    claimed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = dump(claimed)
    with Workspace(claimed) as workspace, pytest.raises(ValidationError) as refused:
        visits.delete_visit(workspace, "demo-1", "demo-1-v2")
    assert refused.value.field == "visit"
    message = str(refused.value)
    assert "on claim CL-2026-0001, already issued; it cannot be deleted" in message
    assert "replacement claim (--replaces CL-2026-0001)" in message
    assert dump(claimed) == before
    # The claim is still what its visits give: it can be written again.
    assert run(claimed, "cms1500", "--claim", "CL-2026-0001", "-o", str(tmp_path / "again.pdf")) == 0
    capsys.readouterr()
    assert run(claimed, "audit", "--patient", "demo-1") == 0
    assert capsys.readouterr().out == "No changes to records on issued superbills or claims.\n"


def test_changing_a_visit_on_an_issued_claim_is_audited_naming_the_claim(
    claimed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Workspace(claimed) as workspace:
        visit = next(v for v in workspace.store.chart("demo-1").visits if v.key == "demo-1-v2")
        changed = replace(visit, lines=(replace(visit.lines[0], minutes=visit.lines[0].minutes + 15),))
        workspace.store.save_visit("demo-1", changed)
        assert visits.issued_records_of(workspace, "demo-1", "demo-1-v2").claims == ("CL-2026-0001",)
    assert run(claimed, "audit", "--patient", "demo-1") == 0
    out = capsys.readouterr().out
    assert "visit demo-1-v2" in out and "(on CL-2026-0001)" in out
    assert run(claimed, "audit", "--patient", "demo-1", "--number", "CL-2026-0001") == 0
    assert "(on CL-2026-0001)" in capsys.readouterr().out


def test_a_visit_of_a_replaced_claim_is_protected_by_the_replacement_only(
    claimed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            claimed,
            *CLAIM,
            "--replaces",
            "CL-2026-0001",
            "--payer-claim-number",
            "E1234567",
            "-o",
            str(tmp_path / "r.txt"),
        )
        == 0
    )
    capsys.readouterr()
    with Workspace(claimed) as workspace, pytest.raises(ValidationError) as refused:
        visits.delete_visit(workspace, "demo-1", "demo-1-v2")
    assert "on claim CL-2026-0002" in str(refused.value)
