"""File > Import clients...: a client list from a spreadsheet, its columns shown to confirm, then imported.

Reading, the guess of the columns, the checks and the import (all or nothing): app.services.client_import.
This asks for the file, shows how its columns will be read, and says what was done or what to fix.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services import client_import
from app.services.errors import StoreUnavailable
from app.services.workspace import Workspace
from app.ui.widgets.saving import start_folder

FILE_FILTER = "Spreadsheet exports (*.csv *.tsv *.txt);;All files (*)"


class ImportClientsDialog(QDialog):
    """The file's columns and what each goes into; Import adds the clients, all or none."""

    def __init__(self, workspace: Workspace, path: Path, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.today = workspace, today
        self.result_summary: client_import.ImportResult | None = None
        self.setWindowTitle("Import clients")
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setObjectName("importDetails")
        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("&Import", self)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.import_clients)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(560, self.screen().availableGeometry().width() - 40))
        self.client_file: client_import.ClientFile | None = None
        self.mapping: dict[str, str] = {}
        try:
            self.client_file = client_import.read_client_file(path)
            self.mapping = client_import.guess_columns(self.client_file.headers)
        except ValidationError as error:
            self._refused(f"{path.name} cannot be imported: {error.message}")
            return
        lines = client_import.describe_mapping(self.client_file, self.mapping)
        self.details.setPlainText("\n".join(line.strip() for line in lines))
        try:
            client_import.check_columns(self.mapping)
        except ValidationError as error:
            self._refused(f"{path.name} cannot be imported: {error.message}.")
            return
        self.heading.setText(
            f"{path.name}: {len(self.client_file.rows):,} row(s). Check how each column will be read, "
            "then choose Import. Every client is added, or none if a value must be fixed."
        )
        self.import_button.setDefault(True)
        self.import_button.setFocus()

    def _refused(self, text: str) -> None:
        self.heading.setText(text)
        self.import_button.setEnabled(False)
        self.close_button.setText("Close")

    def import_clients(self) -> None:
        if self.client_file is None:
            return
        try:
            result = client_import.import_client_file(
                self.workspace, self.client_file, self.mapping, today=self.today
            )
        except (ValidationError, StoreUnavailable) as error:
            # nothing was imported: the file can be fixed and imported again
            where = f"{error.field}: " if isinstance(error, ValidationError) else ""
            self.heading.setText(
                f"Nothing was imported. {where}{error.message} Fix the file, then import again."
            )
            return
        self.result_summary = result
        self.heading.setText(
            f"Imported {len(result.added):,} client(s)."
            + (
                f" {len(result.duplicates):,} were already here and were not added again:"
                if result.duplicates
                else ""
            )
        )
        self.details.setPlainText("\n".join(f"Row {d.row}: {d.name} ({d.reason})" for d in result.duplicates))
        self.details.setVisible(bool(result.duplicates))
        self.import_button.setEnabled(False)
        self.import_button.hide()
        self.close_button.setText("Close")
        self.close_button.setFocus()


def choose_client_file(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, "Choose the client list (CSV from Excel or Google Sheets)", str(start_folder()), FILE_FILTER
    )
    return Path(chosen) if chosen else None
