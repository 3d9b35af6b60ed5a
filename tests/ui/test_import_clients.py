"""File > Import clients...: the columns shown to confirm, Import clicked, the clients there (or nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from app.ui.main_window import MainWindow
from app.ui.patients.import_clients import ImportClientsDialog
from tests.ui.conftest import TODAY

CLIENTS = (
    "First Name,Last Name,DOB,Phone\r\nJosé,Muñoz,3/14/1985,2065550148\r\nAna,Lee,12/1/60,\r\n"
    "José,Muñoz,03/14/1985,\r\n"
)


def test_the_dialog_shows_the_columns_then_imports_the_clients_with_duplicates_listed(
    qtbot: QtBot, empty_workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(CLIENTS.encode("cp1252"))
    dialog = ImportClientsDialog(empty_workspace, path, TODAY)
    qtbot.addWidget(dialog)
    assert 'column C "DOB" -> Date of birth' in dialog.details.toPlainText()
    assert "3 row(s)" in dialog.heading.text()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert [p.last_name for p in empty_workspace.store.patients()] == ["Lee", "Muñoz"]
    assert dialog.heading.text().startswith("Imported 2 client(s).")
    assert "Row 4: Muñoz, José (the same as row 2)" in dialog.details.toPlainText()


def test_an_impossible_date_is_named_by_row_and_column_and_nothing_is_imported(
    qtbot: QtBot, empty_workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(CLIENTS.replace("12/1/60", "2/31/1960").encode("cp1252"))
    dialog = ImportClientsDialog(empty_workspace, path, TODAY)
    qtbot.addWidget(dialog)
    dialog.import_button.click()
    assert 'row 3, column C "DOB"' in dialog.heading.text()
    assert dialog.heading.text().startswith("Nothing was imported.")
    assert empty_workspace.store.patients() == []


def test_the_file_menu_offers_import_clients(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "clients.csv"
    path.write_bytes(CLIENTS.encode("utf-8"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window = MainWindow(workspace, today=TODAY)
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QWidget)
    assert "&Import clients…" in [a.text() for a in file_menu.actions()]
    window.import_clients_action.trigger()
    dialog = window.current_dialog
    assert isinstance(dialog, ImportClientsDialog)
    dialog.import_button.click()
    names = {p.last_name for p in workspace.store.patients()}
    assert {"Lee", "Muñoz"} <= names
    dialog.close()


def test_the_dialog_shows_how_full_names_are_split_before_importing(
    qtbot: QtBot, empty_workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "clients.csv"
    path.write_text("Name,DOB\r\nMary Ann van der Berg,3/4/1980\r\n", encoding="utf-8")
    dialog = ImportClientsDialog(empty_workspace, path, TODAY)
    qtbot.addWidget(dialog)
    assert 'row 2: "Mary Ann van der Berg" -> first "Mary Ann", last "van der Berg"' in (
        dialog.details.toPlainText()
    )
    assert empty_workspace.store.patients() == []
