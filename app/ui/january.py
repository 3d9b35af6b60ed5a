"""The File menu's January actions: Import clients... and Year-end statements... (issue 16).

Built with the main window (two plain actions); their dialogs and the services behind them load
only when chosen, so the start-up path imports nothing more (app.ui.first_frame).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def january_actions(window: MainWindow) -> tuple[QAction, QAction]:
    """File > Import clients..., File > Year-end statements..., connected to `window`."""
    import_action = QAction("&Import clients…", window)
    import_action.setStatusTip(
        "Add clients from a spreadsheet (CSV from Excel, Google Sheets or your old booking tool)"
    )
    import_action.triggered.connect(lambda: import_clients(window))
    statements_action = QAction("&Year-end statements…", window)
    statements_action.setStatusTip("A statement of the year for every patient, for taxes and HSA/FSA")
    statements_action.triggered.connect(lambda: year_end_statements(window))
    return import_action, statements_action


def _today(window: MainWindow) -> date:
    return window.today or date.today()


def import_clients(window: MainWindow) -> None:
    from app.ui.patients.import_clients import ImportClientsDialog, choose_client_file

    path = choose_client_file(window)
    if path is None:
        return
    dialog = ImportClientsDialog(window.workspace, path, _today(window), window)
    dialog.finished.connect(lambda _result: window.patients_page.reload())
    window._open(dialog)


def year_end_statements(window: MainWindow) -> None:
    from app.ui.superbills.year_end_statements import write_year_end_statements

    write_year_end_statements(window, window.workspace, _today(window))
