"""The patients list, driven from the keyboard as a therapist would: type, look, press Enter."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.practice import Coverage, Patient, PatientChart, Practice
from app.services.workspace import Workspace
from app.ui.patients.patient_table_model import (
    COL_ACCOUNT,
    COL_DATE_OF_BIRTH,
    COL_NAME,
    COL_PHONE,
    PatientTableModel,
)
from app.ui.patients.patients_page import PAGE_SIZE, PLACEHOLDER, PatientsPage
from tests import sample

# The offscreen platform says this when a top-level widget is shown; it is not about our code.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def add_patients(workspace: Workspace, *charts: PatientChart) -> None:
    workspace.store.save_practice(Practice(practitioner=None, payers=sample.PAYERS, charts=charts))


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> PatientsPage:
    add_patients(
        workspace,
        PatientChart(Patient("pt-zoe", "Zoë", "Nguyễn-Øster", date(1991, 2, 28), phone="503-555-0199")),
        PatientChart(
            Patient("pt-ana", "Ana", "Bell", date(1970, 1, 2)),
            coverages=(Coverage("c", "premera", member_id="PRM000000001"),),
        ),
    )
    widget = PatientsPage(workspace)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def names(page: PatientsPage) -> list[str]:
    model = page.model
    return [model.index(row, COL_NAME).data() for row in range(model.rowCount())]


def search(qtbot: QtBot, page: PatientsPage, text: str) -> None:
    page.search_box.clear()
    qtbot.keyClicks(page.search_box, text)


def test_every_patient_is_listed_by_last_name_with_the_count(page: PatientsPage) -> None:
    assert page.search_box.placeholderText() == PLACEHOLDER
    assert names(page) == ["Bell, Ana", "Nguyễn-Øster, Zoë", "Okafor, Daniel"]
    assert page.count_label.text() == "3 patients"


def test_each_row_shows_name_date_of_birth_account_and_phone(page: PatientsPage, qtbot: QtBot) -> None:
    search(qtbot, page, "oka")
    model = page.model
    header = page.table.horizontalHeader()  # the titles the therapist sees, over the model's columns
    assert header.count() == model.columnCount()
    shown = [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(header.count())]
    # Screen readers ask the view's model for the same titles (QAccessibleTableHeaderCell).
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == shown
    assert shown == [
        "Name",
        "Date of birth",
        "Account",
        "Phone",
    ]
    assert [model.index(0, c).data() for c in (COL_NAME, COL_DATE_OF_BIRTH, COL_ACCOUNT, COL_PHONE)] == [
        "Okafor, Daniel",
        "06/12/1984",
        "A00001",
        "(206) 555-0177",
    ]


def test_typing_oka_shows_daniel_okafor_only(page: PatientsPage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.search_box, "oka")
    assert names(page) == ["Okafor, Daniel"]
    assert page.count_label.text() == "1 of 3 patients"


@pytest.mark.parametrize(
    "text", ["06/12/1984", "6/12/1984", "1984-06-12", "A00001", "a00001", "PRM448812093"]
)
def test_his_date_of_birth_account_number_or_member_id_finds_him(
    page: PatientsPage, qtbot: QtBot, text: str
) -> None:
    search(qtbot, page, text)
    assert names(page) == ["Okafor, Daniel"]


def test_zoe_typed_without_the_accent_finds_zoe(page: PatientsPage, qtbot: QtBot) -> None:
    search(qtbot, page, "zoe nguyen")
    assert names(page) == ["Nguyễn-Øster, Zoë"]


def test_a_search_that_matches_nobody_says_so(page: PatientsPage, qtbot: QtBot) -> None:
    search(qtbot, page, "xyz")
    assert names(page) == []
    assert page.count_label.text() == "No patient matches “xyz” (of 3 patients)"


def test_escape_clears_the_search(page: PatientsPage, qtbot: QtBot) -> None:
    search(qtbot, page, "oka")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Escape)
    assert page.search_box.text() == ""
    assert len(names(page)) == 3


def test_enter_in_the_search_opens_the_first_patient_listed(page: PatientsPage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.search_box, "oka")
    with (
        qtbot.waitSignal(page.patientChosen) as chosen,
        qtbot.waitSignal(page.patientActivated) as activated,
    ):
        qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert chosen.args == ["pt-0001"]
    assert activated.args == ["pt-0001"]
    assert page.current_key() == "pt-0001"


def test_enter_with_no_match_does_nothing(page: PatientsPage, qtbot: QtBot) -> None:
    search(qtbot, page, "xyz")
    with qtbot.assertNotEmitted(page.patientChosen):
        qtbot.keyClick(page.search_box, Qt.Key.Key_Return)


def test_down_arrow_moves_into_the_list_and_selecting_shows_the_patient(
    page: PatientsPage, qtbot: QtBot
) -> None:
    page.focus_search()
    with qtbot.waitSignal(page.patientChosen) as first:
        qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert first.args == ["pt-ana"]
    with qtbot.waitSignal(page.patientChosen) as second:
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert second.args == ["pt-zoe"]
    with qtbot.waitSignal(page.patientActivated) as activated:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert activated.args == ["pt-zoe"]


def test_up_arrow_on_the_first_row_goes_back_to_the_search(page: PatientsPage, qtbot: QtBot) -> None:
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    assert page.search_box.hasFocus()


def test_double_click_opens_the_patient(page: PatientsPage, qtbot: QtBot) -> None:
    search(qtbot, page, "oka")
    rect = page.table.visualRect(page.model.index(0, COL_NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.patientActivated) as activated:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == ["pt-0001"]


def test_focus_search_selects_the_text_to_type_over(page: PatientsPage, qtbot: QtBot) -> None:
    search(qtbot, page, "oka")
    page.table.setFocus()
    page.focus_search()
    assert page.search_box.hasFocus()
    assert page.search_box.selectedText() == "oka"


def test_reload_shows_a_new_patient_and_keeps_the_selection(
    page: PatientsPage, qtbot: QtBot, workspace: Workspace
) -> None:
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)
    assert page.current_key() == "pt-ana"
    workspace.store.save_patient(Patient("pt-new", "Aaron", "Abbott", date(1980, 5, 5)))
    with qtbot.assertNotEmitted(page.patientChosen):
        page.reload()
    assert names(page)[0] == "Abbott, Aaron"
    assert page.current_key() == "pt-ana"
    assert page.count_label.text() == "4 patients"


def test_a_short_list_comes_in_name_order_and_is_sortable_once_the_window_is_up(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """Sorting makes PySide6 build its Qt namespace (~15 ms): it waits for the event loop's first turn."""
    page = PatientsPage(workspace)
    qtbot.addWidget(page)
    assert names(page) == ["Okafor, Daniel"]
    assert not page.table.isSortingEnabled()
    qtbot.waitUntil(page.table.isSortingEnabled)
    header = page.table.horizontalHeader()
    assert page.table.isSortingEnabled() and header.isSortIndicatorShown()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        COL_NAME,
        Qt.SortOrder.AscendingOrder,
    )


def test_clicking_a_column_heading_sorts_by_it(page: PatientsPage, qtbot: QtBot) -> None:
    header = page.table.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=header.rect().topLeft() + qtbot_section_center(page, COL_DATE_OF_BIRTH),
    )
    dates = [page.model.index(row, COL_DATE_OF_BIRTH).data() for row in range(page.model.rowCount())]
    assert dates in (["01/02/1970", "06/12/1984", "02/28/1991"], ["02/28/1991", "06/12/1984", "01/02/1970"])


def qtbot_section_center(page: PatientsPage, column: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    header = page.table.horizontalHeader()
    return QPoint(
        header.sectionViewportPosition(column) + header.sectionSize(column) // 2, header.height() // 2
    )


def test_a_large_practice_lists_a_first_page_and_asks_to_type(qtbot: QtBot, workspace: Workspace) -> None:
    many = [
        PatientChart(Patient(f"pt-{n:04d}x", f"First{n}", f"Zimmer{n:04d}", date(1950, 1, 1)))
        for n in range(250)
    ]
    add_patients(workspace, *many)
    page = PatientsPage(workspace)
    qtbot.addWidget(page)
    qtbot.wait(1)  # the event loop's first turn, after which a list holding every match is sortable
    assert page.model.rowCount() == PAGE_SIZE
    assert page.count_label.text() == f"Showing the first {PAGE_SIZE} of 251 patients; type to search"
    assert not page.table.isSortingEnabled()  # sorting a first page would mislead
    qtbot.keyClicks(page.search_box, "zimmer")
    assert (
        page.count_label.text()
        == f"Showing the first {PAGE_SIZE} matches of 251 patients; type more to narrow"
    )
    qtbot.keyClicks(page.search_box, "024")
    assert page.count_label.text() == "10 of 251 patients"
    assert page.table.isSortingEnabled()


def test_the_patient_model_passes_the_model_tester(qtmodeltester: ModelTester, page: PatientsPage) -> None:
    qtmodeltester.check(page.model)


def test_an_empty_patient_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(PatientTableModel())


def test_an_empty_practice_says_there_are_no_patients_yet(qtbot: QtBot, empty_workspace: Workspace) -> None:
    page = PatientsPage(empty_workspace)
    qtbot.addWidget(page)
    assert page.count_label.text() == "No patients yet"


def test_in_a_narrow_list_the_name_stays_readable_and_phone_then_account_give_way(
    page: PatientsPage, qtbot: QtBot
) -> None:
    """On a small laptop the list is about 350 px wide: every name was cut to "…"."""
    table = page.table
    whole = table.fontMetrics().horizontalAdvance("Okafor, Daniel")
    for width in range(900, 290, -60):
        page.resize(width, 400)
        qtbot.waitUntil(lambda w=width: page.table.width() <= w)
        assert table.columnWidth(COL_NAME) >= whole, width
        assert not table.isColumnHidden(COL_DATE_OF_BIRTH)
        if table.isColumnHidden(COL_ACCOUNT):
            assert table.isColumnHidden(COL_PHONE)  # the phone gives way first
    assert not table.isColumnHidden(COL_PHONE) or page.width() < 900
    page.resize(900, 400)
    qtbot.waitUntil(lambda: not table.isColumnHidden(COL_PHONE))  # back when there is room
    assert not table.isColumnHidden(COL_ACCOUNT)
