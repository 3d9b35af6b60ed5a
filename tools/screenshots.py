"""Screenshots of Superbill Desk in real windows (X11 through Xvfb), for the README: docs/*.png.

    bash tools/screenshots.sh        # starts Xvfb itself, then runs this with QT_QPA_PLATFORM=xcb

The demo practice goes into a temporary data folder, with one more visit that bills 97124 and
97140 on the same day without modifier 59, so the visit editor has a finding to show.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.practice import ServiceLine, Visit
from app.services import superbills
from app.services.demo import demo_practice
from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.style import apply_look
from app.ui.superbills.pdf_preview import PdfPreviewDialog
from app.ui.visits.visit_editor import VisitEditor

TODAY = date(2026, 9, 24)
PATIENT = "demo-1"
BUNDLED_VISIT = Visit(
    key="demo-1-v4",
    date=date(2026, 9, 24),
    diagnoses=("M54.2", "M62.830"),
    lines=(
        ServiceLine("97124", ("A",), minutes=30, body_region="cervical"),
        ServiceLine("97140", ("B",), minutes=15, body_region="thoracic"),
    ),
    coverage="demo-1-aetna",
    prescription="demo-1-rx",
)


def settle(app: QApplication, milliseconds: int = 400) -> None:
    """Let the window manager map the window and Qt paint it."""
    deadline = time.monotonic() + milliseconds / 1000
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def shoot(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.raise_()
    widget.activateWindow()
    settle(app)
    screen = widget.screen()
    image = screen.grabWindow(widget.winId())
    if image.isNull() or not image.save(str(path)):
        raise SystemExit(f"could not capture {path}")
    print(f"{path} ({image.width()}x{image.height()})")


def main(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="superbill-shots-") as temporary:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, temporary)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Superbill Desk")
        app.setStyle("Fusion")
        apply_look(app)  # as the app has it once started (app.ui.main)
        workspace = Workspace(Path(temporary) / "data")
        try:
            workspace.store.save_practice(demo_practice())
            workspace.store.save_visit(PATIENT, BUNDLED_VISIT)

            window = MainWindow(workspace, today=TODAY)
            window.resize(1280, 800)
            window.show()
            settle(app)  # started up: the icons are on
            window.show_patient(PATIENT)
            shoot(app, window, out_dir / "main-window.png")

            editor = VisitEditor(workspace, PATIENT, BUNDLED_VISIT.key, today=TODAY, parent=window)
            editor.show()
            shoot(app, editor, out_dir / "visit-editor.png")
            editor.reject()

            document = superbills.issue_superbill(
                workspace.store,
                workspace.codes,
                PATIENT,
                superbills.Period(date(2026, 9, 1), date(2026, 9, 17)),
                today=TODAY,
            )
            preview = PdfPreviewDialog(document.pdf, f"{document.number}.pdf", window)
            preview.resize(900, 1000)
            preview.show()
            shoot(app, preview, out_dir / "superbill-preview.png")
            preview.close()
            window.close()
        finally:
            workspace.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")))
