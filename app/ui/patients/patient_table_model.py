"""The patients list's table: a thin read-only model over immutable rows, one per patient."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex

from app.domain.people import Patient, listed_name
from app.domain.phones import format_phone

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

COL_NAME = 0
COL_DATE_OF_BIRTH = 1
COL_ACCOUNT = 2
COL_PHONE = 3

HEADERS = ("Name", "Date of birth", "Account", "Phone")

# Qt's own role numbers (Qt.ItemDataRole's values, fixed by Qt), compared as the plain ints Qt passes:
# the first frame's paint then never makes PySide6 build its Qt namespace (app.ui.first_frame).
DISPLAY_ROLE, TOOL_TIP_ROLE, USER_ROLE = 0, 3, 256

# The patient's key (the record's ID), for whoever asks which patient a row is.
KeyRole = USER_ROLE + 1

# The roles data() answers. A view asks every visible cell for seven roles on each paint, most of
# them styling ones this model leaves to the style: those are turned away before any other work.
_ANSWERED_ROLES = frozenset({DISPLAY_ROLE, USER_ROLE, KeyRole, TOOL_TIP_ROLE})

AnyIndex = QModelIndex | QPersistentModelIndex


class PatientRow(NamedTuple):
    key: str
    name: str  # "Okafor, Daniel"
    sort_name: str  # the name folded for sorting
    date_of_birth: date
    account_number: str
    phone: str


def row_from_patient(patient: Patient) -> PatientRow:
    name = listed_name(patient.first_name, patient.last_name)
    return PatientRow(
        key=patient.key,
        name=name,
        sort_name=name.casefold(),
        date_of_birth=patient.date_of_birth,
        account_number=patient.account_number or "",
        phone=format_phone(patient.phone or ""),
    )


class PatientTableModel(QAbstractTableModel):
    def __init__(self, rows: Iterable[PatientRow] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PatientRow] = list(rows)

    def set_rows(self, rows: Iterable[PatientRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> Sequence[PatientRow]:
        return tuple(self._rows)

    def key_at(self, row: int) -> str | None:
        return self._rows[row].key if 0 <= row < len(self._rows) else None

    def row_of(self, key: str) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row.key == key), None)

    # QAbstractTableModel -----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> Any:
        if role not in _ANSWERED_ROLES or not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == DISPLAY_ROLE:
            if column == COL_NAME:
                return row.name
            if column == COL_DATE_OF_BIRTH:
                return row.date_of_birth.strftime("%m/%d/%Y")
            if column == COL_ACCOUNT:
                return row.account_number
            if column == COL_PHONE:
                return row.phone
        elif role == USER_ROLE:
            # Raw values, so sorting compares dates and folded names rather than display text.
            if column == COL_NAME:
                return row.sort_name
            if column == COL_DATE_OF_BIRTH:
                return row.date_of_birth.isoformat()
            if column == COL_ACCOUNT:
                return row.account_number
            if column == COL_PHONE:
                return row.phone
        elif role == KeyRole:
            return row.key
        elif role == TOOL_TIP_ROLE and column == COL_NAME:
            return f"{row.name}, born {row.date_of_birth.strftime('%m/%d/%Y')}, account {row.account_number}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE) -> Any:
        """The column titles, for screen readers, which ask the view's model. The patients list's header
        draws them from a model of its own (see PatientsPage), so the first frame never calls this."""
        from PySide6.QtCore import Qt  # passing the orientation has built it already (app.ui.first_frame)

        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == DISPLAY_ROLE and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    # flags(): QAbstractTableModel's own, enabled and selectable cells that have no children.

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        """Sort by a column, ascending unless told otherwise (Qt always says which)."""
        from PySide6.QtCore import Qt

        if not 0 <= column < len(HEADERS):
            return
        field = {
            COL_NAME: "sort_name",
            COL_DATE_OF_BIRTH: "date_of_birth",
            COL_ACCOUNT: "account_number",
            COL_PHONE: "phone",
        }[column]
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        keys = [self._rows[i.row()].key for i in before]
        self._rows.sort(
            key=lambda row: (getattr(row, field), row.sort_name),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        position = {row.key: i for i, row in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [self.index(position[key], i.column()) for key, i in zip(keys, before, strict=True)]
        )
        self.layoutChanged.emit()
