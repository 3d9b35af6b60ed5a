"""The patient's Claims tab, driven by mouse clicks: each issued claim listed with its number, date,
payer, form or 837P and total, and opened or saved byte for byte as it was recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from app.services.claims import ClaimRequest, issue_claim_for
from app.services.superbills import Period
from app.services.workspace import Workspace
from app.ui.patients.claims_page import X12TextDialog
from app.ui.patients.patient_view import PatientView
from app.ui.superbills.pdf_preview import PdfPreviewDialog
from tests.ui.conftest import TODAY

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

X12 = b"ISA*00*          *00*          *ZZ*1558598797     *ZZ*OFFALLY        *260920*1200*^*00501*000000002*0*P*:~"


@pytest.fixture
def view(qtbot: QtBot, workspace: Workspace) -> PatientView:
    widget = PatientView(workspace, TODAY)
    qtbot.addWidget(widget)
    widget.resize(1000, 560)
    with qtbot.waitActive(widget):
        widget.show()
    return widget


def issue_two_claims(workspace: Workspace) -> tuple[str, str]:
    """A red CMS-1500 issued through the service, then an 837P replacing it, as recorded."""
    red = issue_claim_for(workspace, ClaimRequest("pt-0001", Period(), "cms1500-red"), today=TODAY)
    assert red.number is not None and red.recorded
    issued = workspace.store.claim(red.number)
    assert issued is not None
    workspace.store.record_claim(
        number="CL-2026-0002",
        patient="pt-0001",
        payer=issued.payer,
        format="837p",
        visit_keys=issued.visit_keys,
        first_date=issued.first_date,
        last_date=issued.last_date,
        issued_on=TODAY,
        charges=issued.charges,
        document=X12,
        replaces=red.number,
        payer_claim_number="2026274000123",
    )
    return red.number, "CL-2026-0002"


def click_claims_tab(qtbot: QtBot, view: PatientView) -> None:
    bar = view.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(view.tabs.indexOf(view.claims)).center())
    assert view.tabs.currentWidget() is view.claims


def click_row(qtbot: QtBot, view: PatientView, row: int) -> None:
    table = view.claims.view
    rect = table.visualRect(view.claims.model.index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.currentIndex().row() == row


def click_button(qtbot: QtBot, view: PatientView, text: str) -> None:
    button = next(b for b in view.claims.findChildren(QPushButton) if b.text() == text)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_claims_tab_lists_each_issued_claim_with_number_date_payer_form_and_total(
    qtbot: QtBot, view: PatientView, workspace: Workspace
) -> None:
    first, second = issue_two_claims(workspace)
    view.show_patient("pt-0001")
    click_claims_tab(qtbot, view)
    model = view.claims.model
    cells = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    day = TODAY.strftime("%m/%d/%Y")
    assert cells == [
        [first, day, "Premera Blue Cross", "$245.00", "09/09/2026 – 09/16/2026", f"CMS-1500 (red form), replaced by {second}"],
        [second, day, "Premera Blue Cross", "$245.00", "09/09/2026 – 09/16/2026", f"837P file, replaces {first}"],
    ]  # fmt: skip


def test_open_shows_the_recorded_form_and_the_recorded_837p_byte_for_byte(
    qtbot: QtBot, view: PatientView, workspace: Workspace
) -> None:
    first, second = issue_two_claims(workspace)
    view.show_patient("pt-0001")
    click_claims_tab(qtbot, view)
    click_row(qtbot, view, 0)
    click_button(qtbot, view, "&Open")
    preview = view.current_dialog
    assert isinstance(preview, PdfPreviewDialog) and preview.isVisible()
    assert preview.pdf == workspace.store.claim_document(first)
    preview.close()
    qtbot.waitUntil(lambda: view.current_dialog is None)
    click_row(qtbot, view, 1)
    click_button(qtbot, view, "&Open")
    text = view.current_dialog
    assert isinstance(text, X12TextDialog) and text.isVisible()
    assert text.document == X12 == workspace.store.claim_document(second)
    assert text.text.toPlainText().startswith("ISA*00*")
    text.close()


@pytest.mark.parametrize(("row", "name"), [(0, "CL-2026-0001.pdf"), (1, "CL-2026-0002.txt")])
def test_save_a_copy_writes_the_claim_exactly_as_recorded(
    qtbot: QtBot,
    view: PatientView,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    row: int,
    name: str,
) -> None:
    numbers = issue_two_claims(workspace)
    suggested: list[str] = []
    target = tmp_path / "out" / name

    def chosen(_parent: object, _title: str, path: str, _filters: str) -> tuple[str, str]:
        suggested.append(Path(path).name)
        return str(target), ""

    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", chosen)
    view.show_patient("pt-0001")
    click_claims_tab(qtbot, view)
    click_row(qtbot, view, row)
    click_button(qtbot, view, "Save a &copy…")
    qtbot.waitUntil(target.exists)
    assert suggested == [name]
    recorded = workspace.store.claim_document(numbers[row])
    assert hashlib.sha256(target.read_bytes()).hexdigest() == hashlib.sha256(recorded).hexdigest()


def test_a_patient_without_claims_shows_an_empty_tab_with_its_buttons_off(
    qtbot: QtBot, view: PatientView
) -> None:
    view.show_patient("pt-0001")
    click_claims_tab(qtbot, view)
    assert view.claims.model.rowCount() == 0
    assert not any(b.isEnabled() for b in view.claims.findChildren(QPushButton))
