"""The superbill dialog (Ctrl+P): choose what a patient's superbill covers, see what blocks it, issue or draft it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QDialog, QListWidgetItem, QMessageBox, QStyle, QWidget

from app.domain.check import Finding, Severity
from app.domain.dates import us_date
from app.domain.errors import ValidationError
from app.domain.money import format_money
from app.domain.words import plural
from app.services import patients, periods
from app.services.errors import RecordNotFound, StoreUnavailable
from app.services.superbill_choice import (
    Choice,
    Period,
    SuperbillRefused,
    VisitOption,
    issue,
    judge,
    unbilled,
    upcoming_number,
    visit_options,
)
from app.services.workspace import Workspace
from app.ui import icons
from app.ui.forms.ui_superbill_dialog import Ui_SuperbillDialog
from app.ui.superbills.pdf_preview import PdfPreviewDialog
from app.ui.widgets.fit import fit_dialog
from app.ui.widgets.record_form import ask_to_issue

# The entries of the dates-of-service list, in order.
UNBILLED, THIS_MONTH, LAST_MONTH, THIS_YEAR, CUSTOM = range(5)

ERROR_COLOUR = QColor("#b3261e")  # red: must be fixed before a final superbill
WARNING_COLOUR = QColor("#8a5300")  # amber, dark enough to read on white
READY_COLOUR = QColor("#1b6e3a")


class SuperbillDialog(QDialog):
    """One patient's superbill: one visit or a date range; Issue (numbered, recorded) or Draft; then a preview."""

    issued = Signal(str)  # the statement number of a superbill just issued

    def __init__(
        self, workspace: Workspace, patient_key: str, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.patient_key = patient_key
        self.today = today or date.today()
        self.choice: Choice | None = None
        self._unbilled: Period | None = None
        self.preview: PdfPreviewDialog | None = None
        self.ui = Ui_SuperbillDialog()
        self.ui.setupUi(self)
        icons.put_icons(
            {
                self.ui.issueButton: icons.ISSUE,
                self.ui.draftButton: icons.DRAFT,
                self.ui.closeButton: icons.CANCEL,
            }
        )
        self._options: list[VisitOption] = []
        self._style()
        self._fill_choices()
        self._connect()
        self._choose_default()  # shows what the default choice covers
        # Arrow keys then change the choice at once; Enter issues (the default button).
        (self.ui.visitCombo if self.ui.oneVisitRadio.isChecked() else self.ui.rangeCombo).setFocus()
        fit_dialog(self)

    # Building ----------------------------------------------------------------------------------

    def _style(self) -> None:
        heading = self.ui.headingLabel.font()
        heading.setPointSizeF(heading.pointSizeF() * 1.35)
        heading.setBold(True)
        self.ui.headingLabel.setFont(heading)
        for label in (self.ui.chargesValue, self.ui.balanceValue):
            bold = label.font()
            bold.setBold(True)
            label.setFont(bold)
        self.ui.findingsList.setMinimumHeight(self.fontMetrics().height() * 7)
        side = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) + 4
        self.ui.findingsList.setIconSize(QSize(side, side))
        self.ui.visitCombo.setMinimumContentsLength(34)
        self.ui.visitCombo.setSizeAdjustPolicy(
            self.ui.visitCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.ui.fromDate.configure("From date", today=self.today, years="near", required=True)
        self.ui.toDate.configure("To date", today=self.today, years="near", required=True)
        self._paint(self.ui.sameDayNote, WARNING_COLOUR)

    def _fill_choices(self) -> None:
        patient = patients.patient(self.workspace, self.patient_key)
        name = patient.full_name if patient else "this patient"
        self._last_name = patient.last_name if patient else "patient"
        self.setWindowTitle(f"Superbill - {name}")
        self.ui.headingLabel.setText(f"Superbill for {name}")
        try:
            self._options = visit_options(self.workspace, self.patient_key, self.today)
        except RecordNotFound:
            self._options = []
        except StoreUnavailable as error:
            self._options = []
            QMessageBox.warning(self, "The practice records cannot be read", error.message)
        combo = self.ui.visitCombo
        for option in self._options:
            combo.addItem(self._visit_label(option), option.key)
        if not self._options:
            combo.addItem("No visits recorded yet")
            self.ui.oneVisitRadio.setEnabled(False)
        today = self.today
        labels = {
            UNBILLED: self._unbilled_label(),
            THIS_MONTH: f"This month ({today:%B %Y})",
            LAST_MONTH: f"Last month ({periods.last_month(today).first:%B %Y})",
            THIS_YEAR: f"This year ({today.year})",
            CUSTOM: "Dates I choose",
        }
        for index in (UNBILLED, THIS_MONTH, LAST_MONTH, THIS_YEAR, CUSTOM):
            self.ui.rangeCombo.addItem(labels[index])

    def _unbilled_label(self) -> str:
        """ "Not yet billed (2 visits)", counted again after each superbill issued."""
        try:
            self._unbilled = unbilled(self.workspace, self.patient_key, self.today)
        except StoreUnavailable:
            self._unbilled = None
        count = len(self._unbilled.visits or ()) if self._unbilled else 0
        return f"Not yet billed ({plural(count, 'visit')})"

    @staticmethod
    def _visit_label(option: VisitOption) -> str:
        codes = ", ".join(dict.fromkeys(option.procedures)) or "no services"
        label = f"{us_date(option.date)}   {codes}   {format_money(option.charges)}"
        if option.same_day > 1:
            label += f"   ({option.same_day} visits this day)"
        return label

    def _connect(self) -> None:
        self.ui.oneVisitRadio.toggled.connect(self._mode_changed)
        self.ui.visitCombo.currentIndexChanged.connect(self.refresh)
        self.ui.rangeCombo.currentIndexChanged.connect(self._range_chosen)
        # Every change of the text: what the summary says follows a date being typed, not only whole ones.
        self.ui.fromDate.textChanged.connect(self._dates_typed)
        self.ui.toDate.textChanged.connect(self._dates_typed)
        self.ui.issueButton.clicked.connect(self.issue_final)
        self.ui.draftButton.clicked.connect(self.issue_draft)

    def _choose_default(self) -> None:
        """The visits not yet billed when there are any (what is issued next, last month's
        included); else this month when it has visits; else the newest visit."""
        this_month = periods.this_month(self.today)
        unbilled = self._unbilled is not None and bool(self._unbilled.visits)
        if not unbilled and self._options and not any(this_month.holds(o.date) for o in self._options):
            self.ui.oneVisitRadio.setChecked(True)
        choice = UNBILLED if unbilled else THIS_MONTH
        self.ui.rangeCombo.blockSignals(True)
        self.ui.rangeCombo.setCurrentIndex(choice)
        self.ui.rangeCombo.blockSignals(False)
        self._set_range_dates(choice)
        self._mode_changed()

    # Choosing ----------------------------------------------------------------------------------

    def choose_visit(self, visit_key: str) -> None:
        """Make the superbill for one visit (the patient view can open the dialog this way)."""
        index = self.ui.visitCombo.findData(visit_key)
        if index >= 0:
            self.ui.visitCombo.setCurrentIndex(index)
            self.ui.oneVisitRadio.setChecked(True)

    def choose_unbilled(self) -> None:
        """The visits not yet billed (the needs-attention list opens the dialog this way)."""
        self.choose_range(UNBILLED)
        self.ui.rangeCombo.setFocus()

    def choose_range(self, which: int) -> None:
        """UNBILLED, THIS_MONTH, LAST_MONTH, THIS_YEAR or CUSTOM."""
        self.ui.rangeRadio.setChecked(True)
        self.ui.rangeCombo.setCurrentIndex(which)

    def choose_dates(self, first: date, last: date) -> None:
        self.ui.rangeRadio.setChecked(True)
        self.ui.fromDate.set_date(first)
        self.ui.toDate.set_date(last)

    def _mode_changed(self) -> None:
        one_visit = self.ui.oneVisitRadio.isChecked()
        self.ui.visitCombo.setEnabled(one_visit and bool(self._options))
        for widget in (
            self.ui.rangeCombo,
            self.ui.fromDate,
            self.ui.toDate,
            self.ui.fromLabel,
            self.ui.toLabel,
        ):
            widget.setEnabled(not one_visit)
        self.refresh()

    def _range_chosen(self, index: int) -> None:
        self._set_range_dates(index)
        self.refresh()

    def _set_range_dates(self, index: int) -> None:
        preset = {
            THIS_MONTH: periods.this_month,
            LAST_MONTH: periods.last_month,
            THIS_YEAR: periods.this_year,
        }
        period = (
            self._unbilled if index == UNBILLED else preset[index](self.today) if index in preset else None
        )
        if period is not None:
            assert period.first is not None and period.last is not None
            for field, day in ((self.ui.fromDate, period.first), (self.ui.toDate, period.last)):
                field.blockSignals(True)
                field.set_date(day)
                field.blockSignals(False)

    def _dates_typed(self) -> None:
        # Typed dates are a range of their own: say so rather than keep showing "This month".
        if self.ui.rangeCombo.currentIndex() != CUSTOM:
            self.ui.rangeCombo.blockSignals(True)
            self.ui.rangeCombo.setCurrentIndex(CUSTOM)
            self.ui.rangeCombo.blockSignals(False)
        self.refresh()

    def chosen_visit(self) -> VisitOption | None:
        key = self.ui.visitCombo.currentData()
        return next((o for o in self._options if o.key == key), None)

    def period(self) -> Period | None:
        """The dates of service chosen; None when the choice is not usable (the reason is shown)."""
        if self.ui.oneVisitRadio.isChecked():
            visit = self.chosen_visit()
            return periods.one_day(visit.date) if visit else None
        if self.ui.rangeCombo.currentIndex() == UNBILLED:
            return self._unbilled
        first, last = self.ui.fromDate.understood(), self.ui.toDate.understood()
        if first is None or last is None or first > last:
            return None
        return Period(first, last)

    # Showing what the choice gives -------------------------------------------------------------

    def refresh(self) -> None:
        """Recount the visits and money and rerun the check for the current choice."""
        self.choice = None
        period = self.period()
        problem = self._no_choice_reason() if period is None else None
        if period is not None:
            try:
                self.choice = judge(self.workspace, self.patient_key, period, self.today)
            except ValidationError as error:
                problem = self._validation_reason(error, period)
            except StoreUnavailable as error:
                problem = error.message
            except RecordNotFound:
                problem = "This patient is no longer in the practice's records."
        self._show_same_day_note()
        if self.choice is None:
            self._show_nothing(problem or "")
        else:
            self._show_choice(self.choice)

    def _no_choice_reason(self) -> str:
        if self.ui.oneVisitRadio.isChecked():
            return "This patient has no visits yet: add one first (New visit, Ctrl+N)."
        if self.ui.rangeCombo.currentIndex() == UNBILLED:
            return "Every visit of this patient is billed already, on a superbill or a claim: choose other dates to draft another."
        for field in (self.ui.fromDate, self.ui.toDate):
            problem = field.problem()
            if problem is not None:
                return problem
        return "The first date is after the last date: change one of them."

    @staticmethod
    def _validation_reason(error: ValidationError, period: Period) -> str:
        if error.field == "practitioner":
            return "The practice has no provider yet: fill in the practice profile (Settings) first."
        if error.field.startswith("--") and period.first is not None and period.last is not None:
            if period.first == period.last:
                return f"No visits on {us_date(period.first)}: choose another visit or other dates."
            return f"No visits from {us_date(period.first)} to {us_date(period.last)}: choose other dates."
        return error.message

    def _show_same_day_note(self) -> None:
        visit = self.chosen_visit() if self.ui.oneVisitRadio.isChecked() else None
        if visit is not None and visit.same_day > 1:
            others = visit.same_day - 1
            self.ui.sameDayNote.setText(
                f"{plural(others, 'other visit')} on {us_date(visit.date)} will be on this superbill too: "
                "a superbill covers whole days of service."
            )
            self.ui.sameDayNote.show()
        else:
            self.ui.sameDayNote.hide()

    def _show_nothing(self, reason: str) -> None:
        for label in (self.ui.visitsValue, self.ui.chargesValue, self.ui.paymentsValue, self.ui.balanceValue):
            label.setText("-")
        self.ui.findingsList.clear()
        self.ui.findingsSummary.setText(reason)
        self._paint(self.ui.findingsSummary, ERROR_COLOUR)
        self.ui.issuedNote.hide()
        self._set_reason("Nothing to put on a superbill.", ERROR_COLOUR)
        self.ui.issueButton.setEnabled(False)
        self.ui.draftButton.setEnabled(False)

    def _show_choice(self, choice: Choice) -> None:
        span = (
            us_date(choice.first)
            if choice.first == choice.last
            else f"{us_date(choice.first)} to {us_date(choice.last)}"
        )
        self.ui.visitsValue.setText(f"{choice.visit_count}   ({span})")
        self.ui.chargesValue.setText(format_money(choice.charges))
        self.ui.paymentsValue.setText(format_money(choice.payments))
        balance = format_money(max(choice.balance, 0))
        if choice.paid_in_full:
            balance += "   Paid in full"
        elif choice.balance < 0:
            balance += f"   (overpaid by {format_money(-choice.balance)})"
        self.ui.balanceValue.setText(balance)
        self._show_findings(choice)
        self._show_already_issued(choice)
        errors = len(choice.errors)
        self.ui.issueButton.setEnabled(errors == 0)
        self.ui.draftButton.setEnabled(True)
        if errors:
            self._set_reason(f"Fix {plural(errors, 'problem')} to issue a final superbill.", ERROR_COLOUR)
        else:
            self._set_reason("", READY_COLOUR)

    def _show_findings(self, choice: Choice) -> None:
        listing = self.ui.findingsList
        listing.clear()
        style = self.style()
        for finding in choice.findings:
            listing.addItem(self._finding_item(finding, style))
        errors, warnings = len(choice.errors), len(choice.warnings)
        if not choice.findings:
            summary, colour = "Ready to issue.", READY_COLOUR
        elif errors:
            summary = f"{plural(errors, 'problem')} to fix"
            summary += f", and {plural(warnings, 'thing')} to look at." if warnings else "."
            colour = ERROR_COLOUR
        else:
            summary = f"Ready to issue. {plural(warnings, 'thing')} to look at first:"
            colour = WARNING_COLOUR
        if not choice.findings:
            listing.addItem(self._nothing_to_fix_item(style))
        self.ui.findingsSummary.setText(summary)
        self._paint(self.ui.findingsSummary, colour)

    @staticmethod
    def _finding_item(finding: Finding, style: QStyle) -> QListWidgetItem:
        is_error = finding.severity is Severity.ERROR
        icon = style.standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if is_error
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        word = "Must fix" if is_error else "Check"
        item = QListWidgetItem(icon, f"{word}: {finding.message}")
        item.setForeground(QBrush(ERROR_COLOUR if is_error else WARNING_COLOUR))
        item.setData(Qt.ItemDataRole.UserRole, finding.field)
        item.setToolTip(finding.message)
        if is_error:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        return item

    @staticmethod
    def _nothing_to_fix_item(style: QStyle) -> QListWidgetItem:
        icon = style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        item = QListWidgetItem(icon, "Nothing to fix: the check found everything an insurer asks for.")
        item.setForeground(QBrush(READY_COLOUR))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _show_already_issued(self, choice: Choice) -> None:
        if not choice.already_issued and not choice.already_claimed:
            self.ui.issuedNote.hide()
            return
        if choice.visit_count == 1:
            some = "This visit is"
        elif 0 < choice.billed_visits < choice.visit_count:
            some = f"{choice.billed_visits} of these {choice.visit_count} visits {'is' if choice.billed_visits == 1 else 'are'}"
        else:
            some = "These visits are"
        on, how = [], []
        if choice.already_issued:
            numbers = ", ".join(f"{s.number} (issued {us_date(s.issued_on)})" for s in choice.already_issued)
            on.append(f"superbill {numbers}")
            how.append(
                "to hand over the same superbill again, reprint it from the patient's superbills; to correct "
                "it, reissue it there"
            )
        if choice.already_claimed:
            claims = ", ".join(
                f"{c.number} (issued {us_date(c.issued_on)}, for {', '.join(us_date(d) for d in dates)})"
                for c, dates in choice.already_claimed
            )
            on.append(f"claim {claims}")
            how.append("to correct a claim, send a claim that replaces it (Claim form…)")
        self.ui.issuedNote.setText(
            f"{some} already on {' and '.join(on)}. Each visit is billed once: {'; '.join(how)}."
        )
        self.ui.issuedNote.show()

    def _set_reason(self, text: str, colour: QColor) -> None:
        self.ui.reasonLabel.setText(text)
        self._paint(self.ui.reasonLabel, colour)

    @staticmethod
    def _paint(label: QWidget, colour: QColor) -> None:
        palette = label.palette()
        palette.setColor(label.foregroundRole(), colour)
        label.setPalette(palette)

    # Issuing -----------------------------------------------------------------------------------

    def issue_final(self) -> None:
        self._issue(draft=False)

    def issue_draft(self) -> None:
        self._issue(draft=True)

    def _confirmed(self, choice: Choice) -> bool:
        """Asks once, No the default: "Issue SB-2026-0007 for 3 visits, $375.00? It cannot be changed afterwards." """
        number = upcoming_number(self.workspace, self.today)
        return ask_to_issue(
            self,
            "Issue superbill",
            f"Issue {number} for {plural(choice.visit_count, 'visit')}, {format_money(choice.charges)}? "
            "It cannot be changed afterwards.",
        )

    def _issue(self, *, draft: bool) -> None:
        period = self.period()
        if period is None or self.choice is None:
            return
        try:
            if not draft and not self._confirmed(self.choice):
                return
            document = issue(self.workspace, self.patient_key, period, self.today, draft=draft)
        except SuperbillRefused:
            self.refresh()  # something changed since the list was shown; it now shows why
            return
        except ValidationError as error:
            QMessageBox.warning(self, "No superbill made", self._validation_reason(error, period))
            return
        except StoreUnavailable as error:
            QMessageBox.warning(self, "The superbill could not be kept", error.message)
            return
        if document.number is None:
            name = f"Draft superbill {self._last_name} {self.choice.first:%Y-%m-%d}.pdf"
        else:
            name = f"{document.number} {self._last_name}.pdf"
            # Issued: Enter no longer issues another one by accident; it closes the dialog.
            self.ui.issueButton.setAutoDefault(False)
            self.ui.issueButton.setDefault(False)
            self.ui.closeButton.setDefault(True)
            self.issued.emit(document.number)
            self.ui.rangeCombo.setItemText(UNBILLED, self._unbilled_label())
            if self.ui.rangeCombo.currentIndex() == UNBILLED and period.first and period.last:
                # What was just issued stays in view, as its dates, with the note that it is on the
                # new superbill (the unbilled visits are none now: not an error to show in red).
                self.ui.rangeCombo.blockSignals(True)
                self.ui.rangeCombo.setCurrentIndex(CUSTOM)
                self.ui.rangeCombo.blockSignals(False)
                for field, day in ((self.ui.fromDate, period.first), (self.ui.toDate, period.last)):
                    field.blockSignals(True)
                    field.set_date(day)
                    field.blockSignals(False)
            self.refresh()
        self._open_preview(document.pdf, name)

    def _open_preview(self, pdf: bytes, name: str) -> None:
        # One preview at a time, kept until the next one or until this dialog goes. (WA_DeleteOnClose with
        # a slot that held the preview crashed PySide6 6.12 when the preview was closed at once.)
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview = PdfPreviewDialog(pdf, name, self, data_folder=self.workspace.data_dir)
        self.preview.open()
