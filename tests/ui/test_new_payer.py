"""Coverage for a payer not yet in the list: "New payer..." adds it without leaving the coverage dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.practice import Payer, PayerKind, UnitRule
from app.services.workspace import Workspace
from app.ui.patients.coverage_dialog import CoverageDialog
from app.ui.practice.new_payer_dialog import NewPayerDialog
from tests import sample
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import forget_changes

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

PATIENT = "pt-0001"


@pytest.fixture
def no_payers(empty_workspace: Workspace) -> Workspace:
    empty_workspace.store.save_patient(sample.chart().patient)
    return empty_workspace


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def open_coverage(qtbot: QtBot, workspace: Workspace) -> CoverageDialog:
    dialog = CoverageDialog(workspace, PATIENT, None, TODAY)
    qtbot.addWidget(dialog, before_close_func=forget_changes)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def open_new_payer(qtbot: QtBot, dialog: CoverageDialog) -> NewPayerDialog:
    qtbot.keyClick(focused(), Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # Ne&w payer…
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewPayerDialog))
    payer_dialog = QApplication.activeModalWidget()
    assert isinstance(payer_dialog, NewPayerDialog)
    qtbot.waitUntil(payer_dialog.isActiveWindow)
    assert focused() is payer_dialog.commonList
    return payer_dialog


def test_with_no_payer_the_dialog_says_so_and_typing_cig_then_enter_adds_cigna_as_the_payer(
    qtbot: QtBot, no_payers: Workspace
) -> None:
    dialog = open_coverage(qtbot, no_payers)
    assert dialog.ui.payerCombo.currentText() == "No payers yet: choose New payer… to add one"
    payer_dialog = open_new_payer(qtbot, dialog)
    qtbot.keyClicks(payer_dialog.commonList, "cig")
    assert payer_dialog.nameEdit.text() == "Cigna Healthcare"
    assert payer_dialog.kindCombo.currentText() == "Commercial insurance"
    assert payer_dialog.unitRuleCombo.currentText() == "AMA midpoint rule"
    qtbot.keyClick(payer_dialog.commonList, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not payer_dialog.isVisible())
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.ui.payerCombo.currentText() == "Cigna Healthcare  (Commercial insurance)"
    assert focused() is dialog.ui.memberIdEdit  # the next thing to type
    qtbot.keyClicks(focused(), "U7731904")
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible(), dialog.error_text
    (payer,) = no_payers.store.payers()
    assert (payer.name, payer.kind, payer.unit_rule) == (
        "Cigna Healthcare",
        PayerKind.COMMERCIAL,
        UnitRule.AMA_MIDPOINT,
    )
    (coverage,) = no_payers.store.chart(PATIENT).coverages
    assert (coverage.payer, coverage.member_id) == (payer.key, "U7731904")


def test_a_workers_comp_carrier_asks_for_its_name_then_the_claim_number_is_next(
    qtbot: QtBot, no_payers: Workspace
) -> None:
    dialog = open_coverage(qtbot, no_payers)
    payer_dialog = open_new_payer(qtbot, dialog)
    qtbot.keyClicks(payer_dialog.commonList, "wor")
    qtbot.keyClick(payer_dialog.commonList, Qt.Key.Key_Return)
    assert payer_dialog.isVisible() and focused() is payer_dialog.nameEdit
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # no name yet
    assert payer_dialog.isVisible()
    assert payer_dialog.error_text == "Payer's name is missing, such as Premera Blue Cross."
    qtbot.keyClicks(payer_dialog.nameEdit, "Sedgwick")
    qtbot.keyClick(payer_dialog.nameEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.ui.payerCombo.currentText() == "Sedgwick  (Workers' compensation)"
    assert focused() is dialog.ui.claimEdit
    (payer,) = no_payers.store.payers()
    assert (payer.kind, payer.unit_rule) == (PayerKind.WORKERS_COMP, UnitRule.CMS_8_MINUTE)


def test_a_blue_cross_plan_must_be_named(qtbot: QtBot, no_payers: Workspace) -> None:
    dialog = open_coverage(qtbot, no_payers)
    payer_dialog = open_new_payer(qtbot, dialog)
    qtbot.keyClicks(payer_dialog.commonList, "blue")
    qtbot.keyClick(payer_dialog.commonList, Qt.Key.Key_Return)
    assert focused() is payer_dialog.nameEdit and payer_dialog.nameEdit.cursorPosition() == len(
        "Blue Cross Blue Shield of "
    )
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert payer_dialog.error_text == (
        'Payer\'s name: finish it with the plan, such as "Blue Cross Blue Shield of Texas".'
    )
    assert no_payers.store.payers() == ()
    qtbot.keyClicks(payer_dialog.nameEdit, "Illinois")
    qtbot.keyClick(payer_dialog.nameEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert no_payers.store.payers()[0].name == "Blue Cross Blue Shield of Illinois"


def test_cancelling_the_new_payer_adds_nothing_and_returns_to_the_payer(
    qtbot: QtBot, no_payers: Workspace
) -> None:
    dialog = open_coverage(qtbot, no_payers)
    payer_dialog = open_new_payer(qtbot, dialog)
    qtbot.keyClick(payer_dialog.commonList, Qt.Key.Key_Escape)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert no_payers.store.payers() == ()
    assert focused() is dialog.ui.payerCombo


def test_the_only_payer_is_chosen_already(qtbot: QtBot, no_payers: Workspace) -> None:
    no_payers.store.save_payer(Payer("premera", "Premera Blue Cross", PayerKind.COMMERCIAL))
    dialog = open_coverage(qtbot, no_payers)
    assert dialog.ui.payerCombo.currentText() == "Premera Blue Cross  (Commercial insurance)"
    assert dialog.ui.memberIdEdit.isVisible()


def test_with_several_payers_the_therapist_chooses(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_coverage(qtbot, workspace)
    assert dialog.ui.payerCombo.currentText() == "Choose the payer…"
