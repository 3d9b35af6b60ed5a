"""Starting the app: open the practice's data folder, set up a new practice or the demo, show the window."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

# Only what every start needs: PySide6 builds a class, with its enums, when it is first imported.
from PySide6.QtWidgets import QApplication

from app import __version__
from app.services.encryption import PassphraseNeeded, is_encrypted, practice_folder
from app.services.errors import PracticeInUse, StoreUnavailable
from app.services.logs import setup_logging
from app.services.workspace import Workspace, hold_for_the_app
from app.ui import crash_report
from app.ui.app_icon import app_icon
from app.ui.app_settings import APP_TITLE, APPLICATION, DEMO_PRACTICE, ORGANIZATION, user_settings
from app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from app.services.practice_health import Health

EXIT_OK, EXIT_STORE = 0, 3
STYLE = "Fusion"


def demo_folder(data_dir: Path) -> Path:
    """The demo practice lives beside the real one, never in it: "<data folder>-demo"."""
    return Path(f"{data_dir}-demo")


def qt_application(arguments: list[str]) -> QApplication:
    """The QApplication, in Fusion: the same look on every platform, and the one the screens were drawn in.

    The style is asked for on Qt's own command line (-style), so that Qt makes it once, when the
    first window needs it. Asking from Python (app.style(), app.setStyle()) hands a QStyle to Python,
    and PySide6 then builds the QStyle class and its ten enums, ~8 ms of the start (bench/startup.py).
    """
    return QApplication([*arguments, "-style", STYLE])


def run_app(data_dir: Path | None) -> int:
    """Run the desktop app until its window closes; the exit status follows the command line's."""
    setup_logging()
    with crash_report.installed():
        return _run(data_dir)


def _run(data_dir: Path | None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else qt_application(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    # No application display name: Qt would add it to every window's title, and the main window's
    # title starts with it already ("Superbill Desk — Harbor Light Massage — Superbill Desk").
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    if existing is not None and app.style().name().lower() != STYLE.lower():
        app.setStyle(STYLE)  # an application made elsewhere (tests): the same look all the same

    opened = _open_practice(data_dir)
    while not isinstance(opened, int):
        workspace, demo, real_folder = opened
        next_one = _run_window(app, workspace, demo)
        if isinstance(next_one, int):
            return next_one
        # The demo's "Start my real practice", or an empty practice's "Try the demo practice".
        if next_one == DEMO_PRACTICE:
            opened = _open_demo_practice(real_folder)
        else:
            opened = _open_practice(real_folder)
            if opened == EXIT_OK and demo:  # the setup of the real practice cancelled: back to the demo
                opened = _open_demo_practice(real_folder)
    return opened


Opened = tuple[Workspace, bool, Path]  # the practice, whether it is the demo, the real practice's folder


def _open_demo_practice(real_folder: Path) -> Opened | int:
    demo = _open_demo(demo_folder(real_folder))
    return EXIT_STORE if demo is None else (demo, True, real_folder)


def _open_practice(data_dir: Path | None) -> Opened | int:
    """The practice to show (set up first when new), whether it is the demo, and the real folder;
    or the exit status when there is none to show."""
    workspace = _open(data_dir)
    if workspace is None:
        return EXIT_STORE
    real_folder = workspace.data_dir
    if workspace.is_empty():
        from app.ui.practice.setup_wizard import SetupWizard  # only a new practice needs it

        _waiting_on_the_therapist()
        wizard = SetupWizard(workspace)
        if wizard.exec() != SetupWizard.DialogCode.Accepted:
            workspace.close()
            return EXIT_OK
        if wizard.wants_demo:
            workspace.close()
            return _open_demo_practice(real_folder)
    return workspace, False, real_folder


def _run_window(app: QApplication, workspace: Workspace, demo: bool) -> int | str:
    """Show the practice until its window closes: the exit status, or the practice to open next."""
    window = MainWindow(workspace, demo=demo)
    if workspace.encrypted:
        from app.ui.security.lock import IdleLock, idle_minutes

        window.idle_lock = IdleLock(window, workspace, idle_minutes(user_settings()))
    # What start-up built (modules, the window, its first lists) lives as long as the app: frozen,
    # it is left out of the collector's full passes, each of which would otherwise walk it all
    # again (7-8 ms at 10,000 patients) in the middle of the therapist's typing.
    window.startedUp.connect(_started_up)
    window.show()
    try:
        status = app.exec()
        switch_to = window.switch_to
        # Nothing of this window may run on once its practice is closed (a list still to be
        # filled, in the next practice's event loop or a test's).
        from shiboken6 import delete

        delete(window)
    finally:
        gc.unfreeze()  # the objects are the caller's again (a test goes on in this process)
        workspace.close()
    return switch_to or status


def _started_up() -> None:
    """Freeze what start-up built and let the collector run again (app.cli turned it off to start);
    then the app's look (app.ui.style), which the first frame need not wait for."""
    gc.freeze()
    gc.enable()
    _look()


def _waiting_on_the_therapist() -> None:
    """A dialog before the main window (setup, passphrase, restore): the collector runs again meanwhile."""
    gc.enable()
    _look()


def _look() -> None:
    from app.ui.style import apply_look

    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_look(app)


def _open(data_dir: Path | None) -> Workspace | None:
    """The practice, held for this app while it is open, asking for its passphrase first when it
    is encrypted; None when not opened.

    Held from the start, so that a second app on it says so before it asks or offers anything
    (and its own restore or repair meanwhile is the only one); the Workspace then holds it.
    """
    try:
        hold = hold_for_the_app(data_dir)
    except PracticeInUse as error:
        _already_open(error)
        return None
    except StoreUnavailable as error:
        _cannot_open(error)
        return None
    with hold:
        workspace = _open_held(data_dir)
        if workspace is not None:
            workspace.hold_open()
        return workspace


def _open_held(data_dir: Path | None) -> Workspace | None:
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
        problem = error
        try:
            if not is_encrypted(data_dir) and not _practice_health(data_dir, pages=True).usable:
                return Workspace(data_dir) if _usable_or_restored(data_dir, pages=True) else None
        except StoreUnavailable as again:  # a full disk, a folder in the file's place: said as it is
            problem = again
        _cannot_open(problem)
        return None


def _practice_health(data_dir: Path | None, *, pages: bool) -> Health:
    from app.services.practice_health import start_health

    return start_health(practice_folder(data_dir), pages=pages)


def _usable_or_restored(data_dir: Path | None, *, pages: bool) -> bool:
    """True when the practice file can be opened, or a backup was restored in its place.

    A damaged or foreign file is never changed: the therapist is offered the latest backup, and
    the file is only renamed aside when one is restored.
    """
    health = _practice_health(data_dir, pages=pages)
    if health.usable:
        return True
    from app.ui.practice.restore_dialog import offer_restore

    _waiting_on_the_therapist()
    return offer_restore(None, practice_folder(data_dir), health)


def _unlock(data_dir: Path | None) -> Workspace | None:
    from app.ui.security.unlock_dialog import UnlockDialog

    _waiting_on_the_therapist()
    dialog = UnlockDialog(practice_folder(data_dir))
    if dialog.exec() != UnlockDialog.DialogCode.Accepted:
        return None
    workspace = dialog.workspace
    if workspace is not None:
        from app.services.encryption import pending_recovery_key
        from app.ui.security.recovery_key_dialog import show_recovery_key

        # Encrypting was interrupted, or the key was never confirmed written down: show it again.
        show_recovery_key(pending_recovery_key(workspace.data_dir), workspace.data_dir)
    return workspace


def _open_demo(folder: Path) -> Workspace | None:
    workspace = _open(folder)
    if workspace is None:
        return None
    try:
        if workspace.is_empty():
            from app.services.demo import fill_with_demo

            fill_with_demo(workspace)
    except StoreUnavailable as error:
        workspace.close()
        _cannot_open(error)
        return None
    return workspace


def _already_open(error: PracticeInUse) -> None:
    """A second app on a practice open in another: one message box, then the app ends (exit 3)."""
    from PySide6.QtWidgets import QMessageBox

    _waiting_on_the_therapist()
    box = QMessageBox(
        QMessageBox.Icon.Information,
        APP_TITLE,
        "This practice is already open in Superbill Desk: switch to that window. A practice is open "
        "in one window at a time, so that nothing recorded in one is lost to the other.",
    )
    box.setInformativeText(str(error))
    box.exec()


def _cannot_open(error: StoreUnavailable) -> None:
    from PySide6.QtWidgets import QMessageBox

    _waiting_on_the_therapist()
    box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, "Superbill Desk cannot open your practice data.")
    box.setInformativeText(str(error))
    box.exec()
