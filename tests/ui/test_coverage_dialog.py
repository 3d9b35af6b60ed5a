"""The coverage dialog: the payer's kind decides which fields appear; a spouse's plan asks for the insured."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.domain.practice import Payer, PayerKind
from app.services.workspace import Workspace
from app.ui.patients.coverage_dialog import CoverageDialog
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import forget_changes, type_date

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def open_dialog(qtbot: QtBot, workspace: Workspace, key: str | None = None) -> CoverageDialog:
    dialog = CoverageDialog(workspace, "pt-0001", key, TODAY)
    qtbot.addWidget(dialog, before_close_func=forget_changes)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def choose_payer(dialog: CoverageDialog, name: str) -> None:
    combo = dialog.ui.payerCombo
    combo.setFocus()
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemText(i).startswith(name)))


def test_choosing_a_workers_comp_payer_shows_the_claim_fields_and_hides_member_id(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    ui = dialog.ui
    choose_payer(dialog, "Washington State Dept. of Labor")
    for shown in (ui.claimEdit, ui.injuryDateEdit, ui.employerEdit, ui.adjusterEdit):
        assert shown.isVisible()
    for hidden in (ui.memberIdEdit, ui.groupEdit, ui.relationshipCombo, ui.accidentStateEdit):
        assert not hidden.isVisible()
    assert "claim number" in ui.payerKindLabel.text()


def test_an_auto_payer_asks_for_the_accident_date_and_state(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.store.save_payer(Payer("geico", "GEICO", PayerKind.AUTO))
    dialog = open_dialog(qtbot, workspace)
    choose_payer(dialog, "GEICO")
    assert dialog.ui.accidentStateEdit.isVisible()
    assert dialog.ui.injuryDateLabel.text().replace("&", "") == "Accident date:"
    assert not dialog.ui.employerEdit.isVisible()


def test_a_workers_comp_coverage_is_saved_with_its_claim(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    ui = dialog.ui
    choose_payer(dialog, "Washington State Dept. of Labor")
    qtbot.keyClicks(ui.claimEdit, "WC-5512")
    type_date(qtbot, ui.injuryDateEdit, "08012026")
    qtbot.keyClicks(ui.employerEdit, "Harbor Freight Lines")
    qtbot.keyClicks(ui.adjusterEdit, "R. Diaz 360-555-0110")
    dialog.ui.buttonBox.button(ui.buttonBox.StandardButton.Save).click()

    assert not dialog.isVisible(), dialog.error_text
    coverage = workspace.store.chart("pt-0001").coverage(dialog.coverage_key)
    assert coverage is not None
    assert (coverage.payer, coverage.claim_number, coverage.employer) == (
        "lni",
        "WC-5512",
        "Harbor Freight Lines",
    )
    assert coverage.injury_date is not None and coverage.injury_date.isoformat() == "2026-08-01"
    assert coverage.member_id is None


def test_a_plan_through_a_spouse_asks_for_the_insured_person(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace, "cov-1")
    ui = dialog.ui
    assert ui.memberIdEdit.text() == "PRM448812093"
    assert not ui.subscriberFirstEdit.isVisible()
    ui.relationshipCombo.setCurrentIndex(1)  # spouse
    assert ui.subscriberFirstEdit.isVisible() and ui.subscriberDobEdit.isVisible()
    dialog.ui.buttonBox.button(ui.buttonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "Subscriber's first name" in dialog.error_text or "date of birth" in dialog.error_text


def test_saving_without_a_payer_names_the_payer(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Save).click()
    assert "Choose the payer" in dialog.error_text
    assert dialog.focusWidget() is dialog.ui.payerCombo
