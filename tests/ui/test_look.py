"""How the app looks to a therapist: a welcome on an empty practice, a way out of the demo, messages
that fade, icons from the bundled set, one stylesheet with visible focus, readable service lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from app.domain.practice import Practice
from app.resources import resource_path
from app.services.practice_file import practice_to_json
from app.services.workspace import Workspace
from app.ui import icons, status_note
from app.ui.main import demo_folder, run_app
from app.ui.main_window import MainWindow
from app.ui.practice.setup_wizard import SetupWizard
from app.ui.style import apply_look, stylesheet
from app.ui.visits.service_lines_model import COL_MODIFIERS, COL_UNITS, LineRow, ServiceLinesModel
from tests import sample
from tests.ui.conftest import TODAY
from tests.ui.record_helpers import overtype_date

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def set_up_workspace(data_dir: Path) -> Iterator[Workspace]:
    """A practice just through setup: the practitioner, no patients."""
    workspace = Workspace(data_dir)
    workspace.store.save_practice(Practice(practitioner=sample.practitioner()))
    yield workspace
    workspace.close()


def started(qtbot: QtBot, workspace: Workspace, demo: bool = False) -> MainWindow:
    window = MainWindow(workspace, today=TODAY, demo=demo)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.startedUp):
        window.show()
    window.activateWindow()
    return window


# Welcome ----------------------------------------------------------------------------------------


def test_an_empty_practice_says_what_to_do_first(qtbot: QtBot, set_up_workspace: Workspace) -> None:
    window = started(qtbot, set_up_workspace)
    welcome = window.welcome
    assert welcome is not None and welcome.isVisible()
    assert not window.patient_view.isVisible()
    texts = [b.text() for b in (welcome.add_button, welcome.import_button, welcome.demo_button)]
    assert texts == ["Add your first patient", "Import a practice file…", "Try the demo practice"]
    assert all(
        not b.icon().isNull() for b in (welcome.add_button, welcome.import_button, welcome.demo_button)
    )


def test_a_practice_with_patients_and_the_demo_show_no_welcome(
    qtbot: QtBot, workspace: Workspace, set_up_workspace: Workspace
) -> None:
    assert started(qtbot, workspace).welcome is None
    assert started(qtbot, set_up_workspace, demo=True).welcome is None


def test_adding_the_first_patient_from_the_welcome_shows_the_patient(
    qtbot: QtBot, set_up_workspace: Workspace
) -> None:
    window = started(qtbot, set_up_workspace)
    assert window.welcome is not None
    qtbot.mouseClick(window.welcome.add_button, Qt.MouseButton.LeftButton)
    dialog = window.current_dialog
    assert dialog is not None and dialog.windowTitle() == "New patient"
    ui = dialog.ui  # type: ignore[attr-defined]
    qtbot.keyClicks(ui.firstNameEdit, "Ana")
    qtbot.keyClicks(ui.lastNameEdit, "Souza")
    overtype_date(qtbot, ui.dobEdit, "03021990")
    qtbot.keyClick(ui.lastNameEdit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.welcome is None)
    assert window.patient_view.isVisible()
    assert window.status_note is not None and window.status_note.text() == "Patient added"


def test_importing_a_practice_file_from_the_welcome_brings_in_its_patients(
    qtbot: QtBot, set_up_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "practice.json"
    file.write_text(json.dumps(practice_to_json(sample.practice())), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(file), ""))
    window = started(qtbot, set_up_workspace)
    assert window.welcome is not None
    qtbot.mouseClick(window.welcome.import_button, Qt.MouseButton.LeftButton)
    assert window.welcome is None
    assert window.patients_page.model.rowCount() == len(sample.practice().charts)
    assert window.status_note is not None and window.status_note.text().startswith("Imported 1 patients")


# Demo and real practice -------------------------------------------------------------------------


@pytest.fixture
def _settings_in_tmp(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.mark.usefixtures("_settings_in_tmp")
def test_the_demo_starts_the_real_practice_and_the_welcome_tries_the_demo(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Setup -> "Try with demo data" -> Start my real practice -> setup, done -> Try the demo -> quit."""
    wizard_runs: list[str] = []

    def wizard_exec(self: SetupWizard) -> int:
        if not wizard_runs:
            self.wants_demo = True
        else:
            self.workspace.store.save_practice(Practice(practitioner=sample.practitioner()))
        wizard_runs.append("demo" if self.wants_demo else "real")
        return int(QWizard.DialogCode.Accepted.value)

    monkeypatch.setattr(SetupWizard, "exec", wizard_exec)
    seen: list[tuple[str, bool]] = []
    steps = iter(["real", "demo", "quit"])

    def act() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or gc_not_started(windows[0]):
            QTimer.singleShot(10, act)
            return
        window = windows[0]
        seen.append((window.windowTitle(), window.welcome is not None))
        step = next(steps)
        if step == "real":
            assert window.real_practice_action.isVisible()
            button = window.toolbar.widgetForAction(window.real_practice_action)
            assert button is not None and button.isVisible()
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        elif step == "demo":
            assert not window.real_practice_action.isVisible()
            assert window.welcome is not None
            qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
        else:
            window.close()
            return
        QTimer.singleShot(10, act)

    QTimer.singleShot(0, act)
    assert run_app(data_dir) == 0
    assert wizard_runs == ["demo", "real"]
    assert [title.endswith("(demo)") for title, _ in seen] == [True, False, True]
    assert [welcome for _, welcome in seen] == [False, True, False]
    with Workspace(data_dir) as real:
        assert real.store.practitioner() is not None  # set up the second time, kept
    assert demo_folder(data_dir).is_dir()


def gc_not_started(window: MainWindow) -> bool:
    return window._patient_view is None  # started up: built just after the first frame


# Status messages --------------------------------------------------------------------------------


def test_a_status_message_fades_out(
    qtbot: QtBot, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(status_note, "SHOWN_MS", 50)
    window = started(qtbot, workspace)
    window.say("Visit saved")
    note = window.status_note
    assert note is not None and note.text() == "Visit saved" and note.isVisible()
    note.say("Visit saved", shown_ms=50)
    qtbot.waitUntil(lambda: note.text() == "", timeout=3000)
    assert note.graphicsEffect().opacity() == pytest.approx(0.0)  # type: ignore[attr-defined]


# Icons and style --------------------------------------------------------------------------------


def test_the_toolbar_shows_icons_from_the_bundled_set_with_its_license(
    qtbot: QtBot, workspace: Workspace
) -> None:
    window = started(qtbot, workspace)
    for action in window.toolbar.actions():
        if not action.isSeparator() and action.isVisible():
            assert not action.icon().isNull(), action.text()
    names = [v for k, v in vars(icons).items() if k.isupper() and isinstance(v, str)]
    for name in names:
        assert resource_path("icons", "lucide", f"{name}.svg").is_file(), name
    license_text = resource_path("icons", "lucide", "LICENSE-lucide.txt").read_text(encoding="utf-8")
    assert "ISC License" in license_text


def test_the_visit_editor_and_superbill_buttons_have_icons(qtbot: QtBot, workspace: Workspace) -> None:
    from app.ui.superbills.superbill_dialog import SuperbillDialog
    from app.ui.visits.visit_editor import VisitEditor

    editor = VisitEditor(workspace, "pt-0001", None, today=TODAY)
    qtbot.addWidget(editor)  # closed at the end: closing stops its pending check (VisitEditor.closeEvent)
    dialog = SuperbillDialog(workspace, "pt-0001", TODAY)
    qtbot.addWidget(dialog)
    for button in (editor.ui.saveButton, editor.ui.addDiagnosisButton, editor.ui.addServiceButton):
        assert not button.icon().isNull(), button.text()
    for button in (dialog.ui.issueButton, dialog.ui.draftButton, dialog.ui.closeButton):
        assert not button.icon().isNull(), button.text()


def test_the_look_has_readable_text_one_accent_and_a_focus_ring_everywhere(qapp: QApplication) -> None:
    sheet = stylesheet()
    for widget in (
        "QPushButton",
        "QLineEdit",
        "QComboBox",
        "QAbstractSpinBox",
        "QAbstractItemView",
        "QTabBar::tab",
    ):
        assert f"{widget}:focus" in sheet or f"{widget}:focus" in sheet.replace(", ", ","), widget
    for url in (part.split(")")[0] for part in sheet.split("url(")[1:]):
        assert Path(url).is_file(), url
    apply_look(qapp)
    assert qapp.font().pointSizeF() >= 10
    assert qapp.property("baseStyle").lower() == "fusion"
    apply_look(qapp)  # a second call changes nothing
    assert qapp.styleSheet() == sheet


def test_units_and_modifiers_are_not_aligned_against_each_other() -> None:
    model = ServiceLinesModel()
    model.set_rows((LineRow("97124", "Massage", 30, 2, False, "59 GP", "A", "neck", 4500, 9000),))
    units = model.index(0, COL_UNITS).data(Qt.ItemDataRole.TextAlignmentRole)
    modifiers = model.index(0, COL_MODIFIERS).data(Qt.ItemDataRole.TextAlignmentRole)
    center = int(Qt.AlignmentFlag.AlignCenter)
    assert units == center and modifiers == center


def test_diagnoses_in_the_visit_editor_are_shown_in_full(qtbot: QtBot, workspace: Workspace) -> None:
    from app.ui.visits.visit_editor import VisitEditor

    editor = VisitEditor(workspace, "pt-0001", None, today=TODAY)
    qtbot.addWidget(editor)  # closed at the end: closing stops its pending check (VisitEditor.closeEvent)
    view = editor.ui.diagnosesList
    assert view.wordWrap()
    assert view.textElideMode() == Qt.TextElideMode.ElideNone
    editor.diagnoses.choose("S16.1XXA")  # strain of neck muscle, initial encounter
    editor.diagnoses.choose("S16.1XXD")  # ... subsequent encounter
    tips = [view.item(row).toolTip() for row in range(view.count())]  # after the last visit's codes
    assert tips[-2].endswith("initial encounter") and tips[-1].endswith("subsequent encounter")
    assert view.item(view.count() - 2).text() != view.item(view.count() - 1).text()


def test_qpushbuttons_in_the_welcome_are_real_buttons(qtbot: QtBot, set_up_workspace: Workspace) -> None:
    window = started(qtbot, set_up_workspace)
    assert window.welcome is not None
    assert isinstance(window.welcome.focusProxy(), QPushButton)


@pytest.mark.usefixtures("_settings_in_tmp")
def test_cancelling_the_real_practices_setup_goes_back_to_the_demo(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc in the setup of the real practice, started from the demo, quit the app without a word
    (found by an independent tester): it goes back to the demo instead."""
    wizard_runs: list[str] = []

    def wizard_exec(self: SetupWizard) -> int:
        if not wizard_runs:
            self.wants_demo = True
            wizard_runs.append("demo")
            return int(QWizard.DialogCode.Accepted.value)
        wizard_runs.append("cancelled")
        return int(QWizard.DialogCode.Rejected.value)

    monkeypatch.setattr(SetupWizard, "exec", wizard_exec)
    seen: list[str] = []
    steps = iter(["real", "quit"])

    def act() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or gc_not_started(windows[0]):
            QTimer.singleShot(10, act)
            return
        window = windows[0]
        seen.append(window.windowTitle())
        if next(steps) == "real":
            window.real_practice_action.trigger()
            QTimer.singleShot(10, act)
        else:
            window.close()

    QTimer.singleShot(0, act)
    assert run_app(data_dir) == 0
    assert wizard_runs == ["demo", "cancelled"]
    assert len(seen) == 2 and all(title.endswith("(demo)") for title in seen)


def test_saving_a_pdf_is_said_in_the_windows_fading_note_like_every_message(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A status-bar message of its own hid the note for 15 s: one way to say things."""
    from app.ui.superbills.pdf_preview import PdfPreviewDialog

    window = started(qtbot, workspace)
    target = tmp_path / "SB-2026-0001 Okafor.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    preview = PdfPreviewDialog(b"%PDF-1.4\n%%EOF\n", target.name, window, data_folder=workspace.data_dir)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    assert target.exists()
    assert window.status_note is not None and window.status_note.text() == f"Saved to {target}"
    assert window.statusBar().currentMessage() == ""


# Scroll bars ------------------------------------------------------------------------------------


def test_a_scroll_bar_is_a_quiet_grey_not_a_black_slab(qtbot: QtBot) -> None:
    """The wizard and long dialogs scroll on a small screen: their scroll bar must not be the
    black slider a therapist saw at 200% scaling (the stylesheet left Fusion drawing it)."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QLabel, QScrollArea

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_look(app)
    area = QScrollArea()
    qtbot.addWidget(area)
    area.setWidget(QLabel("\n".join(f"line {n}" for n in range(80))))
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    image = area.verticalScrollBar().grab().toImage()
    darkest = min(
        QColor(image.pixel(x, y)).lightness() for x in range(image.width()) for y in range(image.height())
    )
    assert darkest >= 150, f"the scroll bar has pixels of lightness {darkest} (its quietest grey is 160)"
