"""Starting the app: open the practice's data folder, set up a new practice or the demo, show the window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWizard

from app import __version__
from app.services.encryption import PassphraseNeeded, is_encrypted, practice_folder
from app.services.errors import StoreUnavailable
from app.services.logs import setup_logging
from app.services.workspace import Workspace
from app.ui.app_icon import app_icon
from app.ui.main_window import APP_TITLE, APPLICATION, ORGANISATION, MainWindow, user_settings

if TYPE_CHECKING:
    from app.services.backups import Health

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
    # The same look on every platform, and the one the screens were drawn in. Linux starts in Fusion
    # already; making a second Fusion there would cost ~6 ms of the start for nothing.
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")

    workspace = _open(data_dir)
    if workspace is None:
        return EXIT_STORE
    demo = False
    if workspace.is_empty():
        from app.ui.setup_wizard import SetupWizard  # only a new practice needs it

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
        from app.ui.lock import IdleLock, idle_minutes

        window.idle_lock = IdleLock(window, workspace, idle_minutes(user_settings()))
    # What start-up built (modules, the window, its first lists) lives as long as the app: frozen,
    # it is left out of the collector's full passes, each of which would otherwise walk it all
    # again (7-8 ms at 10,000 patients) in the middle of the therapist's typing.
    window.startedUp.connect(gc.freeze)
    window.show()
    try:
        return app.exec()
    finally:
        gc.unfreeze()  # the objects are the caller's again (a test goes on in this process)
        workspace.close()


def _open(data_dir: Path | None) -> Workspace | None:
    """The practice, asking for its passphrase first when it is encrypted; None when not opened."""
    try:
        if is_encrypted(data_dir):
            return _unlock(data_dir)
        # Header, schema and tables only: a damaged page is caught below when reading fails.
        if not _usable_or_restored(data_dir, pages=False):
            return None
        return Workspace(data_dir)
    except PassphraseNeeded:
        return _unlock(data_dir)
    except StoreUnavailable as error:
        if not is_encrypted(data_dir) and not _practice_health(data_dir, pages=True).usable:
            return Workspace(data_dir) if _usable_or_restored(data_dir, pages=True) else None
        _cannot_open(error)
        return None


def _practice_health(data_dir: Path | None, *, pages: bool) -> Health:
    from app.services import backups

    return backups.start_health(practice_folder(data_dir), pages=pages)


def _usable_or_restored(data_dir: Path | None, *, pages: bool) -> bool:
    """True when the practice file can be opened, or a backup was restored in its place.

    A damaged or foreign file is never changed: the therapist is offered the latest backup, and
    the file is only renamed aside when one is restored.
    """
    health = _practice_health(data_dir, pages=pages)
    if health.usable:
        return True
    from app.ui.restore_dialog import offer_restore

    return offer_restore(None, practice_folder(data_dir), health)


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
            from app.services.demo import demo_practice

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
