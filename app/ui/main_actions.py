"""The main window's actions, menus and toolbar: what a therapist can do from it, and where.

The actions are the window's attributes (`window.new_visit_action`); what they do is the window's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from app.ui.app_settings import REAL_PRACTICE
from app.ui.first_frame import set_enum_property
from app.ui.january import january_actions
from app.ui.superbills.claim_actions import claim_actions

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def _shortcut(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's standard keys, or a usual one where the platform has none (Preferences on Windows)."""
    keys = QKeySequence.keyBindings(standard)
    return keys or [QKeySequence(fallback)]


def _action(
    window: MainWindow, text: str, slot: object, keys: list[QKeySequence] | None = None, tip: str = ""
) -> QAction:
    action = QAction(text, window)
    if keys:
        action.setShortcuts(keys)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(
            f"{tip} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})" if keys else tip
        )
    action.triggered.connect(slot)
    window.addAction(action)  # shortcuts work wherever the focus is in the window
    return action


def init_actions(window: MainWindow) -> None:
    window.find_action = _action(
        window,
        "&Find patient",
        window.patients_page.focus_search,
        [QKeySequence("Ctrl+F")],
        "Search the patients list",
    )
    window.new_patient_action = _action(
        window, "New &patient…", window.new_patient, [QKeySequence("Ctrl+Shift+N")], "Add a patient"
    )
    window.edit_patient_action = _action(
        window,
        "&Edit patient…",
        lambda: window.patient_view.edit_patient(),
        [QKeySequence("Ctrl+E")],
        "Change this patient's details",
    )
    window.new_visit_action = _action(
        window,
        "New &visit…",
        window.new_visit,
        [QKeySequence("Ctrl+N")],
        "Record a treatment visit for this patient",
    )
    window.repeat_visit_action = _action(
        window,
        "&Repeat last visit…",
        window.repeat_visit,
        [QKeySequence("Ctrl+R")],
        "A new visit, today, filled in from this patient's last visit: check it and save",
    )
    window.superbill_action = _action(
        window, "&Superbill…", window.superbill, [QKeySequence("Ctrl+P")], "Make a superbill for this patient"
    )
    window.payment_action = _action(
        window,
        "Record pa&yment…",
        lambda: window.patient_view.record_payment(),
        [QKeySequence("Ctrl+Shift+Y")],
        "Record a payment from this patient",
    )
    window.coverage_action = _action(
        window,
        "Add insurance &coverage…",
        lambda: window.patient_view.add_coverage(),
        [QKeySequence("Ctrl+Shift+I")],
        "Add this patient's insurance, workers' comp or auto coverage",
    )
    window.prescription_action = _action(
        window,
        "Add pre&scription…",
        lambda: window.patient_view.add_prescription(),
        [QKeySequence("Ctrl+Shift+R")],
        "Add the prescription or referral for massage, with its diagnoses",
    )
    window.payers_action = _action(
        window,
        "Payers and &fees…",
        window.payers,
        tip="Payers, their unit rules and filing limits, and your fees",
    )
    window.settings_action = _action(
        window,
        "&Settings…",
        window.settings,
        _shortcut(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
        "Your practice profile, paper size and data folder",
    )
    window.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    window.quit_action = _action(
        window, "&Quit", window.close, _shortcut(QKeySequence.StandardKey.Quit, "Ctrl+Q")
    )
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.import_clients_action, window.statements_action = january_actions(window)
    window.backup_action = _action(
        window, "&Back up now…", window.back_up_now, tip="Copy the whole practice to a folder (a USB stick)"
    )
    window.update_codes_action = _action(window, "&Update code set…", window.update_code_set)
    window.help_action = _action(
        window,
        "&Getting started and keyboard shortcuts",
        window.show_help,
        [QKeySequence("F1")],
        "What to do first, and every keyboard shortcut",
    )
    window.about_action = _action(window, "&About Superbill Desk", window.about)
    window.real_practice_action = _action(
        window,
        "Start my real practice",
        lambda: window.change_practice(REAL_PRACTICE),
        tip="Leave the demo and set up (or open) your own practice",
    )
    window.real_practice_action.setVisible(window.demo)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.patient_actions = (
        window.edit_patient_action,
        window.new_visit_action,
        window.repeat_visit_action,
        window.superbill_action,
        window.payment_action,
    )


def init_menus(window: MainWindow) -> None:
    menus = window.menuBar()
    file_menu = menus.addMenu("&File")
    if window.demo:
        file_menu.addAction(window.real_practice_action)
        file_menu.addSeparator()
    file_menu.addActions([window.import_clients_action, window.statements_action])
    file_menu.addSeparator()
    file_menu.addAction(window.backup_action)
    file_menu.addAction(window.update_codes_action)
    file_menu.addAction(window.settings_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    patient_menu = menus.addMenu("Pa&tient")  # Alt+P and Alt+R belong to the patient view
    patient_menu.addAction(window.find_action)
    patient_menu.addAction(window.new_patient_action)
    patient_menu.addAction(window.edit_patient_action)
    patient_menu.addAction(window.coverage_action)
    patient_menu.addAction(window.prescription_action)
    patient_menu.addSeparator()
    patient_menu.addAction(window.new_visit_action)
    patient_menu.addAction(window.repeat_visit_action)
    patient_menu.addAction(window.superbill_action)
    patient_menu.addActions(claim_actions(window))  # Claim form… and Claim file (837P)… beside Superbill
    patient_menu.addAction(window.payment_action)
    practice_menu = menus.addMenu("Pract&ice")
    practice_menu.addAction(window.payers_action)
    practice_menu.addAction(window.settings_action)
    help_menu = menus.addMenu("&Help")
    help_menu.addAction(window.help_action)
    help_menu.addSeparator()
    help_menu.addAction(window.about_action)


def init_toolbar(window: MainWindow) -> None:
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setFloatable(False)
    # Icons beside the words: the icons themselves are put on just after the first frame.
    set_enum_property(toolbar, "toolButtonStyle", "ToolButtonTextBesideIcon")
    set_enum_property(toolbar, "contextMenuPolicy", "PreventContextMenu")
    if window.demo:
        # First, so that a narrow window (a small laptop) never pushes it into the overflow menu.
        toolbar.addAction(window.real_practice_action)
        button = toolbar.widgetForAction(window.real_practice_action)
        if button is not None:
            button.setObjectName("realPracticeButton")
        toolbar.addSeparator()
    for action in (window.new_patient_action, None, *window.patient_actions[1:]):
        if action is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(action)
    window.addToolBar(toolbar)  # along the top
    window.toolbar = toolbar


def put_icons(window: MainWindow) -> None:
    from app.ui import icons

    icons.put_icons(
        {
            window.new_patient_action: icons.ADD_PATIENT,
            window.edit_patient_action: icons.EDIT_PATIENT,
            window.new_visit_action: icons.NEW_VISIT,
            window.repeat_visit_action: icons.REPEAT_VISIT,
            window.superbill_action: icons.SUPERBILL,
            window.payment_action: icons.PAYMENT,
            window.find_action: icons.FIND,
            window.payers_action: icons.PAYERS,
            window.settings_action: icons.SETTINGS,
            window.backup_action: icons.BACK_UP,
            window.about_action: icons.INFO,
            window.quit_action: icons.QUIT,
            window.real_practice_action: icons.REAL_PRACTICE,
        }
    )
