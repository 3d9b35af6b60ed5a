"""The payment dialog: dollars typed, cents stored, the balance before and after shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.practice import PaymentMethod
from app.services import accounts
from app.services.workspace import Workspace
from app.ui.patients.payment_dialog import PaymentDialog
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import forget_changes

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def open_dialog(qtbot: QtBot, workspace: Workspace, key: str | None = None) -> PaymentDialog:
    dialog = PaymentDialog(workspace, "pt-0001", key, TODAY)
    qtbot.addWidget(dialog, before_close_func=forget_changes)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def test_recording_a_45_dollar_card_payment_lowers_the_balance_by_45(
    qtbot: QtBot, workspace: Workspace
) -> None:
    before = accounts.balance_due(workspace.store, "pt-0001")
    dialog = open_dialog(qtbot, workspace)
    ui = dialog.ui
    assert ui.methodCombo.currentText() == "Card"
    qtbot.keyClicks(ui.amountEdit, "45.00")
    assert dialog.balance_after_text.endswith("$45.00 credit")  # the sample is paid in full
    qtbot.keyClicks(ui.referenceEdit, "VISA 4242")
    qtbot.keyClick(ui.referenceEdit, Qt.Key.Key_Return)

    assert not dialog.isVisible(), dialog.error_text
    assert accounts.balance_due(workspace.store, "pt-0001") == before - 4500
    payment = next(p for p in workspace.store.chart("pt-0001").payments if p.key == dialog.payment_key)
    assert (payment.amount, payment.method, payment.date, payment.reference) == (
        4500,
        PaymentMethod.CARD,
        TODAY,
        "VISA 4242",
    )


def test_an_amount_that_is_not_dollars_is_refused_and_kept(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    qtbot.keyClicks(dialog.ui.amountEdit, "45.5")
    assert "not a dollar amount yet" in dialog.balance_after_text
    qtbot.keyClick(dialog.ui.amountEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert '"45.5" is not a dollar amount' in dialog.error_text
    assert dialog.ui.amountEdit.text() == "45.5"
    assert len(workspace.store.chart("pt-0001").payments) == 2


def test_editing_a_payment_counts_it_once_in_the_balance(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace, "pay-1")
    ui = dialog.ui
    assert ui.amountEdit.text() == "120.00"
    assert dialog.ui.balanceBeforeLabel.text().endswith("$120.00")
    assert dialog.balance_after_text.endswith("$0.00")
    ui.amountEdit.selectAll()
    qtbot.keyClicks(ui.amountEdit, "100.00")
    assert dialog.balance_after_text.endswith("$20.00")
    qtbot.keyClick(ui.amountEdit, Qt.Key.Key_Return)
    assert accounts.balance_due(workspace.store, "pt-0001") == 2000


def owing(workspace: Workspace) -> Workspace:
    """The sample's second payment deleted: $125.00 due."""
    workspace.store.delete_payment("pt-0001", "pay-2")
    assert accounts.balance_due(workspace.store, "pt-0001") == 12500
    return workspace


def test_a_new_payment_starts_with_the_balance_due_so_enter_settles_it(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, owing(workspace))
    ui = dialog.ui
    assert ui.amountEdit.text() == "125.00"
    assert dialog.balance_after_text.endswith("$0.00")
    qtbot.keyClick(ui.amountEdit, Qt.Key.Key_Return)
    assert not dialog.isVisible(), dialog.error_text
    assert accounts.balance_due(workspace.store, "pt-0001") == 0


def test_the_balance_is_typed_over_at_once_even_after_a_click_elsewhere(
    qtbot: QtBot, workspace: Workspace
) -> None:
    dialog = open_dialog(qtbot, owing(workspace))
    ui = dialog.ui
    qtbot.keyClicks(ui.amountEdit, "60")  # selected when the dialog opens: typing replaces it
    assert ui.amountEdit.text() == "60"
    qtbot.mouseClick(ui.referenceEdit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ui.referenceEdit.hasFocus)
    qtbot.mouseClick(ui.amountEdit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ui.amountEdit.selectedText() == "60")
    qtbot.keyClicks(ui.amountEdit, "75.50")
    assert ui.amountEdit.text() == "75.50"
    assert dialog.balance_after_text.endswith("$49.50")


def test_paid_in_full_the_amount_starts_empty(qtbot: QtBot, workspace: Workspace) -> None:
    dialog = open_dialog(qtbot, workspace)
    assert dialog.ui.amountEdit.text() == ""
