"""Opens every dialog and each page of the setup wizard on the screen Qt runs on, and measures them.

    # the layout test's way: a 1024x600 screen without a display (Qt's offscreen platform)
    python3 -m tools.small_screens --screen 1024x600
    # real X11 windows, with full-screen screenshots of the ones the README shows
    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=2 \
        python3 -m tools.small_screens --shots docs/small-screen --tag 1366x768-200

Prints one JSON line per window: its size, its smallest size, the screen's available room, and the
buttons outside any scroll area that are not wholly on the screen (each must be, to be clicked).
The visit editor shows a visit with three services, the prescription dialog one with long notes.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QMessageLogContext,
    QPoint,
    QRect,
    QSettings,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QTabBar, QWidget, QWizard

TODAY = date(2026, 9, 24)
PATIENT = "demo-1"
SHOWN = ("setup-wizard-1", "visit-editor", "prescription", "superbill", "claim-form")


def offscreen_platform(width: int, height: int, folder: Path) -> str:
    """QT_QPA_PLATFORM for Qt's offscreen platform with one screen of this size (in device pixels)."""
    config = folder / f"screen-{width}x{height}.json"
    screen = {"name": "small", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return f"offscreen:configfile={config}"


def settle(app: QApplication, milliseconds: int) -> None:
    deadline = time.monotonic() + milliseconds / 1000
    while True:
        app.processEvents()
        if time.monotonic() >= deadline:
            return
        time.sleep(0.01)


def _in_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def unreachable_buttons(window: QWidget) -> list[str]:
    """The shown buttons outside scroll areas that are cut off by the window or the screen."""
    room = window.screen().availableGeometry()
    problems = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or _in_scroll_area(button, window):
            continue
        if type(button).__name__ in ("QTabBar", "CloseButton") or button.parentWidget() is None:
            continue
        on_screen = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        seen = button.visibleRegion().boundingRect()
        if not room.contains(on_screen) or seen.size() != button.size():
            name = button.text().replace("&", "") or button.objectName() or type(button).__name__
            problems.append(name)
    return problems


def hidden_tabs(window: QWidget) -> list[str]:
    """The tabs of shown tab bars that lie outside their bar (reached only by its scroll arrows)."""
    problems = []
    for bar in window.findChildren(QTabBar):
        if not bar.isVisibleTo(window):
            continue
        for index in range(bar.count()):
            if not bar.rect().contains(bar.tabRect(index)):
                problems.append(bar.tabText(index).replace("&", ""))
    return problems


def measure(name: str, window: QWidget) -> dict[str, object]:
    room = window.screen().availableGeometry()
    frame = window.frameGeometry()
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    return {
        "name": name,
        "room": [room.width(), room.height()],
        "size": [frame.width(), frame.height()],
        "at": [frame.x(), frame.y()],
        "smallest": [smallest.width(), smallest.height()],
        "natural": [window.sizeHint().width(), window.sizeHint().height()],
        "fits": room.contains(frame),
        "cut_buttons": unreachable_buttons(window),
        "hidden_tabs": hidden_tabs(window),
    }


def dialogs(window: QWidget, workspace: object) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    """Each dialog (and wizard page) by name, with how to make it."""
    from app.services.workspace import Workspace
    from app.store.health import Health
    from app.ui.patients.coverage_dialog import CoverageDialog
    from app.ui.patients.patient_dialog import PatientDialog
    from app.ui.patients.payment_dialog import PaymentDialog
    from app.ui.patients.prescription_dialog import PrescriptionDialog
    from app.ui.practice.backup_dialog import BackupDialog
    from app.ui.practice.payers_dialog import PayersDialog
    from app.ui.practice.restore_dialog import RestoreDialog
    from app.ui.practice.settings_dialog import SettingsDialog
    from app.ui.practice.setup_wizard import SetupWizard
    from app.ui.security.passphrase_dialog import PassphraseDialog
    from app.ui.security.recovery_key_dialog import RecoveryKeyDialog
    from app.ui.security.unlock_dialog import UnlockDialog
    from app.ui.superbills.claim_dialog import ClaimDialog
    from app.ui.superbills.pdf_password_dialog import PdfPasswordDialog
    from app.ui.superbills.superbill_dialog import SuperbillDialog
    from app.ui.visits.code_picker_dialog import CodePickerDialog
    from app.ui.visits.cpt_picker import CptPicker
    from app.ui.visits.icd_picker import IcdPicker
    from app.ui.visits.visit_editor import VisitEditor

    assert isinstance(workspace, Workspace)
    data = workspace.data_dir

    def wizard(page: int) -> Callable[[], QWidget]:
        def make() -> QWidget:
            made: QWizard = SetupWizard(workspace, window)
            made.setStartId(page)
            made.restart()
            return made

        return make

    for page in range(6):
        yield f"setup-wizard-{page}", wizard(page)
    yield "patient", lambda: PatientDialog(workspace, PATIENT, window, today=TODAY)
    yield "coverage", lambda: CoverageDialog(workspace, PATIENT, "demo-1-aetna", TODAY, window)
    yield "prescription", lambda: PrescriptionDialog(workspace, PATIENT, "demo-1-rx", TODAY, window)
    yield "payment", lambda: PaymentDialog(workspace, PATIENT, None, TODAY, window)
    yield "visit-editor", lambda: VisitEditor(workspace, PATIENT, "demo-1-v4", TODAY, window)
    yield "visit-editor-new", lambda: VisitEditor(workspace, PATIENT, None, TODAY, window)
    yield "superbill", lambda: SuperbillDialog(workspace, PATIENT, TODAY, window)
    yield "claim-form", lambda: ClaimDialog(workspace, PATIENT, "form", TODAY, window)
    yield "claim-file", lambda: ClaimDialog(workspace, PATIENT, "837p", TODAY, window)
    yield "payers", lambda: PayersDialog(workspace, window)
    yield "settings", lambda: SettingsDialog(workspace, window)
    yield "backup", lambda: BackupDialog(workspace, window)
    yield "passphrase", lambda: PassphraseDialog(workspace, False, window)
    yield "pdf-password", lambda: PdfPasswordDialog(window)
    yield "recovery-key", lambda: RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", window)
    yield "unlock", lambda: UnlockDialog(data, window)
    yield "restore", lambda: RestoreDialog(data, Health.CORRUPT, None, window)
    yield "icd-picker", lambda: CodePickerDialog(IcdPicker(workspace), "Add a diagnosis", window)
    yield "cpt-picker", lambda: CodePickerDialog(CptPicker(workspace), "Add a service", window)
    yield "help", lambda: _help(window)
    yield "pdf-preview", lambda: _preview(window)


def _preview(window: QWidget) -> QWidget:
    import io

    from reportlab.pdfgen.canvas import Canvas

    from app.ui.superbills.pdf_preview import PdfPreviewDialog

    pdf = io.BytesIO()
    page = Canvas(pdf)
    page.drawString(72, 720, "Superbill")
    page.save()
    return PdfPreviewDialog(pdf.getvalue(), "SB-2026-0001 Okafor.pdf", window)


def _help(window: QWidget) -> QWidget:
    from app.ui.help_window import HelpWindow

    return HelpWindow(window, window.actions())


def _practice(workspace: object) -> None:
    from app.domain.practice import ServiceLine, Visit
    from app.services.demo import demo_practice
    from app.services.workspace import Workspace

    assert isinstance(workspace, Workspace)
    workspace.store.save_practice(demo_practice())
    three = Visit(
        key="demo-1-v4",
        date=TODAY,
        diagnoses=("M54.2", "M62.830", "M54.50"),
        lines=(
            ServiceLine("97124", ("A",), minutes=30, body_region="cervical"),
            ServiceLine("97140", ("B", "C"), minutes=15, body_region="thoracic", modifiers=("59",)),
            ServiceLine("97112", ("A",), minutes=15, body_region="lumbar"),
        ),
        coverage="demo-1-aetna",
        prescription="demo-1-rx",
    )
    workspace.store.save_visit(PATIENT, three)


def _quiet(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screen", help="WxH: Qt's offscreen platform with a screen this size")
    parser.add_argument("--shots", type=Path, help="save full-screen screenshots of some windows here")
    parser.add_argument("--tag", default="", help="added to the screenshots' names")
    parser.add_argument("--only", nargs="*", help="only these windows")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="superbill-small-") as temporary:
        if args.screen:
            width, height = (int(part) for part in args.screen.split("x"))
            os.environ["QT_QPA_PLATFORM"] = offscreen_platform(width, height, Path(temporary))
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, temporary)
        from app.services.workspace import Workspace
        from app.ui.main import qt_application
        from app.ui.main_window import MainWindow

        qInstallMessageHandler(_quiet)
        app = qt_application(sys.argv[:1])
        from app.ui.style import apply_look

        apply_look(app)  # measured as the therapist sees them: the app's own font, spacing and icons
        offscreen = app.platformName() == "offscreen"
        wait = 30 if offscreen else 400
        workspace = Workspace(Path(temporary) / "data")
        try:
            _practice(workspace)
            window = MainWindow(workspace, today=TODAY)
            window.show()
            window.show_patient(PATIENT)
            settle(app, wait)
            print(json.dumps(measure("main-window", window)), flush=True)
            if args.shots:
                args.shots.mkdir(parents=True, exist_ok=True)
            for name, make in dialogs(window, workspace):
                if args.only and name not in args.only:
                    continue
                dialog = make()
                dialog.show()
                settle(app, wait)
                print(json.dumps(measure(name, dialog)), flush=True)
                if args.shots and name in SHOWN:
                    path = args.shots / f"{name}{'-' + args.tag if args.tag else ''}.png"
                    dialog.screen().grabWindow(0).save(str(path))
                    print(f"# {path}", flush=True)
                dialog.hide()
                dialog.deleteLater()
                settle(app, 0)
            window.hide()
        finally:
            workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
