"""Visits not yet on a superbill, and superbills for everyone who needs one, issued in one go (no Qt)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.practice import Coverage, PatientChart, Practice
from app.services import batch
from app.services.batch import BatchPatient, IssuedFile, file_name, issue_all, patients_needing_superbills
from app.services.superbills import Period, issue_superbill, reissue_superbill, unbilled_period
from app.services.workspace import Workspace
from tests import sample

TODAY = date(2026, 9, 20)


def other_patient(key: str, first: str, last: str, account: str, *, error: bool = False) -> PatientChart:
    """Like the sample's patient; `error`: the second visit bundles 97140 without modifier 59."""
    base = sample.chart()
    visits = base.visits
    if error:
        lines = tuple(replace(line, modifiers=()) for line in visits[1].lines)
        visits = (visits[0], replace(visits[1], lines=lines))
    return replace(
        base,
        patient=replace(base.patient, key=key, first_name=first, last_name=last, account_number=account),
        visits=visits,
        payments=(),
    )


def self_pay_patient() -> PatientChart:
    base = other_patient("pt-cash", "Cara", "Cash", "A00009")
    return replace(
        base,
        coverages=(Coverage("cov-self", "self"),),
        visits=tuple(replace(v, coverage="cov-self") for v in base.visits),
    )


@pytest.fixture
def workspace(data_dir: Path) -> Iterator[Workspace]:
    workspace = Workspace(data_dir)
    workspace.store.save_practice(
        Practice(
            practitioner=sample.practitioner(),
            fees=sample.FEES,
            payers=sample.PAYERS,
            charts=(
                sample.chart(),
                other_patient("pt-0002", "Amy", "Zhang", "A00002"),
                other_patient("pt-0003", "Carl", "Brown", "A00003", error=True),
                self_pay_patient(),
            ),
        )
    )
    yield workspace
    workspace.close()


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages)


def numbers(workspace: Workspace) -> list[str]:
    return [s.number for s in workspace.store.superbills()]


# Which visits are not yet on a superbill --------------------------------------------------------------


def test_with_no_superbill_every_visit_up_to_today_is_unbilled(workspace: Workspace) -> None:
    workspace.store.save_visit(
        "pt-0001", replace(sample.chart().visits[0], key="v-future", date=date(2026, 9, 25))
    )
    period = unbilled_period(workspace.store, "pt-0001", TODAY)
    assert period == Period(date(2026, 9, 9), date(2026, 9, 16), frozenset({"v-1", "v-2"}))


def test_a_visit_on_a_final_superbill_is_billed_and_the_rest_are_not(workspace: Workspace) -> None:
    issue_superbill(
        workspace.store, workspace.codes, "pt-0001", Period(date(2026, 9, 9), date(2026, 9, 9)), today=TODAY
    )
    period = unbilled_period(workspace.store, "pt-0001", TODAY)
    assert period is not None and period.visits == {"v-2"}
    assert (period.first, period.last) == (date(2026, 9, 16), date(2026, 9, 16))


def test_the_unbilled_visits_need_not_be_a_run_of_days(workspace: Workspace) -> None:
    visit = sample.chart().visits[0]
    workspace.store.save_visit("pt-0001", replace(visit, key="v-0", date=date(2026, 9, 2)))
    issue_superbill(
        workspace.store, workspace.codes, "pt-0001", Period(date(2026, 9, 9), date(2026, 9, 9)), today=TODAY
    )
    period = unbilled_period(workspace.store, "pt-0001", TODAY)
    assert period is not None and period.visits == {"v-0", "v-2"}
    document = issue_superbill(workspace.store, workspace.codes, "pt-0001", period, today=TODAY)
    record = workspace.store.superbill(document.number or "")
    assert record is not None and record.visit_keys == ("v-0", "v-2")  # not v-1, which is on SB-2026-0001
    assert unbilled_period(workspace.store, "pt-0001", TODAY) is None


def test_a_draft_bills_nothing(workspace: Workspace) -> None:
    issue_superbill(workspace.store, workspace.codes, "pt-0001", Period(), today=TODAY, draft=True)
    period = unbilled_period(workspace.store, "pt-0001", TODAY)
    assert period is not None and period.visits == {"v-1", "v-2"}


def test_a_replaced_superbill_bills_only_what_its_replacement_still_holds(workspace: Workspace) -> None:
    first = issue_superbill(workspace.store, workspace.codes, "pt-0001", Period(), today=TODAY).number
    assert first is not None
    reissue_superbill(workspace.store, workspace.codes, first, TODAY)
    assert unbilled_period(workspace.store, "pt-0001", TODAY) is None
    # A replaced superbill no longer counts: its visits are billed because the replacement holds them.
    workspace.store.conn.execute("DELETE FROM superbill_visits WHERE superbill_id = 2 AND position = 1")
    period = unbilled_period(workspace.store, "pt-0001", TODAY)
    assert period is not None and period.visits == {"v-2"}


# Who needs one, and the files' names ------------------------------------------------------------------


def test_the_patients_with_visits_waiting_are_listed_by_name_self_pay_left_out(workspace: Workspace) -> None:
    names = [p.name for p in patients_needing_superbills(workspace, TODAY)]
    assert names == ["Brown, Carl", "Okafor, Daniel", "Zhang, Amy"]


def test_file_names_sort_by_patient_and_are_safe_on_any_file_system() -> None:
    assert (
        file_name(BatchPatient("p", "Daniel", "Okafor"), "SB-2026-0007")
        == "Okafor, Daniel - SB-2026-0007.pdf"
    )
    assert file_name(BatchPatient("p", "A/B", "..C:D*"), "SB-2026-0008") == "C-D-, A-B - SB-2026-0008.pdf"


# Issuing them all -------------------------------------------------------------------------------------


def test_issue_all_numbers_each_superbill_once_its_pdf_is_written_and_holds_back_errors(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "Superbills September"
    summary = issue_all(workspace, folder, TODAY)
    assert [(f.patient.name, f.number, f.visits, f.charges) for f in summary.issued] == [
        ("Okafor, Daniel", "SB-2026-0001", 2, 24500),
        ("Zhang, Amy", "SB-2026-0002", 2, 24500),
    ]
    assert [(h.patient.name, h.reason) for h in summary.held_back] == [
        ("Brown, Carl", summary.held_back[0].reason)
    ]
    assert "59" in summary.held_back[0].reason
    assert summary.failed is None and not summary.cancelled and summary.not_reached == 0
    assert sorted(os.listdir(folder)) == [
        "Okafor, Daniel - SB-2026-0001.pdf",
        "Zhang, Amy - SB-2026-0002.pdf",
    ]
    for issued in summary.issued:
        assert issued.path.read_bytes() == workspace.store.superbill_pdf(issued.number)
        text = pdf_text(issued.path)
        assert issued.number in text and issued.patient.last_name in text and "DRAFT" not in text
    assert numbers(workspace) == ["SB-2026-0001", "SB-2026-0002"]
    # Done: nobody needs one now but the patient held back.
    assert [p.name for p in patients_needing_superbills(workspace, TODAY)] == ["Brown, Carl"]


def test_stopped_by_the_user_it_ends_between_two_superbills_and_uses_no_number_more(
    workspace: Workspace, tmp_path: Path
) -> None:
    asked: list[tuple[int, int, str]] = []

    def go_on(done: int, total: int, patient: BatchPatient) -> bool:
        asked.append((done, total, patient.name))
        return done < 2

    summary = issue_all(workspace, tmp_path / "out", TODAY, go_on)
    assert asked == [(0, 3, "Brown, Carl"), (1, 3, "Okafor, Daniel"), (2, 3, "Zhang, Amy")]
    assert summary.cancelled and summary.not_reached == 1
    assert numbers(workspace) == ["SB-2026-0001"]
    assert sorted(os.listdir(tmp_path / "out")) == ["Okafor, Daniel - SB-2026-0001.pdf"]


def test_a_file_that_cannot_be_written_uses_no_number_leaves_no_file_and_stops_the_batch(
    workspace: Workspace, tmp_path: Path
) -> None:
    # Something in the way of Zhang's file: a folder where its temporary file goes.
    (tmp_path / ".Zhang, Amy - SB-2026-0002.pdf.partial").mkdir()
    (tmp_path / ".Zhang, Amy - SB-2026-0002.pdf.partial" / "x").write_text("x")
    summary = issue_all(workspace, tmp_path, TODAY)
    assert [f.number for f in summary.issued] == ["SB-2026-0001"]
    assert summary.failed is not None and summary.failed.patient.name == "Zhang, Amy"
    assert "cannot be written" in summary.failed.reason
    assert numbers(workspace) == ["SB-2026-0001"]  # SB-2026-0002 was given back
    assert not (tmp_path / "Zhang, Amy - SB-2026-0002.pdf").exists()
    # Once the way is clear, Zhang gets the number given back.
    for entry in (tmp_path / ".Zhang, Amy - SB-2026-0002.pdf.partial").iterdir():
        entry.unlink()
    (tmp_path / ".Zhang, Amy - SB-2026-0002.pdf.partial").rmdir()
    again = issue_all(workspace, tmp_path, TODAY)
    assert [(f.patient.name, f.number) for f in again.issued] == [("Zhang, Amy", "SB-2026-0002")]
    assert isinstance(again.issued[0], IssuedFile) and again.issued[0].path.is_file()


def test_a_folder_inside_the_practice_data_is_refused_before_any_number(workspace: Workspace) -> None:
    summary = issue_all(workspace, workspace.data_dir / "backups", TODAY)
    assert summary.issued == [] and summary.failed is not None
    assert "practice's data" in summary.failed.reason
    assert numbers(workspace) == []


def test_the_batch_logs_counts_never_names(
    workspace: Workspace, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("INFO", logger=batch.__name__):
        issue_all(workspace, tmp_path, TODAY)
    assert "issued=2" in caplog.text and "Okafor" not in caplog.text and "Zhang" not in caplog.text


# Each visit is billed once ---------------------------------------------------------------------------


def test_each_visit_is_billed_once_so_attention_and_the_batch_see_only_the_never_billed_visit(
    workspace: Workspace, tmp_path: Path
) -> None:
    from app.domain.check import FindingCode
    from app.services.attention import AttentionKind, needs_attention
    from app.services.superbills import SuperbillRefused

    sep_9 = Period(date(2026, 9, 9), date(2026, 9, 9))
    assert (
        issue_superbill(workspace.store, workspace.codes, "pt-0001", sep_9, today=TODAY).number
        == "SB-2026-0001"
    )
    # The whole month again holds the 09/09 visit: refused, with the superbill and the date named.
    with pytest.raises(SuperbillRefused) as refused:
        issue_superbill(workspace.store, workspace.codes, "pt-0001", Period(), today=TODAY)
    assert batch.first_error(refused.value).startswith(
        "The visit on Sep 9, 2026 is already on superbill SB-2026-0001"
    )
    assert [f.code for f in refused.value.findings if f.is_error] == [FindingCode.VISIT_ALREADY_BILLED]
    assert numbers(workspace) == ["SB-2026-0001"]
    unbilled = [
        item.message
        for item in needs_attention(workspace, TODAY)
        if item.kind is AttentionKind.UNBILLED_VISITS and item.patient_key == "pt-0001"
    ]
    assert unbilled == ["1 visit on 09/16/2026 not yet billed"]
    summary = issue_all(workspace, tmp_path / "batch", TODAY)
    okafor = [f for f in summary.issued if f.patient.key == "pt-0001"]
    assert [(f.number, f.visits) for f in okafor] == [("SB-2026-0002", 1)]
    assert workspace.store.superbill("SB-2026-0002").visit_keys == ("v-2",)  # type: ignore[union-attr]
    # No visit is on two superbills that stand.
    held = [(s.patient, key) for s in workspace.store.superbills() for key in s.visit_keys]
    assert len(held) == len(set(held))
