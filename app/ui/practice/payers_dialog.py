"""Payers (kind, unit rule, filing limit, address) and the fee schedule with the therapist's own codes."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from app.domain.errors import ValidationError
from app.domain.money import Cents, format_money
from app.domain.practice import Payer, PayerKind, UnitRule
from app.domain.units import RULE_EXPLANATIONS as UNIT_RULE_WORDS
from app.domain.units import RULE_NAMES as UNIT_RULE_NAMES
from app.services import fees, payers
from app.services.errors import StoreUnavailable
from app.services.workspace import Workspace
from app.ui.forms.ui_payers_dialog import Ui_PayersDialog
from app.ui.widgets.address_fields import address_from, show_address
from app.ui.widgets.as_typed import format_phone_as_typed
from app.ui.widgets.fit import fit_dialog
from app.ui.widgets.record_form import ERROR_COLOUR, RecordDialog, fill_combo, select_data, show_store_problem
from app.ui.widgets.record_tables import FeeTableModel, PayerTableModel, fee_rows, payer_row
from app.ui.widgets.tab_order import tab_chain

KIND_WORDS = {
    PayerKind.COMMERCIAL: "Asks for the member ID and usually the group number.",
    PayerKind.MEDICARE: "Original Medicare does not pay for massage on its own.",
    PayerKind.MEDICARE_ADVANTAGE: "Some plans cover massage as an extra benefit, with a prescription.",
    PayerKind.MEDICAID: "Coverage depends on the state.",
    PayerKind.WORKERS_COMP: "Asks for the claim number, date of injury, employer and adjuster.",
    PayerKind.AUTO: "Asks for the claim number, accident date and state, and adjuster.",
    PayerKind.VA_COMMUNITY_CARE: "Asks for the referral or authorization number.",
    PayerKind.HSA_FSA: "No member ID; may want a letter of medical necessity.",
    PayerKind.SELF_PAY: "The patient pays; nothing more is asked.",
}


def _setup_table(view: QTableView) -> None:
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setStretchLastSection(True)


def _payer_id_row(ui: Ui_PayersDialog) -> QLineEdit:
    """The payer's ID in the clearinghouse's payer list (the 837P names the payer by it), beside the
    filing limit: a row of its own would push the form past a 600-pixel screen."""
    edit = QLineEdit()
    edit.setObjectName("payerIdEdit")
    edit.setPlaceholderText("Such as 91051")
    edit.setToolTip("The 837P claim file names the payer by its ID in your clearinghouse's payer list.")
    label = QLabel("Pay&er ID:")
    label.setBuddy(edit)
    form = ui.payerForm
    row = cast("tuple[int, object]", form.getWidgetPosition(ui.filingSpin))[0]
    form.removeWidget(ui.filingSpin)
    beside = QHBoxLayout()
    metrics = edit.fontMetrics()
    edit.setMinimumWidth(metrics.horizontalAdvance("Such as 91051") + 2 * metrics.height())
    beside.addWidget(ui.filingSpin)
    beside.addWidget(label)
    beside.addWidget(edit, 1)
    form.setLayout(row, QFormLayout.ItemRole.FieldRole, beside)
    tab_chain([ui.filingSpin, edit, ui.line1Edit])
    return edit


class PayersDialog(RecordDialog):
    what = "this payer"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.ui = Ui_PayersDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.payer_key: str | None = None
        self._switching = False

        fill_combo(ui.kindCombo, [(kind.label, kind.value) for kind in PayerKind])
        fill_combo(ui.unitRuleCombo, [(UNIT_RULE_NAMES[rule], rule.value) for rule in UnitRule])
        for label in (ui.kindHintLabel, ui.unitRuleHintLabel, ui.feesHintLabel):
            label.setEnabled(False)
        ui.kindCombo.currentIndexChanged.connect(self._explain)
        ui.unitRuleCombo.currentIndexChanged.connect(self._explain)
        self.payer_id_edit = _payer_id_row(ui)
        self.setup_record_form(
            ui.buttonBox,
            ui.errorLabel,
            {
                "payer.name": ui.nameEdit,
                "payer.kind": ui.kindCombo,
                "payer.unit_rule": ui.unitRuleCombo,
                "payer.filing_limit_days": ui.filingSpin,
                "payer.payer_id": self.payer_id_edit,
                "payer.address.line1": ui.line1Edit,
                "payer.address.line2": ui.line2Edit,
                "payer.address.city": ui.cityEdit,
                "payer.address.state": ui.stateEdit,
                "payer.address.zip": ui.zipEdit,
                "payer.phone": ui.phoneEdit,
            },
        )
        format_phone_as_typed(ui.phoneEdit)
        ui.savePayerButton.clicked.connect(self.save)
        ui.addPayerButton.clicked.connect(self.new_payer)

        self.payers_model = PayerTableModel(self)
        ui.payersView.setModel(self.payers_model)
        _setup_table(ui.payersView)
        ui.payersView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = ui.payersView.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PayerTableModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        ui.payersView.setWordWrap(False)
        ui.payersView.setTextElideMode(Qt.TextElideMode.ElideRight)
        ui.payersTabLayout.setStretch(0, 3)
        ui.payersTabLayout.setStretch(1, 2)
        ui.codeEdit.setMaximumWidth(90)
        ui.payersView.selectionModel().selectionChanged.connect(self._payer_chosen)

        self.fees_model = FeeTableModel(self)
        ui.feesView.setModel(self.fees_model)
        _setup_table(ui.feesView)
        ui.feesView.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        ui.feesView.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        ui.feesView.horizontalHeader().setSectionResizeMode(
            FeeTableModel.COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch
        )
        ui.feesView.horizontalHeader().setStretchLastSection(False)
        self.fees_model.feeChanged.connect(self._save_fee)
        self.fees_model.feeRefused.connect(self._fee_refused)
        ui.addCodeButton.clicked.connect(self.add_code)
        ui.codeEdit.returnPressed.connect(self.add_code)
        ui.descriptionEdit.returnPressed.connect(self.add_code)

        self._load_payers()
        self._load_fees()
        self.resize(980, 600)
        fit_dialog(self)

    # Payers -----------------------------------------------------------------------------------

    def _load_payers(self, select: str | None = None) -> None:
        self._switching = True
        self.payers_model.set_rows(payer_row(p) for p in payers.payers(self._workspace))
        self._switching = False
        row = self.payers_model.row_of(select) if select else (0 if self.payers_model.rowCount() else -1)
        if row >= 0:
            self.ui.payersView.selectRow(row)
        else:
            self._show_payer(None)

    def _payer_chosen(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        if self._switching:
            return
        rows = selected.indexes()
        key = self.payers_model.key(rows[0].row()) if rows else None
        if key == self.payer_key:
            return
        if not self.settle_changes():
            # Stay on the payer being edited, with what was typed.
            self._switching = True
            previous = self.payers_model.row_of(self.payer_key) if self.payer_key else -1
            if previous >= 0:
                self.ui.payersView.selectRow(previous)
            else:
                self.ui.payersView.clearSelection()
            self._switching = False
            return
        self._show_payer(payers.payer(self._workspace, key) if key else None)

    def new_payer(self) -> None:
        if not self.settle_changes():
            return
        self._switching = True
        self.ui.payersView.clearSelection()
        self._switching = False
        self._show_payer(None)
        self.ui.nameEdit.setFocus()

    def _show_payer(self, payer: Payer | None) -> None:
        ui = self.ui
        self.clear_error()
        self.payer_key = payer.key if payer else None
        ui.payerGroup.setTitle(f"Payer: {payer.name}" if payer else "New payer")
        with self.watcher.loading():
            ui.nameEdit.setText(payer.name if payer else "")
            select_data(ui.kindCombo, (payer.kind if payer else PayerKind.COMMERCIAL).value)
            select_data(ui.unitRuleCombo, (payer.unit_rule if payer else UnitRule.CMS_8_MINUTE).value)
            ui.filingSpin.setValue(payer.filing_limit_days or 0 if payer else 0)
            self.payer_id_edit.setText((payer.payer_id or "") if payer else "")
            show_address(ui, payer.address if payer else None)
            ui.phoneEdit.setText((payer.phone or "") if payer else "")
        self._explain()

    def _explain(self) -> None:
        ui = self.ui
        ui.kindHintLabel.setText(KIND_WORDS[PayerKind(ui.kindCombo.currentData())])
        ui.unitRuleHintLabel.setText(UNIT_RULE_WORDS[UnitRule(ui.unitRuleCombo.currentData())])

    def payer_from_form(self) -> Payer:
        ui = self.ui
        return Payer(
            key=self.payer_key or "",
            name=ui.nameEdit.text(),
            kind=PayerKind(ui.kindCombo.currentData()),
            address=address_from(ui),
            phone=ui.phoneEdit.text(),
            unit_rule=UnitRule(ui.unitRuleCombo.currentData()),
            filing_limit_days=ui.filingSpin.value() or None,
            payer_id=self.payer_id_edit.text(),
        )

    def store_record(self) -> None:
        saved = payers.save_payer(self._workspace, self.payer_from_form())
        self.payer_key = saved.key
        self._load_payers(select=saved.key)
        self.ui.payerGroup.setTitle(f"Payer: {saved.name}")  # a new payer is new no more

    def save(self) -> bool:
        """Save the payer and stay open (Close closes)."""
        return self.try_store()

    # Fees -------------------------------------------------------------------------------------

    def _load_fees(self, select: str | None = None) -> None:
        procedures = fees.procedures(self._workspace).values()
        self.fees_model.set_rows(fee_rows(list(procedures), fees.fee_schedule(self._workspace).default))
        row = self.fees_model.row_of(select) if select else -1
        if row >= 0:
            index = self.fees_model.index(row, FeeTableModel.COL_FEE)
            self.ui.feesView.setCurrentIndex(index)

    def _fees_status(self, text: str, error: bool = False) -> None:
        self.ui.feesStatusLabel.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.ui.feesStatusLabel.setText(text)

    def _save_fee(self, code: str, cents: Cents | None) -> None:
        try:
            fees.save_fee(self._workspace, code, cents)
        except (ValidationError, StoreUnavailable) as error:
            self._load_fees(select=code)
            if isinstance(error, StoreUnavailable):
                show_store_problem(self, error)
            else:
                self._fees_status(error.message, error=True)
            return
        shown = format_money(cents) if cents is not None else "no fee"
        self._fees_status(f"Saved: {code} is now {shown} per unit.")

    def _fee_refused(self, code: str, why: str) -> None:
        self._fees_status(f"Not changed: {why}. The fee of {code} stays as it was.", error=True)

    def add_code(self) -> None:
        ui = self.ui
        try:
            procedure = fees.add_procedure(
                self._workspace,
                ui.codeEdit.text(),
                ui.descriptionEdit.text(),
                timed=ui.timedCheck.isChecked(),
            )
        except ValidationError as error:
            self._fees_status(error.message, error=True)
            (ui.codeEdit if error.field == "procedure.code" else ui.descriptionEdit).setFocus()
            return
        except StoreUnavailable as error:
            show_store_problem(self, error)
            return
        ui.codeEdit.clear()
        ui.descriptionEdit.clear()
        ui.timedCheck.setChecked(False)
        self._load_fees(select=procedure.code)
        self._fees_status(f"Added {procedure.code}. Type its fee in the table, such as 40.00.")
        ui.feesView.setFocus(Qt.FocusReason.OtherFocusReason)
