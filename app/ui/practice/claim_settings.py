"""Settings, Superbills and data, Red claim forms: the printer offset, calibrated from a test page.

Print the test page at actual size, lay it on a red form against the light, and type how far the
marks must move, in inches (right and down; negative is left and up). Saved with the settings and
used for every red form (`superbill cms1500 --set-offset` does the same on the command line).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ValidationError
from app.services.claims import claim_offset, parse_inches, test_page_for
from app.services.errors import StoreUnavailable
from app.services.workspace import Workspace
from app.ui.superbills.pdf_preview import PdfPreviewDialog
from app.ui.widgets.record_form import show_store_problem

RIGHT, DOWN = "claim_offset.right", "claim_offset.down"


class ClaimFormsGroup(QGroupBox):
    """The test page button and the two distances, in inches."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Red claim forms", parent)
        self.workspace = workspace
        self.preview: PdfPreviewDialog | None = None
        layout = QVBoxLayout(self)
        how = QLabel(
            "Print the test page at actual size and lay it on a red form against the light: each mark "
            "(+1, +21, +24, +33) should sit at the top left of its box. Type how far the marks must "
            "move, in inches (negative: left or up), then Save.",
            self,
        )
        how.setWordWrap(True)
        self.testPageButton = QPushButton("Print &test page…", self)
        self.testPageButton.setAutoDefault(False)
        self.rightEdit = QLineEdit(self)
        self.downEdit = QLineEdit(self)
        right, down = claim_offset(workspace)
        self._saved = (right, down)
        form = QFormLayout()
        for edit, text, value in (
            (self.rightEdit, "Move &right:", right),
            (self.downEdit, "Move do&wn:", down),
        ):
            edit.setText(f"{value / 100:.2f}")
            edit.setPlaceholderText("0.00")
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("-0.000") * 2)
            label = QLabel(text, self)
            label.setBuddy(edit)
            form.addRow(label, _with_unit(edit, self))
        row = QHBoxLayout()
        row.addLayout(form)
        row.addStretch(1)
        row.addWidget(self.testPageButton, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(how)
        layout.addLayout(row)
        self.testPageButton.clicked.connect(self.print_test_page)

    def tab_order(self) -> list[QWidget]:
        return [self.testPageButton, self.rightEdit, self.downEdit]

    def offset(self) -> tuple[int, int]:
        """The typed distances in hundredths of an inch; ValidationError naming the box."""
        right = parse_inches(self.rightEdit.text(), RIGHT)
        down = parse_inches(self.downEdit.text(), DOWN)
        for value, field in ((right, RIGHT), (down, DOWN)):
            if not -100 <= value <= 100:
                raise ValidationError(field, "Each distance must be within 1 inch (-1.00 to 1.00).")
        return right, down

    def is_dirty(self) -> bool:
        try:
            return self.offset() != self._saved
        except ValidationError:
            return True

    def focus(self, field: str) -> None:
        edit = self.rightEdit if field == RIGHT else self.downEdit
        edit.setFocus()
        edit.selectAll()

    def mark_saved(self, offset: tuple[int, int]) -> None:
        self._saved = offset

    def print_test_page(self) -> None:
        """The test page at the distances typed (saved or not), in the preview to print."""
        try:
            pdf = test_page_for(self.workspace, self.offset())
        except ValidationError as error:
            QMessageBox.warning(self, "Not a distance", error.message)
            self.focus(error.field)
            return
        except StoreUnavailable as error:
            show_store_problem(self, error)
            return
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = PdfPreviewDialog(
            pdf, "Claim form test page.pdf", self, data_folder=self.workspace.data_dir
        )
        self.preview.open()


def _with_unit(edit: QLineEdit, parent: QWidget) -> QWidget:
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit)
    layout.addWidget(QLabel("inches", row))
    layout.addStretch(1)
    return row
