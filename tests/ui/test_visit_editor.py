"""The visit editor, driven as a therapist would between two clients: keyboard first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.domain.check import FindingCode
from app.services.errors import StoreUnavailable
from app.services.workspace import Workspace
from app.ui.visits.code_picker_dialog import CodePickerDialog
from app.ui.visits.cpt_picker import CptPicker
from app.ui.visits.diagnosis_picker_dialog import DiagnosisPickerDialog
from app.ui.visits.icd_picker import IcdPicker
from app.ui.visits.service_lines_model import COL_CHARGE, COL_UNITS
from app.ui.visits.visit_editor import VisitEditor
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import overtype_date

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

PATIENT = "pt-0001"


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path: Path) -> None:
    """Favourites and recents go to a settings file of the test, never the user's."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture
def open_editor(qtbot: QtBot, workspace: Workspace) -> Callable[..., VisitEditor]:
    def opened(visit_key: str | None = None, prefilled: bool = False) -> VisitEditor:
        """The editor; a new visit emptied by keyboard unless `prefilled` (it starts as the last visit)."""
        editor = VisitEditor(workspace, PATIENT, visit_key, today=TODAY)
        qtbot.addWidget(editor, before_close_func=_discard_changes)
        editor.show()
        qtbot.waitUntil(editor.isActiveWindow)
        if visit_key is None and not prefilled:
            empty_the_visit(qtbot, editor)
        return editor

    return opened


def empty_the_visit(qtbot: QtBot, editor: VisitEditor) -> None:
    """Delete each service and diagnosis the new visit was filled in with, as a therapist would."""
    ui = editor.ui
    for view, count in ((ui.linesTable, editor.model.rowCount), (ui.diagnosesList, ui.diagnosesList.count)):
        view.setFocus()
        for _ in range(count()):
            qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert editor.model.rowCount() == 0
    assert ui.diagnosesList.item(0).text().startswith("No diagnosis yet")
    ui.addDiagnosisButton.setFocus()


def _discard_changes(editor: QWidget) -> None:
    """At the end of a test, closing an editor with changes would ask: answer Discard."""
    if isinstance(editor, VisitEditor) and editor.isVisible() and editor.is_dirty():
        answer_question(QMessageBox.StandardButton.Discard)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def answer_question(button: QMessageBox.StandardButton, seen: list[str] | None = None) -> None:
    """Answer the next message box with `button`, noting its text in `seen`."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        if seen is not None:
            seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, answer)


def picker_dialog(qtbot: QtBot) -> CodePickerDialog | DiagnosisPickerDialog:
    # A mnemonic (Alt+D) presses its button with a short animation: the picker opens a moment later.
    kinds = (CodePickerDialog, DiagnosisPickerDialog)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kinds))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kinds)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def add_diagnosis(qtbot: QtBot, editor: VisitEditor, text: str = "") -> None:
    """Alt+D, type, Enter, Ctrl+Enter: as the therapist does."""
    qtbot.keyClick(focused(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    dialog = picker_dialog(qtbot)
    assert isinstance(dialog.picker, IcdPicker) and focused() is dialog.picker.search
    if text:
        qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # adds the code to the chosen ones
    assert dialog.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # adds them, closes
    assert not dialog.isVisible()
    qtbot.waitUntil(editor.isActiveWindow)


def add_service(qtbot: QtBot, editor: VisitEditor, text: str, minutes: int) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    dialog = picker_dialog(qtbot)
    assert isinstance(dialog.picker, CptPicker) and focused() is dialog.picker.search
    qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(editor.isActiveWindow)
    assert focused() is editor.ui.minutesSpin
    qtbot.keyClicks(focused(), str(minutes))


def finding_codes(editor: VisitEditor) -> list[str]:
    return [f.code for f in editor.findings()]


def shown_findings(editor: VisitEditor) -> list[str]:
    view = editor.ui.findingsList
    return [view.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(view.count())]


def test_a_new_visit_starts_today_with_the_patients_insurance_prescription_and_office(
    open_editor: Callable[..., VisitEditor],
) -> None:
    editor = open_editor(prefilled=True)
    ui = editor.ui
    assert ui.dateEdit.date() == date(2026, 9, 20)
    assert ui.dateEdit.text() == "09/20/2026"
    assert ui.placeCombo.currentData() == "11"
    assert ui.coverageCombo.currentText().startswith("Premera Blue Cross")
    assert ui.prescriptionCombo.currentData() == "rx-1"
    assert "2 of 8 used" in ui.prescriptionCombo.currentText()
    assert not editor.is_dirty()


def test_a_new_visit_is_filled_in_from_the_last_visit_and_the_minutes_are_ready_for_typing(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor], workspace: Workspace
) -> None:
    editor = open_editor(prefilled=True)
    ui = editor.ui
    assert ui.statusLabel.text() == "Filled in from the visit of 09/16/2026: change what differs."
    assert [ui.diagnosesList.item(i).text() for i in range(ui.diagnosesList.count())] == [
        "A   M54.50   Low back pain, unspecified",
        "B   M62.830   Muscle spasm of back",
    ]
    rows = [editor.model.row(i) for i in range(editor.model.rowCount())]
    assert [(r.code, r.pointers, r.minutes, r.modifiers) for r in rows] == [
        ("97124", "A", 30, ""),
        ("97140", "B", 15, "59"),
    ]
    assert focused() is ui.minutesSpin and ui.lineBox.title() == "Service 1 of 2: 97124"
    qtbot.keyClicks(focused(), "45")  # the 30 was selected: typing replaces it
    assert ui.totalLabel.text() == "<b>Total charges: $165.00</b>"
    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    visit = next(v for v in workspace.store.chart(PATIENT).visits if v.key == saved.args[0])
    assert visit.date == TODAY and visit.diagnoses == ("M54.50", "M62.830")
    assert [(line.cpt, line.minutes, line.body_region) for line in visit.lines] == [
        ("97124", 45, "lumbar"),
        ("97140", 15, "thoracic"),
    ]


def test_typing_low_back_in_the_icd_picker_and_enter_adds_m54_50_as_diagnosis_a(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor]
) -> None:
    editor = open_editor()
    add_diagnosis(qtbot, editor, "low back")
    assert editor.ui.diagnosesList.item(0).text() == "A   M54.50   Low back pain, unspecified"
    assert FindingCode.DIAGNOSIS_MISSING not in finding_codes(editor)


def test_the_prescriptions_codes_are_offered_first_in_the_picker(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor]
) -> None:
    editor = open_editor()
    add_diagnosis(qtbot, editor)  # Enter with nothing typed: the prescription's first code
    add_diagnosis(qtbot, editor)  # the next one (codes already on the visit are not offered again)
    texts = [editor.ui.diagnosesList.item(i).text() for i in range(2)]
    assert texts == ["A   M54.50   Low back pain, unspecified", "B   M62.830   Muscle spasm of back"]


def test_adding_97124_with_45_minutes_under_an_ama_payer_shows_3_units_and_a_charge_of_120_dollars(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor]
) -> None:
    editor = open_editor()
    add_service(qtbot, editor, "97124", 45)
    assert editor.ui.unitsLabel.text() == "<b>3 units (AMA midpoint rule)</b>"
    assert editor.ui.chargeLabel.text().startswith("<b>$120.00</b>")
    assert editor.model.index(0, COL_UNITS).data() == "3"
    assert editor.model.index(0, COL_CHARGE).data() == "$120.00"
    assert "$120.00" in editor.ui.totalLabel.text()


def test_97140_without_59_shows_the_bundling_finding_that_leads_to_its_modifiers_and_59_clears_it(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor]
) -> None:
    editor = open_editor()
    add_diagnosis(qtbot, editor)
    add_service(qtbot, editor, "97124", 30)
    add_service(qtbot, editor, "97140", 15)
    qtbot.waitUntil(lambda: FindingCode.BUNDLED_WITHOUT_MODIFIER in shown_findings(editor))
    view = editor.ui.findingsList
    item = view.item(shown_findings(editor).index(FindingCode.BUNDLED_WITHOUT_MODIFIER))
    assert item.text().endswith("→ Service 2 (97140): modifiers")

    editor.ui.linesTable.setFocus()
    editor.ui.linesTable.selectRow(0)  # the first line is shown: the finding must bring the second
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(item).center())
    assert focused() is editor.ui.modifier1Edit
    assert editor.ui.linesTable.currentIndex().row() == 1
    qtbot.keyClicks(focused(), "59")
    qtbot.waitUntil(lambda: FindingCode.BUNDLED_WITHOUT_MODIFIER not in shown_findings(editor))
    assert editor.model.index(1, 4).data() == "59"


def test_enter_on_a_finding_focuses_its_field(qtbot: QtBot, open_editor: Callable[..., VisitEditor]) -> None:
    editor = open_editor()
    add_diagnosis(qtbot, editor)
    add_service(qtbot, editor, "97124", 5)  # 5 minutes bill no unit
    qtbot.waitUntil(lambda: FindingCode.UNITS_ZERO in shown_findings(editor))
    view = editor.ui.findingsList
    view.setFocus()
    view.setCurrentRow(shown_findings(editor).index(FindingCode.UNITS_ZERO))
    with qtbot.assertNotEmitted(editor.saved):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert focused() is editor.ui.minutesSpin


def test_saving_a_new_visit_by_keyboard_stores_it(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor], workspace: Workspace
) -> None:
    editor = open_editor()
    add_diagnosis(qtbot, editor)  # Enter: the prescription's first code
    add_service(qtbot, editor, "", 45)  # Enter: 97124, the first code
    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter in the minutes saves
    assert not editor.isVisible()
    visit = next(v for v in workspace.store.chart(PATIENT).visits if v.key == saved.args[0])
    assert (visit.date, visit.diagnoses, visit.coverage, visit.prescription, visit.place_of_service) == (
        TODAY,
        ("M54.50",),
        "cov-1",
        "rx-1",
        "11",
    )
    (line,) = visit.lines
    assert (line.cpt, line.minutes, line.units, line.pointers) == ("97124", 45, None, ("A",))


def test_ctrl_s_saves_a_visit_with_problems_and_keeps_them_in_view(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor], workspace: Workspace
) -> None:
    editor = open_editor()
    add_service(qtbot, editor, "97124", 30)  # no diagnosis yet: an error the superbill check blocks on
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert editor.isVisible()
    assert FindingCode.DIAGNOSIS_MISSING in shown_findings(editor)
    assert editor.ui.statusLabel.text().startswith("Saved.")
    assert len(workspace.store.chart(PATIENT).visits) == 3
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # saved: closes without asking
    assert not editor.isVisible()


def test_closing_with_unsaved_changes_asks(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor], workspace: Workspace
) -> None:
    editor = open_editor()
    add_diagnosis(qtbot, editor)
    asked: list[str] = []
    answer_question(QMessageBox.StandardButton.Cancel, asked)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert asked == ["This visit has changes that are not saved. Save them?"]
    assert editor.isVisible()
    assert editor.ui.diagnosesList.item(0).text().startswith("A   M54.50")

    answer_question(QMessageBox.StandardButton.Discard)
    editor.close()
    assert not editor.isVisible()
    assert len(workspace.store.chart(PATIENT).visits) == 2


def test_answering_save_to_the_question_stores_the_visit(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor], workspace: Workspace
) -> None:
    editor = open_editor()
    add_diagnosis(qtbot, editor)
    add_service(qtbot, editor, "97124", 30)
    answer_question(QMessageBox.StandardButton.Save)
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert len(workspace.store.chart(PATIENT).visits) == 3


def test_an_unchanged_visit_closes_without_asking(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor]
) -> None:
    editor = open_editor("v-2")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not editor.isVisible()


def test_a_stored_visit_opens_as_it_was_saved_and_saves_under_its_own_key(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor], workspace: Workspace
) -> None:
    editor = open_editor("v-2")
    ui = editor.ui
    assert ui.dateEdit.text() == "09/16/2026"
    assert [editor.model.row(i).code for i in range(editor.model.rowCount())] == ["97124", "97140"]
    assert editor.model.row(1).modifiers == "59"
    assert "1 of 8 used" in ui.prescriptionCombo.currentText()
    assert shown_findings(editor) == []
    assert ui.findingsSummaryLabel.text().startswith("Ready for a superbill")

    editor.ui.linesTable.selectRow(0)
    ui.regionEdit.setFocus()
    ui.regionEdit.selectAll()
    qtbot.keyClicks(ui.regionEdit, "lower back")
    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.keyClick(ui.regionEdit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == ["v-2"]
    stored = next(v for v in workspace.store.chart(PATIENT).visits if v.key == "v-2")
    assert stored.lines[0].body_region == "lower back"
    assert len(workspace.store.chart(PATIENT).visits) == 2


def test_moving_a_diagnosis_keeps_each_service_pointing_to_the_same_code(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor]
) -> None:
    editor = open_editor("v-2")  # 97124 -> A (M54.50), 97140 -> B (M62.830)
    editor.ui.diagnosesList.setCurrentRow(1)
    editor.ui.upButton.click()
    assert editor.ui.diagnosesList.item(0).text().startswith("A   M62.830")
    assert [editor.model.row(i).pointers for i in range(2)] == ["B", "A"]
    editor.ui.diagnosesList.setFocus()
    editor.ui.diagnosesList.setCurrentRow(0)
    qtbot.keyClick(editor.ui.diagnosesList, Qt.Key.Key_Delete)
    assert [editor.model.row(i).pointers for i in range(2)] == ["A", ""]
    assert FindingCode.POINTER_MISSING in finding_codes(editor)


def test_units_counted_by_hand_need_a_reason(qtbot: QtBot, open_editor: Callable[..., VisitEditor]) -> None:
    editor = open_editor()
    add_diagnosis(qtbot, editor)
    add_service(qtbot, editor, "97124", 45)
    ui = editor.ui
    assert not ui.unitReasonEdit.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # "Count by &hand"
    qtbot.waitUntil(lambda: focused() is ui.unitsSpin)  # the mnemonic ticks the box a moment later
    assert ui.unitsSpin.value() == 3
    assert ui.unitsLabel.text() == "the rule gives 3 units (AMA midpoint rule)"
    focused().selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(focused(), "4")
    assert FindingCode.UNITS_UNEXPLAINED in finding_codes(editor)
    assert ui.unitReasonEdit.isVisible()
    qtbot.keyClicks(ui.unitReasonEdit, "extra time on a flare-up")
    assert finding_codes(editor) == [FindingCode.UNITS_HAND_ENTERED]
    assert editor.model.row(0).units == 4


def test_the_prescription_follows_the_date_until_one_is_chosen(
    qtbot: QtBot,
    open_editor: Callable[..., VisitEditor],
) -> None:
    editor = open_editor()
    overtype_date(qtbot, editor.ui.dateEdit, "01/05/2027")  # after rx-1 expired
    assert editor.ui.prescriptionCombo.currentData() is None
    overtype_date(qtbot, editor.ui.dateEdit, "9/20/26")
    assert editor.ui.prescriptionCombo.currentData() == "rx-1"


def test_self_pay_bills_by_the_cms_rule_and_the_practices_fees(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor]
) -> None:
    editor = open_editor()
    add_service(qtbot, editor, "97124", 10)
    add_service(qtbot, editor, "97140", 10)
    assert [editor.model.row(i).units for i in range(2)] == [1, 1]  # AMA: each code on its own
    editor.ui.coverageCombo.setCurrentIndex(editor.ui.coverageCombo.findText("Self-pay / none"))
    assert [editor.model.row(i).units for i in range(2)] == [1, 0]  # CMS: 20 minutes in all make 1 unit
    assert "CMS 8-minute rule" in editor.ui.unitsLabel.text()


def test_a_store_error_is_told_in_words_and_the_form_keeps_its_content(
    qtbot: QtBot,
    open_editor: Callable[..., VisitEditor],
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    editor = open_editor()
    add_diagnosis(qtbot, editor)

    def disk_full(*_: object) -> None:
        raise StoreUnavailable(
            "The disk holding the practice database is full. Free some space and try again."
        )

    monkeypatch.setattr(workspace.store, "save_visit", disk_full)
    told: list[str] = []
    answer_question(QMessageBox.StandardButton.Ok, told)
    with qtbot.assertNotEmitted(editor.saved):
        editor.ui.saveButton.click()
    assert told == [
        "The disk holding the practice database is full. Free some space and try again.\n\n"
        "What you typed is still here."
    ]
    assert editor.isVisible() and editor.is_dirty()
    assert editor.ui.diagnosesList.item(0).text().startswith("A   M54.50")


def test_a_finding_about_the_patients_record_shows_where_to_change_it(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor], workspace: Workspace
) -> None:
    coverage = workspace.store.chart(PATIENT).coverages[0]
    workspace.store.save_coverage(PATIENT, replace(coverage, member_id=None))
    editor = open_editor()
    view = editor.ui.findingsList
    row = shown_findings(editor).index(FindingCode.MEMBER_ID_MISSING)
    assert view.item(row).text().endswith("→ Insurance: member ID — change it on the patient's page")
    before = focused()
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(view.item(row)).center()
    )
    assert focused() in (before, view)
    assert "not part of this visit" in editor.ui.statusLabel.text()


def test_the_service_lines_model_passes_the_model_tester(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor], qtmodeltester: object
) -> None:
    editor = open_editor("v-2")
    qtmodeltester.check(editor.model)  # type: ignore[attr-defined]


def test_a_visit_already_on_an_issued_superbill_says_so_when_opened(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor], workspace: Workspace
) -> None:
    """A therapist changing a billed visit must know the patient already has it (found by an
    independent tester: the date of a billed visit changed with no word)."""
    from app.services.superbills import Period, issue_superbill

    issue_superbill(
        workspace.store, workspace.codes, PATIENT, Period(date(2026, 9, 16), date(2026, 9, 16)), today=TODAY
    )
    billed = open_editor("v-2")
    assert "on superbill SB-2026-0001, already issued" in billed.ui.statusLabel.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    not_billed = open_editor("v-1")
    assert "already issued" not in not_billed.ui.statusLabel.text()


def test_a_visit_on_an_issued_claim_warns_naming_the_claim_when_opened(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor], workspace: Workspace
) -> None:
    """Found by a tester: changing a claimed visit's charges broke claim CL-2026-0001 with no word."""
    from app.services.claims import ClaimRequest, issue_claim_for
    from app.services.superbills import Period

    claim = issue_claim_for(workspace, ClaimRequest(PATIENT, Period(), "cms1500-red"), today=TODAY)
    assert claim.number == "CL-2026-0001"
    claimed = open_editor("v-2")
    status = claimed.ui.statusLabel.text()
    assert (
        "This visit is on claim CL-2026-0001, already issued: a change is kept in the audit trail" in status
    )
    assert "send a replacement claim" in status


@pytest.mark.parametrize(
    ("typed", "offered", "not_offered"),
    [
        ("11102026", "M67.A01", "M72.2"),  # from Oct 1, 2026: plantar fasciitis has its own codes
        ("09152026", "M72.2", "M67.A01"),  # before: M72.2 is billable, M67.A01 does not exist yet
    ],
)
def test_the_diagnosis_picker_offers_the_codes_in_force_on_the_visits_date(
    qtbot: QtBot, open_editor: Callable[..., VisitEditor], typed: str, offered: str, not_offered: str
) -> None:
    editor = open_editor()
    overtype_date(qtbot, editor.ui.dateEdit, typed)
    qtbot.keyClick(editor.ui.dateEdit.edit, Qt.Key.Key_Tab)
    add = editor.ui.addDiagnosisButton
    add.setFocus()
    qtbot.keyClick(add, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    dialog = picker_dialog(qtbot)
    assert isinstance(dialog, DiagnosisPickerDialog)
    qtbot.keyClicks(dialog.picker.search, "plantar fasci")
    billable = {row.code for row in dialog.picker.model.rows() if row.billable}
    assert offered in billable and not_offered not in billable
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Escape)


def test_a_closed_editor_runs_no_check_on_a_practice_closed_after_it(qtbot: QtBot, data_dir: Path) -> None:
    """A check waiting for typing to pause must not run once the editor is closed: the practice
    (and its code index) may close right after, and the check would read a closed database."""
    from app.ui.visits.visit_editor import CHECK_DELAY_MS
    from tests import sample

    workspace = Workspace(data_dir)
    workspace.store.save_practice(sample.practice())
    editor = VisitEditor(workspace, "pt-0001", None, today=TODAY)
    qtbot.addWidget(editor)
    editor.diagnoses.choose("S16.1XXA")  # schedules a check
    editor.close()
    workspace.close()
    with qtbot.captureExceptions() as raised:
        qtbot.wait(CHECK_DELAY_MS * 3)
    assert raised == []
