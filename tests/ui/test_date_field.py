"""Every date field of every form, typed as a US user types a date, saved through the form's own button
and read back from the store; impossible and partial dates refused with a message naming the field.

Each form is opened for real, the field is clicked into (the click selects its date, so typing replaces
it) or overwritten after Ctrl+A, the typing ends with Tab, and the form's real button saves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication, QCalendarWidget, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.dates import spoken_date, us_date
from app.services.workspace import Workspace
from app.ui.patients.coverage_dialog import CoverageDialog
from app.ui.patients.patient_dialog import PatientDialog
from app.ui.patients.payment_dialog import PaymentDialog
from app.ui.patients.prescription_dialog import PrescriptionDialog
from app.ui.superbills.superbill_dialog import SuperbillDialog
from app.ui.visits.visit_editor import VisitEditor
from app.ui.widgets.date_field import DateField
from app.ui.widgets.record_form import RecordDialog
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import BoxAnswer, forget_changes, overtype_date, type_date, type_text

# The offscreen platform says these for any top-level window and any popup (the calendar).
pytestmark = pytest.mark.qt_log_ignore(
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",
    r"^This plugin does not support grabbing the keyboard$",
)

PATIENT = "pt-0001"


@dataclass
class Form:
    """One date field in its opened form: how to save the form and read the field's date back."""

    window: QDialog
    field: DateField
    save: Callable[[], None]  # clicks the form's own button
    stored: Callable[[], date | None]  # the date read back from the store after saving
    snapshot: Callable[[], object]  # what the store holds for this kind of record
    message: Callable[[], str]  # what the form says after a refused save


def show(qtbot: QtBot, window: QDialog, before_close: Callable[[QWidget], None] = forget_changes) -> None:
    qtbot.addWidget(window, before_close_func=before_close)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def record_form(
    qtbot: QtBot, dialog: RecordDialog, field: DateField, stored: Callable[[], date | None], snapshot: object
) -> Form:
    show(qtbot, dialog)
    button = dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Save)  # type: ignore[attr-defined]
    return Form(dialog, field, button.click, stored, lambda: snapshot, lambda: dialog.error_text)


def patient_dob(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Form:
    dialog = PatientDialog(workspace, None, today=TODAY)
    form = record_form(
        qtbot,
        dialog,
        dialog.ui.dobEdit,
        lambda: workspace.store.patient(dialog.patient_key or "").date_of_birth,  # type: ignore[union-attr]
        None,
    )
    form.snapshot = workspace.store.patients
    type_text(dialog.ui.firstNameEdit, "Ana")
    type_text(dialog.ui.lastNameEdit, "Souza")
    return form


def chart(workspace: Workspace) -> Callable[[], object]:
    return lambda: workspace.store.chart(PATIENT)


def coverage_injury(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Form:
    dialog = CoverageDialog(workspace, PATIENT, None, TODAY)
    form = record_form(
        qtbot,
        dialog,
        dialog.ui.injuryDateEdit,
        lambda: workspace.store.chart(PATIENT).coverage(dialog.coverage_key).injury_date,  # type: ignore[union-attr]
        None,
    )
    form.snapshot = chart(workspace)
    combo = dialog.ui.payerCombo
    combo.setFocus()
    combo.setCurrentIndex(combo.findText("Washington State Dept. of Labor", Qt.MatchFlag.MatchStartsWith))
    qtbot.keyClicks(dialog.ui.claimEdit, "WC-5512")
    qtbot.keyClicks(dialog.ui.employerEdit, "Harbor Freight Lines")
    return form


def coverage_subscriber_dob(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Form:
    dialog = CoverageDialog(workspace, PATIENT, "cov-1", TODAY)

    def stored() -> date | None:
        coverage = workspace.store.chart(PATIENT).coverage("cov-1")
        assert coverage is not None and coverage.subscriber is not None
        return coverage.subscriber.date_of_birth

    form = record_form(qtbot, dialog, dialog.ui.subscriberDobEdit, stored, None)
    form.snapshot = chart(workspace)
    dialog.ui.relationshipCombo.setFocus()
    dialog.ui.relationshipCombo.setCurrentIndex(1)  # spouse of the insured
    qtbot.keyClicks(dialog.ui.subscriberFirstEdit, "Maria")
    qtbot.keyClicks(dialog.ui.subscriberLastEdit, "Okafor")
    return form


def payment_date(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Form:
    dialog = PaymentDialog(workspace, PATIENT, None, TODAY)

    def stored() -> date | None:
        return next(p.date for p in workspace.store.chart(PATIENT).payments if p.key == dialog.payment_key)

    form = record_form(qtbot, dialog, dialog.ui.dateEdit, stored, None)
    form.snapshot = chart(workspace)
    qtbot.keyClicks(dialog.ui.amountEdit, "10.00")
    return form


def prescription(which: str) -> Callable[[QtBot, Workspace, Path], Form]:
    def opened(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Form:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        dialog = PrescriptionDialog(workspace, PATIENT, None, TODAY, settings=settings)

        def stored() -> date | None:
            rx = workspace.store.chart(PATIENT).prescription(dialog.prescription_key)
            assert rx is not None
            return getattr(rx, which)  # type: ignore[no-any-return]

        field = {"written_on": dialog.ui.writtenEdit, "starts_on": dialog.ui.startsEdit}.get(
            which, dialog.ui.expiresEdit
        )
        form = record_form(qtbot, dialog, field, stored, None)
        form.snapshot = chart(workspace)
        qtbot.keyClicks(dialog.ui.prescriberEdit, "Ruth Alvarez")
        search = dialog.picker.search if dialog.picker is not None else dialog.ui.codeEdit  # type: ignore[attr-defined]
        qtbot.keyClicks(search, "M54.2")
        qtbot.keyClick(search, Qt.Key.Key_Return)
        assert dialog.codes() == ["M54.2"]
        return form

    return opened


def visit_date(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Form:
    editor = VisitEditor(workspace, PATIENT, None, today=TODAY)
    saved: list[str] = []
    editor.saved.connect(saved.append)

    def stored() -> date | None:
        return next(v.date for v in workspace.store.chart(PATIENT).visits if v.key == saved[-1])

    def discard() -> None:  # closing an editor with changes asks; a test's end answers Discard
        if editor.isVisible() and editor.is_dirty():
            BoxAnswer().next(QMessageBox.StandardButton.Discard)

    show(qtbot, editor, lambda _: discard())
    return Form(
        editor,
        editor.ui.dateEdit,
        editor.ui.saveButton.click,
        stored,
        chart(workspace),
        editor.ui.statusLabel.text,
    )


def superbill(end: str) -> Callable[[QtBot, Workspace, Path], Form]:
    def opened(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Form:
        dialog = SuperbillDialog(workspace, PATIENT, today=TODAY)
        show(qtbot, dialog)
        assert dialog.ui.rangeRadio.isChecked()

        def stored() -> date | None:
            issued = workspace.store.superbills(PATIENT)[-1]
            return issued.first_date if end == "from" else issued.last_date

        field = dialog.ui.fromDate if end == "from" else dialog.ui.toDate

        def issue() -> None:
            if dialog.ui.issueButton.isEnabled():
                BoxAnswer().next(QMessageBox.StandardButton.Yes)  # "Issue SB-...? It cannot be changed"
            dialog.ui.issueButton.click()

        return Form(
            dialog,
            field,
            issue,
            stored,
            lambda: workspace.store.superbills(PATIENT),
            dialog.ui.findingsSummary.text,
        )

    return opened


@dataclass(frozen=True)
class Case:
    """A date field, the date typed in it, and the date typed first before overwriting it."""

    open: Callable[[QtBot, Workspace, Path], Form]
    day: date
    other: date
    label: str  # how its messages name it
    # The date read back for the date typed: a superbill keeps the days of service it covers.
    read_back: Callable[[date], date] = lambda day: day


SAMPLE_VISITS = (date(2026, 9, 9), date(2026, 9, 16))


def first_visit_from(day: date) -> date:
    return min(visit for visit in SAMPLE_VISITS if visit >= day)


def last_visit_to(day: date) -> date:
    return max(visit for visit in SAMPLE_VISITS if visit <= day)


CASES = {
    "patient date of birth": Case(patient_dob, date(1985, 3, 4), date(1990, 7, 22), "Date of birth"),
    "coverage injury date": Case(coverage_injury, date(2026, 8, 4), date(2026, 7, 1), "Date of injury"),
    "coverage subscriber's date of birth": Case(
        coverage_subscriber_dob, date(1979, 11, 2), date(1980, 1, 1), "Subscriber's date of birth"
    ),
    "payment date": Case(payment_date, date(2026, 9, 4), date(2026, 9, 14), "Payment date"),
    "prescription written": Case(
        prescription("written_on"), date(2026, 9, 1), date(2026, 8, 3), "Date written"
    ),
    "prescription starts": Case(
        prescription("starts_on"), date(2026, 9, 25), date(2026, 11, 20), "Start date"
    ),
    "prescription expires": Case(
        prescription("expires_on"), date(2027, 3, 1), date(2026, 11, 20), "Expiry date"
    ),
    "visit date": Case(visit_date, date(2026, 9, 8), date(2026, 12, 20), "Date of service"),
    "superbill from": Case(
        superbill("from"), date(2026, 9, 10), date(2026, 9, 2), "From date", first_visit_from
    ),
    "superbill to": Case(superbill("to"), date(2026, 9, 15), date(2026, 9, 28), "To date", last_visit_to),
}


def formats(day: date) -> dict[str, str]:
    return {
        "MM/DD/YYYY": us_date(day),
        "M/D/YYYY": f"{day.month}/{day.day}/{day.year}",
        "M/D/YY": f"{day.month}/{day.day}/{day.year % 100:02d}",
        "MMDDYYYY": us_date(day).replace("/", ""),
        "YYYY-MM-DD": day.isoformat(),
    }


FORMATS = list(formats(TODAY))


@pytest.fixture(params=list(CASES), ids=list(CASES))
def case(request: pytest.FixtureRequest) -> Case:
    return CASES[request.param]


@pytest.fixture
def opened(qtbot: QtBot, workspace: Workspace, tmp_path: Path, case: Case) -> Iterator[Form]:
    form = case.open(qtbot, workspace, tmp_path)
    yield form
    for widget in QApplication.topLevelWidgets():
        if widget is not form.window and isinstance(widget, QDialog) and widget.isVisible():
            widget.close()  # a superbill's preview


def leave(qtbot: QtBot, field: DateField) -> None:
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert not field.edit.hasFocus()


@pytest.mark.parametrize("how", FORMATS)
def test_each_format_typed_in_each_date_field_is_the_date_stored(
    qtbot: QtBot, case: Case, opened: Form, how: str
) -> None:
    field = opened.field
    type_date(qtbot, field, formats(case.day)[how])
    leave(qtbot, field)
    assert field.text() == us_date(case.day)  # written out as MM/DD/YYYY on leaving
    assert field.hint.text() == spoken_date(case.day)  # and in words beside it
    opened.save()
    assert opened.stored() == case.read_back(case.day), opened.message()


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("02/30/2026", "February 2026 has 28 days"),
        ("13/01/2026", "there is no month 13"),
        ("00/10/2026", "there is no month 0"),
        ("3/14", "the year is missing"),
        ("03/14/198", "type it as MM/DD/YYYY"),  # a partial date is never completed
        ("0314", "or as 8 digits"),
    ],
)
def test_an_impossible_or_partial_date_is_refused_naming_the_field_and_nothing_is_saved(
    qtbot: QtBot, case: Case, opened: Form, typed: str, reason: str
) -> None:
    field = opened.field
    type_date(qtbot, field, typed)
    leave(qtbot, field)
    assert field.text() == typed  # kept as typed, to be fixed
    assert field.hint.text().startswith("✗ ")  # beside the field, in red
    assert reason in field.hint.toolTip()
    before = opened.snapshot()
    opened.save()
    assert opened.window.isVisible()
    assert f"{case.label} “{typed}” is not a date: " in opened.message()
    assert reason in opened.message()
    assert opened.snapshot() == before
    if isinstance(opened.window, SuperbillDialog):
        assert not opened.window.ui.issueButton.isEnabled()
        assert not opened.window.ui.draftButton.isEnabled()
    else:
        assert field.edit.hasFocus()  # the cursor is put back in the field


def test_ctrl_a_then_typing_replaces_the_whole_date(qtbot: QtBot, case: Case, opened: Form) -> None:
    field = opened.field
    type_date(qtbot, field, us_date(case.other))
    leave(qtbot, field)
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(field.edit, Qt.Key.Key_End)  # nothing selected: Ctrl+A must select it all
    overtype_date(qtbot, field, formats(case.day)["MMDDYYYY"])
    leave(qtbot, field)
    assert field.text() == us_date(case.day)
    opened.save()
    assert opened.stored() == case.read_back(case.day), opened.message()


def test_a_click_anywhere_in_a_filled_date_then_typing_replaces_it(
    qtbot: QtBot, case: Case, opened: Form
) -> None:
    field = opened.field
    type_date(qtbot, field, us_date(case.other))
    leave(qtbot, field)
    middle = QPoint(field.edit.width() // 2, field.edit.height() // 2)
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton, pos=middle)
    qtbot.keyClicks(field.edit, us_date(case.day))
    leave(qtbot, field)
    opened.save()
    assert opened.stored() == case.read_back(case.day), opened.message()


def test_the_calendar_opens_on_alt_down_and_enter_picks_the_day(
    qtbot: QtBot, case: Case, opened: Form
) -> None:
    field = opened.field
    type_date(qtbot, field, us_date(case.day))
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.findChild(QCalendarWidget)
    assert calendar is not None
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate().toPython() == case.day  # it opens on the date typed
    target = QApplication.focusWidget() or calendar
    qtbot.keyClick(target, Qt.Key.Key_Left)  # the day before
    qtbot.keyClick(target, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    day_before = date.fromordinal(case.day.toordinal() - 1)
    assert field.text() == us_date(day_before)
    assert field.edit.hasFocus()
    leave(qtbot, field)
    opened.save()
    assert opened.stored() == case.read_back(day_before), opened.message()


# One form is enough for the keys that work the same everywhere -----------------------------------


@pytest.fixture
def payment(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Form:
    return payment_date(qtbot, workspace, tmp_path)


def test_backspace_and_delete_edit_a_date_in_place(qtbot: QtBot, payment: Form) -> None:
    field = payment.field
    type_date(qtbot, field, "09/14/2026")
    qtbot.keyClick(field.edit, Qt.Key.Key_Home)
    qtbot.keyClick(field.edit, Qt.Key.Key_Right)
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)  # 0/14/2026
    qtbot.keyClicks(field.edit, "8")
    qtbot.keyClick(field.edit, Qt.Key.Key_End)
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)  # 08/14/202
    assert field.understood() is None
    qtbot.keyClicks(field.edit, "5")
    leave(qtbot, field)
    payment.save()
    assert payment.stored() == date(2025, 8, 14)


def test_t_is_today_and_up_and_down_change_the_day(qtbot: QtBot, payment: Form) -> None:
    field = payment.field
    type_date(qtbot, field, "t")
    assert field.text() == us_date(TODAY)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down)
    qtbot.keyClick(field.edit, Qt.Key.Key_Down)
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.text() == "09/19/2026"
    leave(qtbot, field)
    payment.save()
    assert payment.stored() == date(2026, 9, 19)


def test_letters_are_not_taken_in_a_date(qtbot: QtBot, payment: Form) -> None:
    type_date(qtbot, payment.field, "Sep 4, 2026")  # "S", "e", "p" and "," are not taken
    assert payment.field.text() == " 4 2026"


def test_an_emptied_required_date_says_required_and_is_not_saved(qtbot: QtBot, payment: Form) -> None:
    field = payment.field
    assert field.text() == us_date(TODAY)
    type_date(qtbot, field, "")
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    leave(qtbot, field)
    assert field.hint.text() == "required"
    before = payment.snapshot()
    payment.save()
    assert "Payment date is required" in payment.message()
    assert payment.snapshot() == before


def test_an_emptied_optional_date_is_saved_as_no_date(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    form = prescription("starts_on")(qtbot, workspace, tmp_path)
    field = form.field
    assert field.hint.text() == "optional"
    type_date(qtbot, field, "10/01/2026")
    overtype_date(qtbot, field, "")
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    leave(qtbot, field)
    assert field.text() == "" and field.hint.text() == "optional"
    form.save()
    assert form.stored() is None, form.message()


def test_the_calendar_button_opens_it_and_esc_closes_it_unchanged(qtbot: QtBot, payment: Form) -> None:
    field = payment.field
    qtbot.mouseClick(field.button, Qt.MouseButton.LeftButton)
    calendar = field.findChild(QCalendarWidget)
    assert calendar is not None
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.selectedDate().toPython() == TODAY
    qtbot.keyClick(QApplication.focusWidget() or calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert field.text() == us_date(TODAY)
    assert payment.window.isVisible()  # Esc closed the calendar, not the form


def test_a_click_on_a_day_of_the_calendar_picks_it(qtbot: QtBot, payment: Form) -> None:
    field = payment.field
    field.open_calendar()
    calendar = field.findChild(QCalendarWidget)
    assert calendar is not None
    qtbot.waitUntil(calendar.isVisible)
    view = calendar.findChild(QWidget, "qt_calendar_calendarview")
    assert view is not None
    # September 2026 starts on a Tuesday: in a Sunday-first grid under a row of day names, the 1st is
    # in row 1, column 2; the 8th one row below.
    cell = view.visualRect(view.model().index(2, 2))  # type: ignore[attr-defined]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert field.text() == "09/08/2026"
