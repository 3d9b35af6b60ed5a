"""Starting the app: open the practice's data folder, set up a new practice or the demo, show the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWizard

from app import __version__
from app.services.demo import demo_practice
from app.services.encryption import PassphraseNeeded, is_encrypted, practice_folder
from app.services.errors import StoreUnavailable
from app.services.logs import setup_logging
from app.services.workspace import Workspace
from app.ui.app_icon import app_icon
from app.ui.lock import IdleLock, idle_minutes
from app.ui.main_window import APP_TITLE, APPLICATION, ORGANISATION, MainWindow, user_settings
from app.ui.setup_wizard import SetupWizard

EXIT_OK, EXIT_STORE = 0, 3


def demo_folder(data_dir: Path) -> Path:
    """The demo practice lives beside the real one, never in it: "<data folder>-demo"."""
    return Path(f"{data_dir}-demo")


def run_app(data_dir: Path | None) -> int:
    """Run the desktop app until its window closes; the exit status follows the command line's."""
    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setStyle("Fusion")  # the same look on every platform, and the one the screens were drawn in

    workspace = _open(data_dir)
    if workspace is None:
        return EXIT_STORE
    demo = False
    if workspace.is_empty():
        wizard = SetupWizard(workspace)
        if wizard.exec() != QWizard.DialogCode.Accepted:
            workspace.close()
            return EXIT_OK
        if wizard.wants_demo:
            real_folder = workspace.data_dir
            workspace.close()
            workspace = _open_demo(demo_folder(real_folder))
            if workspace is None:
                return EXIT_STORE
            demo = True

    window = MainWindow(workspace, demo=demo)
    if workspace.encrypted:
        window.idle_lock = IdleLock(window, workspace, idle_minutes(user_settings()))
    window.show()
    try:
        return app.exec()
    finally:
        workspace.close()


def _open(data_dir: Path | None) -> Workspace | None:
    """The practice, asking for its passphrase first when it is encrypted; None when not opened."""
    try:
        if is_encrypted(data_dir):
            return _unlock(data_dir)
        return Workspace(data_dir)
    except PassphraseNeeded:
        return _unlock(data_dir)
    except StoreUnavailable as error:
        _cannot_open(error)
        return None


def _unlock(data_dir: Path | None) -> Workspace | None:
    from app.ui.unlock_dialog import UnlockDialog

    dialog = UnlockDialog(practice_folder(data_dir))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.workspace


def _open_demo(folder: Path) -> Workspace | None:
    workspace = _open(folder)
    if workspace is None:
        return None
    try:
        if workspace.is_empty():
            workspace.store.save_practice(demo_practice())
    except StoreUnavailable as error:
        workspace.close()
        _cannot_open(error)
        return None
    return workspace


def _cannot_open(error: StoreUnavailable) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, "Superbill Desk cannot open your practice data.")
    box.setInformativeText(str(error))
    box.exec()
