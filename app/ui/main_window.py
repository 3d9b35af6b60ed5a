"""The main window: it only builds the pages, menus and shortcuts, and connects them.

Left: the patients list over what needs attention; right: the chosen patient. Every dialog is
opened from here or from the patient view, and what it changes is shown again when it saves.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QToolBar, QWidget

from app import __version__
from app.services import practice_profile
from app.services.workspace import Workspace
from app.ui.app_icon import app_icon
from app.ui.app_settings import DEMO_PRACTICE, user_settings, window_title
from app.ui.first_frame import set_enum_property
from app.ui.main_actions import init_actions, init_menus, init_toolbar, put_icons
from app.ui.patients.patients_page import PatientsPage
from app.ui.widgets.fit import keep_on_screen
from app.ui.widgets.open_dialog import open_dialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from app.ui.attention_panel import AttentionLine, AttentionPanel
    from app.ui.help_window import HelpWindow
    from app.ui.patients.patient_view import PatientView
    from app.ui.security.lock import IdleLock
    from app.ui.status_note import StatusNote
    from app.ui.welcome_panel import WelcomePanel

log = logging.getLogger(__name__)  # kinds of errors only: no patient data


def _take_the_place_kept(splitter: QSplitter, widget: QWidget) -> None:
    """A panel built after the first frame takes the empty place kept for it in the splitter."""
    placeholder = splitter.replaceWidget(1, widget)
    if placeholder is not None:
        placeholder.deleteLater()


class MainWindow(QMainWindow):
    # Once the panels built after the first frame are in place: start-up is over.
    startedUp = Signal()

    # Built by app.ui.main_actions (the menus and the toolbar offer them).
    find_action: QAction
    new_patient_action: QAction
    edit_patient_action: QAction
    new_visit_action: QAction
    repeat_visit_action: QAction
    superbill_action: QAction
    payment_action: QAction
    coverage_action: QAction
    prescription_action: QAction
    payers_action: QAction
    settings_action: QAction
    quit_action: QAction
    import_clients_action: QAction
    statements_action: QAction
    backup_action: QAction
    update_codes_action: QAction
    help_action: QAction
    about_action: QAction
    real_practice_action: QAction
    patient_actions: tuple[QAction, ...]
    toolbar: QToolBar

    def __init__(
        self,
        workspace: Workspace,
        today: date | None = None,
        parent: QWidget | None = None,
        *,
        demo: bool = False,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.today = today
        self.demo = demo
        self.idle_lock: IdleLock | None = None  # set by app.ui.main for an encrypted practice
        self.patient_key: str | None = None
        self.current_dialog: QDialog | None = None
        self.help_window: HelpWindow | None = None
        self.switch_to: str | None = None  # REAL_PRACTICE or DEMO_PRACTICE: closed to open that one
        self._status_note: StatusNote | None = None
        self._welcome: WelcomePanel | None = None
        self.setWindowIcon(app_icon())
        self._init_widgets()
        init_actions(self)
        init_menus(self)
        init_toolbar(self)
        self._init_status_bar()
        self._connect_signals()
        self._restore_layout()
        self.update_title()
        self._update_actions()
        self.patients_page.focus_search()  # the first thing a therapist does is find a patient

    # Building ----------------------------------------------------------------------------------

    def _init_widgets(self) -> None:
        self.patients_page = PatientsPage(self.workspace, self)
        # The attention panel and the patient view are built just after the first frame is drawn
        # (or when something needs them sooner): the patients list is what a therapist needs first.
        self._attention: AttentionPanel | None = None
        self._patient_view: PatientView | None = None
        self.patients_page.installEventFilter(self)

        # Built without Python's `Qt` namespace, as everything before the first frame (app.ui.first_frame).
        self.left_splitter = QSplitter(parent=self)
        set_enum_property(self.left_splitter, "orientation", "Vertical")
        self.left_splitter.setObjectName("leftSplitter")
        self.left_splitter.addWidget(self.patients_page)
        self.left_splitter.addWidget(QWidget(self))  # the attention panel's place
        self.left_splitter.setStretchFactor(0, 3)
        self.left_splitter.setStretchFactor(1, 2)
        self.left_splitter.setSizes([450, 300])  # until a remembered layout says otherwise
        self.left_splitter.setChildrenCollapsible(False)
        self.left_splitter.setContentsMargins(0, 9, 0, 9)  # level with the patient view's own margins

        self.splitter = QSplitter(parent=self)  # side by side
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left_splitter)
        self.splitter.addWidget(QWidget(self))  # the patient view's place
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([470, 730])
        self.splitter.setContentsMargins(6, 6, 6, 0)
        self.setCentralWidget(self.splitter)
        # Until a size is remembered: roomy, but never larger than a small laptop's screen.
        room = self.screen().availableGeometry()
        self.resize(min(1200, room.width() * 9 // 10), min(760, room.height() * 9 // 10))

    def _init_status_bar(self) -> None:
        where = "Demo practice (made-up data) in" if self.demo else "Practice data in"
        self.data_label = QLabel(f"{where} {self.workspace.data_dir}", self)
        self.data_label.setObjectName("dataFolderLabel")
        set_enum_property(self.data_label, "textInteractionFlags", "TextSelectableByMouse")
        # A long folder is cut on a narrow screen, never widening the window.
        self.data_label.setMinimumWidth(1)
        self.data_label.setToolTip(str(self.workspace.data_dir))
        self.statusBar().addPermanentWidget(self.data_label)

    def _connect_signals(self) -> None:
        self.patients_page.patientChosen.connect(self.show_patient)
        self.patients_page.patientActivated.connect(self._open_patient)

    # Built after the first frame ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.patients_page and event.type() == QEvent.Type.Paint:
            self.patients_page.removeEventFilter(self)
            QTimer.singleShot(0, self._build_the_rest)
        return super().eventFilter(watched, event)

    def _build_the_rest(self) -> None:
        for widget in (self.attention, self.patient_view):
            widget.show()
        from app.ui.widgets.fit import show_focus  # not before the first frame: see app.ui.first_frame

        show_focus(self.patients_page.table)
        put_icons(self)
        self._show_welcome_if_empty()
        keep_on_screen(self)  # the icons and the panels built now must not widen it past the screen
        self.startedUp.emit()

    # An empty practice: what to do first -------------------------------------------------------

    def _show_welcome_if_empty(self) -> None:
        """A practice without patients shows the ways to begin where a patient would be."""
        from app.services.patient_search import patient_count

        if self.demo or self._welcome is not None or patient_count(self.workspace):
            return
        from app.ui.welcome_panel import WelcomePanel

        practitioner = practice_profile.practitioner(self.workspace)
        welcome = WelcomePanel(practitioner.first_name if practitioner else "", self)
        welcome.addPatient.connect(self.new_patient)
        welcome.importFile.connect(self.import_practice_file)
        welcome.tryDemo.connect(lambda: self.change_practice(DEMO_PRACTICE))
        self.splitter.replaceWidget(1, welcome)
        self.patient_view.hide()
        self.patient_view.setParent(self)
        self._welcome = welcome

    def _hide_welcome(self) -> None:
        welcome, self._welcome = self._welcome, None
        if welcome is not None:
            self.splitter.replaceWidget(1, self.patient_view)
            self.patient_view.show()
            welcome.deleteLater()

    @property
    def welcome(self) -> WelcomePanel | None:
        return self._welcome

    def import_practice_file(self) -> None:
        """Bring in a practice file (superbill export): all or nothing, as `superbill import`."""
        from pathlib import Path

        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        from app.domain.errors import ValidationError
        from app.services.errors import StoreUnavailable
        from app.services.practice_import import import_practice_file

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a practice file", folder, "Practice files (*.json);;All files (*)"
        )
        if not path:
            return
        try:
            practice = import_practice_file(self.workspace, Path(path))
        except (ValidationError, StoreUnavailable) as error:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                "Practice file not imported",
                f"Nothing was imported from {Path(path).name}.",
                QMessageBox.StandardButton.Ok,
                self,
            )
            box.setInformativeText(str(error))
            box.exec()
            return
        self._hide_welcome()
        self._refresh()
        self.update_title()
        self.say(f"Imported {len(practice.charts):,} patients and {len(practice.payers):,} payers")

    def change_practice(self, which: str) -> None:
        """Close this window and open the demo practice or the real one (app.ui.main does)."""
        self.switch_to = which
        self.close()

    # Status messages ---------------------------------------------------------------------------

    def say(self, message: str) -> None:
        """A message in the status bar that fades after a few seconds."""
        if self._status_note is None:
            from app.ui.status_note import StatusNote

            self._status_note = StatusNote(self)
            self.statusBar().addWidget(self._status_note, 1)
        self._status_note.say(message)

    @property
    def status_note(self) -> StatusNote | None:
        return self._status_note

    @property
    def attention(self) -> AttentionPanel:
        if self._attention is None:
            from app.ui.attention_panel import AttentionPanel

            panel = AttentionPanel(self.workspace, self.today, self)
            panel.itemChosen.connect(self._open_attention_item)
            panel.superbillsIssued.connect(self._superbills_issued)
            _take_the_place_kept(self.left_splitter, panel)
            self._attention = panel
        return self._attention

    @property
    def patient_view(self) -> PatientView:
        if self._patient_view is None:
            from app.ui.patients.patient_view import PatientView

            view = PatientView(self.workspace, self.today, self)
            view.newVisitRequested.connect(lambda key: self._open_visit(key, None))
            view.editVisitRequested.connect(self._open_visit)
            view.repeatVisitRequested.connect(lambda key: self._open_visit(key, None, repeat=True))
            view.superbillRequested.connect(self._open_superbill)
            view.changed.connect(self._patients_changed)
            _take_the_place_kept(self.splitter, view)
            self._patient_view = view
        return self._patient_view

    # Layout remembered between runs ------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = user_settings()
        for key, restore in (
            ("mainWindow/geometry", self.restoreGeometry),
            ("mainWindow/state", self.restoreState),
            ("mainWindow/splitter", self.splitter.restoreState),
            ("mainWindow/leftSplitter", self.left_splitter.restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                restore(value)
        keep_on_screen(self)  # remembered on a larger screen, or on one no longer attached

    def save_layout(self) -> None:
        settings = user_settings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        settings.setValue("mainWindow/splitter", self.splitter.saveState())
        settings.setValue("mainWindow/leftSplitter", self.left_splitter.saveState())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self._automatic_backup()
        super().closeEvent(event)

    def _automatic_backup(self) -> None:
        """At most one a day, into the data folder's backups; a failure never keeps the window open."""
        from app.services.backups import automatic_backup

        try:
            automatic_backup(self.workspace)
        except Exception as error:  # the disk, or a practice already closed: the window closes anyway
            log.warning("automatic backup not made: %s", type(error).__name__)

    def back_up_now(self) -> None:
        from app.ui.practice.backup_dialog import BackupDialog

        self._open(BackupDialog(self.workspace, self))

    def update_code_set(self) -> None:
        from app.ui.practice import code_update_dialog

        code_update_dialog.update_code_set(self)

    # Patients ----------------------------------------------------------------------------------

    def show_patient(self, key: str | None) -> None:
        self.patient_key = key
        if key is not None:
            self.patients_page.show_chosen(key)  # the list highlights whom the record shows
        self.patient_view.show_patient(key)
        self._update_actions()

    def _open_patient(self, key: str) -> None:
        """Enter on a patient (or an attention item): show them and move into their record."""
        self.show_patient(key)
        self.patient_view.focus_tab(self.patient_view.tabs.currentIndex())

    def _open_attention_item(self, line: AttentionLine) -> None:
        """An item of the needs-attention list: open what it is about, for its patient."""
        from app.services.attention import AttentionKind

        if line.patient_key is None:
            return
        key = line.patient_key
        self.show_patient(key)
        view = self.patient_view
        if line.kind in (AttentionKind.UNBILLED_VISITS, AttentionKind.FILING_DEADLINE):
            self._open_superbill(key, unbilled=True)
        elif line.kind in (AttentionKind.PRESCRIPTION, AttentionKind.RETIRED_CODE_PRESCRIPTION):
            view.focus_tab(view.tabs.indexOf(view.prescriptions))
            if line.target is not None:
                view.prescriptions.select(line.target)
            view.edit_prescription()
        elif line.kind is AttentionKind.RETIRED_CODE_VISIT and line.target is not None:
            self._open_visit(key, line.target)
        elif line.kind is AttentionKind.BALANCE_DUE:
            view.focus_tab(view.tabs.indexOf(view.payments))
            view.record_payment()
        else:
            view.focus_tab(view.tabs.currentIndex())

    def _update_actions(self) -> None:
        for action in (*self.patient_actions, self.coverage_action, self.prescription_action):
            action.setEnabled(self.patient_key is not None)

    def _patients_changed(self) -> None:
        self.patients_page.reload()
        self.attention.reload()

    def _refresh(self) -> None:
        self.patient_view.reload()
        self._patients_changed()

    def _superbills_issued(self) -> None:
        """The batch from the needs-attention panel: the panel has reloaded itself already."""
        self.patient_view.reload()
        self.patients_page.reload()

    def _saved(self, message: str) -> None:
        self._refresh()
        self.say(message)

    # Dialogs -----------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> None:
        """Open a dialog over the window without blocking the event loop; forget it when it closes."""
        # Keyboard shortcuts come back here even where the platform hands focus to no window.
        open_dialog(self, dialog, closed=self.activateWindow)

    # Each dialog module is imported when first opened: the window shows sooner without them.

    def new_patient(self) -> None:
        from app.ui.patients.patient_dialog import PatientDialog

        dialog = PatientDialog(self.workspace, None, self, today=self.today)
        dialog.saved.connect(self._patient_added)
        self._open(dialog)

    def _patient_added(self, key: str) -> None:
        self._hide_welcome()
        self._patients_changed()
        self.show_patient(key)
        self.say("Patient added")

    def new_visit(self) -> None:
        if self.patient_key:
            self._open_visit(self.patient_key, None)

    def repeat_visit(self) -> None:
        if self.patient_key:
            self._open_visit(self.patient_key, None, repeat=True)

    def _open_visit(self, patient_key: str, visit_key: str | None, repeat: bool = False) -> None:
        from app.ui.visits.visit_editor import VisitEditor

        dialog = VisitEditor(self.workspace, patient_key, visit_key, self.today, self, repeat=repeat)
        dialog.saved.connect(lambda _key: self._saved("Visit saved"))
        self._open(dialog)

    def superbill(self) -> None:
        if self.patient_key:
            self._open_superbill(self.patient_key)

    def _open_superbill(self, patient_key: str, *, unbilled: bool = False) -> None:
        from app.ui.superbills.superbill_dialog import SuperbillDialog

        dialog = SuperbillDialog(self.workspace, patient_key, self.today, self)
        if unbilled:
            dialog.choose_unbilled()
        dialog.issued.connect(lambda number: self._saved(f"Superbill {number} issued"))
        self._open(dialog)

    def payers(self) -> None:
        from app.ui.practice.payers_dialog import PayersDialog

        dialog = PayersDialog(self.workspace, self)
        dialog.finished.connect(lambda _result: self._refresh())  # fees and unit rules change what is owed
        self._open(dialog)

    def settings(self) -> None:
        from app.ui.practice.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.workspace, self)
        dialog.accepted.connect(self.update_title)
        dialog.accepted.connect(lambda: self._saved("Settings saved"))
        self._open(dialog)

    def show_help(self) -> None:
        from app.ui.help_window import HelpWindow

        if self.help_window is None:
            self.help_window = HelpWindow(self, self.actions())
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # its Python type costs 1.5 ms to build: not at start-up

        QMessageBox.about(
            self,
            "About Superbill Desk",
            f"<p><b>Superbill Desk {__version__}</b></p>"
            "<p>Superbills for massage therapists: your practice and patient records stay on this "
            "computer.</p>",
        )

    def update_title(self) -> None:
        self.setWindowTitle(window_title(practice_profile.practitioner(self.workspace), self.demo))
