"""The claim dialogs: "Claim form…" (a CMS-1500 on plain paper or a red form, previewed and printed)
and "Claim file (837P)…" (saved for a clearinghouse). Choose the payer and its visits (those not yet
claimed to it are ticked), see the check's findings with their boxes, then Draft or Issue.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.check import Finding
from app.domain.dates import us_date
from app.domain.errors import ValidationError
from app.domain.money import format_money
from app.domain.words import plural
from app.services import patients
from app.services.claim_choice import PayerVisits, claim_request, judge_claim, payer_visits
from app.services.claims import (
    ELECTRONIC,
    PAYER_ID,
    RECEIVER,
    ClaimDocument,
    ClaimRefused,
    issue_claim_for,
    missing_ids,
)
from app.services.errors import RecordNotFound, StoreUnavailable
from app.services.workspace import Workspace
from app.ui.superbills.pdf_preview import PdfPreviewDialog, safe_file_name
from app.ui.superbills.superbill_dialog import ERROR_COLOUR, READY_COLOUR, WARNING_COLOUR, SuperbillDialog
from app.ui.widgets.fit import fit_dialog
from app.ui.widgets.record_form import ask_to_issue
from app.ui.widgets.saving import choose_save_file, save_chosen_file

FORM, FILE = "form", "837p"
# What an 837P still lacks to be sent as a claim, in this dialog's words (the CLI names its options).
_MISSING = {
    RECEIVER: "Type your clearinghouse's Receiver ID above: without it the file names RECEIVERID, "
    "which no clearinghouse can deliver.",
    PAYER_ID: "{payer} has no Payer ID: set the payer's ID at your clearinghouse in Practice > Payers "
    "and fees. Without it the file names PAYERID, which no clearinghouse can deliver.",
}
X12_FILTER = "837P claim files (*.txt *.837)"


class _NotSaved(Exception):
    """The 837P could not be saved where the therapist chose: no claim is recorded."""


class ClaimDialog(QDialog):
    """One patient's claim to one payer: a CMS-1500 form (`kind` FORM) or an 837P file (`kind` FILE)."""

    issued = Signal(str)  # the number of a claim just issued

    def __init__(
        self,
        workspace: Workspace,
        patient_key: str,
        kind: str = FORM,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("claimDialog")
        self.workspace = workspace
        self.patient_key = patient_key
        self.kind = kind
        self.today = today or date.today()
        self.preview: PdfPreviewDialog | None = None
        self.findings: list[Finding] = []
        self.missing: tuple[str, ...] = ()  # what an 837P lacks to be a claim (services.claims.missing_ids)
        self.saved_to: Path | None = None
        patient = patients.patient(workspace, patient_key)
        self._name = patient.full_name if patient else "this patient"
        self._last_name = patient.last_name if patient else "patient"
        what = "Claim form" if kind == FORM else "Claim file (837P)"
        self.setWindowTitle(f"{what} - {self._name}")
        self._build(what)
        self._load_payers()
        fit_dialog(self)

    # Building ----------------------------------------------------------------------------------

    def _build(self, what: str) -> None:
        layout = QVBoxLayout(self)
        heading = QLabel(f"{what} for {self._name}", self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        form = QFormLayout()
        self.payerCombo = QComboBox(self)
        payer_label = QLabel("&Payer:", self)
        payer_label.setBuddy(self.payerCombo)
        form.addRow(payer_label, self.payerCombo)
        self.visitsList = QListWidget(self)
        self.visitsList.setObjectName("visitsList")
        self.visitsList.setMaximumHeight(self.fontMetrics().height() * 6)
        visits_label = QLabel("&Visits:", self)
        visits_label.setBuddy(self.visitsList)
        form.addRow(visits_label, self.visitsList)
        self.plainRadio = QRadioButton("P&lain paper (the whole form)", self)
        self.redRadio = QRadioButton("&Red form (only the data, on pre-printed forms)", self)
        self.plainRadio.setChecked(True)
        self._paper = QButtonGroup(self)
        self.receiverEdit = QLineEdit(self)
        self.receiverEdit.setPlaceholderText("Your clearinghouse's ID (blank: RECEIVERID, to fill in later)")
        if self.kind == FORM:
            paper = QHBoxLayout()
            for radio in (self.plainRadio, self.redRadio):
                self._paper.addButton(radio)
                paper.addWidget(radio)
            paper.addStretch(1)
            form.addRow(QLabel("Form:", self), paper)
            self.receiverEdit.hide()
        else:
            self.plainRadio.hide()
            self.redRadio.hide()
            receiver_label = QLabel("R&eceiver ID:", self)
            receiver_label.setBuddy(self.receiverEdit)
            form.addRow(receiver_label, self.receiverEdit)
        self.totalLabel = QLabel(self)
        form.addRow(QLabel("Claim:", self), self.totalLabel)
        layout.addLayout(form)
        self.findingsSummary = QLabel(self)
        self.findingsSummary.setWordWrap(True)
        layout.addWidget(self.findingsSummary)
        self.findingsList = QListWidget(self)
        self.findingsList.setObjectName("claimFindings")
        self.findingsList.setWordWrap(True)
        self.findingsList.setMinimumHeight(self.fontMetrics().height() * 5)
        layout.addWidget(self.findingsList, 1)
        self.notesLabel = QLabel(self)
        self.notesLabel.setWordWrap(True)
        self.notesLabel.hide()
        layout.addWidget(self.notesLabel)
        buttons = QDialogButtonBox(self)
        self.issueButton = QPushButton("&Issue claim…", self)
        self.issueButton.setDefault(True)
        self.draftButton = QPushButton("&Draft", self)
        self.closeButton = QPushButton("Close", self)
        buttons.addButton(self.issueButton, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.draftButton, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.closeButton, QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.issueButton.clicked.connect(lambda: self._issue(draft=False))
        self.draftButton.clicked.connect(lambda: self._issue(draft=True))
        self.closeButton.clicked.connect(self.reject)
        self.payerCombo.currentIndexChanged.connect(self._show_payer)
        self.visitsList.itemChanged.connect(lambda _item: self.refresh())
        self.plainRadio.toggled.connect(lambda _on: self.refresh())
        self.receiverEdit.textChanged.connect(lambda _text: self.refresh())
        self.resize(720, 540)

    def _load_payers(self) -> None:
        try:
            self._payers: list[PayerVisits] = payer_visits(self.workspace, self.patient_key, self.today)
        except (RecordNotFound, StoreUnavailable):
            self._payers = []
        for choice in self._payers:
            self.payerCombo.addItem(choice.payer.name, choice.payer.key)
        if not self._payers:
            self.payerCombo.addItem("No visit bills an insurer that takes claims")
            self.payerCombo.setEnabled(False)
        self._show_payer()

    def _show_payer(self) -> None:
        self.visitsList.blockSignals(True)
        self.visitsList.clear()
        choice = self.payer_choice()
        for entry in choice.visits if choice else ():
            option = entry.visit
            codes = ", ".join(dict.fromkeys(option.procedures)) or "no services"
            text = f"{us_date(option.date)}   {codes}   {format_money(option.charges)}"
            if entry.claimed_by:
                text += f"   (on claim {entry.claimed_by})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, option.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = entry.claimed_by is None
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.visitsList.addItem(item)
        self.visitsList.blockSignals(False)
        self.refresh()

    # The choice --------------------------------------------------------------------------------

    def payer_choice(self) -> PayerVisits | None:
        key = self.payerCombo.currentData()
        return next((c for c in self._payers if c.payer.key == key), None)

    def chosen_visits(self) -> frozenset[str]:
        items = (self.visitsList.item(row) for row in range(self.visitsList.count()))
        return frozenset(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )

    def format(self) -> str:
        if self.kind == FILE:
            return ELECTRONIC
        return "cms1500-red" if self.redRadio.isChecked() else "cms1500-plain"

    def refresh(self) -> None:
        """Rebuild the claim for the choice and show what the check finds."""
        self.findings = []
        self.findingsList.clear()
        choice, visits = self.payer_choice(), self.chosen_visits()
        problem = None
        self.missing = ()
        if choice is None:
            problem = (
                "This patient has no visit billed to an insurer that takes claims: give a superbill instead."
            )
        elif not visits:
            problem = "Tick the visits to claim."
        else:
            try:
                request = claim_request(
                    self.patient_key,
                    choice.payer.key,
                    visits,
                    self.format(),
                    receiver=self.receiverEdit.text(),
                )
                claim, self.findings = judge_claim(self.workspace, request, self.today)
                self.missing = missing_ids(request, claim)
            except ValidationError as error:  # the Receiver ID is named as this dialog names it
                problem = (
                    f"The Receiver ID {error.message}." if error.field == "--receiver" else error.message
                )
            except StoreUnavailable as error:
                problem = error.message
            else:
                forms = len(claim.forms())
                pages = f", {forms} forms each totalled" if self.kind == FORM and forms > 1 else ""
                self.totalLabel.setText(
                    f"{plural(len(visits), 'visit')}, {format_money(claim.total_charge)}{pages}"
                )
        if problem is not None:
            self.totalLabel.setText("-")
            self._summary(problem, ERROR_COLOUR)
            self.issueButton.setEnabled(False)
            self.draftButton.setEnabled(False)
            return
        style = self.style()
        for finding in self.findings:
            item = SuperbillDialog._finding_item(finding, style)
            box = f" (box {finding.box})" if finding.box else ""
            item.setText(f"{'Must fix' if finding.is_error else 'Check'}{box}: {finding.message}")
            self.findingsList.addItem(item)
        assert choice is not None
        for missing in self.missing:  # an 837P without them is a test file, not a claim
            self.findingsList.addItem(f"Must fix: {_MISSING[missing].format(payer=choice.payer.name)}")
        errors = sum(1 for f in self.findings if f.is_error) + len(self.missing)
        warnings = sum(1 for f in self.findings if not f.is_error)
        if errors:
            self._summary(
                f"{plural(errors, 'problem')} to fix before a final claim"
                + (f", and {plural(warnings, 'thing')} to look at." if warnings else "."),
                ERROR_COLOUR,
            )
        elif warnings:
            self._summary(f"Ready to issue. {plural(warnings, 'thing')} to look at first:", WARNING_COLOUR)
        else:
            self._summary("Ready to issue: the check found everything the payer asks for.", READY_COLOUR)
        self.issueButton.setEnabled(errors == 0)
        self.draftButton.setEnabled(True)

    def _summary(self, text: str, colour: QColor) -> None:
        self.findingsSummary.setText(text)
        self.findingsSummary.setStyleSheet(f"color: {colour.name()};")

    # Issuing -----------------------------------------------------------------------------------

    def _confirmed(self) -> bool:
        """Asks once, No the default, like issuing a superbill."""
        choice = self.payer_choice()
        assert choice is not None
        return ask_to_issue(
            self,
            "Issue claim",
            f"Issue a claim to {choice.payer.name} for {self.totalLabel.text()}? It is numbered and "
            "recorded, and cannot be changed afterwards (a correction is a replacement claim).",
        )

    def _issue(self, *, draft: bool) -> None:
        choice, visits = self.payer_choice(), self.chosen_visits()
        if choice is None or not visits:
            return
        if not draft and not self._confirmed():
            return
        request = claim_request(
            self.patient_key,
            choice.payer.key,
            visits,
            self.format(),
            draft=draft,
            receiver=self.receiverEdit.text(),
        )
        deliver = None
        if self.kind == FILE:
            chosen = choose_save_file(
                self, "Save the 837P claim file", self._file_name("txt", None, draft=draft), X12_FILTER
            )
            if chosen is None:
                return
            deliver = ClaimDocumentSaver(self, chosen)
        try:
            document = issue_claim_for(self.workspace, request, today=self.today, deliver=deliver)
        except ClaimRefused:
            self.refresh()  # something changed since the list was shown; it now shows why
            return
        except _NotSaved:
            return  # said already; no number used, nothing recorded
        except ValidationError as error:
            QMessageBox.warning(self, "No claim made", error.message)
            return
        except StoreUnavailable as error:
            QMessageBox.warning(self, "The claim could not be kept", error.message)
            return
        self._done(document)

    def _file_name(self, extension: str, number: str | None, *, draft: bool = False) -> str:
        """ "CL-2026-0001 Okafor.pdf"; before the number is known, "Claim Okafor 2026-09-24.txt"."""
        if number:
            base = f"{number} {self._last_name}"
        else:
            base = f"{'Draft claim' if draft else 'Claim'} {self._last_name} {self.today:%Y-%m-%d}"
        return safe_file_name(base).removesuffix(".pdf") + f".{extension}"  # cleaned for any system

    def _done(self, document: ClaimDocument) -> None:
        notes = [] if self.kind == FILE else list(document.notes)  # the service's notes name CLI options
        if document.number is not None:
            self.issued.emit(document.number)
            self.issueButton.setDefault(False)
            self.closeButton.setDefault(True)
            # The visits just claimed are shown as on the claim, unticked.
            self._payers = payer_visits(self.workspace, self.patient_key, self.today)
            self._show_payer()
        if self.kind == FILE:
            where = f"Saved to {self.saved_to}." if self.saved_to else ""
            what = f"Claim {document.number}" if document.number else "Draft claim file"
            notes.insert(0, f"{what}: {where}")
            if document.number is None:
                notes.append(
                    "A draft is marked T (test) in ISA15, for trying the upload with your clearinghouse: "
                    "it is not a claim, and nothing was numbered or recorded."
                )
                payer = document.claim.payer.name
                notes += [_MISSING[missing].format(payer=payer) for missing in self.missing]
        self.notesLabel.setText("\n".join(notes))
        self.notesLabel.setVisible(bool(notes))
        if self.kind == FORM:
            self._open_preview(document.document, self._file_name("pdf", document.number, draft=True))

    def _open_preview(self, pdf: bytes, name: str) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = PdfPreviewDialog(pdf, name, self, data_folder=self.workspace.data_dir)
        self.preview.open()


class ClaimDocumentSaver:
    """Writes the 837P where the therapist chose while the claim is issued: a failure raises, so no
    number is used and nothing is recorded (app.services.claims.issue_claim's `deliver`)."""

    def __init__(self, dialog: ClaimDialog, chosen: str) -> None:
        self.dialog = dialog
        self.chosen = chosen

    def __call__(self, document: bytes) -> None:
        saved = save_chosen_file(self.dialog, self.chosen, document, self.dialog.workspace.data_dir)
        if saved is None:
            raise _NotSaved
        self.dialog.saved_to = saved
