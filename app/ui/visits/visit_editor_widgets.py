"""The visit editor's widgets set up once (tables, lists, icons, where the check goes), and the
coverage and prescription choices as the therapist reads them: kept apart from app/ui/visits/visit_editor.py,
which does what the therapist does with them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QListView, QMessageBox, QWidget

from app.domain.dates import us_date
from app.domain.people import Patient
from app.services.visit_check import VisitSetting
from app.ui import icons
from app.ui.forms.ui_visit_editor import Ui_VisitEditor
from app.ui.visits.service_lines_model import COL_SERVICE, ServiceLinesModel
from app.ui.widgets.fit import room_on


def arrange(dialog: QDialog, ui: Ui_VisitEditor, model: ServiceLinesModel) -> None:
    """The tables, lists, icons and panes of a visit editor, fitted to the screen it opens on."""
    ui.linesTable.setModel(model)
    ui.linesTable.verticalHeader().hide()
    ui.linesTable.verticalHeader().setDefaultSectionSize(ui.linesTable.fontMetrics().height() + 8)
    header = ui.linesTable.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(COL_SERVICE, QHeaderView.ResizeMode.Stretch)
    ui.linesTable.setMinimumHeight(84)
    ui.diagnosesList.setMinimumHeight(72)
    # Descriptions in full, wrapped: codes that differ only at the end ("..., initial encounter",
    # "..., subsequent encounter") must not look alike.
    ui.diagnosesList.setWordWrap(True)
    ui.diagnosesList.setTextElideMode(Qt.TextElideMode.ElideNone)
    ui.diagnosesList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    ui.diagnosesList.setResizeMode(QListView.ResizeMode.Adjust)
    ui.codeLabel.setMinimumHeight(2 * ui.codeLabel.fontMetrics().lineSpacing())  # long descriptions wrap
    ui.saveButton.setDefault(True)
    icons.put_icons(
        {
            ui.saveButton: icons.SAVE,
            ui.cancelButton: icons.CANCEL,
            ui.addDiagnosisButton: icons.ADD,
            ui.removeDiagnosisButton: icons.REMOVE,
            ui.upButton: icons.MOVE_UP,
            ui.downButton: icons.MOVE_DOWN,
            ui.addServiceButton: icons.ADD,
            ui.removeServiceButton: icons.REMOVE,
        }
    )
    ui.splitter.setStretchFactor(0, 3)
    ui.splitter.setStretchFactor(1, 2)
    ui.findingsPanel.setMinimumWidth(300)
    ui.splitter.setSizes([740, 380])
    if (
        room_on(dialog).width() < 1100
    ):  # a small laptop, or 200%: the check below the form, not squeezed beside it
        ui.splitter.setOrientation(Qt.Orientation.Vertical)
        ui.findingsPanel.setMinimumWidth(0)
    ui.statusLabel.setText("")
    # The totals beside Save, in view however small the screen (the form above scrolls).
    ui.bottomLayout.insertWidget(ui.bottomLayout.indexOf(ui.saveButton), ui.totalLabel)


def coverage_items(setting: VisitSetting) -> list[tuple[str, str | None]]:
    """(what the therapist reads, the coverage's key) for each coverage, then self-pay."""
    items: list[tuple[str, str | None]] = []
    for coverage in setting.chart.coverages:
        payer = setting.payers.get(coverage.payer)
        label = payer.name if payer else f"{coverage.payer} (payer not in your list)"
        number = coverage.member_id or coverage.claim_number or coverage.authorization_number
        items.append((f"{label} · {number}" if number else label, coverage.key))
    items.append(("Self-pay / none", None))
    return items


def prescription_items(setting: VisitSetting, visit_key: str) -> list[tuple[str, str | None]]:
    """(what the therapist reads, the prescription's key) for each prescription, then none."""
    items: list[tuple[str, str | None]] = []
    for rx in setting.chart.prescriptions:
        by = ", ".join(x for x in (rx.prescriber_name, rx.prescriber_credentials) if x)
        until = f"until {us_date(rx.expires_on)}" if rx.expires_on else f"from {us_date(rx.written_on)}"
        text = f"{by} · {until}"
        if rx.authorized_visits is not None:
            used = setting.visits_on_prescription(rx.key, but=visit_key)
            text += f" · {used} of {rx.authorized_visits} used"
        items.append((text, rx.key))
    items.append(("No prescription", None))
    return items


def show_patient(dialog: QDialog, ui: Ui_VisitEditor, patient: Patient, *, new_visit: bool) -> None:
    """Whose visit it is, in the title and large above the form."""
    name = patient.full_name
    dialog.setWindowTitle(f"New visit — {name}" if new_visit else f"Visit — {name}")
    facts = [name, f"born {us_date(patient.date_of_birth)}"]
    if patient.account_number:
        facts.append(f"account {patient.account_number}")
    ui.patientLabel.setText(" · ".join(facts))
    font = ui.patientLabel.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    ui.patientLabel.setFont(font)


def visit_field(ui: Ui_VisitEditor, name: str) -> QWidget | None:
    """The widget of a visit's own field (`date`, `place_of_service`, ...) as a finding names it."""
    fields: dict[str, QWidget] = {
        "date": ui.dateEdit,
        "place_of_service": ui.placeCombo,
        "coverage": ui.coverageCombo,
        "prescription": ui.prescriptionCombo,
        "lines": ui.addServiceButton,
    }
    return fields.get(name)


def not_saved(parent: QWidget, problem: Exception, *, fault: bool) -> None:
    """The visit could not be saved: what happened, and that what was typed is still in the window."""
    message = (
        "Superbill Desk met a fault of its own while saving. Your visit is still in this window; "
        f"please report this message: {problem}"
        if fault
        else str(problem)
    )
    QMessageBox.warning(parent, "The visit was not saved", f"{message}\n\nWhat you typed is still here.")


def ask_to_save_visit(parent: QWidget) -> int:
    """Save, Discard or Cancel, for a visit with changes that are not saved."""
    ask = QMessageBox(
        QMessageBox.Icon.Question,
        "Unsaved changes",
        "This visit has changes that are not saved. Save them?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    ask.setDefaultButton(QMessageBox.StandardButton.Save)
    return ask.exec()
