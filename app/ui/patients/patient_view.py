"""One patient at a glance: header with the balance due, then details, coverage, prescriptions, visits,
payments, issued superbills and issued claims, each with its own actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import us_date
from app.domain.errors import ValidationError
from app.domain.money import format_money
from app.domain.phones import format_phone
from app.services import patients, payments, superbills, visits
from app.services.accounts import PatientAccount
from app.services.errors import RecordNotFound, StoreUnavailable
from app.services.workspace import Workspace
from app.ui import icons
from app.ui.patients.claims_page import ClaimsPage
from app.ui.patients.table_page import TablePage
from app.ui.widgets.fit import scroll_area
from app.ui.widgets.open_dialog import open_dialog
from app.ui.widgets.record_tables import (
    CoverageTableModel,
    PaymentTableModel,
    PrescriptionTableModel,
    SuperbillTableModel,
    VisitTableModel,
    coverage_row,
    payment_row,
    prescription_row,
    superbill_row,
    visit_row,
)
from app.ui.widgets.saving import choose_save_file, save_chosen_file

if TYPE_CHECKING:
    from app.ui.patients.patient_record_dialog import PatientRecordDialogClass

EMPTY_TEXT = "Choose a patient on the left, or press Ctrl+Shift+N to add one"

SEXES = {"F": "Female", "M": "Male", "X": "X"}


def _tell(parent: QWidget, title: str, text: str, detail: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("patientViewMessage")
    if detail:
        box.setInformativeText(detail)
    box.exec()


def _confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("patientViewQuestion")
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is yes


class PatientView(QWidget):
    newVisitRequested = Signal(str)
    repeatVisitRequested = Signal(str)  # a new visit filled in from the last one, the cursor on Save
    editVisitRequested = Signal(str, str)  # patient key, visit key
    superbillRequested = Signal(str)
    changed = Signal()

    def __init__(
        self, workspace: Workspace, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._today = today
        self.patient_key: str | None = None
        self.account: PatientAccount | None = None
        self.current_dialog: QDialog | None = None
        self._build()
        self.show_patient(None)

    # Building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.stack = QStackedWidget(self)
        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        font = self.empty_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty_label.setFont(font)
        self.stack.addWidget(self.empty_label)

        page = QWidget(self)
        self.stack.addWidget(page)
        layout = QVBoxLayout(page)
        layout.addWidget(self._build_header(page))
        self.tabs = QTabWidget(page)
        layout.addWidget(self.tabs, 1)
        # Scrolls on a short screen (1366x768 at 200%) rather than making the window taller than it.
        self.tabs.addTab(scroll_area(self._build_details()), "&Details")

        self.coverages = TablePage(CoverageTableModel(self), self.edit_coverage)
        self.coverages.add_button("&Add coverage…", self.add_coverage)
        self.coverages.add_button("&Edit coverage…", self.edit_coverage, needs_row=True)
        self.coverages.finish_buttons()
        self.tabs.addTab(self.coverages, "C&overage")

        self.prescriptions = TablePage(PrescriptionTableModel(self), self.edit_prescription)
        self.prescriptions.add_button("&Add prescription…", self.add_prescription)
        self.prescriptions.add_button("&Edit prescription…", self.edit_prescription, needs_row=True)
        self.prescriptions.finish_buttons()
        self.tabs.addTab(self.prescriptions, "&Prescriptions")

        self.visits = TablePage(VisitTableModel(self), self.edit_visit)
        self.visits.add_button("&New visit…", self.new_visit)
        repeat = self.visits.add_button("Repeat l&ast visit…", self.repeat_visit)
        repeat.setToolTip("A new visit, today, filled in from the last one: check it and save (Ctrl+R)")
        self.visits.add_button("&Edit visit…", self.edit_visit, needs_row=True)
        self.visits.add_button("De&lete visit…", self.delete_visit, needs_row=True)
        self.visits.finish_buttons()
        self._delete_key(self.visits, self.delete_visit)
        self.tabs.addTab(self.visits, "&Visits")

        self.payments = TablePage(PaymentTableModel(self), self.edit_payment)
        self.payments.add_button("&Record payment…", self.record_payment)
        self.payments.add_button("&Edit payment…", self.edit_payment, needs_row=True)
        self.payments.add_button("De&lete payment…", self.delete_payment, needs_row=True)
        self.payments.finish_buttons()
        self._delete_key(self.payments, self.delete_payment)
        self.payments.note.show()
        self.tabs.addTab(self.payments, "Pa&yments")

        self.superbills = TablePage(SuperbillTableModel(self), self.open_superbill)
        self.superbills.add_button("&Open", self.open_superbill, needs_row=True)
        self.superbills.add_button("Save a &copy…", self.save_superbill_copy, needs_row=True)
        self.superbills.add_button("Save with p&assword…", self.save_superbill_with_password, needs_row=True)
        self.superbills.add_button("&New superbill…", self._request_superbill)
        self.superbills.finish_buttons()
        self.superbills.note.setText(
            "Open shows a superbill exactly as it was handed out; Save a copy writes the same file."
        )
        self.superbills.note.setEnabled(False)
        self.superbills.note.show()
        self.tabs.addTab(self.superbills, "&Superbills")
        self.claims = ClaimsPage(self._workspace, self)
        self.tabs.addTab(self.claims, "Clai&ms")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    def _build_header(self, parent: QWidget) -> QWidget:
        header = QFrame(parent)
        header.setFrameShape(QFrame.Shape.StyledPanel)
        self.name_label = QLabel(header)
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.facts_label = QLabel(header)
        self.facts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.facts_label.setWordWrap(True)  # on a narrow screen, two lines rather than a wider window
        self.balance_label = QLabel(header)
        self.balance_label.setTextFormat(Qt.TextFormat.PlainText)
        self.balance_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        balance_font = QFont(self.balance_label.font())
        balance_font.setPointSizeF(balance_font.pointSizeF() * 1.25)
        balance_font.setBold(True)
        self.balance_label.setFont(balance_font)
        names = QVBoxLayout()
        names.addWidget(self.name_label)
        names.addWidget(self.facts_label)
        layout = QHBoxLayout(header)
        layout.addLayout(names, 1)
        layout.addWidget(self.balance_label)
        return header

    def _build_details(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.detail_labels: dict[str, QLabel] = {}
        for key, title in (
            ("name", "Name"),
            ("dob", "Date of birth"),
            ("sex", "Sex"),
            ("address", "Address"),
            ("phone", "Phone"),
            ("email", "Email"),
            ("account", "Account number"),
        ):
            value = QLabel(page)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.detail_labels[key] = value
            form.addRow(f"{title}:", value)
        self.edit_details_button = QPushButton(icons.icon(icons.EDIT_PATIENT), "&Edit details…", page)
        self.edit_details_button.clicked.connect(self.edit_patient)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_details_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _delete_key(self, page: TablePage, slot: Callable[[], None]) -> None:
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), page.view)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)

    # Showing ----------------------------------------------------------------------------------

    def show_patient(self, key: str | None) -> None:
        self.patient_key = key
        if key is None:
            self.account = None
            self.stack.setCurrentWidget(self.empty_label)
            return
        try:
            self.account = patients.account(self._workspace, key)
        except RecordNotFound:
            self.patient_key, self.account = None, None
            self.stack.setCurrentWidget(self.empty_label)
            return
        except StoreUnavailable as error:
            _tell(
                self, "Could not open the patient", "The patient's records could not be read.", error.message
            )
            return
        self._fill(self.account)
        self.stack.setCurrentIndex(1)

    def reload(self) -> None:
        self.show_patient(self.patient_key)

    def _fill(self, account: PatientAccount) -> None:
        patient = account.chart.patient
        self.name_label.setText(patient.full_name)
        self.facts_label.setText(
            f"Born {us_date(patient.date_of_birth)}   ·   Account {patient.account_number or '—'}"
        )
        balance = account.totals.balance
        if balance > 0:
            self.balance_label.setText(f"Balance due {format_money(balance)}")
        elif balance < 0:
            self.balance_label.setText(f"Credit {format_money(-balance)}")
        else:
            self.balance_label.setText("Balance due $0.00")
        labels = self.detail_labels
        labels["name"].setText(patient.full_name)
        labels["dob"].setText(us_date(patient.date_of_birth))
        labels["sex"].setText(SEXES.get(patient.sex or "", "Not given"))
        labels["address"].setText("\n".join(patient.address.lines()) if patient.address else "—")
        labels["phone"].setText(format_phone(patient.phone or "") or "—")
        labels["email"].setText(patient.email or "—")
        labels["account"].setText(patient.account_number or "—")

        self.coverages.set_rows(
            [coverage_row(c, account.payers.get(c.payer)) for c in account.chart.coverages]
        )
        self.prescriptions.set_rows(
            [prescription_row(rx, account.usage[rx.key]) for rx in account.chart.prescriptions]
        )
        self.visits.set_rows([visit_row(v) for v in account.visits])
        self.payments.set_rows([payment_row(p) for p in account.chart.payments])
        totals = account.totals
        self.payments.note.setText(
            f"Charges {format_money(totals.charges)}   ·   Payments {format_money(totals.payments)}   ·   "
            f"Balance due {format_money(totals.balance)}"
        )
        self.superbills.set_rows([superbill_row(s) for s in account.superbills])
        self.claims.show_patient(patient.key)

    # Dialogs ----------------------------------------------------------------------------------

    def _open(self, dialog: QDialog, select: Callable[[str], None] | None = None) -> None:
        """Open a record dialog without blocking; when it saves, reload and tell the window."""

        def saved(key: str) -> None:
            self.reload()
            if select is not None:
                select(key)
            self.changed.emit()

        dialog.saved.connect(saved)  # type: ignore[attr-defined]
        open_dialog(self, dialog)

    # Dialog modules are imported when first opened, so the main window shows sooner.

    def edit_patient(self) -> None:
        from app.ui.patients.patient_dialog import PatientDialog

        if self.patient_key:
            self._open(PatientDialog(self._workspace, self.patient_key, self, today=self._today))

    def _add_record(
        self, dialog: PatientRecordDialogClass, page: TablePage, *, show_page: bool = True
    ) -> None:
        """A new record of this patient's, selected on its page once saved."""
        if self.patient_key:
            if show_page:
                self.tabs.setCurrentWidget(page)  # where the new record will be seen
            self._open(dialog(self._workspace, self.patient_key, None, self._today, self), page.select)

    def _edit_record(self, dialog: PatientRecordDialogClass, page: TablePage) -> None:
        """The record chosen on the page."""
        key = page.current_key()
        if self.patient_key and key:
            self._open(dialog(self._workspace, self.patient_key, key, self._today, self))

    def add_coverage(self) -> None:
        from app.ui.patients.coverage_dialog import CoverageDialog

        self._add_record(CoverageDialog, self.coverages)

    def edit_coverage(self) -> None:
        from app.ui.patients.coverage_dialog import CoverageDialog

        self._edit_record(CoverageDialog, self.coverages)

    def add_prescription(self) -> None:
        from app.ui.patients.prescription_dialog import PrescriptionDialog

        self._add_record(PrescriptionDialog, self.prescriptions)

    def edit_prescription(self) -> None:
        from app.ui.patients.prescription_dialog import PrescriptionDialog

        self._edit_record(PrescriptionDialog, self.prescriptions)

    def record_payment(self) -> None:
        from app.ui.patients.payment_dialog import PaymentDialog

        self._add_record(PaymentDialog, self.payments, show_page=False)

    def edit_payment(self) -> None:
        from app.ui.patients.payment_dialog import PaymentDialog

        self._edit_record(PaymentDialog, self.payments)

    # Visits -----------------------------------------------------------------------------------

    def new_visit(self) -> None:
        if self.patient_key:
            self.newVisitRequested.emit(self.patient_key)

    def repeat_visit(self) -> None:
        if self.patient_key:
            self.repeatVisitRequested.emit(self.patient_key)

    def edit_visit(self) -> None:
        key = self.visits.current_key()
        if self.patient_key and key:
            self.editVisitRequested.emit(self.patient_key, key)

    def delete_visit(self) -> None:
        key = self.visits.current_key()
        if not (self.patient_key and key and self.account):
            return
        charges = next(v for v in self.account.visits if v.visit.key == key)
        when = us_date(charges.visit.date)
        issued = visits.issued_records_of(self._workspace, self.patient_key, key)
        if issued.superbills:
            _tell(
                self,
                "This visit stays",
                f"The visit of {when} is on superbill {issued.superbills[0]}, which was already issued.",
                "An issued superbill is the record of what the patient was given, so its visits cannot be "
                "deleted. Correct the visit and issue a new superbill instead.",
            )
            return
        if issued.claims:
            _tell(
                self,
                "This visit stays",
                f"The visit of {when} is on claim {issued.claims[0]}, which was already issued.",
                "An issued claim is the record of what the payer was billed, so its visits cannot be "
                f"deleted. Correct the visit and send a replacement claim for {issued.claims[0]} instead.",
            )
            return
        if not _confirm(
            self, "Delete visit", f"Delete the visit of {when}? This cannot be undone.", "Delete visit"
        ):
            return
        self._change(lambda: visits.delete_visit(self._workspace, self.patient_key or "", key))

    def delete_payment(self) -> None:
        key = self.payments.current_key()
        if not (self.patient_key and key and self.account):
            return
        payment = next(p for p in self.account.chart.payments if p.key == key)
        text = f"Delete the payment of {format_money(payment.amount)} on {us_date(payment.date)}?"
        if _confirm(self, "Delete payment", text, "Delete payment"):
            self._change(lambda: payments.delete_payment(self._workspace, self.patient_key or "", key))

    def _change(self, action: Callable[[], None]) -> None:
        try:
            action()
        except ValidationError as error:
            _tell(self, "Not changed", error.message)
            return
        except StoreUnavailable as error:
            _tell(self, "Not changed", "Nothing was changed.", error.message)
            return
        self.reload()
        self.changed.emit()

    # Superbills -------------------------------------------------------------------------------

    def _request_superbill(self) -> None:
        if self.patient_key:
            self.superbillRequested.emit(self.patient_key)

    def _stored_pdf(self, number: str) -> bytes | None:
        try:
            return superbills.stored_pdf(self._workspace, number)
        except (StoreUnavailable, RecordNotFound) as error:
            message = error.message if isinstance(error, StoreUnavailable) else str(error)
            _tell(self, "Could not open the superbill", f"Superbill {number} could not be read.", message)
            return None

    def open_superbill(self) -> None:
        number = self.superbills.current_key()
        pdf = self._stored_pdf(number) if number else None
        if number is None or pdf is None:
            return
        from app.ui.superbills.pdf_preview import PdfPreviewDialog  # QtPdf loads only when a PDF is shown

        preview = PdfPreviewDialog(pdf, f"Superbill {number}.pdf", self, data_folder=self._workspace.data_dir)
        open_dialog(self, preview)

    def save_superbill_copy(self) -> None:
        number = self.superbills.current_key()
        pdf = self._stored_pdf(number) if number else None
        if number is None or pdf is None:
            return
        path = choose_save_file(self, "Save a copy of the superbill", f"Superbill {number}.pdf")
        if path:
            save_chosen_file(self, path, pdf, self._workspace.data_dir)

    def save_superbill_with_password(self) -> None:
        """A copy that opens only with a password typed twice, to send by e-mail."""
        number = self.superbills.current_key()
        pdf = self._stored_pdf(number) if number else None
        if number is None or pdf is None:
            return
        from app.ui.superbills.pdf_password_dialog import save_with_password

        save_with_password(self, pdf, f"Superbill {number}.pdf", self._workspace.data_dir)

    # Keyboard ---------------------------------------------------------------------------------

    def focus_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        widget = self.tabs.currentWidget()
        if isinstance(widget, TablePage):
            widget.view.setFocus()
