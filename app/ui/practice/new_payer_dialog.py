"""A small dialog that adds one payer, started from a list of common payers (app.domain.common_payers).

Opened from the coverage dialog ("New payer..."), so a payer never sends the therapist elsewhere. The
list has the keyboard: typing "cig" highlights Cigna and Enter saves it; an entry that stands for many
carriers ("Workers' compensation carrier") puts the cursor in the name to type it first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.common_payers import COMMON_PAYERS, CommonPayer
from app.domain.errors import ValidationError
from app.domain.practice import Payer, PayerKind, UnitRule
from app.domain.units import RULE_NAMES as UNIT_RULE_NAMES
from app.services import payers
from app.services.workspace import Workspace
from app.ui.practice.payers_dialog import KIND_WORDS
from app.ui.widgets.record_form import RecordDialog, fill_combo, select_data

ANOTHER = "Another payer (type its name)"


class NewPayerDialog(RecordDialog):
    """`saved(payer_key)` once the payer is stored; `payer` is then the stored payer."""

    saved = Signal(str)
    what = "this payer"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.payer: Payer | None = None
        self.setWindowTitle("New payer")

        self.commonList = QListWidget(self)
        for common in COMMON_PAYERS:
            item = QListWidgetItem(common.label, self.commonList)
            item.setData(Qt.ItemDataRole.UserRole, common)
        QListWidgetItem(ANOTHER, self.commonList)
        rows = self.commonList.count()
        self.commonList.setMinimumHeight(min(rows, 8) * (self.commonList.fontMetrics().height() + 4))
        start = QLabel("&Start from:", self)
        start.setBuddy(self.commonList)
        self.nameEdit = QLineEdit(self)
        self.kindCombo = QComboBox(self)
        fill_combo(self.kindCombo, [(kind.label, kind.value) for kind in PayerKind])
        self.unitRuleCombo = QComboBox(self)
        fill_combo(self.unitRuleCombo, [(UNIT_RULE_NAMES[rule], rule.value) for rule in UnitRule])
        self.hintLabel = QLabel(self)
        self.hintLabel.setWordWrap(True)
        self.hintLabel.setEnabled(False)
        self.errorLabel = QLabel(self)
        self.errorLabel.setWordWrap(True)
        self.buttonBox = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )

        form = QFormLayout()
        form.addRow("Payer's &name:", self.nameEdit)
        form.addRow("&Kind:", self.kindCombo)
        form.addRow("&Unit rule:", self.unitRuleCombo)
        layout = QVBoxLayout(self)
        layout.addWidget(start)
        layout.addWidget(self.commonList, 1)
        layout.addLayout(form)
        layout.addWidget(self.hintLabel)
        layout.addWidget(self.errorLabel)
        layout.addWidget(self.buttonBox)

        self.setup_record_form(
            self.buttonBox,
            self.errorLabel,
            {
                "payer.name": self.nameEdit,
                "payer.kind": self.kindCombo,
                "payer.unit_rule": self.unitRuleCombo,
            },
        )
        self.commonList.currentItemChanged.connect(self._start_from)
        self.commonList.itemActivated.connect(self._activated)
        self.kindCombo.currentIndexChanged.connect(self._explain)
        self.nameEdit.returnPressed.connect(self.save)
        self._explain()
        self.commonList.setFocus()
        self.setMinimumWidth(460)

    def _start_from(self, item: QListWidgetItem | None) -> None:
        common = _common(item)
        if item is None:
            return
        with self.watcher.loading():  # a starting point, not yet something typed to lose
            self.nameEdit.setText(common.name if common else "")
            select_data(self.kindCombo, (common.kind if common else PayerKind.COMMERCIAL).value)
            select_data(self.unitRuleCombo, (common.unit_rule if common else UnitRule.AMA_MIDPOINT).value)
        self._explain()

    def _activated(self, item: QListWidgetItem) -> None:
        """Enter or a double click: a payer with its full name is saved; otherwise its name is typed first."""
        common = _common(item)
        if common is not None and not common.asks_name:
            self.save()
            return
        self.nameEdit.setFocus()
        self.nameEdit.end(False)

    def _explain(self) -> None:
        kind = PayerKind(self.kindCombo.currentData())
        self.hintLabel.setText(
            f"{KIND_WORDS[kind]} Check the unit rule against the plan's policy; you can change it "
            "later under Practice > Payers and fees."
        )

    def store_record(self) -> None:
        payer = Payer(
            key="",
            name=self.nameEdit.text(),
            kind=PayerKind(self.kindCombo.currentData()),
            unit_rule=UnitRule(self.unitRuleCombo.currentData()),
        )
        common = _common(self.commonList.currentItem())
        if (
            common is not None
            and common.asks_name
            and common.name
            and payer.name.strip() == common.name.strip()
        ):
            raise ValidationError(
                "payer.name", f'Payer\'s name: finish it with the plan, such as "{common.name}Texas".'
            )
        self.payer = payers.save_payer(self._workspace, payer)
        self.saved.emit(self.payer.key)


def _common(item: QListWidgetItem | None) -> CommonPayer | None:
    value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
    return value if isinstance(value, CommonPayer) else None


def add_new_payer_button(form: QFormLayout, combo: QComboBox, slot: Callable[[], None]) -> QPushButton:
    """A "New payer..." button to the right of the payer combo of a form."""
    row = QWidget(combo.parentWidget())
    box = QHBoxLayout(row)
    box.setContentsMargins(0, 0, 0, 0)
    form.replaceWidget(combo, row)
    box.addWidget(combo, 1)
    button = QPushButton("Ne&w payer…", row)
    button.setAutoDefault(False)
    button.setToolTip("Add a payer (Aetna, Cigna, a workers' comp carrier...) without leaving this window")
    button.clicked.connect(slot)
    box.addWidget(button)
    return button
