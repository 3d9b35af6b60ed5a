"""Each visit is billed once, on one final superbill or one claim: a claimed visit is not "unbilled",
so needs attention does not list it and the batch of superbills does not bill it again (no Qt)."""

from __future__ import annotations

from pathlib import Path

from app.services.attention import AttentionKind, needs_attention
from app.services.batch import issue_all, patients_needing_superbills
from app.services.claims import ClaimRequest, issue_claim_for
from app.services.superbills import Period, unbilled_period
from app.services.workspace import Workspace
from tests.services.test_batch import TODAY, numbers, workspace

__all__ = ["workspace"]  # the fixture: the batch tests' practice (four patients, one self-pay)


def claim(workspace: Workspace, patient: str, replaces: str | None = None) -> str:
    request = ClaimRequest(
        patient, Period(), "cms1500-plain", replaces=replaces, payer_claim_number="P-1" if replaces else None
    )
    document = issue_claim_for(workspace, request, today=TODAY)
    assert document.recorded and document.number is not None
    return document.number


def unbilled_patients(workspace: Workspace) -> set[str]:
    items = needs_attention(workspace.store, TODAY)
    return {item.patient_key for item in items if item.kind is AttentionKind.UNBILLED_VISITS}


def test_claimed_visits_are_not_listed_as_not_yet_billed_in_needs_attention(workspace: Workspace) -> None:
    assert {"pt-0001", "pt-0002"} <= unbilled_patients(workspace)
    claim(workspace, "pt-0001")
    assert "pt-0001" not in unbilled_patients(workspace)
    assert "pt-0002" in unbilled_patients(workspace)
    assert unbilled_period(workspace.store, "pt-0001", TODAY) is None


def test_a_replaced_claim_leaves_its_visits_billed_by_the_replacement(workspace: Workspace) -> None:
    first = claim(workspace, "pt-0001")
    claim(workspace, "pt-0001", replaces=first)
    assert unbilled_period(workspace.store, "pt-0001", TODAY) is None
    assert "pt-0001" not in unbilled_patients(workspace)


def test_the_batch_of_superbills_does_not_bill_claimed_visits_again(
    workspace: Workspace, tmp_path: Path
) -> None:
    claim(workspace, "pt-0001")
    assert "pt-0001" not in {p.key for p in patients_needing_superbills(workspace, TODAY)}
    summary = issue_all(workspace, tmp_path, TODAY)
    assert "pt-0001" not in {f.patient.key for f in summary.issued}
    assert "pt-0002" in {f.patient.key for f in summary.issued}
    for number in numbers(workspace):
        record = workspace.store.superbill(number)
        assert record is not None and record.patient != "pt-0001"
