"""Choose a procedure code: the built-in catalogue and the therapist's own codes, with the fee for each."""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QWidget,
)

from app.domain.money import format_money
from app.domain.practice import FeeSchedule
from app.domain.procedures import Procedure
from app.services import fees
from app.services.workspace import Workspace
from app.ui.visits.code_search import CodeSearch, words_match
from app.ui.widgets.table_model import RowTableModel

COL_CODE = 0
COL_DESCRIPTION = 1
COL_TIMED = 2
COL_FEE = 3
HEADERS = ("Code", "Description", "Billed", "Fee per unit")

_Index = QModelIndex | QPersistentModelIndex


class CptRow(NamedTuple):
    code: str
    description: str
    timed: bool
    fee: int | None  # cents per unit, from the fee schedule
    user_added: bool


class CptModel(RowTableModel[CptRow]):
    HEADERS = HEADERS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_CODE:
                return row.code
            if column == COL_DESCRIPTION:
                return row.description + ("  (your code)" if row.user_added else "")
            if column == COL_TIMED:
                return "per 15 min" if row.timed else "per session"
            if column == COL_FEE:
                return "no fee set" if row.fee is None else format_money(row.fee)
        if role == Qt.ItemDataRole.UserRole:
            return (row.code, row.description, row.timed, row.fee)[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_FEE and row.fee is None:
            return QBrush(QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_FEE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def procedure_matches(query: str, procedure: Procedure) -> bool:
    """The query starts the code, or each of its words starts a word of the description."""
    text = query.strip()
    if not text:
        return True
    if procedure.code.startswith(text.upper()):
        return True
    return words_match(text, procedure.description)


class CptPicker(CodeSearch):
    """A filter field over the procedure codes and the matching codes; Enter chooses the highlighted one."""

    codeChosen = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._payer: str | None = None
        self._procedures: dict[str, Procedure] = {}
        self._fees = FeeSchedule()

        self.model = CptModel(self)
        hint = QLabel("Enter chooses the highlighted code. Fees come from your fee schedule.", self)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._build("&Find a procedure code:", "Code or words, such as  97124  or  massage", self.model, hint)
        header = self.view.header()
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_TIMED, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FEE, QHeaderView.ResizeMode.ResizeToContents)
        self.reload()

    def set_payer(self, payer_key: str | None) -> None:
        """Show the fees this payer is charged (its own fee schedule where it has one)."""
        if payer_key != self._payer:
            self._payer = payer_key
            self.reload()

    def reload(self) -> None:
        """Read the codes and fees again (after the therapist changed them)."""
        self._procedures = fees.procedures(self._workspace)
        self._fees = fees.fee_schedule(self._workspace)
        self._update_results()

    def reset(self) -> None:
        if self.search.text():
            self.search.clear()
        self.search.setFocus()

    def _update_results(self) -> None:
        text = self.search.text()
        rows = [
            CptRow(p.code, p.description, p.timed, self._fees.fee_for(p.code, self._payer), p.user_added)
            for p in self._procedures.values()
            if procedure_matches(text, p)
        ]
        self.model.set_rows(rows)
        if rows:
            self.view.setCurrentIndex(self.model.index(0, COL_CODE))

    def _activate(self, index: QModelIndex) -> None:
        self.codeChosen.emit(self.model.row(index.row()).code)
