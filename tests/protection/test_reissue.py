"""A reissue: the same visits as they are now, a new number that names the one it replaces."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.errors import ValidationError
from app.services.superbills import SuperbillRefused, reissue_superbill
from app.services.workspace import Workspace
from tests.protection.helpers import PATIENT, TODAY, imported_workspace, issue
from tests.render.pdf_text import plain_text


@pytest.fixture
def workspace(data_dir: Path, sample_practice_path: Path) -> Iterator[Workspace]:
    with imported_workspace(data_dir, sample_practice_path) as opened:
        yield opened


def test_a_reissue_gets_the_next_number_names_the_original_and_keeps_it(workspace: Workspace) -> None:
    original = issue(workspace)
    assert original.number == "SB-2026-0001"
    v2 = next(v for v in workspace.store.chart(PATIENT).visits if v.key == "v-2")
    workspace.store.save_visit(PATIENT, replace(v2, lines=(replace(v2.lines[0], minutes=40), v2.lines[1])))

    reissued = reissue_superbill(workspace.store, workspace.codes, "SB-2026-0001", TODAY)

    assert reissued.number == "SB-2026-0002"
    text = plain_text(reissued.pdf)
    assert "Replaces superbill SB-2026-0001" in text
    assert "SB-2026-0002" in text
    assert "Replaces" not in plain_text(original.pdf)
    listed = workspace.store.superbills(PATIENT)
    assert [(s.number, s.replaces) for s in listed] == [
        ("SB-2026-0001", None),
        ("SB-2026-0002", "SB-2026-0001"),
    ]
    old, new = listed
    assert new.visit_keys == old.visit_keys == ("v-1", "v-2")
    assert new.payment_keys == old.payment_keys == ("pay-1", "pay-2")
    assert new.charges > old.charges  # 40 minutes of 97124 bill three units, not two
    assert workspace.store.superbill_pdf("SB-2026-0001") == original.pdf
    assert workspace.store.superbill_pdf("SB-2026-0002") == reissued.pdf


def test_a_deleted_payment_is_off_the_reissue(workspace: Workspace) -> None:
    issue(workspace)
    workspace.store.delete_payment(PATIENT, "pay-2")
    reissue_superbill(workspace.store, workspace.codes, "SB-2026-0001", TODAY)
    new = workspace.store.superbill("SB-2026-0002")
    assert new is not None and new.payment_keys == ("pay-1",)


def test_a_superbill_is_replaced_once_and_an_unknown_number_is_refused(workspace: Workspace) -> None:
    issue(workspace)
    reissue_superbill(workspace.store, workspace.codes, "SB-2026-0001", TODAY)
    with pytest.raises(ValidationError, match="already replaced by SB-2026-0002"):
        reissue_superbill(workspace.store, workspace.codes, "SB-2026-0001", TODAY)
    third = reissue_superbill(workspace.store, workspace.codes, "SB-2026-0002", TODAY)
    assert third.number == "SB-2026-0003"
    with pytest.raises(ValidationError, match="SB-2026-0999"):
        reissue_superbill(workspace.store, workspace.codes, "SB-2026-0999", TODAY)


def test_a_reissue_the_check_finds_errors_in_is_refused_and_records_nothing(workspace: Workspace) -> None:
    issue(workspace)
    v1 = next(v for v in workspace.store.chart(PATIENT).visits if v.key == "v-1")
    workspace.store.save_visit(PATIENT, replace(v1, diagnoses=("M54.5", "M62.830")))  # retired code
    with pytest.raises(SuperbillRefused):
        reissue_superbill(workspace.store, workspace.codes, "SB-2026-0001", TODAY)
    assert [s.number for s in workspace.store.superbills()] == ["SB-2026-0001"]
