"""The patient's Claims tab: every claim issued for the patient (number, date, payer, how it went out,
dates of service, total), each opened or saved exactly as it was recorded: the CMS-1500 PDF, or the
837P file's text. The claims come from app.services.claims, never from the store."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.dates import us_date
from app.domain.money import format_money
from app.services import claims
from app.services.claims import IssuedClaimEntry
from app.services.errors import RecordNotFound, StoreUnavailable
from app.services.workspace import Workspace
from app.ui.patients.table_page import TablePage
from app.ui.widgets.open_dialog import HoldsADialog, open_dialog
from app.ui.widgets.record_tables import RowsModel, TableRow, dates_of_service
from app.ui.widgets.saving import choose_save_file, save_chosen_file

X12_FILTER = "837P claim files (*.txt *.837)"
NOTE = "Open shows a claim exactly as it was issued; Save a copy writes the same file."


class ClaimTableModel(RowsModel):
    # The total before the longer cells, so that it shows in a 1024 px wide window without scrolling.
    COL_NUMBER, COL_ISSUED, COL_PAYER, COL_TOTAL, COL_PERIOD, COL_FORM = range(6)
    HEADERS = ("Number", "Issued", "Payer", "Total", "Dates of service", "Form or file")
    NUMBERS = frozenset({COL_TOTAL})


def claim_row(entry: IssuedClaimEntry) -> TableRow:
    c = entry.claim
    period = dates_of_service(c.first_date, c.last_date)
    form = c.format_label
    if entry.replaced_by:
        form = f"{form}, replaced by {entry.replaced_by}"
    elif c.replaces:
        form = f"{form}, replaces {c.replaces}"
    return TableRow(
        c.number,
        (c.number, us_date(c.issued_on), entry.payer_name, format_money(c.charges), period, form),
        (c.number, c.issued_on.isoformat(), entry.payer_name, c.charges, c.first_date.isoformat(), c.format),
    )


class ClaimsPage(TablePage):
    """The issued claims of the patient shown, with Open and Save a copy…."""

    def __init__(self, workspace: Workspace, owner: HoldsADialog, parent: QWidget | None = None) -> None:
        super().__init__(ClaimTableModel(), self.open_claim, parent)
        self.setObjectName("claimsPage")
        self._workspace = workspace
        self._owner = owner  # holds the dialog opened (the patient view)
        self._entries: dict[str, IssuedClaimEntry] = {}
        self.add_button("&Open", self.open_claim, needs_row=True)
        self.add_button("Save a &copy…", self.save_claim_copy, needs_row=True)
        self.finish_buttons()
        self.note.setText(NOTE)
        self.note.setEnabled(False)
        self.note.show()

    def show_patient(self, patient_key: str) -> None:
        try:
            entries = claims.issued_claims(self._workspace, patient_key)
        except StoreUnavailable as error:
            QMessageBox.warning(self, "Could not list the claims", error.message)
            entries = []
        self._entries = {e.claim.number: e for e in entries}
        self.set_rows([claim_row(e) for e in entries])

    def _document(self) -> tuple[IssuedClaimEntry, bytes] | None:
        number = self.current_key()
        entry = self._entries.get(number or "")
        if entry is None:
            return None
        try:
            return entry, claims.issued_claim_document(self._workspace, entry.claim.number)
        except (StoreUnavailable, RecordNotFound) as error:
            message = error.message if isinstance(error, StoreUnavailable) else str(error)
            QMessageBox.warning(
                self, "Could not open the claim", f"Claim {number} could not be read.\n{message}"
            )
            return None

    def open_claim(self) -> None:
        found = self._document()
        if found is None:
            return
        entry, document = found
        if entry.claim.is_electronic:
            dialog: QDialog = X12TextDialog(entry.claim.number, document, self)
        else:
            from app.ui.superbills.pdf_preview import PdfPreviewDialog  # QtPdf loads only when shown

            dialog = PdfPreviewDialog(
                document, entry.claim.file_name, self, data_folder=self._workspace.data_dir
            )
        open_dialog(self._owner, dialog)

    def save_claim_copy(self) -> None:
        found = self._document()
        if found is None:
            return
        entry, document = found
        if entry.claim.is_electronic:
            path = choose_save_file(self, "Save a copy of the 837P file", entry.claim.file_name, X12_FILTER)
        else:
            path = choose_save_file(self, "Save a copy of the claim form", entry.claim.file_name)
        if path:
            save_chosen_file(self, path, document, self._workspace.data_dir)


class X12TextDialog(QDialog):
    """An issued 837P file's text, read-only, as it was written."""

    def __init__(self, number: str, document: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("x12TextDialog")
        self.setWindowTitle(f"Claim {number} (837P file)")
        self.document = bytes(document)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        # One segment a line (the file itself is one line; its bytes are not changed).
        self.text.setPlainText(self.document.decode("ascii", "replace").replace("~", "~\n"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)
