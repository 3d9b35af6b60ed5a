"""The self-test's window step: the real main window opened on the self-test's practice, then closed.

Kept in app/ui so app/services/self_test.py stays free of Qt. Window sizes are remembered in a
temporary settings folder for the run, so the user's own layout is never touched.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import (
    QCollator,
    QLocale,
    QMessageLogContext,
    QSettings,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from app.services.self_test import passed, self_test
from app.services.workspace import Workspace
from app.ui.app_icon import app_icon
from app.ui.widgets.display import no_display


def open_and_close_main_window(workspace: Workspace) -> str:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    previous = qInstallMessageHandler(_quiet_offscreen_notice)
    try:
        return _open_and_close(app, workspace)
    finally:
        qInstallMessageHandler(previous)


# The offscreen platform says this whenever a window with a layout is shown; it is not a failure.
_OFFSCREEN_NOTICE = "This plugin does not support propagateSizeHints()"


def _quiet_offscreen_notice(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message != _OFFSCREEN_NOTICE:
        print(message, file=sys.stderr or sys.__stderr__)


def _open_and_close(app: QApplication, workspace: Workspace) -> str:
    with tempfile.TemporaryDirectory(prefix="superbill-self-test-settings-") as settings:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(settings)))
        from app.ui.main_window import MainWindow

        window = MainWindow(workspace)
        window.show()
        app.processEvents()
        shown = window.isVisible()
        title = window.windowTitle()
        rows = window.patients_page.table.model().rowCount()
        icon = not app_icon().isNull()
        window.close()
        app.processEvents()
        closed = not window.isVisible()
        window.deleteLater()
        app.processEvents()
    if not (shown and closed):
        raise RuntimeError(f"the main window was {'not shown' if not shown else 'not closed'}")
    if not icon:
        raise RuntimeError("the app's icon did not load (resources/icons, or the svg/png image plugins)")
    if rows == 0:
        raise RuntimeError("the main window listed no patients")
    if not _names_sort_by_language():
        raise RuntimeError("names do not sort by language (Qt's ICU collation data is missing)")
    return f'{app.platformName()}: "{title}", {rows} patients listed, icon loaded, names sort by language'


def _names_sort_by_language() -> bool:
    """Qt sorts names through ICU (the file dialog does, in the user's language), and the Linux bundle
    carries ICU data cut down to what Qt reads (packaging/linux/icu_data.py). Without the data, Qt
    compares code points: "Émile" after "Emma", and Swedish "Öberg" before "Zander"."""
    english = QCollator(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    swedish = QCollator(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    return (
        english.compare("Émile", "Emma") < 0
        and english.compare("Öberg", "Zander") < 0
        and swedish.compare("Öberg", "Zander") > 0
    )


def run_self_test() -> int:
    """`superbill self-test` and `SuperbillDesk --self-test`: the report on standard output, exit 0 when all pass.

    With no display to show a window on (no DISPLAY or WAYLAND_DISPLAY on Linux), Qt's offscreen
    platform is used. A windowed program on Windows has no standard output: the report is then
    shown in a message box.
    """
    if no_display() and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    stdout = sys.stdout
    out: TextIO = stdout if stdout is not None else io.StringIO()
    start = time.perf_counter()
    results = self_test(open_and_close_main_window, out=out)
    ok = passed(results)
    print(
        f"{'PASSED' if ok else 'FAILED'}: {sum(r.ok for r in results)} of {len(results)} steps "
        f"in {time.perf_counter() - start:.2f} s",
        file=out,
        flush=True,
    )
    if stdout is None:
        _show_report(out.getvalue() if isinstance(out, io.StringIO) else "", ok)
    return 0 if ok else 1


def _show_report(report: str, ok: bool) -> None:
    from PySide6.QtWidgets import QMessageBox

    icon = QMessageBox.Icon.Information if ok else QMessageBox.Icon.Critical
    box = QMessageBox(icon, "Superbill Desk self-test", "All steps passed." if ok else "A step failed.")
    box.setDetailedText(report)
    box.exec()
