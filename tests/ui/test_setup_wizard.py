"""The first-launch wizard, driven from the keyboard as a therapist would."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from app.domain.practice import TaxIdType
from app.services.workspace import Workspace
from app.ui.practice.provider_form import _png_bytes
from app.ui.practice.setup_wizard import SetupWizard

PROVIDER_PAGE, CONTACT_PAGE, FEES_PAGE, SIGNATURE_PAGE = 1, 2, 3, 4


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_then_tab(qtbot: QtBot, *texts: str) -> None:
    """Type each text into the focused field, then Tab to the next one (an empty text only tabs)."""
    for text in texts:
        if text:
            qtbot.keyClicks(focused(), text)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def open_wizard(qtbot: QtBot, workspace: Workspace) -> SetupWizard:
    wizard = SetupWizard(workspace)
    # Closed without the "leave setup?" question, whatever state a test left it in.
    qtbot.addWidget(wizard, before_close_func=lambda w: w.done(QWizard.DialogCode.Rejected))
    with qtbot.waitActive(wizard):
        wizard.show()
        wizard.activateWindow()
    return wizard


def press_next(qtbot: QtBot, wizard: SetupWizard) -> None:
    before = wizard.currentId()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert wizard.currentId() == before + 1


def fill_provider_page(qtbot: QtBot, wizard: SetupWizard, npi: str = "1558598797") -> None:
    wizard.form.ui.firstNameEdit.setFocus()
    # first, last, credentials, practice, NPI, organisation NPI, Tax ID kind, Tax ID, licence, state
    type_then_tab(
        qtbot,
        "Maya",
        "Lindqvist",
        "LMT",
        "Tidewater Therapeutic Massage",
        npi,
        "",
        "",
        "91-1234567",
        "MA60123456",
    )
    qtbot.keyClicks(focused(), "WA")  # a closed list: typing the code chooses "WA – Washington"


def next_button(wizard: SetupWizard) -> QWidget:
    return wizard.button(QWizard.WizardButton.NextButton)


def skip_encryption_and_finish(qtbot: QtBot, wizard: SetupWizard) -> None:
    """On the last page, tick "Skip: keep the records unencrypted" and press Return (Finish)."""
    assert wizard.currentPage().title() == "Protect your records"
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    skip = wizard.protection.skipBox
    skip.setFocus()
    qtbot.keyClick(skip, Qt.Key.Key_Space)
    assert wizard.protection.warning.isVisible()
    qtbot.keyClick(skip, Qt.Key.Key_Return)  # Finish


def test_a_mistyped_npi_shows_the_reason_under_the_field_and_next_stays_disabled(
    qtbot: QtBot, empty_workspace: Workspace
) -> None:
    wizard = open_wizard(qtbot, empty_workspace)
    press_next(qtbot, wizard)
    fill_provider_page(qtbot, wizard, npi="1234567890")

    problem = wizard.form.ui.npiProblem
    assert problem.isVisible()
    assert "last digit does not match" in problem.text()
    assert not next_button(wizard).isEnabled()
    assert "NPI" in wizard.currentPage().hint.text()

    npi = wizard.form.ui.npiEdit
    npi.setFocus()
    npi.selectAll()
    qtbot.keyClicks(npi, "1558598797")
    assert not problem.isVisible()
    assert next_button(wizard).isEnabled()
    assert wizard.currentPage().hint.text() == ""


def test_the_taxonomy_starts_as_massage_therapist(qtbot: QtBot, empty_workspace: Workspace) -> None:
    wizard = open_wizard(qtbot, empty_workspace)
    assert wizard.form.ui.taxonomyEdit.text() == "225700000X"


def test_completing_the_wizard_by_keyboard_saves_the_practitioner_and_fees(
    qtbot: QtBot, empty_workspace: Workspace
) -> None:
    wizard = open_wizard(qtbot, empty_workspace)
    press_next(qtbot, wizard)
    fill_provider_page(qtbot, wizard)
    press_next(qtbot, wizard)

    assert wizard.currentId() == CONTACT_PAGE
    assert not next_button(wizard).isEnabled()
    wizard.form.ui.line1Edit.setFocus()
    # street, line 2, city, state (already WA: the licence state), ZIP, phone, email
    type_then_tab(qtbot, "2200 Westlake Ave N", "Suite 104", "Seattle", "", "98109", "206-555-0148")
    qtbot.keyClicks(focused(), "maya@tidewatermassage.example")
    press_next(qtbot, wizard)

    assert wizard.currentId() == FEES_PAGE
    wizard.fees.edits["97124"].setFocus()
    type_then_tab(qtbot, "40.00", "45")
    wizard.fees.edits["97010"].setFocus()
    qtbot.keyClicks(focused(), "10.00")
    press_next(qtbot, wizard)

    assert wizard.currentId() == SIGNATURE_PAGE
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Next
    skip_encryption_and_finish(qtbot, wizard)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert not wizard.wants_demo
    saved = empty_workspace.store.practitioner()
    assert saved is not None
    assert saved.display_name == "Maya Lindqvist, LMT"
    assert saved.practice_name == "Tidewater Therapeutic Massage"
    assert saved.npi == "1558598797"
    assert (saved.tax_id, saved.tax_id_type) == ("91-1234567", TaxIdType.EIN)
    assert (saved.license_number, saved.license_state) == ("MA60123456", "WA")
    assert saved.taxonomy == "225700000X"
    assert saved.address.lines() == ("2200 Westlake Ave N", "Suite 104", "Seattle, WA 98109")
    assert saved.phone == "(206) 555-0148"  # shown and kept the usual way as it was typed
    assert saved.email == "maya@tidewatermassage.example"
    assert saved.default_place_of_service == "11"
    assert saved.signature_png is None
    assert empty_workspace.store.fees().default == {"97124": 4000, "97140": 4500, "97010": 1000}


def test_a_fee_that_is_not_an_amount_keeps_next_disabled(qtbot: QtBot, empty_workspace: Workspace) -> None:
    wizard = open_wizard(qtbot, empty_workspace)
    wizard.setStartId(FEES_PAGE)
    wizard.restart()
    qtbot.keyClicks(wizard.fees.edits["97124"], "forty")
    assert not next_button(wizard).isEnabled()
    assert "97124" in wizard.currentPage().hint.text()


def test_a_signature_image_is_saved_with_the_practitioner(qtbot: QtBot, empty_workspace: Workspace) -> None:
    wizard = open_wizard(qtbot, empty_workspace)
    press_next(qtbot, wizard)
    fill_provider_page(qtbot, wizard)
    press_next(qtbot, wizard)
    wizard.form.ui.line1Edit.setFocus()
    type_then_tab(qtbot, "2200 Westlake Ave N", "", "Seattle", "", "98109", "206-555-0148")
    press_next(qtbot, wizard)
    press_next(qtbot, wizard)
    image = QImage(300, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    png = _png_bytes(image)
    wizard.form.set_signature_png(png)
    assert wizard.form.ui.removeSignatureButton.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    skip_encryption_and_finish(qtbot, wizard)

    saved = empty_workspace.store.practitioner()
    assert saved is not None
    assert saved.signature_png == png


def test_try_with_demo_data_finishes_at_once_and_saves_nothing(
    qtbot: QtBot, empty_workspace: Workspace
) -> None:
    wizard = open_wizard(qtbot, empty_workspace)
    asked: list[str] = []

    def close_any_question() -> None:  # nothing was typed: nothing should be asked
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(box.text())
            box.reject()

    QTimer.singleShot(50, close_any_question)
    demo = wizard.welcome.demoButton
    demo.setFocus()
    qtbot.keyClick(demo, Qt.Key.Key_Space)
    assert asked == []

    assert wizard.wants_demo
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert not wizard.isVisible()
    assert empty_workspace.is_empty()


def test_leaving_after_typing_asks_first_and_cancel_keeps_what_was_typed(
    qtbot: QtBot, empty_workspace: Workspace
) -> None:
    wizard = open_wizard(qtbot, empty_workspace)
    press_next(qtbot, wizard)
    qtbot.keyClicks(wizard.form.ui.firstNameEdit, "Maya")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert asked and "not saved" in asked[0]
    assert wizard.isVisible()
    assert wizard.form.ui.firstNameEdit.text() == "Maya"

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Discard))
    wizard.reject()
    assert len(asked) == 2
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert empty_workspace.is_empty()


def test_alt_t_goes_to_the_tax_id_number_its_kind_already_ein(
    qtbot: QtBot, empty_workspace: Workspace
) -> None:
    wizard = open_wizard(qtbot, empty_workspace)
    press_next(qtbot, wizard)
    qtbot.keyClick(focused(), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(focused(), "91-1234567")
    ui = wizard.form.ui
    assert ui.taxIdEdit.text() == "91-1234567"
    assert ui.taxIdTypeCombo.currentText() == "EIN"
