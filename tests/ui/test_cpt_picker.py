"""The procedure-code picker: catalogue and the therapist's own codes, with fees, chosen by keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.procedures import CATALOGUE, Procedure
from app.services.workspace import Workspace
from app.ui.visits.cpt_picker import COL_FEE, COL_TIMED, CptPicker

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def open_picker(qtbot: QtBot, workspace: Workspace) -> CptPicker:
    picker = CptPicker(workspace)
    qtbot.addWidget(picker)
    picker.show()
    picker.search.setFocus()
    return picker


def codes_shown(picker: CptPicker) -> list[str]:
    return [picker.model.row(i).code for i in range(picker.model.rowCount())]


def test_the_catalogue_is_listed_with_97124_first_and_its_fee(qtbot: QtBot, workspace: Workspace) -> None:
    picker = open_picker(qtbot, workspace)
    assert codes_shown(picker) == list(CATALOGUE)
    assert picker.model.index(0, COL_FEE).data() == "$40.00"
    assert picker.model.index(0, COL_TIMED).data() == "per 15 min"
    assert picker.model.index(codes_shown(picker).index("97018"), COL_FEE).data() == "no fee set"


def test_typing_words_filters_and_enter_chooses_the_first_match(qtbot: QtBot, workspace: Workspace) -> None:
    picker = open_picker(qtbot, workspace)
    qtbot.keyClicks(picker.search, "manual")
    assert codes_shown(picker) == ["97140"]
    with qtbot.waitSignal(picker.codeChosen) as chosen:
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert chosen.args == ["97140"]


def test_typing_the_start_of_a_code_filters_and_arrows_move(qtbot: QtBot, workspace: Workspace) -> None:
    picker = open_picker(qtbot, workspace)
    qtbot.keyClicks(picker.search, "9701")
    assert codes_shown(picker) == ["97010", "97018"]
    with qtbot.waitSignal(picker.codeChosen) as chosen:
        qtbot.keyClick(picker.search, Qt.Key.Key_Down)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert chosen.args == ["97018"]


def test_the_therapists_own_codes_are_offered_too(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.store.save_procedure(Procedure("97039", "Hot stone work", timed=True))
    workspace.store.save_fee("97039", 5500)
    picker = open_picker(qtbot, workspace)
    qtbot.keyClicks(picker.search, "stone")
    assert codes_shown(picker) == ["97039"]
    assert picker.model.index(0, 1).data() == "Hot stone work  (your code)"
    assert picker.model.index(0, COL_FEE).data() == "$55.00"


def test_a_payers_own_fee_is_shown_for_that_payer(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.store.save_fee("97124", 4400, payer="premera")
    picker = open_picker(qtbot, workspace)
    picker.set_payer("premera")
    assert picker.model.index(0, COL_FEE).data() == "$44.00"
    picker.set_payer(None)
    assert picker.model.index(0, COL_FEE).data() == "$40.00"


def test_the_codes_model_passes_the_model_tester(
    qtbot: QtBot, workspace: Workspace, qtmodeltester: object
) -> None:
    picker = open_picker(qtbot, workspace)
    qtmodeltester.check(picker.model)  # type: ignore[attr-defined]
