"""The "needs attention" panel as the therapist sees it: grouped lines with counts, Enter opens the patient."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.practice import ServiceLine, Visit
from app.services.superbills import Period, issue_superbill
from app.services.workspace import Workspace
from app.ui import attention_panel
from app.ui.attention_panel import NOTHING, AttentionListModel, AttentionPanel
from tests import sample
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

UNBILLED = "Okafor, Daniel — 2 visits since 09/09/2026 not yet billed"


def shown_panel(qtbot: QtBot, workspace: Workspace) -> AttentionPanel:
    panel = AttentionPanel(workspace, today=TODAY)
    qtbot.addWidget(panel)
    panel.resize(420, 360)
    panel.show()
    qtbot.waitUntil(lambda: panel.is_loaded)
    return panel


def issue(workspace: Workspace, first: date | None = None) -> str | None:
    return issue_superbill(
        workspace.store, workspace.codes, "pt-0001", Period(first=first), today=TODAY
    ).number


def test_the_list_is_read_just_after_the_panel_is_shown(qtbot: QtBot, workspace: Workspace) -> None:
    panel = AttentionPanel(workspace, today=TODAY)
    qtbot.addWidget(panel)
    assert not panel.is_loaded  # building the window never waits for it
    panel.show()
    qtbot.waitUntil(lambda: panel.is_loaded)


def test_the_samples_visits_show_as_2_visits_not_on_a_superbill(qtbot: QtBot, workspace: Workspace) -> None:
    panel = shown_panel(qtbot, workspace)
    assert panel.item_texts() == ["Visits not yet billed (1)", UNBILLED]
    assert "2 visits" in UNBILLED and UNBILLED.endswith("not yet billed")


def test_after_a_claim_is_issued_for_them_they_no_longer_show_as_not_yet_billed(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """Each visit is billed once, on a superbill or a claim: claimed visits wait for no superbill."""
    from app.services.claims import ClaimRequest, issue_claim_for

    panel = shown_panel(qtbot, workspace)
    assert UNBILLED in panel.item_texts()
    issue_claim_for(workspace, ClaimRequest("pt-0001", Period(), "cms1500-plain"), today=TODAY)
    panel.reload()
    assert panel.item_texts() == []
    assert not panel.batch_button.isEnabled() or panel.batch_button.isHidden()


def test_after_a_superbill_is_issued_for_them_they_no_longer_show(qtbot: QtBot, workspace: Workspace) -> None:
    panel = shown_panel(qtbot, workspace)
    assert issue(workspace) is not None
    panel.reload()
    assert panel.item_texts() == []
    assert panel.status.isVisibleTo(panel)
    assert panel.status.text() == NOTHING
    assert not panel.list.isVisibleTo(panel)


def test_a_prescription_whose_visits_are_used_up_appears(qtbot: QtBot, workspace: Workspace) -> None:
    rx = sample.chart().prescriptions[0]
    workspace.store.save_prescription("pt-0001", replace(rx, authorized_visits=2))
    panel = shown_panel(qtbot, workspace)
    assert panel.item_texts()[:2] == [
        "Prescriptions expiring or used up (1)",
        "Okafor, Daniel — prescription by Helen Park, MD: 2 of 2 visits used",
    ]


def test_a_superbill_with_a_balance_due_appears(qtbot: QtBot, workspace: Workspace) -> None:
    # A third visit nobody has paid for yet, put on its own superbill.
    visit = Visit(
        "v-3",
        date(2026, 9, 18),
        ("M54.50",),
        (ServiceLine("97124", ("A",), minutes=30, body_region="lumbar"),),
        coverage="cov-1",
        prescription="rx-1",
    )
    workspace.store.save_visit("pt-0001", visit)
    number = issue(workspace, first=date(2026, 9, 18))
    panel = shown_panel(qtbot, workspace)
    assert panel.item_texts() == [
        "Visits not yet billed (1)",
        UNBILLED,
        "Superbills with a balance due (1)",
        f"Okafor, Daniel — superbill {number} of 09/20/2026: $80.00 balance due",
    ]


def test_the_arrow_keys_skip_the_headings_and_enter_opens_the_patient(
    qtbot: QtBot, workspace: Workspace
) -> None:
    rx = sample.chart().prescriptions[0]
    workspace.store.save_prescription("pt-0001", replace(rx, authorized_visits=2))
    panel = shown_panel(qtbot, workspace)
    panel.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Home)
    assert panel.current_text().startswith("Okafor, Daniel — prescription")
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert panel.current_text() == UNBILLED  # past the "Visits not yet billed" heading
    with qtbot.waitSignal(panel.patientChosen) as chosen:
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert chosen.args == ["pt-0001"]


def test_a_long_group_shows_its_first_lines_and_the_rest_on_enter(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attention_panel, "SHOWN_PER_GROUP", 1)
    rx = sample.chart().prescriptions[0]
    workspace.store.save_prescription("pt-0001", replace(rx, authorized_visits=2))
    workspace.store.save_prescription("pt-0001", replace(rx, key="rx-2", expires_on=date(2026, 9, 30)))
    panel = shown_panel(qtbot, workspace)
    texts = panel.item_texts()
    assert texts[:3] == [
        "Prescriptions expiring or used up (2)",
        "Okafor, Daniel — prescription by Helen Park, MD: 2 of 2 visits used",
        "Show 1 more…",
    ]
    panel.list.setCurrentIndex(panel.model.index(2))
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert panel.item_texts()[2] == (
        "Okafor, Daniel — prescription by Helen Park, MD: expires 09/30/2026 (in 10 days)"
    )
    assert panel.list.currentIndex().row() == 2


def test_reload_keeps_the_line_the_therapist_was_on(qtbot: QtBot, workspace: Workspace) -> None:
    panel = shown_panel(qtbot, workspace)
    panel.list.setCurrentIndex(panel.model.index(1))
    panel.reload()
    assert panel.current_text() == UNBILLED


def test_an_empty_attention_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(AttentionListModel())


def test_the_attention_list_model_passes_the_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, workspace: Workspace
) -> None:
    panel = shown_panel(qtbot, workspace)
    qtmodeltester.check(panel.model)
