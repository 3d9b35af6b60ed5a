"""The ICD-10-CM picker over the shipped code set, driven from the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from app.ui.visits.icd_picker import COL_CODE, COL_DESCRIPTION, COL_STAR, IcdPicker

# The offscreen platform says this whenever a window is shown; it is no fault of ours.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "picker.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def picker(qtbot: QtBot, empty_workspace: Workspace, settings: QSettings) -> IcdPicker:
    widget = IcdPicker(empty_workspace, settings=settings)
    qtbot.addWidget(widget)
    widget.show()
    widget.search.setFocus()
    return widget


def codes_shown(picker: IcdPicker) -> list[str]:
    return [row.code for row in picker.model.rows()]


def test_typing_low_back_lists_m54_50_first_and_enter_chooses_it(qtbot: QtBot, picker: IcdPicker) -> None:
    qtbot.keyClicks(picker.search, "low back")
    assert codes_shown(picker)[0] == "M54.50"
    with qtbot.waitSignal(picker.codeChosen) as chosen:
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert chosen.args == ["M54.50"]


def test_typing_m54_5_shows_it_as_not_billable_and_activating_it_offers_its_billable_codes(
    qtbot: QtBot, picker: IcdPicker
) -> None:
    qtbot.keyClicks(picker.search, "M54.5")
    first = picker.model.row(0)
    assert (first.code, first.billable) == ("M54.5", False)
    assert "not billable — choose:" in picker.model.index(0, 2).data()
    with qtbot.assertNotEmitted(picker.codeChosen):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    rows = picker.model.rows()
    assert [(r.code, r.depth) for r in rows[:4]] == [
        ("M54.5", 0),
        ("M54.50", 1),
        ("M54.51", 1),
        ("M54.59", 1),
    ]
    assert codes_shown(picker).count("M54.50") == 1  # the common code moved under its category
    assert picker.view.currentIndex().row() == 1
    with qtbot.waitSignal(picker.codeChosen) as chosen:
        qtbot.keyClick(picker.search, Qt.Key.Key_Down)
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert chosen.args == ["M54.51"]


def test_the_prescriptions_codes_are_offered_first_then_the_common_massage_codes(picker: IcdPicker) -> None:
    picker.set_priority_codes(["M62.830", "S13.4XXA"])
    rows = picker.model.rows()
    assert [(r.code, r.source) for r in rows[:2]] == [
        ("M62.830", "Prescription"),
        ("S13.4XXA", "Prescription"),
    ]
    assert rows[2] == rows[2]._replace(code="M54.50", source="Common")
    assert "M62.830" not in [r.code for r in rows[2:]]


def test_prescription_codes_matching_the_words_come_before_other_matches(
    qtbot: QtBot, picker: IcdPicker
) -> None:
    picker.set_priority_codes(["M62.838"])
    qtbot.keyClicks(picker.search, "spasm")
    assert codes_shown(picker)[:2] == ["M62.838", "M62.830"]


def test_a_star_marks_a_favourite_that_is_offered_next_time(
    qtbot: QtBot, picker: IcdPicker, empty_workspace: Workspace, settings: QSettings
) -> None:
    qtbot.keyClicks(picker.search, "G44.221")
    assert codes_shown(picker)[0] == "G44.221"
    qtbot.keyClick(picker.search, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert picker.model.index(0, COL_STAR).data() == "★"

    again = IcdPicker(empty_workspace, settings=settings)
    qtbot.addWidget(again)
    favourite = next(r for r in again.model.rows() if r.code == "G44.221")
    assert favourite.source == "Favourite" and favourite.favourite


def test_a_chosen_code_is_offered_as_recent_next_time(
    qtbot: QtBot, picker: IcdPicker, empty_workspace: Workspace, settings: QSettings
) -> None:
    qtbot.keyClicks(picker.search, "M79.601")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    picker.reset()
    assert ("M79.601", "Recent") in [(r.code, r.source) for r in picker.model.rows()]

    again = IcdPicker(empty_workspace, settings=settings)
    qtbot.addWidget(again)
    assert ("M79.601", "Recent") in [(r.code, r.source) for r in again.model.rows()]


def test_clicking_the_star_column_toggles_the_favourite(qtbot: QtBot, picker: IcdPicker) -> None:
    index = picker.model.index(0, COL_STAR)
    rect = picker.view.visualRect(index)
    qtbot.mouseClick(picker.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picker.model.row(0).favourite
    qtbot.mouseClick(picker.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert not picker.model.row(0).favourite


def test_the_search_covers_the_whole_code_set(qtbot: QtBot, picker: IcdPicker) -> None:
    qtbot.keyClicks(picker.search, "T63.441A")
    assert codes_shown(picker)[0] == "T63.441A"
    assert picker.model.index(0, COL_CODE).data().strip() == "T63.441A"


def test_each_keystroke_updates_the_results(qtbot: QtBot, picker: IcdPicker) -> None:
    """Every keystroke of 50 typed searches shows results at once (their time is bench.startup's: a
    timed test would fail on a slow CI machine, not on a slow app)."""
    texts = [
        "l",
        "lo",
        "low",
        "low ",
        "low b",
        "low ba",
        "low bac",
        "low back",
        "m",
        "m5",
        "m54",
        "m54.",
        "m54.5",
    ]
    texts += [
        "f",
        "fi",
        "fib",
        "fibr",
        "fibro",
        "s",
        "s1",
        "s13",
        "s13.4",
        "w",
        "wh",
        "whi",
        "whip",
        "n",
        "ne",
    ]
    texts += [
        "nec",
        "neck",
        "neck s",
        "neck st",
        "neck str",
        "p",
        "pa",
        "pai",
        "pain",
        "s",
        "sh",
        "sho",
        "shou",
    ]
    texts += ["shoul", "should", "shoulde", "shoulder", "t", "te", "ten", "tens", "tensi"]
    assert len(texts) == 50
    for text in texts:
        picker.search.setText(text)
        assert codes_shown(picker), f"no results shown for {text!r}"


def test_the_results_model_passes_the_model_tester(
    qtbot: QtBot, picker: IcdPicker, qtmodeltester: object
) -> None:
    qtbot.keyClicks(picker.search, "M54.5")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    qtmodeltester.check(picker.model)  # type: ignore[attr-defined]


def test_everyday_words_find_the_common_codes(qtbot: QtBot, picker: IcdPicker) -> None:
    qtbot.keyClicks(picker.search, "whiplash")
    assert codes_shown(picker)[:3] == ["S13.4XXA", "S13.4XXD", "S13.4XXS"]


def test_a_code_found_by_everyday_words_shows_the_words_in_its_row_and_tooltip(
    qtbot: QtBot, picker: IcdPicker
) -> None:
    qtbot.keyClicks(picker.search, "neck pain")
    assert codes_shown(picker)[0] == "M54.2"  # offered as a common code, found by "neck pain"
    description = picker.model.index(0, COL_DESCRIPTION)
    assert picker.model.data(description) == "Cervicalgia  (“neck pain”)"
    tooltip = picker.model.data(description, Qt.ItemDataRole.ToolTipRole)
    assert tooltip == 'M54.2 Cervicalgia\nFound by "neck pain" (Index: Pain, neck NEC -> M54.2)'
