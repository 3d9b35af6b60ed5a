"""The service lines of the visit being edited, as a read-only table: one immutable row per line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.domain.money import format_money
from app.domain.superbill import PricedLine
from app.ui.widgets.table_model import RowTableModel

COL_CODE = 0
COL_SERVICE = 1
COL_MINUTES = 2
COL_UNITS = 3
COL_MODIFIERS = 4
COL_POINTERS = 5
COL_REGION = 6
COL_FEE = 7
COL_CHARGE = 8

HEADERS = ("Code", "Service", "Minutes", "Units", "Modifiers", "Diagnoses", "Body region", "Fee", "Charge")
_RIGHT = {COL_FEE, COL_CHARGE}  # money lines up on the decimal point
# Short counts and codes sit in the middle of their columns: side by side, a right-aligned count and
# left-aligned modifiers ran together ("2" then "59 GP" read as "259 GP").
_CENTER = {COL_MINUTES, COL_UNITS, COL_MODIFIERS, COL_POINTERS}

_Index = QModelIndex | QPersistentModelIndex


class LineRow(NamedTuple):
    code: str
    service: str
    minutes: int | None
    units: int
    hand_units: bool  # entered by hand rather than counted by the payer's rule
    modifiers: str
    pointers: str
    region: str
    fee: int | None  # cents per unit
    charge: int  # cents


def row_from_priced(priced: PricedLine) -> LineRow:
    line = priced.line
    return LineRow(
        code=line.cpt,
        service=priced.procedure.description if priced.procedure else "Not in your procedure codes",
        minutes=line.minutes if priced.procedure is None or priced.procedure.timed else None,
        units=priced.units,
        hand_units=line.units is not None,
        modifiers=" ".join(line.modifiers),
        pointers="".join(line.pointers),
        region=line.body_region or "",
        fee=priced.fee,
        charge=priced.charge,
    )


class ServiceLinesModel(RowTableModel[LineRow]):
    HEADERS = HEADERS

    def set_rows(self, rows: Iterable[LineRow]) -> None:
        rows = tuple(rows)
        if len(rows) == len(self._rows):
            # Same lines, new values (a keystroke in the line's fields): keep the selection.
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(HEADERS) - 1))
            return
        super().set_rows(rows)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(HEADERS)
        if horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _shown(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return _raw(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_UNITS and row.hand_units:
                return "Counted by hand"
            if column in (COL_CODE, COL_SERVICE):
                return f"{row.code}: {row.service}"
        return None


def _alignment(column: int) -> int | None:
    if column in _RIGHT:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if column in _CENTER:
        return int(Qt.AlignmentFlag.AlignCenter)
    return None


def _shown(row: LineRow, column: int) -> str:
    if column == COL_CODE:
        return row.code
    if column == COL_SERVICE:
        return row.service
    if column == COL_MINUTES:
        return "" if row.minutes is None else str(row.minutes)
    if column == COL_UNITS:
        return f"{row.units}*" if row.hand_units else str(row.units)
    if column == COL_MODIFIERS:
        return row.modifiers
    if column == COL_POINTERS:
        return row.pointers
    if column == COL_REGION:
        return row.region
    if column == COL_FEE:
        return "no fee" if row.fee is None else format_money(row.fee)
    if column == COL_CHARGE:
        return format_money(row.charge)
    return ""


def _raw(row: LineRow, column: int) -> Any:
    return {
        COL_CODE: row.code,
        COL_SERVICE: row.service,
        COL_MINUTES: row.minutes,
        COL_UNITS: row.units,
        COL_MODIFIERS: row.modifiers,
        COL_POINTERS: row.pointers,
        COL_REGION: row.region,
        COL_FEE: row.fee,
        COL_CHARGE: row.charge,
    }.get(column)
