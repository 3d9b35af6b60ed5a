"""Payers and the fee schedule: kinds, unit rules in plain words, fees typed in dollars, one's own codes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.practice import PayerKind, UnitRule
from app.services.workspace import Workspace
from app.ui.practice.payers_dialog import PayersDialog
from app.ui.widgets.record_tables import FeeTableModel
from tests.ui.record_helpers import BoxAnswer, forget_changes

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def open_dialog(qtbot: QtBot, workspace: Workspace) -> PayersDialog:
    dialog = PayersDialog(workspace)
    qtbot.addWidget(dialog, before_close_func=forget_changes)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def test_changing_the_97124_fee_to_42_50_is_saved_as_4250_cents(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    dialog.ui.tabWidget.setCurrentWidget(dialog.ui.feesTab)
    view, model = dialog.ui.feesView, dialog.fees_model
    view.setFocus()
    view.setCurrentIndex(model.index(model.row_of("97124"), FeeTableModel.COL_FEE))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    assert editor.text() == "40.00"
    editor.selectAll()
    qtbot.keyClicks(editor, "42.50")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: workspace.store.fees().default["97124"] == 4250)
    assert model.data(model.index(model.row_of("97124"), FeeTableModel.COL_FEE)) == "$42.50"
    assert "97124 is now $42.50" in dialog.ui.feesStatusLabel.text()


def test_a_fee_that_is_not_dollars_is_refused_and_the_old_fee_stays(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    model = dialog.fees_model
    assert not model.setData(model.index(model.row_of("97140"), FeeTableModel.COL_FEE), "45.5")
    assert "stays as it was" in dialog.ui.feesStatusLabel.text()
    assert workspace.store.fees().default["97140"] == 4500


def test_adding_ones_own_code_puts_it_in_the_fee_schedule(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    ui = dialog.ui
    ui.tabWidget.setCurrentWidget(ui.feesTab)
    qtbot.keyClicks(ui.codeEdit, "g0283")
    qtbot.keyClicks(ui.descriptionEdit, "Electrical stimulation, unattended")
    qtbot.keyClick(ui.descriptionEdit, Qt.Key.Key_Return)

    assert workspace.store.procedures()["G0283"].description == "Electrical stimulation, unattended"
    row = dialog.fees_model.row_of("G0283")
    assert row >= 0 and ui.feesView.currentIndex().row() == row
    assert "Added G0283" in ui.feesStatusLabel.text()


def test_a_new_payer_is_saved_with_its_kind_rule_and_filing_limit(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    ui = dialog.ui
    ui.addPayerButton.click()
    qtbot.keyClicks(ui.nameEdit, "Regence BlueShield")
    ui.unitRuleCombo.setCurrentIndex(ui.unitRuleCombo.findData(UnitRule.AMA_MIDPOINT.value))
    assert "each code on its own" in ui.unitRuleHintLabel.text()
    ui.filingSpin.setValue(180)
    ui.savePayerButton.click()

    assert dialog.isVisible()
    saved = next(p for p in workspace.store.payers() if p.name == "Regence BlueShield")
    assert (saved.kind, saved.unit_rule, saved.filing_limit_days) == (
        PayerKind.COMMERCIAL,
        UnitRule.AMA_MIDPOINT,
        180,
    )
    assert dialog.payers_model.key(ui.payersView.currentIndex().row()) == saved.key


def test_choosing_another_payer_with_unsaved_changes_asks_and_cancel_keeps_them(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    ui = dialog.ui
    assert ui.nameEdit.text() == "Premera Blue Cross"
    ui.phoneEdit.setText("800-555-0199")  # shown as (800) 555-0199
    answers = BoxAnswer()
    answers.next(QMessageBox.StandardButton.Cancel)
    ui.payersView.selectRow(1)
    assert ui.phoneEdit.text() == "(800) 555-0199"
    assert dialog.payers_model.key(ui.payersView.currentIndex().row()) == "premera"

    answers.next(QMessageBox.StandardButton.Discard)
    ui.payersView.selectRow(2)
    assert ui.nameEdit.text() == "Self-pay"
    assert workspace.store.payer("premera").phone == "800-555-0101"  # type: ignore[union-attr]


def test_the_payer_and_fee_models_pass_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    qtmodeltester.check(dialog.payers_model)
    qtmodeltester.check(dialog.fees_model)


def test_a_payer_id_typed_for_the_837p_is_saved_in_capitals_with_the_payer(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, workspace)
    assert dialog.ui.nameEdit.text() == "Premera Blue Cross"
    qtbot.keyClicks(dialog.payer_id_edit, "sx-173")
    qtbot.mouseClick(dialog.ui.savePayerButton, Qt.MouseButton.LeftButton)

    saved = workspace.store.payer("premera")
    assert saved is not None and saved.payer_id == "SX173"
    dialog.ui.payersView.selectRow(1)
    dialog.ui.payersView.selectRow(0)
    assert dialog.payer_id_edit.text() == "SX173"


def test_a_payer_id_with_a_delimiter_is_refused_naming_the_field(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    qtbot.keyClicks(dialog.payer_id_edit, "91*051")
    qtbot.mouseClick(dialog.ui.savePayerButton, Qt.MouseButton.LeftButton)

    assert "Payer ID 91*051" in dialog.ui.errorLabel.text()
    saved = workspace.store.payer("premera")
    assert saved is not None and saved.payer_id is None
